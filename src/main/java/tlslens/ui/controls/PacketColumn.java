package tlslens.ui.controls;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import tlslens.dissect.column.ColumnFormat;
import tlslens.dissect.column.ColumnKind;
import tlslens.dissect.column.ColumnSpec;
import tlslens.ui.model.PacketRow;

/**
 * One column of the packet table: its definition ({@link ColumnSpec}, shared with the command
 * line's summary lines), initial width, alignment, cell text and sort order. The built-in columns
 * are constants; a custom column reads its cells from wherever the window keeps them.
 */
public final class PacketColumn {
    public static final PacketColumn NUMBER = builtIn(ColumnKind.NUMBER, 64, r -> Integer.toString(r.number()),
            Comparator.comparingInt(PacketRow::number));
    public static final PacketColumn TIME = builtIn(ColumnKind.TIME, 96, PacketRow::timeText,
            Comparator.comparingLong(PacketRow::relativeNanos));
    public static final PacketColumn SOURCE = builtIn(ColumnKind.SOURCE, 150, null, null);
    public static final PacketColumn DESTINATION = builtIn(ColumnKind.DESTINATION, 150, null, null);
    public static final PacketColumn PROTOCOL = builtIn(ColumnKind.PROTOCOL, 74, null, null);
    public static final PacketColumn LENGTH = builtIn(ColumnKind.LENGTH, 62, null,
            Comparator.comparingInt(r -> r.summary().length()));
    public static final PacketColumn INFO = builtIn(ColumnKind.INFO, 640, null, null);

    private static final List<PacketColumn> BUILT_IN = List.of(NUMBER, TIME, SOURCE, DESTINATION, PROTOCOL, LENGTH, INFO);

    private final ColumnSpec spec;
    private final double width;
    private final boolean numeric;
    private final Function<PacketRow, String> text;
    private final Comparator<PacketRow> order;
    /** The cell text a sort compares (null: the column has an order of its own); see {@link #sort}. */
    private final Function<PacketRow, String> sortText;

    private PacketColumn(ColumnSpec spec, double width, boolean numeric, Function<PacketRow, String> text,
                         Comparator<PacketRow> order) {
        this.spec = spec;
        this.width = width;
        this.numeric = numeric;
        this.text = text;
        // Ties keep frame order, so a sort is stable across appends.
        this.order = (order != null ? order : textOrder(text)).thenComparingInt(PacketRow::number);
        this.sortText = order != null ? null : text;
    }

    private static PacketColumn builtIn(ColumnKind kind, double width, Function<PacketRow, String> text,
                                        Comparator<PacketRow> order) {
        ColumnSpec spec = ColumnFormat.DEFAULT.stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
        Function<PacketRow, String> t = text != null ? text : r -> kind.text(r.summary());
        return new PacketColumn(spec, width, kind == ColumnKind.NUMBER || kind == ColumnKind.TIME
                || kind == ColumnKind.LENGTH, t, order);
    }

    /** Wireshark's default columns, in order. */
    public static List<PacketColumn> defaults() { return BUILT_IN; }

    /** Kept for callers that walk the default columns. */
    public static PacketColumn[] values() { return BUILT_IN.toArray(PacketColumn[]::new); }

    /** The built-in column of this kind (not CUSTOM). */
    public static PacketColumn builtIn(ColumnKind kind) {
        for (PacketColumn c : BUILT_IN) if (c.spec.kind() == kind) return c;
        throw new IllegalArgumentException(kind + " is not built in");
    }

    /** A custom column whose cells {@code text} gives (empty while a value is not known yet). */
    public static PacketColumn custom(ColumnSpec spec, Function<PacketRow, String> text) {
        if (!spec.isCustom()) throw new IllegalArgumentException(spec + " is not a custom column");
        return new PacketColumn(spec, 140, false, text, null);
    }

    public ColumnSpec spec() { return spec; }

    public String header() { return spec.title(); }

    public boolean isCustom() { return spec.isCustom(); }

    /** The initial width in pixels. */
    public double width() { return width; }

    /** Right-aligned (style class "col-number"). */
    public boolean numeric() { return numeric; }

    public String text(PacketRow r) {
        String s = text.apply(r);
        return s == null ? "" : s;
    }

    /** Ascending order; ties by frame number. */
    public Comparator<PacketRow> order() { return order; }

    /**
     * Puts {@code rows} in this column's order ({@link #order}, reversed unless {@code ascending}).
     * A text column's cells are read once each, in the rows' order, before sorting: Info text is kept
     * packed in chunks (FrameSummaries), and a sort reading two cells per comparison in random order
     * would unpack a chunk for nearly each of a million rows' twenty million comparisons.
     */
    public void sort(List<PacketRow> rows, boolean ascending) {
        int[] order = sortedIndices(rows, ascending);
        PacketRow[] was = rows.toArray(new PacketRow[0]);
        for (int i = 0; i < order.length; i++) rows.set(i, was[order[i]]);
    }

    /**
     * The indices of {@code rows} in this column's order (as {@link #sort}); each row is read
     * once (rows may be made on demand by their list).
     */
    public int[] sortedIndices(List<PacketRow> rows, boolean ascending) {
        record Keyed(String text, PacketRow row, int index) {}
        Keyed[] keyed = new Keyed[rows.size()];
        for (int i = 0; i < keyed.length; i++) {
            PacketRow r = rows.get(i);
            String s = sortText == null ? null : sortText.apply(r);
            keyed[i] = new Keyed(s == null ? "" : s, r, i);
        }
        Comparator<Keyed> k;
        if (sortText == null) {
            Comparator<PacketRow> o = ascending ? order : order.reversed();
            k = (a, b) -> o.compare(a.row(), b.row());
        } else {
            Comparator<Keyed> byText = Comparator.comparing(Keyed::text);
            k = byText.thenComparingInt(e -> e.row().number());
            if (!ascending) k = k.reversed();
        }
        java.util.Arrays.sort(keyed, k);
        int[] out = new int[keyed.length];
        for (int i = 0; i < out.length; i++) out[i] = keyed[i].index();
        return out;
    }

    /** The style class of this column's header and cells, e.g. "col-info"; "col-custom" for custom ones. */
    public String styleClass() { return "col-" + spec.kind().name().toLowerCase(Locale.ROOT); }

    @Override public String toString() { return spec.title() + " (" + spec.format() + ")"; }

    private static Comparator<PacketRow> textOrder(Function<PacketRow, String> f) {
        return Comparator.comparing(r -> {
            String s = f.apply(r);
            return s == null ? "" : s;
        });
    }
}
