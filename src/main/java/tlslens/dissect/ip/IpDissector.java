package tlslens.dissect.ip;

import java.net.InetAddress;
import java.net.UnknownHostException;

import tlslens.dissect.FieldFormat;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.link.LinkDissector;
import tlslens.dissect.udp.UdpDissector;
import tlslens.dissect.udp.UdpFields;
import tlslens.net.Ipv4Addresses;

/**
 * IPv4 and IPv6 down to the transport header. IPv6 extension headers are walked by their own
 * length rules (8-octet units; AH in 4-octet units; Fragment fixed 8); a non-first fragment
 * carries no transport header and stops here.
 */
public final class IpDissector {
    public static final int MAX_TUNNEL_DEPTH = 3;

    /**
     * The transport payload found: protocol number, addresses and the range [offset, end).
     * {@code shownSrc}/{@code shownDst} are the addresses the columns show: the packet's own,
     * which for a quoted packet (inside an ICMP error) are the ICMP packet's, not the quoted ones.
     */
    public record Transport(int protocol, InetAddress src, InetAddress dst, int offset, int end, boolean quoted,
                            InetAddress shownSrc, InetAddress shownDst) {
        Transport(int protocol, InetAddress src, InetAddress dst, int offset, int end) {
            this(protocol, src, dst, offset, end, false, src, dst);
        }

        Transport asQuoted(InetAddress outerSrc, InetAddress outerDst) {
            return new Transport(protocol, src, dst, offset, end, true, outerSrc, outerDst);
        }
    }

    private IpDissector() {}

    /** Dissects the network layer at off; returns null when there is no transport layer to go on with. */
    public static Transport dissect(ProtoNode root, Tvb tvb, int etherType, int off) {
        if (etherType == LinkDissector.ETHERTYPE_IPV4) return ipv4(root, tvb, off);
        if (etherType == LinkDissector.ETHERTYPE_IPV6) return ipv6(root, tvb, off);
        return null;
    }

    static Transport ipv4(ProtoNode root, Tvb tvb, int off) {
        if (!tvb.has(off, 20)) {
            ProtoNode ip = root.addValue(IpFields.IP, tvb, off, tvb.end - off, null);
            ip.malformed(tvb, off, tvb.end - off, "IPv4 header truncated");
            return null;
        }
        int hl = (tvb.u8(off) & 0x0f) * 4;
        int totalLen = tvb.u16(off + 2);
        ProtoNode ip = root.addValue(IpFields.IP, tvb, off, Math.max(20, hl), null);
        InetAddress src = Ipv4Addresses.of((int) tvb.uint(off + 12, 4));
        InetAddress dst = Ipv4Addresses.of((int) tvb.uint(off + 16, 4));
        ip.setText(() -> "Internet Protocol Version 4, Src: " + FieldFormat.address(src) + ", Dst: " + FieldFormat.address(dst));
        // A sparse tree that keeps no IP field leaves every item of the 20 bytes out (none truncated).
        if (ip.keepsAnyOf(IpFields.IP)) ipv4Items(ip, tvb, off, hl);
        if (hl < 20) {
            ip.malformed(tvb, off, 1, "Bogus IPv4 header length (" + hl + ", must be at least 20)");
            return null;
        }
        // A zero total length is what TSO captures show; trust the frame then.
        int end = totalLen == 0 ? tvb.end : Math.min(tvb.end, off + totalLen);
        if (totalLen != 0 && off + totalLen > tvb.end) {
            ip.expert(IpFields.TOTAL_LENGTH_EXCEEDS_CAPTURE.note("IPv4 total length " + totalLen + " exceeds the captured data"));
        }
        int fragOffset = tvb.u16(off + 6) & 0x1fff;
        if (fragOffset != 0) return null;
        return transport(root, tvb, tvb.u8(off + 9), src, dst, off + hl, end);
    }

    /** The items of an IPv4 header of at least 20 bytes, up to the addresses. */
    private static void ipv4Items(ProtoNode ip, Tvb tvb, int off, int hl) {
        ip.add(IpFields.IP_VERSION, tvb, off, 1);
        ip.add(IpFields.IP_HDR_LEN, tvb, off, 1)
                .setText(() -> FieldFormatBits.nibbleLow(tvb.u8(off)) + " = Header Length: " + hl + " bytes (" + hl / 4 + ")");
        int ds = tvb.u8(off + 1);
        ProtoNode dsNode = ip.add(IpFields.IP_DSFIELD, tvb, off + 1, 1);
        dsNode.setText(() -> dsNode.fieldLabel() + dsSummary(ds));
        if (!ip.summaryOnly()) {
            dsNode.add(IpFields.IP_DSCP, tvb, off + 1, 1);
            dsNode.add(IpFields.IP_ECN, tvb, off + 1, 1);
        }
        ip.add(IpFields.IP_LEN, tvb, off + 2, 2);
        ip.add(IpFields.IP_ID, tvb, off + 4, 2);
        ProtoNode flags = ip.add(IpFields.IP_FLAGS, tvb, off + 6, 1);
        int f = tvb.u8(off + 6) >> 5;
        // "Flags: 0x2, Don't fragment": the set flags named after the value, as tshark words it.
        flags.setText(() -> flags.fieldLabel() + ((f & 4) != 0 ? ", Reserved bit" : "")
                + ((f & 2) != 0 ? ", Don't fragment" : "") + ((f & 1) != 0 ? ", More fragments" : ""));
        if (!ip.summaryOnly()) flags.add(IpFields.IP_FLAGS_RB, tvb, off + 6, 1);
        flags.add(IpFields.IP_FLAGS_DF, tvb, off + 6, 1);
        flags.add(IpFields.IP_FLAGS_MF, tvb, off + 6, 1);
        ip.add(IpFields.IP_FRAG_OFFSET, tvb, off + 6, 2);
        ip.add(IpFields.IP_TTL, tvb, off + 8, 1);
        ip.add(IpFields.IP_PROTO, tvb, off + 9, 1);
        ProtoNode sum = ip.add(IpFields.IP_CHECKSUM, tvb, off + 10, 2);
        sum.setText(() -> sum.fieldLabel() + " [validation disabled]");
        if (!ip.summaryOnly()) {
            ip.addGenerated(IpFields.IP_CHECKSUM_STATUS, tlslens.dissect.Checksums.UNVERIFIED, "Header checksum status: Unverified");
        }
        ip.add(IpFields.IP_SRC, tvb, off + 12, 4);
        ip.add(IpFields.IP_ADDR, tvb, off + 12, 4).setHidden(true);
        ip.add(IpFields.IP_DST, tvb, off + 16, 4);
        ip.add(IpFields.IP_ADDR, tvb, off + 16, 4).setHidden(true);
    }

    /** " (DSCP: CS0, ECN: Not-ECT)" after a DS field or traffic class, as tshark sums it up. */
    private static String dsSummary(int ds) {
        String dscp = IpFields.dscpShort(ds >> 2);
        return " (DSCP: " + (dscp == null ? "Unknown" : dscp) + ", ECN: " + IpFields.ecnShort(ds & 3) + ")";
    }

    /** An interface identifier made from a MAC (EUI-64: ff:fe in the middle, U/L bit flipped). */
    private static void slaacMac(ProtoNode ip, tlslens.dissect.FieldDef f, Tvb tvb, int addr) {
        if (tvb.u8(addr + 11) != 0xff || tvb.u8(addr + 12) != 0xfe) return;
        byte[] mac = {(byte) (tvb.u8(addr + 8) ^ 0x02), (byte) tvb.u8(addr + 9), (byte) tvb.u8(addr + 10),
                (byte) tvb.u8(addr + 13), (byte) tvb.u8(addr + 14), (byte) tvb.u8(addr + 15)};
        ip.addValue(f, tvb, addr + 8, 8, mac, f.name + ": " + FieldFormat.ether(mac)).setGenerated(true);
    }

    static Transport ipv6(ProtoNode root, Tvb tvb, int off) {
        if (!tvb.has(off, 40)) {
            ProtoNode ip = root.addValue(IpFields.IPV6, tvb, off, tvb.end - off, null);
            ip.malformed(tvb, off, tvb.end - off, "IPv6 header truncated");
            return null;
        }
        ProtoNode ip = root.addValue(IpFields.IPV6, tvb, off, 40, null);
        InetAddress src = addr(tvb.bytes(off + 8, 16));
        InetAddress dst = addr(tvb.bytes(off + 24, 16));
        ip.setText("Internet Protocol Version 6, Src: " + FieldFormat.address(src) + ", Dst: " + FieldFormat.address(dst));
        ip.add(IpFields.IPV6_VERSION, tvb, off, 1);
        ProtoNode tclass = ip.add(IpFields.IPV6_TCLASS, tvb, off, 4);
        int tc = (int) ((tvb.u32(off) >> 20) & 0xff);
        tclass.setText(() -> tclass.fieldLabel() + dsSummary(tc));
        if (!ip.summaryOnly()) {
            tclass.add(IpFields.IPV6_TCLASS_DSCP, tvb, off, 4);
            tclass.add(IpFields.IPV6_TCLASS_ECN, tvb, off, 4);
        }
        ip.add(IpFields.IPV6_FLOW, tvb, off + 1, 3);
        ip.add(IpFields.IPV6_PLEN, tvb, off + 4, 2);
        ip.add(IpFields.IPV6_NXT, tvb, off + 6, 1);
        ip.add(IpFields.IPV6_HLIM, tvb, off + 7, 1);
        ip.add(IpFields.IPV6_SRC, tvb, off + 8, 16);
        ip.add(IpFields.IPV6_ADDR, tvb, off + 8, 16).setHidden(true);
        ip.add(IpFields.IPV6_DST, tvb, off + 24, 16);
        ip.add(IpFields.IPV6_ADDR, tvb, off + 24, 16).setHidden(true);
        slaacMac(ip, IpFields.IPV6_SRC_SLAAC_MAC, tvb, off + 8);
        slaacMac(ip, IpFields.IPV6_DST_SLAAC_MAC, tvb, off + 24);
        int plen = tvb.u16(off + 4);
        int end = plen == 0 ? tvb.end : Math.min(tvb.end, off + 40 + plen);
        int next = tvb.u8(off + 6);
        int p = off + 40;
        // Walk the extension headers; each one is bounded by the payload.
        for (int guard = 0; guard < 16; guard++) {
            int hdrLen;
            switch (next) {
                case 0: case 43: case 60: case 135: case 139: case 140:
                    if (!tvb.has(p, 2) || p + 2 > end) return truncatedExt(ip, tvb, p, end);
                    hdrLen = (tvb.u8(p + 1) + 1) * 8;
                    break;
                case 51:
                    if (!tvb.has(p, 2) || p + 2 > end) return truncatedExt(ip, tvb, p, end);
                    hdrLen = (tvb.u8(p + 1) + 2) * 4;
                    break;
                case 44:
                    hdrLen = 8;
                    break;
                default:
                    return transport(root, tvb, next, src, dst, p, end);
            }
            if (p + hdrLen > end) return truncatedExt(ip, tvb, p, end);
            ProtoNode ext = ip.addValue(IpFields.IPV6_EXT, tvb, p, hdrLen, null,
                    IpFields.protocolName(next) == null ? "Extension Header" : IpFields.protocolName(next));
            ext.add(IpFields.IPV6_EXT_NXT, tvb, p, 1);
            if (next != 44) ext.add(IpFields.IPV6_EXT_LEN, tvb, p + 1, 1);
            if (next == 44) {
                ext.add(IpFields.IPV6_FRAG_OFFSET, tvb, p + 2, 2);
                ext.add(IpFields.IPV6_FRAG_MORE, tvb, p + 2, 2);
                if ((tvb.u16(p + 2) & 0xfff8) != 0) return null; // not the first fragment
            }
            next = tvb.u8(p);
            p += hdrLen;
        }
        ip.expert(IpFields.TOO_MANY_EXTENSION_HEADERS.note());
        return null;
    }

    private static Transport truncatedExt(ProtoNode ip, Tvb tvb, int p, int end) {
        ip.malformed(tvb, p, end - p, "IPv6 extension header runs past the payload");
        return null;
    }

    /** UDP's header is added here to reach GTP-U tunnels (port 2152); the engine numbers its conversation. */
    private static Transport transport(ProtoNode root, Tvb tvb, int proto, InetAddress src, InetAddress dst, int off, int end) {
        if ((proto == 1 || proto == 58) && tvb.has(off, 8) && off + 8 <= end && depth(root) < MAX_TUNNEL_DEPTH) {
            return icmpError(root, tvb.slice(tvb.start, end), proto, src, dst, off, end);
        }
        if (proto == 17 && tvb.has(off, 8) && off + 8 <= end) {
            Tvb t = tvb.slice(tvb.start, end);
            int sport = t.u16(off), dport = t.u16(off + 2);
            UdpDissector.header(root, t, off);
            if ((sport == 2152 || dport == 2152) && depth(root) < MAX_TUNNEL_DEPTH) return gtpu(root, t, off + 8, end);
            return new Transport(17, src, dst, off + 8, end);
        }
        return new Transport(proto, src, dst, off, end);
    }

    /**
     * ICMP errors quote the start of the packet that caused them; like Wireshark we decode the
     * quoted headers so the error is tied to its TCP connection (the result is marked quoted).
     */
    private static Transport icmpError(ProtoNode root, Tvb tvb, int proto, InetAddress src, InetAddress dst, int off, int end) {
        int type = tvb.u8(off);
        boolean v6 = proto == 58;
        ProtoNode icmp = root.addValue(v6 ? IpFields.ICMPV6 : IpFields.ICMP, tvb, off, end - off, null);
        icmp.add(v6 ? IpFields.ICMPV6_TYPE : IpFields.ICMP_TYPE, tvb, off, 1);
        icmp.add(v6 ? IpFields.ICMPV6_CODE : IpFields.ICMP_CODE, tvb, off + 1, 1);
        icmp.add(IpFields.ICMP_CHECKSUM, tvb, off + 2, 2);
        boolean error = v6 ? type >= 1 && type <= 4 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
        if (!error) return new Transport(proto, src, dst, off, end);
        int inner = off + 8;
        int version = tvb.u8(inner) >> 4;
        Transport t = version == 4 ? ipv4(icmp, tvb, inner) : version == 6 ? ipv6(icmp, tvb, inner) : null;
        return t == null ? new Transport(proto, src, dst, off, end, true, src, dst) : t.asQuoted(src, dst);
    }

    /** GTP-U (3GPP TS 29.281) carrying an inner IP packet. */
    private static Transport gtpu(ProtoNode root, Tvb tvb, int off, int end) {
        if (!tvb.has(off, 8)) return null;
        int flags = tvb.u8(off);
        if ((flags >> 5) != 1 || tvb.u8(off + 1) != 0xff) return null;
        int hl = 8;
        if ((flags & 0x07) != 0) {
            hl = 12;
            // Walk extension headers (length in 4-octet units, next type in the last octet).
            int nextExt = tvb.u8(off + 11);
            int p = off + 12;
            while ((flags & 0x04) != 0 && nextExt != 0 && tvb.has(p, 1)) {
                int len = tvb.u8(p) * 4;
                if (len == 0 || p + len > end) return null;
                nextExt = tvb.u8(p + len - 1);
                p += len;
            }
            hl = p - off;
        }
        ProtoNode gtp = root.addValue(IpFields.GTP, tvb, off, hl, null, "GPRS Tunneling Protocol");
        gtp.add(IpFields.GTP_FLAGS, tvb, off, 1);
        gtp.add(IpFields.GTP_MESSAGE, tvb, off + 1, 1);
        gtp.add(IpFields.GTP_LENGTH, tvb, off + 2, 2);
        gtp.add(IpFields.GTP_TEID, tvb, off + 4, 4);
        int inner = off + hl;
        Tvb t = tvb.slice(tvb.start, end);
        int v = t.u8(inner) >> 4;
        if (v == 4) return ipv4(root, t, inner);
        if (v == 6) return ipv6(root, t, inner);
        return null;
    }

    private static int depth(ProtoNode root) {
        int n = 0;
        for (ProtoNode c : root.children()) {
            if (c.field == UdpFields.UDP || c.field == IpFields.ICMP || c.field == IpFields.ICMPV6) n++;
        }
        return n;
    }

    private static InetAddress addr(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
