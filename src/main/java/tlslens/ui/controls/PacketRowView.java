package tlslens.ui.controls;

import java.util.List;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.SVGPath;
import tlslens.dissect.FrameContext;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketRow;

/**
 * One row node of the packet table's pool: a label per column. Showing another packet only
 * changes texts and pseudo-classes (never style classes or children), so CSS stays cheap.
 */
final class PacketRowView extends Region {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FILLED = PseudoClass.getPseudoClass("filled");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");

    private final List<PacketColumn> columns;
    private final Label[] cells;
    private PacketRow row;
    private short colour = ColouringRules.NONE;
    private boolean selected;
    private int index = -1;
    /** The Info cell's whole text: it is cut when the column is narrower than the text (issue 12 item 9). */
    private final javafx.scene.control.Tooltip info = new javafx.scene.control.Tooltip();
    private final int infoColumn;
    /** Shown before Info when a handshake message or alert of the frame travelled encrypted (and was decrypted). */
    private final SVGPath lock = LockGlyph.create("packet-lock");

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
        infoColumn = columns.indexOf(PacketColumn.INFO);
        if (infoColumn >= 0) {
            info.setWrapText(true);
            info.setMaxWidth(700);
            info.textProperty().bind(cells[infoColumn].textProperty());
            cells[infoColumn].setTooltip(info);
        }
        pseudoClassStateChanged(EMPTY, true);
    }

    /** Shows {@code r} (null: an empty filler row) as row {@code index}. */
    void show(PacketRow r, int index, boolean selected) {
        this.index = r == null ? -1 : index;
        if (!java.util.Objects.equals(r, row)) { // rows are made on demand: equal rows show the same texts
            boolean wasEmpty = row == null;
            row = r;
            setTexts();
            if (wasEmpty != (r == null)) {
                pseudoClassStateChanged(EMPTY, r == null);
                pseudoClassStateChanged(FILLED, r != null);
            }
        }
        // Outside the test above: a recolour changes the colour of the same row object.
        short c = r == null ? ColouringRules.NONE : r.colour();
        if (c != colour) {
            if (colour != ColouringRules.NONE) pseudoClassStateChanged(RowColours.pseudoClass(colour), false);
            if (c != ColouringRules.NONE) pseudoClassStateChanged(RowColours.pseudoClass(c), true);
            colour = c;
        }
        boolean sel = selected && r != null;
        if (sel != this.selected) {
            this.selected = sel;
            pseudoClassStateChanged(SELECTED, sel);
        }
    }

    private void setTexts() {
        for (int i = 0; i < cells.length; i++) cells[i].setText(row == null ? "" : columns.get(i).text(row));
        if (infoColumn >= 0) {
            boolean decrypted = row != null && row.summary().has(FrameContext.DECRYPTED);
            cells[infoColumn].setGraphic(decrypted ? lock : null);
        }
    }

    /** The padlock before Info (frames whose encrypted handshake messages or alerts were decrypted); for tests. */
    boolean showsLock() { return infoColumn >= 0 && cells[infoColumn].getGraphic() == lock; }

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
