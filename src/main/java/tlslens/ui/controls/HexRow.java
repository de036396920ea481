package tlslens.ui.controls;

import javafx.css.PseudoClass;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.geometry.VPos;

/**
 * One row of a {@link HexView}: "0040  0c 00 0a 00 08 68 65 69  73 65 2e 64 65 00 17 00   .....hei se.de...".
 * A Text per byte (so a click or a test can name its byte and CSS can colour the highlighted ones)
 * over coloured bands for the highlighted and the protocol ranges: a range meets a row in one
 * contiguous run, so two bands per column do, where a Label per byte cost a skin and a CSS pass
 * per byte. Rows are pooled by the skin; showing other bytes changes texts and pseudo-classes only.
 */
final class HexRow extends Region {
    private static final int N = HexView.BYTES_PER_ROW;
    private static final String[] HEX = new String[256];
    private static final String[] ASCII = new String[256];
    private static final PseudoClass HIGHLIGHT = PseudoClass.getPseudoClass("hex-highlight");
    private static final PseudoClass PROTOCOL = PseudoClass.getPseudoClass("hex-protocol");
    private static final PseudoClass ABSENT = PseudoClass.getPseudoClass("hex-absent");

    static {
        for (int i = 0; i < 256; i++) {
            HEX[i] = String.format("%02x", i);
            ASCII[i] = i >= 0x20 && i < 0x7f ? String.valueOf((char) i) : ".";
        }
    }

    private final HexViewSkin skin;
    private final Text offset = text("hex-offset");
    private final Text[] hex = new Text[N];
    private final Text[] ascii = new Text[N];
    private final Region hexProtocol = band("hex-band-protocol");
    private final Region asciiProtocol = band("hex-band-protocol");
    private final Region hexHighlight = band("hex-band-highlight");
    private final Region asciiHighlight = band("hex-band-highlight");
    private final Region hover = band("hex-band-hover");
    private int index = -1;
    /** First and last column (inclusive) of each band on this row; first > last: none. */
    private int hlFrom = 1, hlTo = 0, protoFrom = 1, protoTo = 0, bytes;

    HexRow(HexViewSkin skin) {
        this.skin = skin;
        getStyleClass().add("hex-row");
        getChildren().addAll(hexProtocol, asciiProtocol, hexHighlight, asciiHighlight, hover, offset);
        for (int i = 0; i < N; i++) {
            hex[i] = text("hex-byte");
            ascii[i] = text("hex-ascii");
        }
        getChildren().addAll(hex);
        getChildren().addAll(ascii);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> showHover(skin.geometry().columnAt(e.getX())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> showHover(-1));
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            int c = skin.geometry().columnAt(e.getX());
            if (e.getButton() == MouseButton.PRIMARY && c >= 0 && c < bytes) skin.view().byteClicked(index * N + c);
        });
    }

    private static Text text(String styleClass) {
        Text t = new Text();
        t.getStyleClass().add(styleClass);
        t.setTextOrigin(VPos.TOP);
        t.setManaged(false);
        return t;
    }

    private static Region band(String styleClass) {
        Region r = new Region();
        r.getStyleClass().add(styleClass);
        r.setManaged(false);
        r.setVisible(false);
        r.setMouseTransparent(true);
        return r;
    }

    int index() { return index; }

    /** Marks the row as showing nothing current, so the next layout that uses it shows its row afresh. */
    void forget() { index = -1; }

    /** The Text of byte {@code column} in the hex column. */
    Text hexCell(int column) { return hex[column]; }

    /** Shows row {@code row} of the view's bytes (-1: nothing) with the current highlights. */
    void show(int row) {
        index = row;
        byte[] data = skin.view().getBytes();
        int start = row * N;
        boolean rowPresent = row >= 0 && start < data.length;
        bytes = rowPresent ? Math.min(N, data.length - start) : 0;
        setText(offset, rowPresent ? offsetText(start, skin.offsetDigits()) : "");
        HexView.Range hl = skin.view().getHighlight();
        HexView.Range proto = skin.view().protocolRangeProperty().get();
        for (int c = 0; c < N; c++) {
            int at = start + c;
            boolean present = c < bytes;
            int b = present ? data[at] & 0xff : -1;
            setText(hex[c], present ? HEX[b] : "");
            setText(ascii[c], present ? ASCII[b] : "");
            boolean lit = present && hl != null && hl.contains(at);
            boolean inProto = present && !lit && proto != null && proto.contains(at);
            mark(hex[c], ascii[c], HIGHLIGHT, lit);
            mark(hex[c], ascii[c], PROTOCOL, inProto);
            mark(hex[c], ascii[c], ABSENT, !present);
        }
        hlFrom = from(hl, start);
        hlTo = to(hl, start);
        protoFrom = from(proto, start);
        protoTo = to(proto, start);
        if (hover.isVisible()) hover.setVisible(false);
        setCursor(bytes > 0 ? Cursor.HAND : Cursor.DEFAULT);
        requestLayout();
    }

    private int from(HexView.Range r, int start) {
        return r == null ? 1 : Math.max(0, r.offset() - start);
    }

    private int to(HexView.Range r, int start) {
        return r == null ? 0 : Math.min(bytes - 1, r.offset() + r.length() - 1 - start);
    }

    private static void setText(Text t, String s) {
        if (!s.equals(t.getText())) t.setText(s);
    }

    /** A pseudo-class, not a style class: a style-class edit re-matches every CSS rule for the node. */
    private static void mark(Text a, Text b, PseudoClass state, boolean on) {
        if (a.getPseudoClassStates().contains(state) != on) {
            a.pseudoClassStateChanged(state, on);
            b.pseudoClassStateChanged(state, on);
        }
    }

    private void showHover(int column) {
        boolean on = column >= 0 && column < bytes;
        if (on) {
            HexViewSkin.Geometry g = skin.geometry();
            hover.resizeRelocate(g.hexX(column), 0, g.hexWidth(), getHeight());
        }
        if (hover.isVisible() != on) hover.setVisible(on);
    }

    @Override
    protected void layoutChildren() {
        HexViewSkin.Geometry g = skin.geometry();
        double h = getHeight();
        double y = Math.floor((h - g.textHeight()) / 2);
        offset.relocate(g.offsetX(), y);
        for (int c = 0; c < N; c++) {
            hex[c].relocate(g.hexX(c) + g.hexPad(), y);
            ascii[c].relocate(g.asciiX(c), y);
        }
        placeBand(hexProtocol, asciiProtocol, protoFrom, protoTo, g, h);
        placeBand(hexHighlight, asciiHighlight, hlFrom, hlTo, g, h);
    }

    /** The bands cover columns from..to, as one run in each column (the mid gap included). */
    private static void placeBand(Region hexBand, Region asciiBand, int from, int to, HexViewSkin.Geometry g, double h) {
        boolean on = from <= to;
        if (hexBand.isVisible() != on) {
            hexBand.setVisible(on);
            asciiBand.setVisible(on);
        }
        if (!on) return;
        double hx = g.hexX(from);
        hexBand.resizeRelocate(hx, 0, g.hexX(to) + g.hexWidth() - hx, h);
        double ax = g.asciiX(from);
        asciiBand.resizeRelocate(ax, 0, g.asciiX(to) + g.charWidth() - ax, h);
    }

    static String offsetText(int offset, int digits) {
        String h = Integer.toHexString(offset);
        StringBuilder sb = new StringBuilder(digits);
        for (int i = h.length(); i < digits; i++) sb.append('0');
        return sb.append(h).toString();
    }
}
