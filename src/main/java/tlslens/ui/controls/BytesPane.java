package tlslens.ui.controls;

import java.util.ArrayList;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import tlslens.dissect.DataSource;

/**
 * The bytes pane: one {@link HexView} over a row of tabs, one per data source of the frame
 * ("Frame (583 bytes)", "Reassembled TCP (4030 bytes)", ...), along the bottom as in Wireshark;
 * the view shows the selected tab's bytes. The tab row is hidden while there is only the frame.
 *
 * <p>Not a TabPane: one view for all sources and a fixed set of tab labels, so walking through
 * frames with and without reassembled bytes creates and restyles nothing. A TabPane built a new
 * tab header (skin and CSS) each time a frame had one more source, and a view per tab meant a
 * second view's rows the first time: both were visible pauses while scrolling.
 */
public final class BytesPane extends BorderPane {
    /** Receives the byte the user clicked: its data source and offset in it. */
    @FunctionalInterface
    public interface ByteClickHandler {
        void byteClicked(int source, int offset);
    }

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final HexView view = new HexView();
    private final HBox tabRow = new HBox();
    /** Tab labels made so far, reused by later frames; the first {@code sources.size()} are shown. */
    private final List<Label> tabs = new ArrayList<>();
    private List<DataSource> sources = List.of();
    private int selected = -1;
    private ByteClickHandler onByteClicked;
    private HighlightedRange highlighted;

    public BytesPane() {
        getStyleClass().add("bytes-pane");
        String css = Styles.controls();
        if (css != null) getStylesheets().add(css);
        tabRow.getStyleClass().add("bytes-tabs");
        view.setOnByteClicked(off -> {
            if (onByteClicked != null && selected >= 0) onByteClicked.byteClicked(selected, off);
        });
        setCenter(view);
        setBottom(tabRow);
        setSources(List.of());
    }

    /** Shows these data sources, one tab each (null or empty: nothing), the first selected. Clears the highlight. */
    public void setSources(List<DataSource> list) {
        highlighted = null;
        sources = list == null ? List.of() : List.copyOf(list);
        while (tabs.size() < sources.size()) {
            int source = tabs.size();
            Label t = new Label();
            t.getStyleClass().add("bytes-tab");
            t.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) selectSource(source);
            });
            tabs.add(t);
            tabRow.getChildren().add(t);
        }
        for (int i = 0; i < tabs.size(); i++) {
            boolean used = i < sources.size();
            Label t = tabs.get(i);
            if (used && !sources.get(i).name().equals(t.getText())) t.setText(sources.get(i).name());
            if (t.isVisible() != used) {
                t.setVisible(used);
                t.setManaged(used);
            }
        }
        boolean bar = sources.size() > 1;
        if (tabRow.isVisible() != bar) {
            tabRow.setVisible(bar);
            tabRow.setManaged(bar);
        }
        view.setVisible(!sources.isEmpty());
        selected = -1;
        select(sources.isEmpty() ? -1 : 0);
    }

    private void select(int source) {
        if (source == selected) return;
        if (selected >= 0 && selected < tabs.size()) tabs.get(selected).pseudoClassStateChanged(SELECTED, false);
        selected = source;
        if (source >= 0) tabs.get(source).pseudoClassStateChanged(SELECTED, true);
        view.setBytes(source >= 0 ? sources.get(source).bytes() : null);
        if (highlighted != null && highlighted.source() == source) view.highlight(highlighted.offset(), highlighted.length());
    }

    public int sourceCount() { return sources.size(); }

    /** The names of the sources, as their tabs say them ("Frame (583 bytes)", ...). */
    public List<String> sourceNames() { return sources.stream().map(DataSource::name).toList(); }

    /** The view showing data source {@code source}: the hex view while that source's tab is selected, else null. */
    public HexView hexView(int source) {
        return source >= 0 && source == selected ? view : null;
    }

    /** The data source whose tab is showing, or -1. */
    public int selectedSource() { return selected; }

    public void selectSource(int source) {
        if (source >= 0 && source < sources.size()) select(source);
    }

    /**
     * Highlights a byte range of one source, switching to its tab; the protocol range (may be
     * null) is marked more lightly. A range without bytes clears the highlight.
     */
    public void highlight(int source, int offset, int length, HexView.Range protocol) {
        view.clearHighlight();
        view.clearProtocolRange();
        highlighted = null;
        if (source < 0 || source >= sources.size()) return;
        selectSource(source);
        if (protocol != null) view.setProtocolRange(protocol.offset(), protocol.length());
        view.highlight(offset, length);
        HexView.Range r = view.getHighlight();
        if (r != null) highlighted = new HighlightedRange(source, r.offset(), r.length());
    }

    public void highlight(int source, int offset, int length) { highlight(source, offset, length, null); }

    public void clearHighlight() {
        view.clearHighlight();
        view.clearProtocolRange();
        highlighted = null;
    }

    /** The highlighted range, or null. */
    public HighlightedRange highlightedRange() { return highlighted; }

    public void setOnByteClicked(ByteClickHandler handler) { this.onByteClicked = handler; }
}
