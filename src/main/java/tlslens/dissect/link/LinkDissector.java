package tlslens.dissect.link;

import tlslens.dissect.FieldFormat;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * Decodes the link layer of the types libpcap writes for the interfaces people capture on
 * (Ethernet, Linux cooked v1/v2 from "any", BSD loopback, raw IP, PPP) down to the network layer.
 */
public final class LinkDissector {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;

    /** Where the network layer starts and what it is (an EtherType), or etherType -1 when unknown. */
    public record Next(int etherType, int offset) {}

    private LinkDissector() {}

    public static Next dissect(ProtoNode root, Tvb tvb, int linkType) {
        switch (linkType) {
            case 1: return ethernet(root, tvb, 0);
            case 113: return sll(root, tvb);
            case 276: return sll2(root, tvb);
            case 0: case 108: return bsdNull(root, tvb, linkType);
            case 101: case 12: case 14: {
                root.addValue(LinkFields.RAW, tvb, 0, tvb.end, null); // tshark's "Raw packet data" line
                return raw(tvb, 0);
            }
            case 228: return new Next(ETHERTYPE_IPV4, 0);
            case 229: return new Next(ETHERTYPE_IPV6, 0);
            case 9: return ppp(root, tvb);
            default: return new Next(-1, 0);
        }
    }

    /** Under Destination and Source, as tshark: the address again and its LG and IG bits. */
    private static void address(ProtoNode n, Tvb tvb, int off) {
        n.add(LinkFields.ETH_ADDR, tvb, off, 6);
        if (n.summaryOnly()) return;
        n.add(LinkFields.ETH_LG, tvb, off, 3);
        n.add(LinkFields.ETH_IG, tvb, off, 3);
    }

    static Next ethernet(ProtoNode root, Tvb tvb, int off) {
        if (!tvb.has(off, 14)) {
            ProtoNode eth = root.addValue(LinkFields.ETH, tvb, off, tvb.end - off, null);
            eth.malformed(tvb, off, tvb.end - off, "Ethernet header truncated");
            return new Next(-1, off);
        }
        ProtoNode eth = root.addValue(LinkFields.ETH, tvb, off, 14, null);
        int at = off;
        eth.setText(() -> "Ethernet II, Src: " + FieldFormat.ether(tvb.bytes(at + 6, 6)) + ", Dst: "
                + FieldFormat.ether(tvb.bytes(at, 6)));
        if (eth.keepsAnyOf(LinkFields.ETH)) { // else a sparse tree leaves each item of the 14 bytes out
            address(eth.add(LinkFields.ETH_DST, tvb, off, 6), tvb, off);
            address(eth.add(LinkFields.ETH_SRC, tvb, off + 6, 6), tvb, off + 6);
            eth.add(LinkFields.ETH_TYPE, tvb, off + 12, 2);
        }
        int type = tvb.u16(off + 12);
        off += 14;
        // 802.1Q / Q-in-Q tags, as many as there are.
        while ((type == 0x8100 || type == 0x88a8) && tvb.has(off, 4)) {
            ProtoNode vlan = root.addValue(LinkFields.VLAN, tvb, off, 4, null);
            vlan.setText("802.1Q Virtual LAN, ID: " + (tvb.u16(off) & 0x0fff));
            vlan.add(LinkFields.VLAN_ID, tvb, off, 2);
            vlan.add(LinkFields.VLAN_ETYPE, tvb, off + 2, 2);
            type = tvb.u16(off + 2);
            off += 4;
        }
        return new Next(type, off);
    }

    private static Next sll(ProtoNode root, Tvb tvb) {
        if (!tvb.has(0, 16)) return truncated(root, tvb, "Linux cooked header truncated");
        ProtoNode sll = root.addValue(LinkFields.SLL, tvb, 0, 16, null);
        sll.setText("Linux cooked capture v1");
        sll.add(LinkFields.SLL_PKTTYPE, tvb, 0, 2);
        sll.add(LinkFields.SLL_HATYPE, tvb, 2, 2);
        sll.add(LinkFields.SLL_HALEN, tvb, 4, 2);
        int halen = tvb.u16(4);
        if (halen == 6) {
            sll.add(LinkFields.SLL_SRC_ETH, tvb, 6, 6);
            sll.add(LinkFields.SLL_UNUSED, tvb, 12, 2);
        }
        sll.add(LinkFields.SLL_ETYPE, tvb, 14, 2);
        return new Next(tvb.u16(14), 16);
    }

    private static Next sll2(ProtoNode root, Tvb tvb) {
        if (!tvb.has(0, 20)) return truncated(root, tvb, "Linux cooked v2 header truncated");
        ProtoNode sll = root.addValue(LinkFields.SLL, tvb, 0, 20, null);
        sll.setText("Linux cooked capture v2");
        sll.add(LinkFields.SLL_ETYPE, tvb, 0, 2);
        sll.add(LinkFields.SLL_RESERVED, tvb, 2, 2).setHidden(true); // tshark does not show it
        sll.add(LinkFields.SLL_IFINDEX, tvb, 4, 4);
        sll.add(LinkFields.SLL_HATYPE, tvb, 8, 2);
        sll.add(LinkFields.SLL_PKTTYPE, tvb, 10, 1);
        sll.add(LinkFields.SLL_HALEN, tvb, 11, 1);
        if (tvb.u8(11) == 6) {
            sll.add(LinkFields.SLL_SRC_ETH, tvb, 12, 6);
            sll.add(LinkFields.SLL_UNUSED, tvb, 18, 2);
        }
        return new Next(tvb.u16(0), 20);
    }

    private static Next bsdNull(ProtoNode root, Tvb tvb, int linkType) {
        if (!tvb.has(0, 4)) return truncated(root, tvb, "Loopback header truncated");
        ProtoNode n = root.addValue(LinkFields.NULL, tvb, 0, 4, null);
        // DLT_NULL stores the family in the writer's byte order; DLT_LOOP always big-endian.
        long be = tvb.u32(0);
        long family = linkType == 108 || (be & 0xffff0000L) == 0 ? be : tvb.u32le(0);
        n.addValue(LinkFields.NULL_FAMILY, tvb, 0, 4, family);
        if (family == 2) return new Next(ETHERTYPE_IPV4, 4);
        if (family == 24 || family == 28 || family == 30 || family == 10) return new Next(ETHERTYPE_IPV6, 4);
        return new Next(-1, 4);
    }

    private static Next raw(Tvb tvb, int off) {
        int v = tvb.u8(off) >> 4;
        if (v == 4) return new Next(ETHERTYPE_IPV4, off);
        if (v == 6) return new Next(ETHERTYPE_IPV6, off);
        return new Next(-1, off);
    }

    private static Next ppp(ProtoNode root, Tvb tvb) {
        // PPP in HDLC-like framing (ff 03) or bare protocol field.
        int off = 0;
        if (tvb.u8(0) == 0xff && tvb.u8(1) == 0x03) off = 2;
        if (!tvb.has(off, 2)) return truncated(root, tvb, "PPP header truncated");
        ProtoNode n = root.addValue(LinkFields.PPP, tvb, 0, off + 2, null);
        n.add(LinkFields.PPP_PROTOCOL, tvb, off, 2);
        int proto = tvb.u16(off);
        if (proto == 0x0021) return new Next(ETHERTYPE_IPV4, off + 2);
        if (proto == 0x0057) return new Next(ETHERTYPE_IPV6, off + 2);
        return new Next(-1, off + 2);
    }

    private static Next truncated(ProtoNode root, Tvb tvb, String msg) {
        root.malformed(tvb, 0, tvb.length(), msg);
        return new Next(-1, 0);
    }
}
