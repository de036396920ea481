package tlslens.ui.controls;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Side;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import tlslens.dissect.DataSource;

/**
 * The bytes pane: one {@link HexView} per data source of the frame ("Frame (583 bytes)",
 * "Reassembled TCP (4030 bytes)", ...), as tabs along the bottom as in Wireshark. The tab row is
 * hidden while there is only the frame itself (pseudo-class :single-source on the tab row).
 */
public final class BytesPane extends TabPane {
    /** Receives the byte the user clicked: its data source and offset in it. */
    @FunctionalInterface
    public interface ByteClickHandler {
        void byteClicked(int source, int offset);
    }

    /** Every view and tab made so far, kept for the next frame with as many sources: the first {@code shown} are in use. */
    private final List<HexView> views = new ArrayList<>();
    private final List<Tab> allTabs = new ArrayList<>();
    private int shown;
    private ByteClickHandler onByteClicked;
    private HighlightedRange highlighted;

    public BytesPane() {
        getStyleClass().add("bytes-pane");
        setSide(Side.BOTTOM);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        String css = Styles.controls();
        if (css != null) getStylesheets().add(css);
        setSources(List.of());
        skinProperty().addListener((o, a, b) -> markHeader());
    }

    /**
     * Shows these data sources, one tab each (null or empty: nothing). Clears the highlight.
     * Tabs and hex views are reused from frame to frame, also those a frame with fewer sources
     * did not need: a new HexView means new rows and a CSS pass, a stall while scrolling.
     */
    public void setSources(List<DataSource> sources) {
        highlighted = null;
        List<DataSource> list = sources == null ? List.of() : sources;
        while (views.size() < list.size()) {
            int source = views.size();
            HexView v = new HexView();
            v.setOnByteClicked(off -> {
                if (onByteClicked != null) onByteClicked.byteClicked(source, off);
            });
            views.add(v);
            Tab t = new Tab("", v);
            t.getStyleClass().add("bytes-tab");
            allTabs.add(t);
        }
        for (int i = 0; i < list.size(); i++) {
            views.get(i).setBytes(list.get(i).bytes());
            allTabs.get(i).setText(list.get(i).name());
        }
        for (int i = list.size(); i < views.size(); i++) views.get(i).setBytes(null); // let go of the old frame
        shown = list.size();
        if (getTabs().size() > shown) getTabs().remove(shown, getTabs().size());
        if (getTabs().size() < shown) getTabs().addAll(allTabs.subList(getTabs().size(), shown));
        markHeader();
        if (!getTabs().isEmpty()) getSelectionModel().select(0);
    }

    private static final javafx.css.PseudoClass SINGLE = javafx.css.PseudoClass.getPseudoClass("single-source");

    /**
     * Hides the tab row while there is one source, by a pseudo-class on the row itself: a style
     * class on the pane re-matched the CSS of every hex row below it whenever the count changed.
     */
    private void markHeader() {
        boolean single = getTabs().size() <= 1;
        for (javafx.scene.Node n : getChildrenUnmodifiable()) {
            if (n.getStyleClass().contains("tab-header-area")) n.pseudoClassStateChanged(SINGLE, single);
        }
    }

    public int sourceCount() { return shown; }

    /** The view of data source {@code source}, or null. */
    public HexView hexView(int source) {
        return source >= 0 && source < shown ? views.get(source) : null;
    }

    /** The data source whose tab is showing, or -1. */
    public int selectedSource() { return getSelectionModel().getSelectedIndex(); }

    public void selectSource(int source) {
        if (source >= 0 && source < shown) getSelectionModel().select(source);
    }

    /**
     * Highlights a byte range of one source, switching to its tab; the protocol range (may be
     * null) is marked more lightly. A range without bytes clears the highlight.
     */
    public void highlight(int source, int offset, int length, HexView.Range protocol) {
        for (HexView v : views) {
            v.clearHighlight();
            v.clearProtocolRange();
        }
        highlighted = null;
        HexView v = hexView(source);
        if (v == null) return;
        selectSource(source);
        if (protocol != null) v.setProtocolRange(protocol.offset(), protocol.length());
        v.highlight(offset, length);
        HexView.Range r = v.getHighlight();
        if (r != null) highlighted = new HighlightedRange(source, r.offset(), r.length());
    }

    public void highlight(int source, int offset, int length) { highlight(source, offset, length, null); }

    public void clearHighlight() {
        for (HexView v : views) {
            v.clearHighlight();
            v.clearProtocolRange();
        }
        highlighted = null;
    }

    /** The highlighted range, or null. */
    public HighlightedRange highlightedRange() { return highlighted; }

    public void setOnByteClicked(ByteClickHandler handler) { this.onByteClicked = handler; }
}
