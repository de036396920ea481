package tlslens.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.column.ColumnFormat;
import tlslens.dissect.column.ColumnKind;
import tlslens.dissect.column.ColumnSpec;

/**
 * The columns of the summary lines (tshark's default ones unless {@code -o gui.column.format}
 * says otherwise) and their text for one frame. Time is relative to the first frame read, with
 * as many decimals as the file's timestamps have.
 */
final class Columns {
    /** The built-in column titles in tshark's default order; "_ws.col." + title names them for -e. */
    static final String[] TITLES = {"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"};
    private static final ColumnKind[] BUILT_IN = {ColumnKind.NUMBER, ColumnKind.TIME, ColumnKind.SOURCE,
            ColumnKind.DESTINATION, ColumnKind.PROTOCOL, ColumnKind.LENGTH, ColumnKind.INFO};

    private final int digits;
    private final List<ColumnSpec> shown;
    private Instant first;

    Columns(int digits) { this(digits, ColumnFormat.DEFAULT); }

    Columns(int digits, List<ColumnSpec> shown) {
        this.digits = digits;
        this.shown = List.copyOf(shown);
    }

    /** The columns of a summary line, in order. */
    List<ColumnSpec> shown() { return shown; }

    /** Every frame read passes here, displayed or not, so that Time stays relative to frame 1. */
    void observe(RawFrame raw) {
        if (first == null) first = raw.time();
    }

    /** The text of built-in column {@code column} (an index into {@link #TITLES}), for "_ws.col." fields. */
    String get(int column, RawFrame raw, FrameDissection fd) {
        if (column < 0 || column >= BUILT_IN.length) throw new IllegalArgumentException("column " + column);
        return text(BUILT_IN[column], raw, fd.summary(raw.originalLength()));
    }

    /** The text of {@code c} for this frame ({@code summary}: the frame's, made once per line). */
    String text(ColumnSpec c, RawFrame raw, FrameDissection fd, FrameSummary summary) {
        return c.isCustom() ? c.customText(fd) : text(c.kind(), raw, summary);
    }

    private String text(ColumnKind kind, RawFrame raw, FrameSummary s) {
        String t = kind == ColumnKind.TIME ? relativeTime(raw.time()) : kind.text(s);
        return t == null ? "" : t;
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
            // The first `digits` of the nine-digit nanoseconds (String.format was a tenth of a -Y run's printing).
            sb.append('.');
            for (int i = 0, div = 100_000_000; i < Math.min(9, digits); i++, div /= 10) sb.append((char) ('0' + nanos / div % 10));
        }
        return sb.toString();
    }
}
