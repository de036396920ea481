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
    public static final FieldDef TIME_RELATIVE = Fields.field("frame.time_relative",
            "Time since reference or first frame", RELATIVE_TIME);
    public static final FieldDef NUMBER = Fields.field("frame.number", "Frame Number", UINT32, Base.DEC);
    public static final FieldDef LEN = Fields.field("frame.len", "Frame Length", UINT32, Base.DEC);
    public static final FieldDef CAP_LEN = Fields.field("frame.cap_len", "Capture Length", UINT32, Base.DEC);
    public static final FieldDef PROTOCOLS = Fields.field("frame.protocols", "Protocols in frame", STRING);

    private FrameFields() {}

    /** Wireshark's WTAP_ENCAP names for the link types we read. */
    public static String encapName(long linkType) {
        return switch ((int) linkType) {
            case 0 -> "NULL/Loopback";
            case 1 -> "Ethernet";
            case 9 -> "PPP";
            case 101, 12, 14 -> "Raw IP";
            case 108 -> "OpenBSD loopback";
            case 113 -> "Linux cooked-mode capture v1";
            case 276 -> "Linux cooked-mode capture v2";
            case 228 -> "Raw IPv4";
            case 229 -> "Raw IPv6";
            default -> null;
        };
    }
}
