package tlslens.cli;

import java.io.PrintStream;
import java.util.List;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.column.ColumnKind;
import tlslens.dissect.column.ColumnSpec;

/**
 * tshark's one line per frame: "    1   0.000000    127.0.0.1 → 127.0.0.1    TCP 74 ...", over
 * whatever columns are configured. Widths follow tshark's print_columns: No. right-aligned in 5,
 * Time right in 10, Source right in 12, Destination left in 12, the rest as they are; " → "
 * between a Source and the Destination after it (" ← " the other way), a space elsewhere.
 * With -T tabs the separator is a tab ("\t→\t" between addresses).
 */
final class SummaryPrinter implements FramePrinter {
    private final PrintStream out;
    private final Columns columns;
    private final String delimiter;

    SummaryPrinter(PrintStream out, Columns columns) { this(out, columns, false); }

    SummaryPrinter(PrintStream out, Columns columns, boolean tabs) {
        this.out = out;
        this.columns = columns;
        this.delimiter = tabs ? "\t" : " ";
    }

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        out.print(line(raw, fd));
        out.print('\n');
    }

    String line(RawFrame raw, FrameDissection fd) {
        FrameSummary summary = fd.summary(raw.originalLength());
        List<ColumnSpec> shown = columns.shown();
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < shown.size(); i++) {
            ColumnKind kind = shown.get(i).kind();
            String text = columns.text(shown.get(i), raw, fd, summary);
            switch (kind) {
                case NUMBER -> padLeft(sb, text, 5);
                case TIME -> padLeft(sb, text, 10);
                case SOURCE -> padLeft(sb, text, 12);
                case DESTINATION -> padRight(sb, text, 12);
                default -> sb.append(text);
            }
            if (i == shown.size() - 1) break;
            ColumnKind next = shown.get(i + 1).kind();
            if (kind == ColumnKind.SOURCE && next == ColumnKind.DESTINATION) {
                sb.append(delimiter).append('\u2192').append(delimiter);
            } else if (kind == ColumnKind.DESTINATION && next == ColumnKind.SOURCE) {
                sb.append(delimiter).append('\u2190').append(delimiter);
            } else {
                sb.append(delimiter);
            }
        }
        return sb.toString();
    }

    private static void padLeft(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) sb.append(' ');
        sb.append(s);
    }

    private static void padRight(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) sb.append(' ');
    }
}
