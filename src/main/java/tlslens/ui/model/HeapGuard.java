package tlslens.ui.model;

/**
 * Whether loading a capture must stop because the heap is nearly full of what it keeps: a file of
 * millions of tiny packets (a 10 GB sparse pcap is 670 million empty ones, as tshark reads it) would
 * otherwise end in an OutOfMemoryError that leaves the window loading forever. Cheap when memory is
 * plentiful; only when the heap in use passes the limit is a collection asked for, so that garbage
 * is not taken for what the capture keeps.
 */
public final class HeapGuard {
    private final double limit;
    private final Runtime rt = Runtime.getRuntime();
    private long usedAfterCollection;

    /** {@code limit}: the fraction of the maximum heap that live objects may fill (e.g. 0.85). */
    public HeapGuard(double limit) { this.limit = limit; }

    /** True when, after a collection, objects in use fill more than the limit of the maximum heap. */
    public boolean nearlyFull() {
        long max = rt.maxMemory();
        if (used() <= limit * max) return false;
        System.gc();
        usedAfterCollection = used();
        return usedAfterCollection > limit * max;
    }

    /** "3,412 of 4,096 MiB": the heap in use at the last check that collected, of its maximum. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%,d of %,d MiB", usedAfterCollection >> 20, rt.maxMemory() >> 20);
    }

    private long used() { return rt.totalMemory() - rt.freeMemory(); }
}
