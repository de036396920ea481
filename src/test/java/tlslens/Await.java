package tlslens;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits on a condition instead of sleeping for a guessed time: polls until it holds, and fails with
 * what was awaited when the timeout passes first. For the window's state, use
 * {@code WindowTestSupport.waitUntil}, which reads the condition on the FX thread.
 */
public final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private Await() {}

    /** Returns as soon as {@code condition} holds; an AssertionError naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause();
        }
    }

    /**
     * Returns once {@code count} (packets captured, lines printed) has not changed for {@code quiet}: the
     * traffic being watched has ended. An AssertionError after {@code timeout} if it keeps changing.
     */
    public static long quiet(String what, Duration quiet, Duration timeout, LongSupplier count) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = count.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + " (still changing: " + last + ")");
            }
            pause();
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    private static void pause() {
        LockSupport.parkNanos(POLL_NANOS);
        if (Thread.currentThread().isInterrupted()) throw new AssertionError("interrupted while waiting");
    }
}
