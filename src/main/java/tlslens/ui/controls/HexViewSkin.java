package tlslens.ui.controls;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.SkinBase;
import javafx.scene.control.skin.VirtualFlow;

/** The skin of {@link HexView}: a virtual flow of 16-byte rows, redrawn when the bytes or the highlights change. */
final class HexViewSkin extends SkinBase<HexView> {
    /** A VirtualFlow that lets the skin rebuild its rows and see the ones on screen. */
    static final class RowFlow extends VirtualFlow<HexRow> {
        void rebuild() { rebuildCells(); }

        List<HexRow> visibleRows() { return getCells(); }
    }

    private final RowFlow flow = new RowFlow();
    /** A row to bring on screen once the flow has a size. */
    private int pendingScroll = -1;

    HexViewSkin(HexView control) {
        super(control);
        flow.getStyleClass().add("hex-flow");
        flow.setCellFactory(f -> new HexRow(this));
        getChildren().add(flow);
        registerChangeListener(control.bytesProperty(), o -> bytesChanged());
        registerChangeListener(control.highlightProperty(), o -> highlightChanged());
        registerChangeListener(control.protocolRangeProperty(), o -> redrawVisible());
        bytesChanged();
    }

    HexView view() { return getSkinnable(); }

    /** Hex digits of the offset column: 4 as in Wireshark, more for buffers past 64 KiB. */
    int offsetDigits() {
        int n = getSkinnable().length();
        return n <= 0x10000 ? 4 : n <= 0x1000000 ? 6 : 8;
    }

    private void bytesChanged() {
        int n = getSkinnable().length();
        flow.setCellCount((n + HexView.BYTES_PER_ROW - 1) / HexView.BYTES_PER_ROW);
        flow.rebuild();
        flow.setPosition(0);
    }

    private void highlightChanged() {
        redrawVisible();
        HexView.Range r = getSkinnable().getHighlight();
        if (r != null) scrollToRow(r.offset() / HexView.BYTES_PER_ROW);
    }

    private void redrawVisible() {
        for (HexRow row : flow.visibleRows()) row.render();
    }

    void scrollToRow(int row) {
        if (row < 0 || row >= flow.getCellCount()) return;
        if (flow.getHeight() <= 0 || flow.visibleRows().isEmpty()) {
            pendingScroll = row; // not laid out yet: scroll after the first layout
            getSkinnable().requestLayout();
            return;
        }
        HexRow first = flow.getFirstVisibleCell();
        HexRow last = flow.getLastVisibleCell();
        // Leave the view alone when the row is already fully shown (Wireshark does not jump).
        if (first != null && last != null && row > first.getIndex() && row < last.getIndex()) return;
        flow.scrollTo(row);
    }

    /** The hex cell of byte {@code offset} if its row is on screen. */
    Node hexCell(int offset) {
        int row = offset / HexView.BYTES_PER_ROW;
        for (HexRow r : flow.visibleRows()) {
            if (r.getIndex() == row && r.isVisible()) return r.hexCell(offset % HexView.BYTES_PER_ROW);
        }
        return null;
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        flow.resizeRelocate(x, y, w, h);
        if (pendingScroll >= 0) {
            flow.layout();
            if (!flow.visibleRows().isEmpty()) {
                int row = pendingScroll;
                pendingScroll = -1;
                flow.scrollTo(row);
                flow.layout(); // we are inside the layout pass: its request for another one would be lost
            }
        }
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return flow.prefWidth(height) + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 200 + top + bottom;
    }
}
