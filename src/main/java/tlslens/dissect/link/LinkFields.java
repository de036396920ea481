package tlslens.dissect.link;

import static tlslens.dissect.FieldType.*;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;

/** Link-layer fields: Ethernet II, 802.1Q, Linux cooked v1/v2, BSD loopback, PPP. */
public final class LinkFields {
    public static final FieldDef ETH = Fields.protocol("eth", "Ethernet II");
    public static final FieldDef ETH_DST = Fields.field("eth.dst", "Destination", ETHER);
    public static final FieldDef ETH_SRC = Fields.field("eth.src", "Source", ETHER);
    public static final FieldDef ETH_ADDR = Fields.field("eth.addr", "Address", ETHER);
    public static final FieldDef ETH_LG = Fields.flag("eth.lg", "LG bit", 24, 0x020000,
            v -> v != 0 ? "Locally administered address (this is NOT the factory default)"
                    : "Globally unique address (factory default)");
    public static final FieldDef ETH_IG = Fields.flag("eth.ig", "IG bit", 24, 0x010000,
            v -> v != 0 ? "Group address (multicast/broadcast)" : "Individual address (unicast)");
    public static final FieldDef ETH_TYPE = Fields.field("eth.type", "Type", UINT16, Base.HEX, LinkFields::etherTypeName);

    public static final FieldDef VLAN = Fields.protocol("vlan", "802.1Q Virtual LAN");
    public static final FieldDef VLAN_ID = Fields.bits("vlan.id", "ID", UINT16, Base.DEC, 0x0fff, null);
    public static final FieldDef VLAN_ETYPE = Fields.field("vlan.etype", "Type", UINT16, Base.HEX, LinkFields::etherTypeName);

    public static final FieldDef SLL = Fields.protocol("sll", "Linux cooked capture");
    public static final FieldDef SLL_PKTTYPE = Fields.field("sll.pkttype", "Packet type", UINT16, Base.DEC,
            LinkFields::sllPacketType);
    public static final FieldDef SLL_HATYPE = Fields.field("sll.hatype", "Link-layer address type", UINT16, Base.DEC,
            LinkFields::arpHardwareType);
    public static final FieldDef RAW = Fields.protocol("raw", "Raw packet data");
    public static final FieldDef ETH_PADDING = Fields.field("eth.padding", "Padding", BYTES);
    public static final FieldDef SLL_HALEN = Fields.field("sll.halen", "Link-layer address length", UINT16, Base.DEC);
    public static final FieldDef SLL_SRC_ETH = Fields.field("sll.src.eth", "Source", ETHER);
    public static final FieldDef SLL_UNUSED = Fields.field("sll.unused", "Unused", BYTES);
    public static final FieldDef SLL_ETYPE = Fields.field("sll.etype", "Protocol", UINT16, Base.HEX, LinkFields::etherTypeName);
    public static final FieldDef SLL_RESERVED = Fields.field("sll.reserved", "Reserved", UINT16, Base.HEX);
    public static final FieldDef SLL_IFINDEX = Fields.field("sll.ifindex", "Interface index", UINT32, Base.DEC);

    public static final FieldDef NULL = Fields.protocol("null", "Null/Loopback");
    public static final FieldDef NULL_FAMILY = Fields.field("null.family", "Family", UINT32, Base.DEC, LinkFields::bsdFamily);

    public static final FieldDef PPP = Fields.protocol("ppp", "Point-to-Point Protocol");
    public static final FieldDef PPP_PROTOCOL = Fields.field("ppp.protocol", "Protocol", UINT16, Base.HEX, LinkFields::pppProtocol);

    private LinkFields() {}

    public static String etherTypeName(long t) {
        return switch ((int) t) {
            case 0x0800 -> "IPv4";
            case 0x86dd -> "IPv6";
            case 0x0806 -> "ARP";
            case 0x8100 -> "802.1Q Virtual LAN";
            case 0x88a8 -> "802.1ad Provider Bridge (Q-in-Q)";
            case 0x8864 -> "PPPoE Session";
            default -> null;
        };
    }

    /** Linux ARPHRD_* names, the common ones (tshark's sll.hatype). */
    static String arpHardwareType(long t) {
        return switch ((int) t) {
            case 1 -> "Ethernet";
            case 512 -> "PPP";
            case 768 -> "IPIP tunnel";
            case 769 -> "IP6IP6 tunnel";
            case 772 -> "Loopback";
            case 776 -> "sit0 device - IPv6-in-IPv4";
            case 778 -> "GRE over IP";
            case 801 -> "IEEE 802.11";
            case 802 -> "IEEE 802.11 + Prism2 header";
            case 803 -> "IEEE 802.11 + radiotap header";
            case 804 -> "IEEE 802.15.4";
            case 824 -> "Netlink";
            case 825 -> "IPv6 over LoWPAN";
            case 65534 -> "zero header length";
            case 65535 -> "Void type, nothing is known";
            default -> null;
        };
    }

    static String sllPacketType(long t) {
        return switch ((int) t) {
            case 0 -> "Unicast to us";
            case 1 -> "Broadcast";
            case 2 -> "Multicast";
            case 3 -> "Unicast to another host";
            case 4 -> "Sent by us";
            default -> null;
        };
    }

    static String bsdFamily(long f) {
        return switch ((int) f) {
            case 2 -> "IP";
            case 24, 28, 30 -> "IPv6";
            default -> null;
        };
    }

    static String pppProtocol(long p) {
        return switch ((int) p) {
            case 0x0021 -> "Internet Protocol version 4";
            case 0x0057 -> "Internet Protocol version 6";
            default -> null;
        };
    }
}
