package tlslens.capture;

import java.time.Duration;
import java.time.Instant;

/**
 * Time arithmetic on frame timestamps that never throws: a pcapng file may put two frames centuries
 * apart (its timestamps are 64-bit), beyond the ±292 years that a long of nanoseconds holds, where
 * {@code Duration.toNanos} throws. Fields keep tshark's exact value ({@link #between}); places that
 * need a long clamp to the nearest one that fits.
 */
public final class FrameTimes {
    /** The seconds below which any duration's nanoseconds fit in a long (with room for the fraction). */
    private static final long SAFE_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private FrameTimes() {}

    /**
     * From {@code from} to {@code to}: nanoseconds as a Long when they fit, else the Duration itself
     * (a relative-time field's value; FieldFormat prints both as seconds).
     */
    public static Object between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return fits(d) ? (Object) (d.getSeconds() * 1_000_000_000L + d.getNano()) : d;
    }

    /** The duration in nanoseconds, clamped to ±Long.MAX_VALUE. */
    public static long nanos(Duration d) {
        if (fits(d)) return d.getSeconds() * 1_000_000_000L + d.getNano();
        return d.isNegative() ? -Long.MAX_VALUE : Long.MAX_VALUE;
    }

    /** Nanoseconds from {@code from} to {@code to}, clamped. */
    public static long nanosBetween(Instant from, Instant to) { return nanos(Duration.between(from, to)); }

    /** Nanoseconds since 1970, clamped (years before 1678 or after 2262 do not fit). */
    public static long epochNanos(Instant t) {
        long s = t.getEpochSecond(); // Duration.between(EPOCH, t) without making it: read for every frame, several times
        return Math.abs(s) <= SAFE_SECONDS ? s * 1_000_000_000L + t.getNano() : nanosBetween(Instant.EPOCH, t);
    }

    /** a - b for two clamped nanosecond values, clamped too instead of wrapping around. */
    public static long minus(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) return a < 0 ? -Long.MAX_VALUE : Long.MAX_VALUE;
        return r;
    }

    /** The duration in seconds as a double, exact enough for display and never overflowing. */
    public static double seconds(Duration d) { return d.getSeconds() + d.getNano() / 1e9; }

    private static boolean fits(Duration d) { return Math.abs(d.getSeconds()) <= SAFE_SECONDS; }
}
