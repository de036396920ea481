package tlslens.ui.controls;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The skin of {@link HexView}: a fixed pool of {@link HexRow}s (one per row on screen) over a
 * clipped body, and scroll bars. New bytes or highlights re-label the pool; no node is created
 * per selection (a virtual flow rebuilt its cells on every new packet, a visible stall).
 */
final class HexViewSkin extends SkinBase<HexView> {
    private static final double MIN_ROW_HEIGHT = 17;

    /** Where things go on a row, from the font the CSS gave the bytes (monospaced). */
    record Geometry(double fontSize, double charWidth, double textHeight, int digits) {
        private static final double PAD = 6;

        double rowHeight() { return Math.max(MIN_ROW_HEIGHT, Math.ceil(textHeight) + 1); }

        double offsetX() { return PAD; }

        /** One byte's cell in the hex column: two digits and a little space either side. */
        double hexWidth() { return 2 * charWidth + 0.6 * fontSize; }

        double hexPad() { return 0.3 * fontSize; }

        double hexX(int column) {
            return PAD + digits * charWidth + 1.4 * fontSize + column * hexWidth() + (column >= 8 ? 0.6 * fontSize : 0);
        }

        double asciiX(int column) {
            return hexX(15) + hexWidth() + 1.6 * fontSize + column * charWidth + (column >= 8 ? 0.6 * fontSize : 0);
        }

        double width() { return asciiX(15) + charWidth + PAD; }

        /** The byte column under {@code x} (hex or ASCII), -1 between columns. */
        int columnAt(double x) {
            for (int c = 0; c < HexView.BYTES_PER_ROW; c++) {
                double h = hexX(c);
                if (x >= h && x < h + hexWidth()) return c;
                double a = asciiX(c);
                if (x >= a && x < a + charWidth) return c;
            }
            return -1;
        }
    }

    private final Pane body = new Pane() {
        @Override protected void layoutChildren() { layoutRows(); }
    };
    private final Rectangle clip = new Rectangle();
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    /** Reads the font the CSS gives the bytes. */
    private final Text probe = new Text("0");
    private final List<HexRow> pool = new ArrayList<>();
    private Geometry geometry = new Geometry(12, 7.2, 15, 4);
    private Font font;
    private double position;
    private double hposition;
    /** A row to bring on screen once the view has a size. */
    private int pendingScroll = -1;
    private boolean adjusting;

    HexViewSkin(HexView control) {
        super(control);
        body.getStyleClass().add("hex-body");
        body.setClip(clip);
        probe.getStyleClass().add("hex-byte");
        probe.setManaged(false);
        probe.setVisible(false);
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        getChildren().addAll(body, vbar, hbar, probe);
        registerChangeListener(control.bytesProperty(), o -> bytesChanged());
        registerChangeListener(control.highlightProperty(), o -> highlightChanged());
        registerChangeListener(control.protocolRangeProperty(), o -> redrawVisible());
        vbar.valueProperty().addListener((o, a, v) -> {
            if (!adjusting) setPosition(v.doubleValue());
        });
        hbar.valueProperty().addListener((o, a, v) -> {
            if (!adjusting) {
                hposition = v.doubleValue();
                body.requestLayout();
            }
        });
        body.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) setPosition(position - e.getDeltaY());
            if (e.getDeltaX() != 0 && hbar.isVisible()) hbar.setValue(clampH(hposition - e.getDeltaX()));
            e.consume();
        });
        body.setOnMousePressed(e -> control.requestFocus());
        // Rows for a pane of ordinary height, made now: made when the pane first gets its height
        // they cost a visible pause in the pulse that shows a capture's first packet.
        for (int i = 0; i < PREMADE_ROWS; i++) addRow().setVisible(false);
    }

    private static final int PREMADE_ROWS = 24;

    private HexRow addRow() {
        HexRow r = new HexRow(this);
        pool.add(r);
        body.getChildren().add(r);
        return r;
    }

    HexView view() { return getSkinnable(); }

    Geometry geometry() { return geometry; }

    /** Hex digits of the offset column: 4 as in Wireshark, more for buffers past 64 KiB. */
    int offsetDigits() {
        int n = getSkinnable().length();
        return n <= 0x10000 ? 4 : n <= 0x1000000 ? 6 : 8;
    }

    private int rowCount() { return (getSkinnable().length() + HexView.BYTES_PER_ROW - 1) / HexView.BYTES_PER_ROW; }

    private double maxPosition() { return Math.max(0, rowCount() * geometry.rowHeight() - body.getHeight()); }

    private void setPosition(double p) {
        double clamped = Math.max(0, Math.min(p, maxPosition()));
        if (clamped == position) return;
        position = clamped;
        body.requestLayout();
    }

    private double clampH(double p) { return Math.max(0, Math.min(p, Math.max(0, geometry.width() - body.getWidth()))); }

    private void bytesChanged() {
        position = 0;
        pendingScroll = -1;
        redrawVisible();
        getSkinnable().requestLayout();
    }

    private void highlightChanged() {
        redrawVisible();
        HexView.Range r = getSkinnable().getHighlight();
        if (r != null) scrollToRow(r.offset() / HexView.BYTES_PER_ROW);
    }

    /**
     * Redraws the rows on screen and makes the hidden ones forget which row they drew: a hidden row
     * keeps the texts of the bytes it last showed, and {@link #layoutRows} re-shows a row only when its
     * index changes, so a hidden row that kept its index drew the old bytes (blank rows after a short
     * packet: "0000-0040, a gap, then 00b0-00d0") once the viewport grew or a longer packet came.
     */
    private void redrawVisible() {
        for (HexRow row : pool) {
            if (row.isVisible()) row.show(row.index());
            else row.forget();
        }
        body.requestLayout();
    }

    void scrollToRow(int row) {
        if (row < 0 || row >= rowCount()) return;
        double h = body.getHeight();
        if (h <= 0) {
            pendingScroll = row; // not laid out yet: scroll after the first layout
            getSkinnable().requestLayout();
            return;
        }
        double rh = geometry.rowHeight();
        double top = row * rh;
        // Leave the view alone when the row is already fully shown (Wireshark does not jump).
        if (top >= position && top + rh <= position + h) return;
        setPosition(top);
    }

    /** The hex cell of byte {@code offset} if its row is on screen. */
    Node hexCell(int offset) {
        int row = offset / HexView.BYTES_PER_ROW;
        for (HexRow r : pool) {
            if (r.isVisible() && r.index() == row) return r.hexCell(offset % HexView.BYTES_PER_ROW);
        }
        return null;
    }

    private void updateGeometry() {
        Font f = probe.getFont();
        int digits = offsetDigits();
        if (f.equals(font) && digits == geometry.digits()) return;
        font = f;
        javafx.geometry.Bounds b = probe.getLayoutBounds();
        geometry = new Geometry(f.getSize(), b.getWidth(), b.getHeight(), digits);
        for (HexRow r : pool) r.requestLayout();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        updateGeometry();
        double vw = vbar.prefWidth(-1);
        double hh = hbar.prefHeight(-1);
        boolean needH = geometry.width() > w - vw;
        double bodyH = Math.max(0, h - (needH ? hh : 0));
        boolean needV = rowCount() * geometry.rowHeight() > bodyH;
        needH = geometry.width() > w - (needV ? vw : 0);
        bodyH = Math.max(0, h - (needH ? hh : 0));
        double bodyW = Math.max(0, w - (needV ? vw : 0));
        body.resizeRelocate(x, y, bodyW, bodyH);
        clip.setWidth(bodyW);
        clip.setHeight(bodyH);
        vbar.setVisible(needV);
        hbar.setVisible(needH);
        if (needV) vbar.resizeRelocate(x + bodyW, y, vw, bodyH);
        if (needH) hbar.resizeRelocate(x, y + bodyH, bodyW, hh);
        if (pendingScroll >= 0 && bodyH > 0) {
            int row = pendingScroll;
            pendingScroll = -1;
            position = Math.max(0, Math.min(row * geometry.rowHeight(), rowCount() * geometry.rowHeight() - bodyH));
        }
        body.requestLayout();
    }

    /** Moves the pool to the scroll position and shows the rows under it. */
    private void layoutRows() {
        double rh = geometry.rowHeight();
        double viewport = body.getHeight();
        position = Math.max(0, Math.min(position, maxPosition()));
        hposition = clampH(hposition);
        int need = (int) Math.ceil(viewport / rh) + 1;
        while (pool.size() < need) addRow();
        int first = (int) (position / rh);
        double offset = first * rh - position;
        int rows = rowCount();
        double width = Math.max(body.getWidth(), geometry.width());
        for (int i = 0; i < pool.size(); i++) {
            HexRow r = pool.get(i);
            int index = first + i;
            boolean used = i < need && index < rows;
            if (r.isVisible() != used) r.setVisible(used);
            if (!used) continue;
            if (r.index() != index) r.show(index);
            r.resizeRelocate(-hposition, offset + i * rh, width, rh);
        }
        adjusting = true;
        try {
            vbar.setMax(maxPosition());
            vbar.setVisibleAmount(Math.max(1, maxPosition() * viewport / Math.max(1, rows * rh)));
            vbar.setUnitIncrement(rh);
            vbar.setBlockIncrement(Math.max(rh, viewport - rh));
            vbar.setValue(position);
            double hmax = Math.max(0, geometry.width() - body.getWidth());
            hbar.setMax(hmax);
            hbar.setVisibleAmount(Math.max(1, hmax * body.getWidth() / Math.max(1, geometry.width())));
            hbar.setValue(hposition);
        } finally {
            adjusting = false;
        }
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        updateGeometry();
        return geometry.width() + vbar.prefWidth(-1) + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 200 + top + bottom;
    }

    // It scrolls: it can be as small as the layout wants (a split pane collapses it on the welcome pane).
    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return 0;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return 0;
    }
}
