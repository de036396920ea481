package tlslens.cli;

import java.io.PrintStream;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;

/**
 * tshark's default one line per frame: "    1   0.000000    127.0.0.1 → 127.0.0.1    TCP 74 ...".
 * Widths follow tshark's print_columns: No. right-aligned in 5, Time right in 10, Source right
 * in 12, Destination left in 12, the rest as they are; " → " between Source and Destination.
 */
final class SummaryPrinter implements FramePrinter {
    private final PrintStream out;
    private final Columns columns;

    SummaryPrinter(PrintStream out, Columns columns) {
        this.out = out;
        this.columns = columns;
    }

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        out.print(line(raw, fd));
        out.print('\n');
    }

    String line(RawFrame raw, FrameDissection fd) {
        StringBuilder sb = new StringBuilder(128);
        padLeft(sb, columns.get(0, raw, fd), 5);
        sb.append(' ');
        padLeft(sb, columns.get(1, raw, fd), 10);
        sb.append(' ');
        padLeft(sb, columns.get(2, raw, fd), 12);
        sb.append(" \u2192 ");
        padRight(sb, columns.get(3, raw, fd), 12);
        sb.append(' ').append(columns.get(4, raw, fd));
        sb.append(' ').append(columns.get(5, raw, fd));
        sb.append(' ').append(columns.get(6, raw, fd));
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
