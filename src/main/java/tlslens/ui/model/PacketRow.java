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

        /** Nanoseconds from the capture's first frame to frame {@code number} (clamped as FrameTimes.nanosBetween). */
        long relativeNanos(int number);
    }

    /**
     * What the rows of a batch share: where their columns are and the filter they were tested against
     * (one object for a million rows: a row is its frame number, colour and match, 24 bytes instead of 40).
     */
    private static class Context {
        final Source source;
        final Object filter;

        Context(Source source, Object filter) {
            this.source = source;
            this.filter = filter;
        }

        FrameSummary summary(int number) { return source.summary(number); }

        long relativeNanos(int number) { return source.relativeNanos(number); }
    }

    /** A row made from a summary it keeps (tests, rows outside an index). */
    private static final class Kept extends Context {
        final FrameSummary summary;
        final long relativeNanos;

        Kept(FrameSummary summary, long relativeNanos, Object filter) {
            super(null, filter);
            this.summary = summary;
            this.relativeNanos = relativeNanos;
        }

        @Override FrameSummary summary(int number) { return summary; }

        @Override long relativeNanos(int number) { return relativeNanos; }
    }

    /** The last context made: rows come in batches of one source and filter (a race only makes another). */
    private static volatile Context last;

    private static Context context(Source source, Object filter) {
        Context c = last;
        if (c == null || c.source != source || c.filter != filter) last = c = new Context(source, filter);
        return c;
    }

    private static final int MATCHES = 1 << 16;

    private final Context context;
    private final int number;
    /** The colour (low 16 bits) and whether the row matched {@link #filter()} (bit 16). */
    private int bits;

    public PacketRow(FrameSummary summary, short colour, long relativeNanos, Object filter, boolean matches) {
        this.context = new Kept(summary, relativeNanos, filter);
        this.number = summary.number();
        this.bits = (colour & 0xffff) | (matches ? MATCHES : 0);
    }

    /** A row of frame {@code number} whose columns (and time) {@code source} keeps. */
    public PacketRow(Source source, int number, short colour, Object filter, boolean matches) {
        this.context = context(source, filter);
        this.number = number;
        this.bits = (colour & 0xffff) | (matches ? MATCHES : 0);
    }

    public FrameSummary summary() { return context.summary(number); }

    /** The frame's tcp.stream, -1 for none. */
    public int tcpStream() { return context instanceof Kept k ? k.summary.tcpStream() : context.source.tcpStream(number); }

    /** The frame's Info column. */
    public String info() { return context instanceof Kept k ? k.summary.info() : context.source.info(number); }

    public short colour() { return (short) bits; }

    void colour(short c) { bits = (bits & MATCHES) | (c & 0xffff); }

    public long relativeNanos() { return context.relativeNanos(number); }

    public Object filter() { return context.filter; }

    public boolean matches() { return (bits & MATCHES) != 0; }

    public int number() { return number; }

    /** Seconds since the first packet with 6 decimals, Wireshark's default Time column. */
    public String timeText() { return formatSeconds(relativeNanos()); }

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
