package tlslens.cli;

import java.time.Duration;
import java.time.Instant;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;

/**
 * tshark's default columns (No., Time, Source, Destination, Protocol, Length, Info) for one frame.
 * Time is relative to the first frame read, with as many decimals as the file's timestamps have.
 */
final class Columns {
    /** Column titles in tshark's default order; "_ws.col." + title names them for -e. */
    static final String[] TITLES = {"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"};

    private final int digits;
    private Instant first;

    Columns(int digits) { this.digits = digits; }

    /** Every frame read passes here, displayed or not, so that Time stays relative to frame 1. */
    void observe(RawFrame raw) {
        if (first == null) first = raw.time();
    }

    String get(int column, RawFrame raw, FrameDissection fd) {
        switch (column) {
            case 0: return Integer.toString(raw.number());
            case 1: return relativeTime(raw.time());
            case 2: return fd.src == null ? "" : fd.src;
            case 3: return fd.dst == null ? "" : fd.dst;
            case 4: return fd.protocol();
            case 5: return Integer.toString(raw.originalLength());
            case 6: return fd.info();
            default: throw new IllegalArgumentException("column " + column);
        }
    }

    /** The column whose "_ws.col." name this is, or -1. */
    static int byFieldName(String field) {
        if (!field.startsWith("_ws.col.")) return -1;
        String title = field.substring("_ws.col.".length());
        for (int i = 0; i < TITLES.length; i++) if (TITLES[i].equals(title)) return i;
        return -1;
    }

    String relativeTime(Instant t) {
        Duration d = Duration.between(first == null ? t : first, t);
        boolean negative = d.isNegative();
        if (negative) d = d.negated();
        long secs = d.getSeconds();
        int nanos = d.getNano();
        StringBuilder sb = new StringBuilder();
        if (negative) sb.append('-');
        sb.append(secs);
        if (digits > 0) {
            String frac = String.format("%09d", nanos).substring(0, Math.min(9, digits));
            sb.append('.').append(frac);
        }
        return sb.toString();
    }
}
