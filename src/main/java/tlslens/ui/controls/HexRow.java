package tlslens.ui.controls;

import javafx.scene.control.ContentDisplay;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.CellSkinBase;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;

/**
 * One row of a {@link HexView}: "0040  0c 00 0a 00 08 68 65 69  73 65 2e 64 65 00 17 00   .....hei se.de...".
 * A label per byte, so that a click names its byte and CSS can colour the highlighted ones.
 */
final class HexRow extends IndexedCell<Void> {
    private static final int N = HexView.BYTES_PER_ROW;
    private static final String[] HEX = new String[256];
    private static final String[] ASCII = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            HEX[i] = String.format("%02x", i);
            ASCII[i] = i >= 0x20 && i < 0x7f ? String.valueOf((char) i) : ".";
        }
    }

    private final HexViewSkin skin;
    private final Label offset = new Label();
    private final Label[] hex = new Label[N];
    private final Label[] ascii = new Label[N];

    HexRow(HexViewSkin skin) {
        this.skin = skin;
        getStyleClass().add("hex-row");
        offset.getStyleClass().add("hex-offset");
        offset.setMinWidth(USE_PREF_SIZE);
        HBox hexBox = new HBox();
        hexBox.getStyleClass().add("hex-bytes");
        HBox asciiBox = new HBox();
        asciiBox.getStyleClass().add("hex-chars");
        for (int i = 0; i < N; i++) {
            hex[i] = cell("hex-byte", i);
            ascii[i] = cell("hex-ascii", i);
            hexBox.getChildren().add(hex[i]);
            asciiBox.getChildren().add(ascii[i]);
        }
        HBox line = new HBox(offset, hexBox, asciiBox);
        line.getStyleClass().add("hex-line");
        setText(null);
        setGraphic(line);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    private Label cell(String styleClass, int column) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        if (column == N / 2) l.getStyleClass().add("hex-mid"); // the gap between the two groups of 8
        l.setMinWidth(USE_PREF_SIZE);
        l.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) skin.view().byteClicked(getIndex() * N + column);
        });
        return l;
    }

    Label hexCell(int column) { return hex[column]; }

    @Override
    protected Skin<?> createDefaultSkin() { return new CellSkinBase<>(this); }

    @Override
    public void updateIndex(int i) {
        super.updateIndex(i);
        // VirtualFlow treats "empty" cells as filler past the end: a row with bytes must say it is not.
        int rows = (skin.view().length() + N - 1) / N;
        updateItem(null, i < 0 || i >= rows);
        render();
    }

    /** Draws the row for the current index, bytes and highlights. */
    void render() {
        int row = getIndex();
        byte[] data = skin.view().getBytes();
        int start = row * N;
        boolean rowPresent = row >= 0 && start < data.length;
        offset.setText(rowPresent ? offsetText(start, skin.offsetDigits()) : "");
        HexView.Range hl = skin.view().getHighlight();
        HexView.Range proto = skin.view().protocolRangeProperty().get();
        for (int c = 0; c < N; c++) {
            int at = start + c;
            boolean present = rowPresent && at < data.length;
            int b = present ? data[at] & 0xff : -1;
            hex[c].setText(present ? HEX[b] : "  ");
            ascii[c].setText(present ? ASCII[b] : " ");
            boolean lit = present && hl != null && hl.contains(at);
            boolean inProto = present && !lit && proto != null && proto.contains(at);
            mark(hex[c], "hex-highlight", lit);
            mark(ascii[c], "hex-highlight", lit);
            mark(hex[c], "hex-protocol", inProto);
            mark(ascii[c], "hex-protocol", inProto);
            mark(hex[c], "hex-absent", !present);
            mark(ascii[c], "hex-absent", !present);
        }
    }

    /**
     * A pseudo-class, not a style class: a style-class edit makes JavaFX re-match every CSS rule
     * for the node (reapplyCss), a pseudo-class only switches between already matched states.
     */
    private static void mark(Label l, String state, boolean on) {
        javafx.css.PseudoClass pc = javafx.css.PseudoClass.getPseudoClass(state);
        if (l.getPseudoClassStates().contains(pc) != on) l.pseudoClassStateChanged(pc, on);
    }

    static String offsetText(int offset, int digits) {
        String h = Integer.toHexString(offset);
        StringBuilder sb = new StringBuilder(digits);
        for (int i = h.length(); i < digits; i++) sb.append('0');
        return sb.append(h).toString();
    }
}
