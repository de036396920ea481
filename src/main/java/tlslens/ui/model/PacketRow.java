package tlslens.ui.model;

import tlslens.dissect.FrameSummary;

/**
 * One packet-table row: the frame's summary, its colour kind, and its time relative to the first
 * frame. {@code filter}/{@code matches} record which display filter the loader tested it against
 * (null when none was applied), so rows that arrive while a filter pass runs are not tested twice.
 */
public record PacketRow(FrameSummary summary, RowKind kind, long relativeNanos, Object filter, boolean matches) {

    public int number() { return summary.number(); }

    /** Seconds since the first packet with 6 decimals, Wireshark's default Time column. */
    public String timeText() { return formatSeconds(relativeNanos); }

    public static String formatSeconds(long nanos) {
        boolean neg = nanos < 0;
        long n = Math.abs(nanos);
        long micros = n / 1000; // truncated, as Wireshark's column (ts->nsecs / 1000)
        long sec = micros / 1_000_000;
        long frac = micros % 1_000_000;
        String f = Long.toString(frac);
        return (neg ? "-" : "") + sec + "." + "000000".substring(f.length()) + f;
    }
}
