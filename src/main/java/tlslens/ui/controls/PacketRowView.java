package tlslens.ui.controls;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import tlslens.ui.model.PacketRow;
import tlslens.ui.model.RowKind;

/**
 * One row node of the packet table's pool: a label per column. Showing another packet only
 * changes texts and pseudo-classes (never style classes or children), so CSS stays cheap.
 */
final class PacketRowView extends Region {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FILLED = PseudoClass.getPseudoClass("filled");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");
    private static final Map<RowKind, PseudoClass> KIND = new EnumMap<>(RowKind.class);

    static {
        for (RowKind k : RowKind.values()) KIND.put(k, PseudoClass.getPseudoClass(k.styleClass()));
    }

    private final List<PacketColumn> columns;
    private final Label[] cells;
    private PacketRow row;
    private RowKind kind;
    private boolean selected;
    private int index = -1;

    PacketRowView(List<PacketColumn> columns) {
        this.columns = columns;
        this.cells = new Label[columns.size()];
        getStyleClass().add("packet-row");
        for (int i = 0; i < cells.length; i++) {
            PacketColumn c = columns.get(i);
            Label l = new Label();
            l.getStyleClass().addAll("packet-cell", c.styleClass());
            l.setMinWidth(0);
            // Not empty: a label's text node is set up the first time it has text, and the pool
            // filling up with its first packets then cost a visible pause.
            l.setText(" ");
            cells[i] = l;
        }
        getChildren().addAll(cells);
        pseudoClassStateChanged(EMPTY, true);
    }

    /** Shows {@code r} (null: an empty filler row) as row {@code index}. */
    void show(PacketRow r, int index, boolean selected) {
        this.index = r == null ? -1 : index;
        if (r != row) {
            boolean wasEmpty = row == null;
            row = r;
            setTexts();
            if (wasEmpty != (r == null)) {
                pseudoClassStateChanged(EMPTY, r == null);
                pseudoClassStateChanged(FILLED, r != null);
            }
            RowKind k = r == null ? null : r.kind();
            if (k != kind) {
                if (kind != null) pseudoClassStateChanged(KIND.get(kind), false);
                if (k != null) pseudoClassStateChanged(KIND.get(k), true);
                kind = k;
            }
        }
        boolean sel = selected && r != null;
        if (sel != this.selected) {
            this.selected = sel;
            pseudoClassStateChanged(SELECTED, sel);
        }
    }

    private void setTexts() {
        for (int i = 0; i < cells.length; i++) cells[i].setText(row == null ? "" : columns.get(i).text(row));
    }

    /** Sets the custom cells' texts again for the same row (values computed since); built-in texts do not change. */
    void relabel() {
        if (row == null) return;
        for (int i = 0; i < cells.length; i++) {
            if (columns.get(i).isCustom()) cells[i].setText(columns.get(i).text(row));
        }
    }

    PacketRow row() { return row; }

    /** The index in the table's items, -1 for a filler row. */
    int index() { return index; }

    /** Places the cells at the given column edges ({@code edges[i]} .. {@code edges[i+1]}). */
    void layoutCells(double[] edges, double height) {
        for (int i = 0; i < cells.length; i++) {
            cells[i].resizeRelocate(edges[i], 0, Math.max(0, edges[i + 1] - edges[i]), height);
        }
    }

    @Override
    protected void layoutChildren() {
        // Cells are placed by the skin (layoutCells), which knows the column widths.
    }
}
