package tlslens.dissect;

/** Wireshark's expert groups (PI_CHECKSUM ... PI_DISSECTOR_BUG) with the names and codes tshark prints. */
public enum ExpertGroup {
    CHECKSUM("Checksum", 0x01000000L),
    SEQUENCE("Sequence", 0x02000000L),
    RESPONSE_CODE("Response", 0x03000000L),
    REQUEST_CODE("Request", 0x04000000L),
    UNDECODED("Undecoded", 0x05000000L),
    REASSEMBLE("Reassemble", 0x06000000L),
    MALFORMED("Malformed", 0x07000000L),
    DEBUG("Debug", 0x08000000L),
    PROTOCOL("Protocol", 0x09000000L),
    SECURITY("Security", 0x0a000000L),
    COMMENTS_GROUP("Comment", 0x0b000000L),
    DECRYPTION("Decryption", 0x0c000000L),
    ASSUMPTION("Assumption", 0x0d000000L),
    DEPRECATED("Deprecated", 0x0e000000L),
    RECEIVE("Receive", 0x0f000000L),
    INTERFACE("Interface", 0x10000000L),
    DISSECTOR_BUG("Dissector bug", 0x11000000L);

    /** The name tshark prints ("Group: Sequence"). */
    public final String label;
    /** Wireshark's PI_* value, what "_ws.expert.group" holds. */
    public final long code;

    ExpertGroup(String label, long code) {
        this.label = label;
        this.code = code;
    }

    /** Names {@code _ws.expert.group} values. */
    public static String nameOf(long code) {
        for (ExpertGroup g : values()) if (g.code == code) return g.label;
        return null;
    }
}
