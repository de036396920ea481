package tlslens.dissect.column;

import tlslens.dissect.FrameSummary;

/**
 * The kinds of packet-list column we show, with Wireshark's format codes ({@code %m}, {@code %t},
 * ... {@code %Cus}) as {@code gui.column.format} names them. The built-in kinds read the frame's
 * summary; {@link #CUSTOM} reads a field of the frame's tree ({@link CustomColumnText}).
 */
public enum ColumnKind {
    NUMBER("%m"),
    /** Seconds since the first frame; its precision is the caller's ({@link #text} leaves it out). */
    TIME("%t"),
    SOURCE("%s"),
    DESTINATION("%d"),
    PROTOCOL("%p"),
    LENGTH("%L"),
    INFO("%i"),
    CUSTOM("%Cus");

    private final String code;

    ColumnKind(String code) { this.code = code; }

    /** The format code, e.g. "%s". */
    public String code() { return code; }

    /** The kind a format code names, or null. Wireshark's resolved/unresolved address variants count as the plain ones. */
    public static ColumnKind byCode(String code) {
        switch (code) {
            case "%rs", "%us", "%hs", "%rhs", "%uhs", "%ns", "%rns", "%uns" -> { return SOURCE; }
            case "%rd", "%ud", "%hd", "%rhd", "%uhd", "%nd", "%rnd", "%und" -> { return DESTINATION; }
            case "%Rt" -> { return TIME; }
            default -> { }
        }
        for (ColumnKind k : values()) if (k.code.equals(code)) return k;
        return null;
    }

    /** The text of a built-in column (not TIME, not CUSTOM) for a frame. */
    public String text(FrameSummary s) {
        return switch (this) {
            case NUMBER -> Integer.toString(s.number());
            case SOURCE -> s.source();
            case DESTINATION -> s.destination();
            case PROTOCOL -> s.protocol();
            case LENGTH -> Integer.toString(s.length());
            case INFO -> s.info();
            case TIME, CUSTOM -> throw new IllegalStateException(this + " is not read from the summary");
        };
    }
}
