package tlslens.ui.controls;

import java.util.function.IntConsumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * Offset / hex / ASCII view of one byte array, 16 bytes a row, as in Wireshark's bytes pane.
 * Rows are drawn lazily by a virtual flow, so a 64 KiB reassembled certificate costs the rows on
 * screen only. One range is highlighted (the selected field) and another, lighter, can mark the
 * protocol around it. Styled by CSS classes: .hex-view, .hex-row, .hex-offset, .hex-byte,
 * .hex-ascii, and pseudo-classes :hex-highlight, :hex-protocol, :hex-absent.
 */
public final class HexView extends Control {
    /** A byte range of the view. */
    public record Range(int offset, int length) {
        public boolean contains(int i) { return i >= offset && i - offset < length; }
    }

    public static final int BYTES_PER_ROW = 16;

    private final ObjectProperty<byte[]> bytes = new SimpleObjectProperty<>(this, "bytes", new byte[0]);
    private final ReadOnlyObjectWrapper<Range> highlight = new ReadOnlyObjectWrapper<>(this, "highlight");
    private final ReadOnlyObjectWrapper<Range> protocolRange = new ReadOnlyObjectWrapper<>(this, "protocolRange");
    private final ObjectProperty<IntConsumer> onByteClicked = new SimpleObjectProperty<>(this, "onByteClicked");

    public HexView() {
        getStyleClass().add("hex-view");
        setFocusTraversable(true);
    }

    public HexView(byte[] data) {
        this();
        setBytes(data);
    }

    @Override
    protected Skin<?> createDefaultSkin() { return new HexViewSkin(this); }

    @Override
    public String getUserAgentStylesheet() { return Styles.controls(); }

    // ---- bytes -----------------------------------------------------------------------------

    public ObjectProperty<byte[]> bytesProperty() { return bytes; }

    /** Shows these bytes (not copied: the caller must not change them) and clears the highlights. */
    public void setBytes(byte[] data) {
        highlight.set(null);
        protocolRange.set(null);
        bytes.set(data == null ? new byte[0] : data);
    }

    public byte[] getBytes() { return bytes.get(); }

    public int length() { return bytes.get().length; }

    // ---- highlights ------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Range> highlightProperty() { return highlight.getReadOnlyProperty(); }

    /** Highlights {@code length} bytes at {@code offset} (clamped to the data) and scrolls them into view. */
    public void highlight(int offset, int length) {
        highlight.set(clamp(offset, length));
    }

    public void clearHighlight() { highlight.set(null); }

    /** The highlighted range, or null. */
    public Range getHighlight() { return highlight.get(); }

    public ReadOnlyObjectProperty<Range> protocolRangeProperty() { return protocolRange.getReadOnlyProperty(); }

    /** Marks, more lightly, the bytes of the protocol the highlighted field belongs to. */
    public void setProtocolRange(int offset, int length) {
        protocolRange.set(clamp(offset, length));
    }

    public void clearProtocolRange() { protocolRange.set(null); }

    private Range clamp(int offset, int length) {
        int n = length();
        if (offset < 0 || offset >= n || length <= 0) return null;
        return new Range(offset, Math.min(length, n - offset));
    }

    // ---- clicks ----------------------------------------------------------------------------

    public ObjectProperty<IntConsumer> onByteClickedProperty() { return onByteClicked; }

    /** Called with the offset of a byte the user clicked (in the hex or the ASCII column). */
    public void setOnByteClicked(IntConsumer handler) { onByteClicked.set(handler); }

    public IntConsumer getOnByteClicked() { return onByteClicked.get(); }

    void byteClicked(int offset) {
        IntConsumer h = onByteClicked.get();
        if (h != null && offset >= 0 && offset < length()) h.accept(offset);
    }

    /** The node that shows byte {@code offset} in the hex column, if that row is on screen; for tests. FX thread only. */
    public Node byteNode(int offset) {
        return getSkin() instanceof HexViewSkin s ? s.hexCell(offset) : null;
    }

    /** Scrolls so that the row of {@code offset} is on screen. */
    public void scrollToOffset(int offset) {
        if (getSkin() instanceof HexViewSkin s) s.scrollToRow(offset / BYTES_PER_ROW);
    }
}
