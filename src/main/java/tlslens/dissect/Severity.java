package tlslens.dissect;

/** Expert info severity, after Wireshark's PI_CHAT / PI_NOTE / PI_WARN / PI_ERROR. */
public enum Severity {
    CHAT("Chat", 0x00200000L),
    NOTE("Note", 0x00400000L),
    WARN("Warning", 0x00600000L),
    ERROR("Error", 0x00800000L);

    /** The name tshark prints ("Severity level: Warning"). */
    public final String label;
    /** Wireshark's PI_* value, what "_ws.expert.severity" holds. */
    public final long code;

    Severity(String label, long code) {
        this.label = label;
        this.code = code;
    }

    /** Names {@code _ws.expert.severity} values. */
    public static String nameOf(long code) {
        for (Severity s : values()) if (s.code == code) return s.label;
        return null;
    }
}
