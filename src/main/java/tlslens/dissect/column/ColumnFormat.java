package tlslens.dissect.column;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Wireshark's {@code gui.column.format} preference: title and format in
 * alternation, each quoted, separated by commas
 * ({@code "No.","%m","Time","%t","SNI","%Cus:tls.handshake.extensions_server_name:0:R"}).
 */
public final class ColumnFormat {
    /** Wireshark's default columns. */
    public static final List<ColumnSpec> DEFAULT = List.of(
            ColumnSpec.builtIn("No.", ColumnKind.NUMBER),
            ColumnSpec.builtIn("Time", ColumnKind.TIME),
            ColumnSpec.builtIn("Source", ColumnKind.SOURCE),
            ColumnSpec.builtIn("Destination", ColumnKind.DESTINATION),
            ColumnSpec.builtIn("Protocol", ColumnKind.PROTOCOL),
            ColumnSpec.builtIn("Length", ColumnKind.LENGTH),
            ColumnSpec.builtIn("Info", ColumnKind.INFO));

    private ColumnFormat() {}

    /** The columns a preference value describes. */
    public static List<ColumnSpec> parse(String value) {
        List<String> items = items(value);
        if (items.size() % 2 != 0) throw new IllegalArgumentException("titles and formats must alternate: " + value);
        List<ColumnSpec> out = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) out.add(spec(items.get(i), items.get(i + 1)));
        return out;
    }

    /** One column from its title and format ("%s", "%Cus:tcp.stream", "%Cus:tls.handshake.type:0:U"). */
    public static ColumnSpec spec(String title, String format) {
        if (format.startsWith("%Cus:")) {
            String[] p = format.substring(5).split(":", -1);
            String field = p[0].trim();
            if (field.isEmpty()) throw new IllegalArgumentException("custom column without a field: " + format);
            int occurrence = 0;
            if (p.length > 1 && !p[1].isBlank()) {
                try {
                    occurrence = Integer.parseInt(p[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad occurrence in " + format);
                }
            }
            boolean resolved = p.length <= 2 || !p[2].trim().equalsIgnoreCase("U");
            return new ColumnSpec(title, ColumnKind.CUSTOM, field, occurrence, resolved);
        }
        ColumnKind k = ColumnKind.byCode(format.trim());
        if (k == null || k == ColumnKind.CUSTOM) throw new IllegalArgumentException("unknown column format " + format);
        return ColumnSpec.builtIn(title, k);
    }

    /** The preference value for these columns. */
    public static String format(List<ColumnSpec> columns) {
        StringBuilder sb = new StringBuilder();
        for (ColumnSpec c : columns) {
            if (sb.length() > 0) sb.append(',');
            sb.append(quote(c.title())).append(',').append(quote(c.format()));
        }
        return sb.toString();
    }

    private static String quote(String s) { return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"'; }

    /** Comma-separated items, each quoted (backslash escapes) or bare. */
    private static List<String> items(String value) {
        List<String> out = new ArrayList<>();
        int i = 0, n = value.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(value.charAt(i))) i++;
            if (i >= n) break;
            StringBuilder sb = new StringBuilder();
            if (value.charAt(i) == '"') {
                i++;
                while (i < n && value.charAt(i) != '"') {
                    char c = value.charAt(i++);
                    if (c == '\\' && i < n) c = value.charAt(i++);
                    sb.append(c);
                }
                if (i >= n) throw new IllegalArgumentException("unterminated quote in " + value);
                i++;
                while (i < n && Character.isWhitespace(value.charAt(i))) i++;
            } else {
                while (i < n && value.charAt(i) != ',') sb.append(value.charAt(i++));
            }
            out.add(sb.toString().trim());
            if (i < n && value.charAt(i) != ',') throw new IllegalArgumentException("expected ',' in " + value);
            i++;
        }
        return out;
    }
}
