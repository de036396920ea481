package tlslens.ui.model;

import tlslens.dissect.FrameSummary;

/**
 * One packet-table row: the frame's summary (looked up in the capture's index when asked for:
 * a row keeps no copy of its columns), its colour (the index of the colouring rule that
 * matched it, {@link ColouringRules#NONE} for none), and its time relative to the first frame.
 * {@code filter}/{@code matches} record which display filter the loader tested it against
 * (null when none was applied), so rows that arrive while a filter pass runs are not tested twice.
 * Not a record because the colour changes when the rules do (FX thread only, once the row is
 * handed over: {@link PacketTableModel#recolour}).
 */
public final class PacketRow {
    /** Where the columns of an indexed frame are kept (a capture's index): rebuilt on each call. */
    public interface Source {
        FrameSummary summary(int number);

        /** As {@code summary(number).tcpStream()}, without building the summary. */
        int tcpStream(int number);

        /** As {@code summary(number).info()}, without building the summary. */
        String info(int number);
    }

    /** The summary itself, or null when {@link #source} has it. */
    private final FrameSummary summary;
    private final Source source;
    private final int number;
    private final long relativeNanos;
    private final Object filter;
    private final boolean matches;
    private short colour;

    public PacketRow(FrameSummary summary, short colour, long relativeNanos, Object filter, boolean matches) {
        this.summary = summary;
        this.source = null;
        this.number = summary.number();
        this.colour = colour;
        this.relativeNanos = relativeNanos;
        this.filter = filter;
        this.matches = matches;
    }

    /** A row of frame {@code number} whose columns {@code source} keeps. */
    public PacketRow(Source source, int number, short colour, long relativeNanos, Object filter, boolean matches) {
        this.summary = null;
        this.source = source;
        this.number = number;
        this.colour = colour;
        this.relativeNanos = relativeNanos;
        this.filter = filter;
        this.matches = matches;
    }

    public FrameSummary summary() { return summary != null ? summary : source.summary(number); }

    /** The frame's tcp.stream, -1 for none. */
    public int tcpStream() { return summary != null ? summary.tcpStream() : source.tcpStream(number); }

    /** The frame's Info column. */
    public String info() { return summary != null ? summary.info() : source.info(number); }

    public short colour() { return colour; }

    void colour(short c) { colour = c; }

    public long relativeNanos() { return relativeNanos; }

    public Object filter() { return filter; }

    public boolean matches() { return matches; }

    public int number() { return number; }

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
