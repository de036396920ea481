package tlslens.ui.controls;

import java.util.List;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import tlslens.dissect.FieldType;
import tlslens.dissect.FilterText;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.column.ColumnSpec;

/**
 * The lower half of the window: the detail tree on top and the bytes pane below, linked both
 * ways as in Wireshark. Selecting an item highlights its bytes (switching to the tab of its data
 * source); clicking a byte selects the deepest item that covers it. Tree items are made when
 * opened, and the subtrees the user opened stay open from one frame to the next. Nothing here
 * parses: {@link #show} takes a tree built off the FX thread.
 */
public final class FrameInspector extends SplitPane {
    private final TreeView<ProtoNode> tree = new TreeView<>();
    private final BytesPane bytes = new BytesPane();
    private final ReadOnlyObjectWrapper<ProtoNode> selectedNode = new ReadOnlyObjectWrapper<>(this, "selectedNode");
    private final ExpansionMemory memory = new ExpansionMemory();
    private DetailRows rows;
    private Consumer<String> onApplyFilter;
    private Consumer<String> onPrepareFilter;

    public FrameInspector() {
        getStyleClass().add("frame-inspector");
        String css = Styles.controls();
        if (css != null) getStylesheets().add(css);
        setOrientation(Orientation.VERTICAL);

        tree.getStyleClass().add("detail-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new DetailCell(this));
        tree.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> selectionChanged(item));
        tree.setContextMenu(contextMenu());
        tree.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

        bytes.setOnByteClicked(this::byteClicked);
        getItems().addAll(tree, bytes);
        setDividerPositions(0.6);
    }

    // ---- showing a frame --------------------------------------------------------------------

    /**
     * Shows a frame's dissection (null clears). Keeps the subtrees the user opened open, and
     * selects again the item at the path that was selected, as Wireshark does between frames.
     */
    public void show(FrameDissection fd) {
        String reselect = tree.getSelectionModel().getSelectedItem() instanceof NodeItem it ? it.path : null;
        rows = fd == null ? null : new DetailRows(fd);
        bytes.setSources(fd == null ? List.of() : fd.sources());
        if (fd == null) {
            tree.setRoot(null);
            selectedNode.set(null);
            return;
        }
        NodeItem root = new NodeItem(fd.root, "", rows, memory);
        root.setExpanded(true);
        tree.setRoot(root);
        tree.getSelectionModel().clearSelection();
        if (reselect != null) {
            NodeItem again = itemAtPath(root, reselect);
            if (again != null) select(again);
        }
    }

    /** The rows of the frame shown, or null. */
    DetailRows rows() { return rows; }

    private static NodeItem itemAtPath(NodeItem root, String path) {
        NodeItem item = root;
        String prefix = "";
        for (String step : path.split("/")) {
            prefix = ExpansionMemory.child(prefix, step);
            NodeItem next = item.childAt(prefix);
            if (next == null) return null;
            item = next;
        }
        return item;
    }

    // ---- selection --------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ProtoNode> selectedNodeProperty() { return selectedNode.getReadOnlyProperty(); }

    /** Selects the node (opening its parents, scrolling to it) and highlights its bytes. */
    public void selectNode(ProtoNode node) {
        if (rows == null || node == null) {
            tree.getSelectionModel().clearSelection();
            return;
        }
        List<ProtoNode> path = rows.pathTo(node);
        // A hidden node (or one below a hidden node) is shown through its nearest shown ancestor.
        for (ProtoNode p = node; path == null && p != null; p = rows.parent(p)) path = rows.pathTo(p);
        if (path == null) return;
        NodeItem item = (NodeItem) tree.getRoot();
        for (ProtoNode p : path) {
            if (item != tree.getRoot()) item.setExpanded(true);
            item = item.childFor(p);
            if (item == null) return;
        }
        select(item);
    }

    /** Finds the first shown node of this field (e.g. "tls.handshake.extensions_server_name") and selects it. */
    public boolean selectField(String abbrev) {
        ProtoNode n = rows == null ? null : rows.firstVisible(abbrev);
        if (n == null) return false;
        selectNode(n);
        return true;
    }

    private void select(NodeItem item) {
        for (TreeItem<ProtoNode> p = item.getParent(); p != null && p != tree.getRoot(); p = p.getParent()) p.setExpanded(true);
        tree.getSelectionModel().select(item);
        tree.layout(); // the rows just opened count only after a layout
        int row = tree.getRow(item);
        if (row < 0) return;
        // Scroll only as far as needed, like Wireshark; before the first layout fall back to scrollTo.
        if (tree.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getHeight() > 0) {
            flow.scrollTo(row);
            // Rows scrolled in can be wider than the rest and bring the horizontal scroll bar,
            // which covers the last row: lay out and scroll once more.
            flow.layout();
            flow.scrollTo(row);
        } else {
            tree.scrollTo(row);
        }
    }

    private void selectionChanged(TreeItem<ProtoNode> item) {
        ProtoNode node = item == null ? null : item.getValue();
        selectedNode.set(node);
        if (node == null || node.length() <= 0 || rows == null) {
            bytes.clearHighlight();
            return;
        }
        bytes.highlight(node.source, node.offset, node.length(), protocolRange(node));
    }

    /** The bytes of the protocol a field belongs to, marked lightly around the field's own. */
    private HexView.Range protocolRange(ProtoNode node) {
        for (ProtoNode p = rows.parent(node); p != null && p != rows.root(); p = rows.parent(p)) {
            if (p.field != null && p.field.type == FieldType.PROTOCOL) {
                return p.source == node.source && p.length() > 0 ? new HexView.Range(p.offset, p.length()) : null;
            }
        }
        return null;
    }

    private void byteClicked(int source, int offset) {
        ProtoNode n = rows == null ? null : NodeLocator.deepestAt(rows.root(), source, offset);
        if (n != null) {
            selectNode(n);
        } else {
            tree.getSelectionModel().clearSelection();
            bytes.highlight(source, offset, 1);
        }
    }

    /** The currently highlighted byte range as (source index, offset, length), or null. */
    public HighlightedRange highlightedRange() { return bytes.highlightedRange(); }

    // ---- opening and closing ----------------------------------------------------------------

    public void expandAll() {
        if (tree.getRoot() == null) return;
        for (TreeItem<ProtoNode> c : tree.getRoot().getChildren()) ((NodeItem) c).expandSubtree();
    }

    public void collapseAll() {
        if (tree.getRoot() != null) {
            for (TreeItem<ProtoNode> c : tree.getRoot().getChildren()) ((NodeItem) c).collapseSubtree();
        }
        memory.clear(); // also the subtrees of other frames, as Wireshark's Collapse All does
    }

    /** Opens the selected item and everything below it. */
    public void expandSubtrees() {
        if (tree.getSelectionModel().getSelectedItem() instanceof NodeItem it) it.expandSubtree();
    }

    /** Closes the selected item and everything below it. */
    public void collapseSubtrees() {
        if (tree.getSelectionModel().getSelectedItem() instanceof NodeItem it) {
            it.collapseSubtree();
            memory.closeBelow(it.path);
        }
    }

    /** Wireshark's keys: Shift+Right/Left open/close the selected subtree, Ctrl+Right/Left everything. */
    private void onKey(KeyEvent e) {
        if (e.getCode() != KeyCode.RIGHT && e.getCode() != KeyCode.LEFT) return;
        boolean open = e.getCode() == KeyCode.RIGHT;
        if (e.isShortcutDown()) {
            if (open) expandAll(); else collapseAll();
            e.consume();
        } else if (e.isShiftDown()) {
            if (open) expandSubtrees(); else collapseSubtrees();
            e.consume();
        }
    }

    // ---- filters and copying ----------------------------------------------------------------

    /** "Apply as Filter": called with the item's filter ("tls.handshake.type == 1"). */
    public void setOnApplyFilter(Consumer<String> handler) { this.onApplyFilter = handler; }

    /**
     * "Prepare as Filter": called with the item's filter, to be put in the filter bar without
     * applying it. The menu item is disabled until a handler is set.
     */
    public void setOnPrepareFilter(Consumer<String> handler) { this.onPrepareFilter = handler; }

    /** "Apply as Column": called with a custom column for the item's field. */
    public void setOnApplyAsColumn(Consumer<ColumnSpec> handler) { this.onApplyAsColumn = handler; }

    private Consumer<ColumnSpec> onApplyAsColumn;

    /** The display filter for a row of the tree shown, or null when it has none. */
    public String filterFor(ProtoNode node) {
        if (rows == null || node == null) return null;
        ExpertRow er = rows.expertRow(node);
        return er != null ? FilterText.ofExpert(er.expert(), er.fieldName()) : FilterText.of(node, rows.frame().sources());
    }

    private String fieldNameOf(ProtoNode node) {
        ExpertRow er = rows.expertRow(node);
        if (er != null) return er.fieldName();
        return node.field == null ? null : node.field.abbrev;
    }

    private String valueOf(ProtoNode node) {
        ExpertRow er = rows.expertRow(node);
        return er != null ? er.value() : FilterText.copyValue(node);
    }

    private ContextMenu contextMenu() {
        MenuItem copyDescription = new MenuItem("Description");
        MenuItem copyFieldName = new MenuItem("Field Name");
        MenuItem copyValue = new MenuItem("Value");
        MenuItem copyFilter = new MenuItem("As Filter");
        Menu copy = new Menu("Copy", null, copyDescription, copyFieldName, copyValue, copyFilter);
        MenuItem apply = new MenuItem("Apply as Filter");
        MenuItem prepare = new MenuItem("Prepare as Filter");
        MenuItem asColumn = new MenuItem("Apply as Column");
        MenuItem expandSub = new MenuItem("Expand Subtrees");
        MenuItem collapseSub = new MenuItem("Collapse Subtrees");
        MenuItem expandAllItem = new MenuItem("Expand All");
        MenuItem collapseAllItem = new MenuItem("Collapse All");

        copyDescription.setOnAction(e -> copy(selectedNode.get() == null ? null : selectedNode.get().text()));
        copyFieldName.setOnAction(e -> copy(selectedNode.get() == null ? null : fieldNameOf(selectedNode.get())));
        copyValue.setOnAction(e -> copy(selectedNode.get() == null ? null : valueOf(selectedNode.get())));
        copyFilter.setOnAction(e -> copy(filterFor(selectedNode.get())));
        apply.setOnAction(e -> deliver(onApplyFilter, filterFor(selectedNode.get())));
        prepare.setOnAction(e -> deliver(onPrepareFilter, filterFor(selectedNode.get())));
        asColumn.setOnAction(e -> deliver(onApplyAsColumn, columnFor(selectedNode.get())));
        expandSub.setOnAction(e -> expandSubtrees());
        collapseSub.setOnAction(e -> collapseSubtrees());
        expandAllItem.setOnAction(e -> expandAll());
        collapseAllItem.setOnAction(e -> collapseAll());

        ContextMenu menu = new ContextMenu(copy, new SeparatorMenuItem(), asColumn, new SeparatorMenuItem(), apply, prepare,
                new SeparatorMenuItem(),
                expandSub, collapseSub, expandAllItem, collapseAllItem);
        menu.setOnShowing(e -> {
            ProtoNode n = selectedNode.get();
            String filter = filterFor(n);
            boolean none = n == null;
            copy.setDisable(none);
            copyFieldName.setDisable(none || fieldNameOf(n) == null);
            copyFilter.setDisable(filter == null);
            apply.setDisable(filter == null || onApplyFilter == null);
            prepare.setDisable(filter == null || onPrepareFilter == null);
            asColumn.setDisable(columnFor(n) == null || onApplyAsColumn == null);
            boolean leaf = !(tree.getSelectionModel().getSelectedItem() instanceof NodeItem it) || it.isLeaf();
            expandSub.setDisable(leaf);
            collapseSub.setDisable(leaf);
            expandAllItem.setDisable(rows == null);
            collapseAllItem.setDisable(rows == null);
        });
        return menu;
    }

    /** The custom column for a row of the tree (none for an expert note's row). */
    private ColumnSpec columnFor(ProtoNode node) {
        return node == null || rows == null || rows.expertRow(node) != null ? null : ApplyAsColumn.columnFor(node);
    }

    private static <T> void deliver(Consumer<T> handler, T value) {
        if (handler != null && value != null) handler.accept(value);
    }

    private static void copy(String text) {
        if (text == null) return;
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    // ---- parts ------------------------------------------------------------------------------

    public TreeView<ProtoNode> treeView() { return tree; }

    public BytesPane bytesPane() { return bytes; }
}
