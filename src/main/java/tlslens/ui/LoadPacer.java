package tlslens.ui;

/**
 * Lets a file load give way to the window. On a machine with few cores the loading thread, the
 * JIT and the collector can take every core for tens of milliseconds, and the FX thread and the
 * renderer then miss frames (measured: 2 cores busy for 150 ms of CPU in a 73 ms gap, 11 ms of
 * it the FX thread's). So the loader, every few frames, checks when the window last had a pulse
 * and pauses briefly while one is overdue. A window that has no pulses at all (minimised) does
 * not hold the load up.
 */
final class LoadPacer {
    private static final long LATE_NS = 18_000_000L;
    /** Older than this, the window is not drawing (minimised): do not wait for it. */
    private static final long ASLEEP_NS = 500_000_000L;
    private static final int MAX_WAIT_MS = 30;
    private static final int EVERY = 32;

    private volatile long lastPulse = System.nanoTime();
    private int count;

    /** FX thread, every pulse. */
    void pulse(long nanoTime) { lastPulse = nanoTime; }

    /** The loading thread, after each frame: now and then, wait (a few ms) for an overdue frame. */
    void giveWay() {
        if (++count % EVERY != 0) return;
        for (int i = 0; i < MAX_WAIT_MS; i++) {
            long late = System.nanoTime() - lastPulse;
            if (late < LATE_NS || late > ASLEEP_NS) return;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
