package tlslens.dissect.ip;

import static tlslens.dissect.FieldType.*;

import tlslens.dissect.Base;
import tlslens.dissect.Checksums;
import tlslens.dissect.ExpertDef;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;
import tlslens.dissect.Severity;

/** IPv4, IPv6 (with extension headers), ICMP and GTP-U fields (UDP's are in dissect.udp). */
public final class IpFields {
    public static final FieldDef IP = Fields.protocol("ip", "Internet Protocol Version 4");
    public static final FieldDef IP_VERSION = Fields.bits("ip.version", "Version", UINT8, Base.DEC, 0xf0, null);
    public static final FieldDef IP_HDR_LEN = Fields.bits("ip.hdr_len", "Header Length", UINT8, Base.DEC, 0x0f, null);
    public static final FieldDef IP_DSFIELD = Fields.field("ip.dsfield", "Differentiated Services Field", UINT8, Base.HEX);
    public static final FieldDef IP_DSCP = Fields.bits("ip.dsfield.dscp", "Differentiated Services Codepoint", UINT8,
            Base.DEC, 0xfc, IpFields::dscpName);
    public static final FieldDef IP_ECN = Fields.bits("ip.dsfield.ecn", "Explicit Congestion Notification", UINT8,
            Base.DEC, 0x03, IpFields::ecnName);
    public static final FieldDef IP_LEN = Fields.field("ip.len", "Total Length", UINT16, Base.DEC);
    public static final FieldDef IP_ID = Fields.field("ip.id", "Identification", UINT16, Base.HEX_DEC);
    public static final FieldDef IP_FLAGS = Fields.bits("ip.flags", "Flags", UINT8, Base.HEX, 0xe0, null);
    public static final FieldDef IP_FLAGS_RB = Fields.flag("ip.flags.rb", "Reserved bit", 8, 0x80);
    public static final FieldDef IP_FLAGS_DF = Fields.flag("ip.flags.df", "Don't fragment", 8, 0x40);
    public static final FieldDef IP_FLAGS_MF = Fields.flag("ip.flags.mf", "More fragments", 8, 0x20);
    public static final FieldDef IP_FRAG_OFFSET = Fields.bits("ip.frag_offset", "Fragment Offset", UINT16, Base.DEC, 0x1fff, null);
    public static final FieldDef IP_TTL = Fields.field("ip.ttl", "Time to Live", UINT8, Base.DEC);
    public static final FieldDef IP_PROTO = Fields.field("ip.proto", "Protocol", UINT8, Base.DEC, IpFields::protocolName);
    public static final FieldDef IP_CHECKSUM = Fields.field("ip.checksum", "Header Checksum", UINT16, Base.HEX);
    public static final FieldDef IP_CHECKSUM_STATUS = Fields.field("ip.checksum.status", "Header checksum status", UINT8,
            Base.NONE, Checksums::statusName);
    public static final FieldDef IP_SRC = Fields.field("ip.src", "Source Address", IPV4);
    public static final FieldDef IP_DST = Fields.field("ip.dst", "Destination Address", IPV4);
    public static final FieldDef IP_ADDR = Fields.field("ip.addr", "Source or Destination Address", IPV4);

    public static final FieldDef IPV6 = Fields.protocol("ipv6", "Internet Protocol Version 6");
    public static final FieldDef IPV6_VERSION = Fields.bits("ipv6.version", "Version", UINT8, Base.DEC, 0xf0, null);
    public static final FieldDef IPV6_TCLASS = Fields.bits("ipv6.tclass", "Traffic Class", UINT32, Base.HEX, 0x0ff00000L, null);
    public static final FieldDef IPV6_TCLASS_DSCP = Fields.bits("ipv6.tclass.dscp", "Differentiated Services Codepoint",
            UINT32, Base.DEC, 0x0fc00000L, IpFields::dscpName);
    public static final FieldDef IPV6_TCLASS_ECN = Fields.bits("ipv6.tclass.ecn", "Explicit Congestion Notification",
            UINT32, Base.DEC, 0x00300000L, IpFields::ecnName);
    // tshark draws the flow label over the three bytes that hold it.
    public static final FieldDef IPV6_FLOW = Fields.bits("ipv6.flow", "Flow Label", UINT24, Base.HEX, 0x0fffffL, null);
    public static final FieldDef IPV6_PLEN = Fields.field("ipv6.plen", "Payload Length", UINT16, Base.DEC);
    public static final FieldDef IPV6_NXT = Fields.field("ipv6.nxt", "Next Header", UINT8, Base.DEC, IpFields::protocolName);
    public static final FieldDef IPV6_HLIM = Fields.field("ipv6.hlim", "Hop Limit", UINT8, Base.DEC);
    public static final FieldDef IPV6_SRC = Fields.field("ipv6.src", "Source Address", tlslens.dissect.FieldType.IPV6);
    public static final FieldDef IPV6_DST = Fields.field("ipv6.dst", "Destination Address", tlslens.dissect.FieldType.IPV6);
    public static final FieldDef IPV6_ADDR = Fields.field("ipv6.addr", "Source or Destination Address", tlslens.dissect.FieldType.IPV6);
    public static final FieldDef IPV6_SRC_SLAAC_MAC = Fields.field("ipv6.src_slaac_mac", "Source SLAAC MAC", ETHER);
    public static final FieldDef IPV6_DST_SLAAC_MAC = Fields.field("ipv6.dst_slaac_mac", "Destination SLAAC MAC", ETHER);
    public static final FieldDef IPV6_EXT = Fields.label("ipv6.ext", "Extension Header");
    public static final FieldDef IPV6_EXT_NXT = Fields.field("ipv6.ext.nxt", "Next Header", UINT8, Base.DEC, IpFields::protocolName);
    public static final FieldDef IPV6_EXT_LEN = Fields.field("ipv6.ext.len", "Length", UINT8, Base.DEC);
    public static final FieldDef IPV6_FRAG_OFFSET = Fields.bits("ipv6.fragment.offset", "Offset", UINT16, Base.DEC, 0xfff8, null);
    public static final FieldDef IPV6_FRAG_MORE = Fields.flag("ipv6.fragment.more", "More Fragments", 16, 0x0001);

    public static final FieldDef ICMP = Fields.protocol("icmp", "Internet Control Message Protocol");
    public static final FieldDef ICMP_TYPE = Fields.field("icmp.type", "Type", UINT8, Base.DEC, IpFields::icmpType);
    public static final FieldDef ICMP_CODE = Fields.field("icmp.code", "Code", UINT8, Base.DEC);
    public static final FieldDef ICMP_CHECKSUM = Fields.field("icmp.checksum", "Checksum", UINT16, Base.HEX);
    public static final FieldDef ICMPV6 = Fields.protocol("icmpv6", "Internet Control Message Protocol v6");
    public static final FieldDef ICMPV6_TYPE = Fields.field("icmpv6.type", "Type", UINT8, Base.DEC, IpFields::icmpv6Type);
    public static final FieldDef ICMPV6_CODE = Fields.field("icmpv6.code", "Code", UINT8, Base.DEC);

    public static final FieldDef GTP = Fields.protocol("gtp", "GPRS Tunneling Protocol");
    public static final FieldDef GTP_FLAGS = Fields.field("gtp.flags", "Flags", UINT8, Base.HEX);
    public static final FieldDef GTP_MESSAGE = Fields.field("gtp.message", "Message Type", UINT8, Base.HEX);
    public static final FieldDef GTP_LENGTH = Fields.field("gtp.length", "Length", UINT16, Base.DEC);
    public static final FieldDef GTP_TEID = Fields.field("gtp.teid", "TEID", UINT32, Base.HEX_DEC);

    // ---- expert notes (ours: Wireshark shortens the buffer, or gives up on the chain, silently) ----
    public static final ExpertDef TOTAL_LENGTH_EXCEEDS_CAPTURE = Fields.expert("ip.len.exceeds_capture",
            ExpertGroup.MALFORMED, Severity.WARN, "IPv4 total length exceeds the captured data");
    public static final ExpertDef TOO_MANY_EXTENSION_HEADERS = Fields.expert("ipv6.ext_headers.too_many",
            ExpertGroup.MALFORMED, Severity.WARN, "Too many IPv6 extension headers");

    private IpFields() {}

    /** DSCP names (RFC 2474, 2597, 3246, 5865, 8622). */
    static String dscpName(long v) {
        return switch ((int) v) {
            case 0 -> "Default";
            case 1 -> "Lower Effort";
            case 8, 16, 24, 32, 40, 48, 56 -> "Class Selector " + v / 8;
            case 10, 12, 14, 18, 20, 22, 26, 28, 30, 34, 36, 38 -> "Assured Forwarding " + v / 8 + (v % 8) / 2;
            case 44 -> "Voice Admit";
            case 46 -> "Expedited Forwarding";
            default -> null;
        };
    }

    /** The short DSCP name of the DS field's summary ("CS0", "AF11", "EF"), or null. */
    static String dscpShort(int v) {
        return switch (v) {
            case 0, 8, 16, 24, 32, 40, 48, 56 -> "CS" + v / 8;
            case 1 -> "LE";
            case 10, 12, 14, 18, 20, 22, 26, 28, 30, 34, 36, 38 -> "AF" + v / 8 + (v % 8) / 2;
            case 44 -> "VOICE-ADMIT";
            case 46 -> "EF";
            default -> null;
        };
    }

    static String ecnName(long v) {
        return switch ((int) v) {
            case 0 -> "Not ECN-Capable Transport";
            case 1 -> "ECN-Capable Transport codepoint '01'";
            case 2 -> "ECN-Capable Transport codepoint '10'";
            default -> "Congestion Experienced";
        };
    }

    static String ecnShort(int v) {
        return switch (v) {
            case 0 -> "Not-ECT";
            case 1 -> "ECT(1)";
            case 2 -> "ECT(0)";
            default -> "CE";
        };
    }

    static String icmpType(long t) {
        return switch ((int) t) {
            case 0 -> "Echo (ping) reply";
            case 3 -> "Destination unreachable";
            case 4 -> "Source quench (flow control)";
            case 5 -> "Redirect";
            case 8 -> "Echo (ping) request";
            case 11 -> "Time-to-live exceeded";
            case 12 -> "Parameter problem";
            default -> null;
        };
    }

    static String icmpv6Type(long t) {
        return switch ((int) t) {
            case 1 -> "Destination Unreachable";
            case 2 -> "Packet Too Big";
            case 3 -> "Time Exceeded";
            case 4 -> "Parameter Problem";
            case 128 -> "Echo (ping) request";
            case 129 -> "Echo (ping) reply";
            default -> null;
        };
    }

    public static String protocolName(long p) {
        return switch ((int) p) {
            case 0 -> "IPv6 Hop-by-Hop Option";
            case 1 -> "ICMP";
            case 4 -> "IPIP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 43 -> "Routing Header for IPv6";
            case 44 -> "Fragment Header for IPv6";
            case 47 -> "Generic Routing Encapsulation";
            case 50 -> "Encap Security Payload";
            case 51 -> "Authentication Header";
            case 58 -> "ICMPv6";
            case 59 -> "IPv6 No Next Header";
            case 60 -> "Destination Options for IPv6";
            case 135 -> "Mobile IPv6";
            case 139 -> "Host Identity Protocol";
            case 140 -> "Shim6 Protocol";
            default -> null;
        };
    }
}
