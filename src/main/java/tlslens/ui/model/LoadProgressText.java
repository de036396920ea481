package tlslens.ui.model;

import java.util.Locale;

/** The status bar's words for a file being loaded: bytes of the file read, packets so far, time left. */
public final class LoadProgressText {
    private LoadProgressText() {}

    /**
     * "34 of 221 MB · 150,000 packets · 12 s left"; without a known size (a pipe) "34 MB · 150,000
     * packets". Time left is the time so far scaled by the bytes still to read, said once a second
     * has passed (before that the rate says little).
     */
    public static String of(long bytesRead, long totalBytes, long packets, long elapsedNanos) {
        StringBuilder sb = new StringBuilder();
        if (totalBytes > 0) sb.append(mb(Math.min(bytesRead, totalBytes))).append(" of ").append(mb(totalBytes)).append(" MB");
        else sb.append(mb(bytesRead)).append(" MB");
        sb.append(" · ").append(String.format(Locale.ROOT, "%,d", packets)).append(packets == 1 ? " packet" : " packets");
        if (totalBytes > 0 && bytesRead > 0 && elapsedNanos >= 1_000_000_000L && bytesRead < totalBytes) {
            double left = elapsedNanos / 1e9 * (totalBytes - bytesRead) / bytesRead;
            sb.append(" · ").append(left < 60 ? Math.round(Math.ceil(left)) + " s left"
                    : String.format(Locale.ROOT, "%d min %02d s left", (long) left / 60, (long) left % 60));
        }
        return sb.toString();
    }

    /** The fraction of the file read, 0..1; -1 (indeterminate) when the size is unknown. */
    public static double fraction(long bytesRead, long totalBytes) {
        if (totalBytes <= 0) return -1;
        return Math.min(1.0, (double) bytesRead / totalBytes);
    }

    private static String mb(long bytes) {
        double m = bytes / 1e6;
        return m < 10 ? String.format(Locale.ROOT, "%.1f", m) : String.format(Locale.ROOT, "%,d", Math.round(m));
    }
}
