package tlslens.ui.controls;

import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.input.KeyEvent;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketRow;

/**
 * The packet table: a virtualised list of packet rows in columns ({@link #getColumns()}: the
 * built-in ones and any custom ones, in order), with
 * a fixed pool of row nodes that only change text and pseudo-classes as the view scrolls.
 * JavaFX 21's TableView walks every row's size on each scroll (VirtualFlow.computeCurrentIndex
 * sums getCellSize over all items even with a fixed cell size), which stalls the FX thread for
 * hundreds of ms at 100k rows; here every row is {@link #ROW_HEIGHT} high, so position and index
 * are one multiplication apart.
 *
 * <p>Rows come from a source list ({@link #setSource}): appends are mirrored in O(batch), any
 * other change rebuilds the view. Sorting by a column (header click) keeps a sorted copy.
 * Single selection, keyboard navigation (up, down, page up/down, home, end), and a
 * follow-newest flag that a user scroll clears unless it ends at the bottom. Styled by CSS:
 * .packet-table, .packet-table-header, .column-header (+ .col-*), .column-resizer, .packet-row
 * (pseudo-classes :selected, :filled, :empty and :rule-N for the colouring rule N, see {@link #setColouring}),
 * .packet-cell (+ .col-*).
 */
public final class PacketTable extends Control {
    public static final double ROW_HEIGHT = 22;

    private final ObjectProperty<ObservableList<PacketRow>> source = new SimpleObjectProperty<>(this, "source");
    private final RowOrder view = new RowOrder();
    private final ObservableList<PacketRow> readOnlyView = FXCollections.unmodifiableObservableList(view);
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(this, "selectedIndex", -1);
    private final ReadOnlyObjectWrapper<PacketRow> selectedItem = new ReadOnlyObjectWrapper<>(this, "selectedItem");
    private final ReadOnlyObjectWrapper<PacketColumn> sortColumn = new ReadOnlyObjectWrapper<>(this, "sortColumn");
    private final BooleanProperty sortAscending = new SimpleBooleanProperty(this, "sortAscending", true);
    private final BooleanProperty followNewest = new SimpleBooleanProperty(this, "followNewest", true);
    private final ObjectProperty<Node> placeholder = new SimpleObjectProperty<>(this, "placeholder");
    /** Bumped when rows changed colour in place; the skin redraws the visible ones. */
    final IntegerProperty recoloured = new SimpleIntegerProperty(this, "recoloured");
    /** Pixels from the top of the first row to the top of the viewport. */
    private final DoubleProperty position = new SimpleDoubleProperty(this, "position");
    private final ObservableList<PacketColumn> columns = FXCollections.observableArrayList(PacketColumn.defaults());
    private final Map<PacketColumn, DoubleProperty> widths = new IdentityHashMap<>();
    /** Bumped by {@link #refreshCells()}: the skin re-labels the rows on screen. */
    private final ReadOnlyIntegerWrapper cellsVersion = new ReadOnlyIntegerWrapper(this, "cellsVersion");
    private double viewportHeight;
    /** How many source rows the view holds (appends beyond this are new). */
    private int mirrored;

    private final ListChangeListener<PacketRow> sourceChanged = c -> {
        int before = mirrored;
        boolean appendOnly = true;
        while (c.next()) {
            if (c.wasRemoved() || c.wasPermutated() || c.wasUpdated() || !c.wasAdded() || c.getFrom() != mirrored) {
                appendOnly = false;
            } else {
                mirrored = c.getTo();
            }
        }
        if (appendOnly) appended(c.getList().subList(before, mirrored));
        else rebuild();
    };

    public PacketTable() {
        getStyleClass().add("packet-table");
        setFocusTraversable(true);
        columns.addListener((ListChangeListener<PacketColumn>) c -> {
            // Sorted by a column that went away: back to frame order.
            if (sortColumn.get() != null && !columns.contains(sortColumn.get())) sortBy(null, true);
        });
        source.addListener((o, old, now) -> {
            if (old != null) old.removeListener(sourceChanged);
            if (now != null) now.addListener(sourceChanged);
            rebuild();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    @Override
    protected Skin<?> createDefaultSkin() { return new PacketTableSkin(this); }

    // ---- rows ------------------------------------------------------------------------------

    /** The list whose rows are shown (appends are cheap; other changes rebuild the view). */
    public ObjectProperty<ObservableList<PacketRow>> sourceProperty() { return source; }

    public void setSource(ObservableList<PacketRow> rows) { source.set(rows); }

    /** The rows in display order (sorted when a sort column is set). Read-only. */
    public ObservableList<PacketRow> getItems() { return readOnlyView; }

    private void appended(List<? extends PacketRow> added) {
        if (added.isEmpty()) return;
        Comparator<PacketRow> order = comparator();
        if (order == null) {
            view.appendInOrder(mirrored);
            return;
        }
        PacketRow sel = selectedItem.get();
        if (added.size() <= 64) {
            int at = mirrored - added.size();
            for (int k = 0; k < added.size(); k++) {
                int i = Collections.binarySearch(view, added.get(k), order);
                view.insert(i < 0 ? -i - 1 : i, at + k);
            }
            if (sel != null) selectedIndex.set(Collections.binarySearch(view, sel, order));
        } else {
            rebuild();
        }
    }

    private void rebuild() {
        ObservableList<PacketRow> src = source.get();
        mirrored = src == null ? 0 : src.size();
        PacketRow sel = selectedItem.get();
        if (src == null) view.setAll(FXCollections.observableArrayList(), null, 0);
        else if (sortColumn.get() == null) view.setAll(src, null, mirrored);
        else view.setAll(src, sortColumn.get().sortedIndices(src, sortAscending.get()), mirrored);
        int i = sel == null ? -1 : indexOf(sel);
        if (i < 0 && sel != null) i = indexOfFrame(sel.number()); // the frame's row was replaced (dissected again)
        if (i < 0) clearSelection();
        else {
            selectedIndex.set(i);
            PacketRow now = view.get(i);
            if (!now.equals(sel)) selectedItem.set(now); // rows are made on demand: keep the one the listeners saw
        }
        if (view.isEmpty()) setPosition(0);
        else setPosition(position.get()); // clamps
    }

    /** The index in {@link #getItems()} of frame {@code number}'s row, or -1 if not shown. */
    public int indexOfFrame(int number) {
        if (view.isSourceOrder()) {
            // Unsorted rows are in frame order.
            int lo = 0, hi = view.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int m = view.get(mid).number();
                if (m < number) lo = mid + 1;
                else if (m > number) hi = mid - 1;
                else return mid;
            }
        }
        for (int i = 0; i < view.size(); i++) if (view.get(i).number() == number) return i;
        return -1;
    }

    /** The frame numbers of {@link #getItems()}, in display order. */
    public int[] frameNumbers() {
        int[] out = new int[view.size()];
        for (int i = 0; i < out.length; i++) out[i] = view.get(i).number();
        return out;
    }

    private int indexOf(PacketRow r) {
        Comparator<PacketRow> order = comparator();
        if (order == null) {
            int i = indexOfFrame(r.number());
            return i >= 0 && view.get(i).equals(r) ? i : -1;
        }
        int i = Collections.binarySearch(view, r, order);
        return i >= 0 ? i : -1;
    }

    // ---- sorting ---------------------------------------------------------------------------

    public ReadOnlyObjectProperty<PacketColumn> sortColumnProperty() { return sortColumn.getReadOnlyProperty(); }

    public boolean isSortAscending() { return sortAscending.get(); }

    /** The display order, or null for arrival (frame) order. */
    public Comparator<PacketRow> comparator() {
        PacketColumn c = sortColumn.get();
        if (c == null) return null;
        return sortAscending.get() ? c.order() : c.order().reversed();
    }

    /** A header click: ascending, then descending, then back to arrival order. */
    public void toggleSort(PacketColumn column) {
        if (sortColumn.get() != column) sortBy(column, true);
        else if (sortAscending.get()) sortBy(column, false);
        else sortBy(null, true);
    }

    public void sortBy(PacketColumn column, boolean ascending) {
        sortColumn.set(column);
        sortAscending.set(ascending);
        PacketRow sel = selectedItem.get();
        rebuild();
        if (sel != null && selectedIndex.get() >= 0) ensureVisible(selectedIndex.get());
    }

    // ---- selection -------------------------------------------------------------------------

    public ReadOnlyIntegerProperty selectedIndexProperty() { return selectedIndex.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<PacketRow> selectedItemProperty() { return selectedItem.getReadOnlyProperty(); }

    public int getSelectedIndex() { return selectedIndex.get(); }

    public PacketRow getSelectedItem() { return selectedItem.get(); }

    /** Selects the row at {@code index} of {@link #getItems()} (clamped) and scrolls it into view. */
    public void select(int index) {
        if (view.isEmpty()) {
            clearSelection();
            return;
        }
        int i = Math.max(0, Math.min(view.size() - 1, index));
        selectedIndex.set(i);
        selectedItem.set(view.get(i));
        ensureVisible(i);
    }

    public void clearSelection() {
        selectedIndex.set(-1);
        selectedItem.set(null);
    }

    private void onKey(KeyEvent e) {
        if (view.isEmpty()) return;
        int page = Math.max(1, (int) (viewportHeight / ROW_HEIGHT) - 1);
        int i = selectedIndex.get();
        int target;
        switch (e.getCode()) {
            case UP -> target = i < 0 ? firstVisibleIndex() : i - 1;
            case DOWN -> target = i < 0 ? firstVisibleIndex() : i + 1;
            case PAGE_UP -> target = (i < 0 ? firstVisibleIndex() : i) - page;
            case PAGE_DOWN -> target = (i < 0 ? firstVisibleIndex() : i) + page;
            case HOME -> target = 0;
            case END -> target = view.size() - 1;
            default -> { return; }
        }
        select(target);
        userScrolled();
        e.consume();
    }

    // ---- scrolling -------------------------------------------------------------------------

    public DoubleProperty positionProperty() { return position; }

    /** Scrolls so that the top of the viewport is {@code px} pixels below the first row's top (clamped). */
    public void setPosition(double px) { position.set(Math.max(0, Math.min(maxPosition(), px))); }

    public double maxPosition() { return Math.max(0, view.size() * ROW_HEIGHT - viewportHeight); }

    public void scrollPixels(double delta) { setPosition(position.get() + delta); }

    /** Puts row {@code index} at the top (as far as the end of the rows allows). */
    public void scrollTo(int index) { setPosition(index * ROW_HEIGHT); }

    public void scrollToBottom() { setPosition(maxPosition()); }

    /** Scrolls the least needed to show row {@code index} whole. */
    public void ensureVisible(int index) {
        double top = index * ROW_HEIGHT;
        if (top < position.get()) setPosition(top);
        else if (top + ROW_HEIGHT > position.get() + viewportHeight) setPosition(top + ROW_HEIGHT - viewportHeight);
    }

    public int firstVisibleIndex() {
        return view.isEmpty() ? -1 : Math.min(view.size() - 1, (int) (position.get() / ROW_HEIGHT));
    }

    public int lastVisibleIndex() {
        if (view.isEmpty()) return -1;
        return Math.min(view.size() - 1, (int) Math.ceil((position.get() + viewportHeight) / ROW_HEIGHT) - 1);
    }

    public boolean isAtBottom() { return position.get() >= maxPosition() - 0.5; }

    /** Whether a capture keeps the newest row in view; a user scroll sets it to {@link #isAtBottom()}. */
    public BooleanProperty followNewestProperty() { return followNewest; }

    /** The user moved the view (wheel, scroll bar, keys): follow the newest row only from the bottom. */
    void userScrolled() { followNewest.set(isAtBottom()); }

    /** Set by the skin at each layout. */
    void setViewportHeight(double h) {
        if (h == viewportHeight) return;
        boolean bottom = isAtBottom();
        viewportHeight = h;
        setPosition(bottom && followNewest.get() ? maxPosition() : position.get());
    }

    double viewportHeight() { return viewportHeight; }

    // ---- columns, placeholder --------------------------------------------------------------

    /** The columns shown, in order; add or remove to change them (Apply as Column, the header's menu). */
    public ObservableList<PacketColumn> getColumns() { return columns; }

    public DoubleProperty widthProperty(PacketColumn column) {
        return widths.computeIfAbsent(column, c -> new SimpleDoubleProperty(this, c.styleClass(), c.width()));
    }

    /** Shows the cells of the rows on screen again (custom column values that arrived later). */
    public void refreshCells() { cellsVersion.set(cellsVersion.get() + 1); }

    ReadOnlyIntegerProperty cellsVersionProperty() { return cellsVersion.getReadOnlyProperty(); }

    public ObjectProperty<Node> placeholderProperty() { return placeholder; }

    public Node getPlaceholder() { return placeholder.get(); }

    public void setPlaceholder(Node n) { placeholder.set(n); }

    /** Colours rows by these rules (each row's {@link PacketRow#colour()} names one of them) and redraws. */
    public void setColouring(ColouringRules rules) {
        getStylesheets().setAll(RowColours.stylesheet(rules));
        refreshColours();
    }

    /** Redraws the visible rows after their colours changed in place. */
    public void refreshColours() { recoloured.set(recoloured.get() + 1); }

    @Override
    public String getUserAgentStylesheet() { return Styles.controls(); }
}
