package tlslens.dissect.column;

import java.util.List;

import tlslens.dissect.FrameDissection;

/**
 * One packet-list column, as Wireshark's preferences describe it: a title and a kind; a custom
 * column also names its field(s) ("tls.handshake.type or tcp.stream"), which occurrence to show
 * (0 = all, n = the n-th, -n = the n-th from the end) and whether values are shown by name.
 * The window's packet table and the command line's summary lines both read these.
 */
public record ColumnSpec(String title, ColumnKind kind, String field, int occurrence, boolean resolved) {

    public ColumnSpec {
        if (kind == ColumnKind.CUSTOM && (field == null || field.isBlank())) {
            throw new IllegalArgumentException("a custom column needs a field");
        }
        if (kind != ColumnKind.CUSTOM) field = "";
    }

    public static ColumnSpec builtIn(String title, ColumnKind kind) { return new ColumnSpec(title, kind, "", 0, true); }

    /** A custom column showing every occurrence of {@code field} by name, titled {@code title}. */
    public static ColumnSpec custom(String title, String field) {
        return new ColumnSpec(title, ColumnKind.CUSTOM, field, 0, true);
    }

    public boolean isCustom() { return kind == ColumnKind.CUSTOM; }

    /** The field names of a custom column ("a or b" or "a || b": both, in that order). */
    public List<String> fields() {
        if (!isCustom()) return List.of();
        return List.of(field.trim().split("\\s+or\\s+|\\s*\\|\\|\\s*"));
    }

    /** A custom column's text for a frame, from its tree. */
    public String customText(FrameDissection fd) { return CustomColumnText.of(fd.root, fields(), occurrence, resolved); }

    /** The format as {@code gui.column.format} writes it: "%p", "%Cus:tcp.stream:0:R". */
    public String format() {
        if (!isCustom()) return kind.code();
        return kind.code() + ":" + field + ":" + occurrence + ":" + (resolved ? "R" : "U");
    }
}
