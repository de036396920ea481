package tlslens.ui.controls;

import tlslens.dissect.ProtoNode;

/**
 * Finds the tree item a byte of the bytes pane belongs to: the deepest shown item whose bytes
 * in that data source cover it. Like Wireshark's proto_find_field_from_offset it skips hidden
 * and generated items and items without bytes; among items of the same depth the last one in
 * tree order wins, as in Wireshark's pre-order search.
 */
public final class NodeLocator {
    private NodeLocator() {}

    /** The deepest shown node covering byte {@code offset} of data source {@code source}, or null. */
    public static ProtoNode deepestAt(ProtoNode root, int source, int offset) {
        Best best = new Best();
        for (ProtoNode c : root.children()) visit(c, 0, source, offset, best);
        return best.node;
    }

    private static final class Best {
        ProtoNode node;
        int depth = -1;
    }

    private static void visit(ProtoNode n, int depth, int source, int offset, Best best) {
        if (n.hidden()) return; // its subtree is not shown either
        if (covers(n, source, offset) && depth >= best.depth) {
            best.node = n;
            best.depth = depth;
        }
        // Children may lie outside their parent (a reassembled source under a frame item): look at all.
        for (ProtoNode c : n.children()) visit(c, depth + 1, source, offset, best);
    }

    /** Whether the item's own bytes include the byte (generated items have none of their own). */
    public static boolean covers(ProtoNode n, int source, int offset) {
        return !n.generated() && n.source == source && n.length() > 0
                && offset >= n.offset && offset - n.offset < n.length();
    }
}
