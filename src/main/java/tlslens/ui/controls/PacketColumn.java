package tlslens.ui.controls;

import java.util.Comparator;
import java.util.function.Function;

import tlslens.ui.model.PacketRow;

/** The packet table's columns, in Wireshark's default order: header, width, cell text and sort order. */
public enum PacketColumn {
    NUMBER("No.", 64, true, r -> Integer.toString(r.number()), Comparator.comparingInt(PacketRow::number)),
    TIME("Time", 96, true, PacketRow::timeText, Comparator.comparingLong(PacketRow::relativeNanos)),
    SOURCE("Source", 150, false, r -> r.summary().source(), text(r -> r.summary().source())),
    DESTINATION("Destination", 150, false, r -> r.summary().destination(), text(r -> r.summary().destination())),
    PROTOCOL("Protocol", 74, false, r -> r.summary().protocol(), text(r -> r.summary().protocol())),
    LENGTH("Length", 62, true, r -> Integer.toString(r.summary().length()),
            Comparator.comparingInt(r -> r.summary().length())),
    INFO("Info", 640, false, r -> r.summary().info(), text(r -> r.summary().info()));

    private final String header;
    private final double width;
    private final boolean numeric;
    private final Function<PacketRow, String> text;
    private final Comparator<PacketRow> order;

    PacketColumn(String header, double width, boolean numeric, Function<PacketRow, String> text,
                 Comparator<PacketRow> order) {
        this.header = header;
        this.width = width;
        this.numeric = numeric;
        this.text = text;
        // Ties keep frame order, so a sort is stable across appends.
        this.order = order.thenComparingInt(PacketRow::number);
    }

    public String header() { return header; }

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

    /** The style class of this column's header and cells, e.g. "col-info". */
    public String styleClass() { return "col-" + name().toLowerCase(java.util.Locale.ROOT); }

    private static Comparator<PacketRow> text(Function<PacketRow, String> f) {
        return Comparator.comparing(r -> f.apply(r) == null ? "" : f.apply(r));
    }
}
