package tlslens.ui.controls;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.InvalidationListener;
import javafx.geometry.Orientation;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/**
 * The packet table's look: a header of column labels with resize handles, a body holding a fixed
 * pool of {@link PacketRowView}s (one per visible row, created only when the table grows), and a
 * vertical scroll bar. Scrolling moves the pool and re-labels it; no node is created or restyled.
 */
final class PacketTableSkin extends SkinBase<PacketTable> {
    private static final double HEADER_HEIGHT = 24;
    private static final double MIN_COLUMN = 24;
    private static final double MIN_INFO = 120;

    private final Pane header = new Pane() {
        @Override protected void layoutChildren() { layoutHeader(); }
    };
    /** The table's columns as last laid out, with their header labels and the resizers between them. */
    private List<PacketColumn> columns = List.of();
    private Label[] headers = new Label[0];
    private Region[] resizers = new Region[0];
    private final Pane body = new Pane() {
        @Override protected void layoutChildren() { layoutRows(); }
    };
    private final Rectangle clip = new Rectangle();
    private final ScrollBar scrollBar = new ScrollBar();
    private final StackPane placeholderHolder = new StackPane();
    private final List<PacketRowView> pool = new ArrayList<>();
    private double[] edges = new double[1];
    private boolean adjusting;
    private double dragStartX;
    private double dragStartWidth;

    PacketTableSkin(PacketTable table) {
        super(table);
        header.getStyleClass().add("packet-table-header");
        body.getStyleClass().add("packet-table-body");
        body.setClip(clip);
        placeholderHolder.getStyleClass().add("placeholder");
        scrollBar.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(body, header, scrollBar, placeholderHolder);
        rebuildColumns();
        table.getColumns().addListener((InvalidationListener) o -> rebuildColumns());
        table.cellsVersionProperty().addListener(o -> {
            for (PacketRowView r : pool) r.relabel();
        });

        InvalidationListener relayoutRows = o -> body.requestLayout();
        table.getItems().addListener(relayoutRows);
        table.positionProperty().addListener(relayoutRows);
        table.selectedIndexProperty().addListener(relayoutRows);
        table.recoloured.addListener(relayoutRows);
        table.sortColumnProperty().addListener(o -> updateHeaderTexts());
        table.placeholderProperty().addListener(o -> updatePlaceholder());
        table.getItems().addListener((InvalidationListener) o -> updatePlaceholder());
        updatePlaceholder();

        scrollBar.valueProperty().addListener((o, a, v) -> {
            if (adjusting) return;
            table.setPosition(v.doubleValue());
            table.userScrolled();
        });
        body.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() == 0) return;
            table.scrollPixels(-e.getDeltaY());
            table.userScrolled();
            e.consume();
        });
        body.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            table.requestFocus();
            int i = (int) ((e.getY() + table.positionProperty().get()) / PacketTable.ROW_HEIGHT);
            if (i >= 0 && i < table.getItems().size()) table.select(i);
        });
    }

    private final InvalidationListener relayoutAll = o -> {
        header.requestLayout();
        body.requestLayout();
        for (PacketRowView r : pool) r.layoutCells(edges, PacketTable.ROW_HEIGHT);
    };

    /**
     * New header labels, resizers and row nodes for the table's current columns (a column was
     * applied or removed: rare, so the pool is simply made again).
     */
    private void rebuildColumns() {
        PacketTable table = getSkinnable();
        for (PacketColumn c : columns) table.widthProperty(c).removeListener(relayoutAll);
        columns = List.copyOf(table.getColumns());
        headers = new Label[columns.size()];
        resizers = new Region[Math.max(0, columns.size() - 1)];
        edges = new double[columns.size() + 1];
        header.getChildren().clear();
        for (int i = 0; i < columns.size(); i++) {
            PacketColumn c = columns.get(i);
            Label h = new Label(c.header());
            h.getStyleClass().addAll("column-header", c.styleClass());
            h.setMinWidth(0);
            h.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) table.toggleSort(c);
            });
            if (c.isCustom()) h.setContextMenu(headerMenu(c));
            headers[i] = h;
            header.getChildren().add(h);
            table.widthProperty(c).addListener(relayoutAll);
        }
        for (int i = 0; i < resizers.length; i++) resizers[i] = resizer(columns.get(i));
        header.getChildren().addAll(resizers);
        body.getChildren().removeAll(pool);
        pool.clear();
        updateHeaderTexts();
        getSkinnable().requestLayout();
    }

    /** The header's menu of a custom column: remove it (Wireshark's "Remove this Column"). */
    private ContextMenu headerMenu(PacketColumn c) {
        MenuItem remove = new MenuItem("Remove This Column");
        remove.setOnAction(e -> getSkinnable().getColumns().remove(c));
        return new ContextMenu(remove);
    }

    private Region resizer(PacketColumn c) {
        Region r = new Region();
        r.getStyleClass().add("column-resizer");
        r.setCursor(Cursor.H_RESIZE);
        r.setOnMousePressed(e -> {
            dragStartX = e.getScreenX();
            dragStartWidth = getSkinnable().widthProperty(c).get();
            e.consume();
        });
        r.setOnMouseDragged(e -> {
            getSkinnable().widthProperty(c).set(Math.max(MIN_COLUMN, dragStartWidth + e.getScreenX() - dragStartX));
            e.consume();
        });
        return r;
    }

    private void updateHeaderTexts() {
        PacketTable t = getSkinnable();
        for (int i = 0; i < columns.size(); i++) {
            PacketColumn c = columns.get(i);
            String arrow = t.sortColumnProperty().get() != c ? "" : t.isSortAscending() ? "  ▲" : "  ▼";
            headers[i].setText(c.header() + arrow);
        }
    }

    private void updatePlaceholder() {
        Node p = getSkinnable().getPlaceholder();
        if (p == null) placeholderHolder.getChildren().clear();
        else if (placeholderHolder.getChildren().size() != 1 || placeholderHolder.getChildren().get(0) != p) {
            placeholderHolder.getChildren().setAll(p);
        }
        placeholderHolder.setVisible(getSkinnable().getItems().isEmpty() && p != null);
    }

    /** Column edges across {@code width}: Info takes whatever the other columns leave. */
    private void computeEdges(double width) {
        PacketTable t = getSkinnable();
        double x = 0;
        for (int i = 0; i < columns.size(); i++) {
            edges[i] = x;
            double w = t.widthProperty(columns.get(i)).get();
            if (columns.get(i) == PacketColumn.INFO && i == columns.size() - 1) w = Math.max(MIN_INFO, width - x);
            x += w;
        }
        edges[columns.size()] = x;
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        PacketTable t = getSkinnable();
        double viewport = Math.max(0, h - HEADER_HEIGHT);
        t.setViewportHeight(viewport);
        boolean bar = t.maxPosition() > 0;
        double barWidth = bar ? scrollBar.prefWidth(-1) : 0;
        scrollBar.setVisible(bar);
        double rowsWidth = Math.max(0, w - barWidth);
        computeEdges(rowsWidth);
        header.resizeRelocate(x, y, w, HEADER_HEIGHT);
        body.resizeRelocate(x, y + HEADER_HEIGHT, rowsWidth, viewport);
        clip.setWidth(rowsWidth);
        clip.setHeight(viewport);
        if (bar) scrollBar.resizeRelocate(x + rowsWidth, y + HEADER_HEIGHT, barWidth, viewport);
        placeholderHolder.resizeRelocate(x, y + HEADER_HEIGHT, rowsWidth, viewport);
        header.requestLayout();
        body.requestLayout();
    }

    private void layoutHeader() {
        for (int i = 0; i < headers.length; i++) {
            headers[i].resizeRelocate(edges[i], 0, Math.max(0, edges[i + 1] - edges[i]), HEADER_HEIGHT);
        }
        for (int i = 0; i < resizers.length; i++) resizers[i].resizeRelocate(edges[i + 1] - 3, 0, 6, HEADER_HEIGHT);
    }

    /** Moves the pool to the scroll position and shows the rows under it. */
    private void layoutRows() {
        PacketTable t = getSkinnable();
        double rowH = PacketTable.ROW_HEIGHT;
        double viewport = body.getHeight();
        double width = body.getWidth();
        int need = (int) Math.ceil(viewport / rowH) + 1;
        while (pool.size() < need) {
            PacketRowView r = new PacketRowView(columns);
            pool.add(r);
            body.getChildren().add(r);
            r.layoutCells(edges, rowH);
        }
        var items = t.getItems();
        double pos = Math.max(0, Math.min(t.positionProperty().get(), t.maxPosition()));
        int first = (int) (pos / rowH);
        double offset = first * rowH - pos;
        int selected = t.getSelectedIndex();
        for (int i = 0; i < pool.size(); i++) {
            PacketRowView r = pool.get(i);
            int index = first + i;
            boolean used = i < need;
            r.setVisible(used);
            if (!used) continue;
            r.show(index < items.size() ? items.get(index) : null, index, index == selected);
            r.resizeRelocate(0, offset + i * rowH, width, rowH);
            r.layoutCells(edges, rowH);
        }
        adjusting = true;
        try {
            scrollBar.setMax(t.maxPosition());
            scrollBar.setVisibleAmount(Math.max(1, t.maxPosition() * viewport / Math.max(1, items.size() * rowH)));
            scrollBar.setUnitIncrement(rowH);
            scrollBar.setBlockIncrement(Math.max(rowH, viewport - rowH));
            scrollBar.setValue(pos);
        } finally {
            adjusting = false;
        }
    }

    /** The row nodes on screen (for tests). */
    List<PacketRowView> pool() { return pool; }
}
