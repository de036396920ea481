package tlslens.ui.controls;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

import tlslens.dissect.ProtoNode;

/**
 * A tree item for one row of {@link DetailRows}, whose children are made the first time the tree
 * asks for them (when the item is opened). Opens itself if the user had this path open in an
 * earlier frame, and tells the expansion memory when the user opens or closes it.
 */
final class NodeItem extends TreeItem<ProtoNode> {
    final String path;
    private final DetailRows rows;
    private final ExpansionMemory memory;
    private boolean built;

    NodeItem(ProtoNode node, String path, DetailRows rows, ExpansionMemory memory) {
        super(node);
        this.path = path;
        this.rows = rows;
        this.memory = memory;
        if (!path.isEmpty()) {
            if (memory.isOpen(path) && rows.hasChildren(node)) setExpanded(true);
            expandedProperty().addListener((o, was, is) -> memory.set(path, is));
        }
    }

    @Override
    public boolean isLeaf() { return !rows.hasChildren(getValue()); }

    @Override
    public ObservableList<TreeItem<ProtoNode>> getChildren() {
        if (!built) {
            built = true;
            List<TreeItem<ProtoNode>> items = new ArrayList<>();
            for (ProtoNode c : rows.children(getValue())) {
                items.add(new NodeItem(c, ExpansionMemory.child(path, ExpansionMemory.key(c, rows.expertRow(c))), rows, memory));
            }
            super.getChildren().setAll(items);
        }
        return super.getChildren();
    }

    /** Whether the children exist yet (they are made when the item is first opened). */
    boolean isBuilt() { return built; }

    /** The child item that shows {@code node}, making the children if needed; null if none. */
    NodeItem childFor(ProtoNode node) {
        for (TreeItem<ProtoNode> c : getChildren()) if (c.getValue() == node) return (NodeItem) c;
        return null;
    }

    /** The first child whose path is {@code childPath}; null if none. */
    NodeItem childAt(String childPath) {
        for (TreeItem<ProtoNode> c : getChildren()) if (((NodeItem) c).path.equals(childPath)) return (NodeItem) c;
        return null;
    }

    /** Opens this item and everything below it. */
    void expandSubtree() {
        if (isLeaf()) return;
        setExpanded(true);
        for (TreeItem<ProtoNode> c : getChildren()) ((NodeItem) c).expandSubtree();
    }

    /** Closes this item and every item below it that was ever made. */
    void collapseSubtree() {
        if (built) for (TreeItem<ProtoNode> c : super.getChildren()) ((NodeItem) c).collapseSubtree();
        setExpanded(false);
    }
}
