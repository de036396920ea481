package tlslens.ui;

/**
 * One file load's progress, written by the loading thread and read by the FX thread each pulse:
 * bytes of the file read, packets published, and the user's request to stop reading (Cancel keeps
 * what was read).
 */
final class LoadProgress {
    /** The load's rows: the window shows this progress while it shows this feed. */
    final RowFeed feed;
    /** The file's size in bytes; 0 when unknown (a pipe, standard input). */
    final long totalBytes;
    final long startNanos = System.nanoTime();
    private volatile long bytes;
    private volatile long packets;
    private volatile boolean stopRequested;
    private volatile boolean done;

    LoadProgress(RowFeed feed, long totalBytes) {
        this.feed = feed;
        this.totalBytes = totalBytes;
    }

    /** Loading thread. */
    void update(long bytesRead, long packetsRead) {
        bytes = bytesRead;
        packets = packetsRead;
    }

    long bytes() { return bytes; }

    long packets() { return packets; }

    /** Cancel: the loader stops before its next packet; the packets read so far stay. */
    void requestStop() { stopRequested = true; }

    boolean stopRequested() { return stopRequested; }

    /** Loading thread: nothing more will be read (end of file, stopped, or failed). */
    void finish() { done = true; }

    boolean done() { return done; }
}
