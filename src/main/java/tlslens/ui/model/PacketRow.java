package tlslens.ui.model;

import tlslens.dissect.FrameSummary;

/**
 * One packet-table row: the frame's summary (looked up in the capture's index when asked for:
 * a row keeps no copy of its columns), its colour (the index of the colouring rule that
 * matched it, {@link ColouringRules#NONE} for none), and its time relative to the first frame.
 * {@code filter}/{@code matches} record which display filter the loader tested it against
 * (null when none was applied), so rows that arrive while a filter pass runs are not tested twice.
 * The table keeps no row object per frame: its model keeps the colour and match in an int per
 * frame ({@code RowStore}) and makes a row whenever a list is read, so rows are compared by value.
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
    static class Context {
        final Source source;
        final Object filter;

        Context(Source source, Object filter) {
            this.source = source;
            this.filter = filter;
        }

        /** An equal context that is another object: rows of a frame dissected again differ from its old ones. */
        Context again() { return new Context(source, filter); }

        FrameSummary summary(int number) { return source.summary(number); }

        long relativeNanos(int number) { return source.relativeNanos(number); }
    }

    /** A row made from a summary it keeps (tests, rows outside an index). */
    static final class Kept extends Context {
        final FrameSummary summary;
        final long relativeNanos;

        Kept(FrameSummary summary, long relativeNanos, Object filter) {
            super(null, filter);
            this.summary = summary;
            this.relativeNanos = relativeNanos;
        }

        @Override FrameSummary summary(int number) { return summary; }

        @Override long relativeNanos(int number) { return relativeNanos; }

        @Override Context again() { return new Kept(summary, relativeNanos, filter); }
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
    private final int bits;

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

    /** A row as the table model keeps it (RowStore): made again whenever the table asks for it. */
    PacketRow(Context context, int number, int bits) {
        this.context = context;
        this.number = number;
        this.bits = bits & (MATCHES | 0xffff);
    }

    Context context() { return context; }

    /** The colour and match bits (see {@link #bits}). */
    int bits() { return bits; }

    /** The same row with colour {@code c}. */
    PacketRow withColour(short c) { return new PacketRow(context, number, (bits & MATCHES) | (c & 0xffff)); }

    static int bits(short colour, boolean matches) { return (colour & 0xffff) | (matches ? MATCHES : 0); }

    public FrameSummary summary() { return context.summary(number); }

    /** The frame's tcp.stream, -1 for none. */
    public int tcpStream() { return context instanceof Kept k ? k.summary.tcpStream() : context.source.tcpStream(number); }

    /** The frame's Info column. */
    public String info() { return context instanceof Kept k ? k.summary.info() : context.source.info(number); }

    public short colour() { return (short) bits; }

    public long relativeNanos() { return context.relativeNanos(number); }

    public Object filter() { return context.filter; }

    public boolean matches() { return (bits & MATCHES) != 0; }

    public int number() { return number; }

    /**
     * Rows are values (the table makes them on demand from what its model keeps): equal when of the
     * same frame, colour and match, and of the same dissection (a frame dissected again gets rows of
     * another context, so the selection sees the change).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PacketRow r && r.number == number && r.context == context && r.bits == bits;
    }

    @Override
    public int hashCode() { return number; }

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
