package tlslens.dissect;

import static tlslens.dissect.FieldType.*;

/** Wireshark's frame.* fields: the metadata of a captured frame. */
public final class FrameFields {
    public static final FieldDef FRAME = Fields.protocol("frame", "Frame");
    public static final FieldDef ENCAP_TYPE = Fields.field("frame.encap_type", "Encapsulation type", UINT16, Base.DEC,
            FrameFields::encapName);
    public static final FieldDef TIME = Fields.field("frame.time", "Arrival Time", ABSOLUTE_TIME);
    public static final FieldDef TIME_EPOCH = Fields.field("frame.time_epoch", "Epoch Time", RELATIVE_TIME);
    public static final FieldDef TIME_DELTA = Fields.field("frame.time_delta",
            "Time delta from previous captured frame", RELATIVE_TIME);
    public static final FieldDef SECTION_NUMBER = Fields.field("frame.section_number", "Section number", UINT32, Base.DEC);
    public static final FieldDef INTERFACE_ID = Fields.field("frame.interface_id", "Interface id", UINT32, Base.DEC);
    public static final FieldDef INTERFACE_NAME = Fields.field("frame.interface_name", "Interface name", STRING);
    public static final FieldDef INTERFACE_DESCRIPTION = Fields.field("frame.interface_description",
            "Interface description", STRING);
    public static final FieldDef OFFSET_SHIFT = Fields.field("frame.offset_shift", "Time shift for this packet",
            RELATIVE_TIME);
    public static final FieldDef TIME_DELTA_DISPLAYED = Fields.field("frame.time_delta_displayed",
            "Time delta from previous displayed frame", RELATIVE_TIME);
    public static final FieldDef MARKED = Fields.field("frame.marked", "Frame is marked", BOOLEAN);
    public static final FieldDef IGNORED = Fields.field("frame.ignored", "Frame is ignored", BOOLEAN);
    public static final FieldDef TIME_RELATIVE = Fields.field("frame.time_relative",
            "Time since reference or first frame", RELATIVE_TIME);
    public static final FieldDef NUMBER = Fields.field("frame.number", "Frame Number", UINT32, Base.DEC);
    public static final FieldDef LEN = Fields.field("frame.len", "Frame Length", UINT32, Base.DEC);
    public static final FieldDef CAP_LEN = Fields.field("frame.cap_len", "Capture Length", UINT32, Base.DEC);
    public static final FieldDef PROTOCOLS = Fields.field("frame.protocols", "Protocols in frame", STRING);

    /** Ours: tshark marks the cut protocol instead ("[Packet size limited during capture]"). */
    public static final ExpertDef TRUNCATED = Fields.expert("frame.truncated", ExpertGroup.SEQUENCE, Severity.NOTE,
            "Frame truncated by the capture's snap length");

    private FrameFields() {}

    /** Wireshark's WTAP_ENCAP names for the link types we read. */
    /** Names of Wireshark's encapsulation numbers (frame.encap_type holds those, not the pcap link type). */
    public static String encapName(long wtapEncap) {
        return switch ((int) wtapEncap) {
            case 15 -> "NULL/Loopback";
            case 1 -> "Ethernet";
            case 4 -> "PPP";
            case 7 -> "Raw IP";
            case 174 -> "OpenBSD loopback";
            case 25 -> "Linux cooked-mode capture v1";
            case 210 -> "Linux cooked-mode capture v2";
            case 129 -> "Raw IPv4";
            case 130 -> "Raw IPv6";
            default -> null;
        };
    }

    /** Wireshark's encapsulation number for a pcap link type (the link type itself when not known here). */
    public static int wtapEncap(int linkType) {
        return switch (linkType) {
            case 0 -> 15;
            case 1 -> 1;
            case 9 -> 4;
            case 101, 12, 14 -> 7;
            case 108 -> 174;
            case 113 -> 25;
            case 276 -> 210;
            case 228 -> 129;
            case 229 -> 130;
            default -> linkType;
        };
    }
}
