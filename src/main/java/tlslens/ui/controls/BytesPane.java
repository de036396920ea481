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
 * hidden while there is only the frame itself (style class "single-source").
 */
public final class BytesPane extends TabPane {
    /** Receives the byte the user clicked: its data source and offset in it. */
    @FunctionalInterface
    public interface ByteClickHandler {
        void byteClicked(int source, int offset);
    }

    private final List<HexView> views = new ArrayList<>();
    private ByteClickHandler onByteClicked;
    private HighlightedRange highlighted;

    public BytesPane() {
        getStyleClass().add("bytes-pane");
        setSide(Side.BOTTOM);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        String css = Styles.controls();
        if (css != null) getStylesheets().add(css);
        setSources(List.of());
    }

    /**
     * Shows these data sources, one tab each (null or empty: nothing). Clears the highlight.
     * Tabs and hex views are reused from frame to frame: a new HexView means new rows and a
     * full CSS pass, which a selection walking through the table would pay on every step.
     */
    public void setSources(List<DataSource> sources) {
        highlighted = null;
        List<DataSource> list = sources == null ? List.of() : sources;
        int keep = Math.min(list.size(), views.size());
        for (int i = 0; i < keep; i++) {
            views.get(i).setBytes(list.get(i).bytes());
            getTabs().get(i).setText(list.get(i).name());
        }
        if (views.size() > list.size()) {
            views.subList(list.size(), views.size()).clear();
            getTabs().remove(list.size(), getTabs().size());
        }
        List<Tab> tabs = new ArrayList<>();
        for (int i = keep; i < list.size(); i++) {
            DataSource s = list.get(i);
            HexView v = new HexView(s.bytes());
            int source = i;
            v.setOnByteClicked(off -> {
                if (onByteClicked != null) onByteClicked.byteClicked(source, off);
            });
            views.add(v);
            Tab t = new Tab(s.name(), v);
            t.getStyleClass().add("bytes-tab");
            tabs.add(t);
        }
        getTabs().addAll(tabs);
        boolean single = getTabs().size() <= 1;
        if (single != getStyleClass().contains("single-source")) {
            if (single) getStyleClass().add("single-source");
            else getStyleClass().remove("single-source");
        }
        if (!getTabs().isEmpty()) getSelectionModel().select(0);
    }

    public int sourceCount() { return views.size(); }

    /** The view of data source {@code source}, or null. */
    public HexView hexView(int source) {
        return source >= 0 && source < views.size() ? views.get(source) : null;
    }

    /** The data source whose tab is showing, or -1. */
    public int selectedSource() { return getSelectionModel().getSelectedIndex(); }

    public void selectSource(int source) {
        if (source >= 0 && source < views.size()) getSelectionModel().select(source);
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
