package tlslens.cli;

import java.io.PrintStream;
import java.util.List;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;

/** tshark -T fields: one line per frame, the -e values joined by the -E separator and aggregator. */
final class FieldsPrinter implements FramePrinter {
    private final PrintStream out;
    private final Columns columns;
    private final FieldOutputOptions opts;
    private final FieldValues values;
    private final StringBuilder line = new StringBuilder(256);

    FieldsPrinter(PrintStream out, Columns columns, List<String> fields, FieldOutputOptions opts) {
        this.out = out;
        this.columns = columns;
        this.opts = opts;
        this.values = new FieldValues(fields, opts.occurrence);
    }

    @Override
    public void begin() {
        if (opts.bom) out.print('\uFEFF');
        if (!opts.header) return;
        out.print(String.join(String.valueOf(opts.separator), values.fields()));
        out.print('\n');
    }

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        List<List<String>> cells = values.collect(raw, fd, columns);
        line.setLength(0);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) line.append(opts.separator);
            List<String> v = cells.get(i);
            if (v.isEmpty()) continue;
            if (opts.quote != 0) line.append(opts.quote);
            for (int j = 0; j < v.size(); j++) {
                if (j > 0) line.append(opts.aggregator);
                escape(line, v.get(j));
            }
            if (opts.quote != 0) line.append(opts.quote);
        }
        line.append('\n');
        out.print(line);
    }

    /** print.c's print_escaped_csv: control characters that would break the line become escapes. */
    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default: sb.append(c);
            }
        }
    }
}
