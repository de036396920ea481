package tlslens.ui.controls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import tlslens.dissect.Expert;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.Malformed;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;

/**
 * The rows the detail tree shows for one frame, in tshark -V order: the engine's nodes without
 * hidden ones, each followed by its "[Expert Info ...]" rows. Expert rows are made the first time
 * a node's children are asked for and then kept, so a row is the same object every time (the
 * tree's selection and the expansion memory rely on identity). Builds nothing up front: a
 * 300-node certificate costs only when it is opened.
 */
public final class DetailRows {
    private final FrameDissection frame;
    private final Map<ProtoNode, List<ProtoNode>> children = new IdentityHashMap<>();
    private final Map<ProtoNode, ExpertRow> expertRows = new IdentityHashMap<>();
    /** Parents of the expert item rows; their own children know their parent. */
    private final Map<ProtoNode, ProtoNode> expertParents = new IdentityHashMap<>();

    public DetailRows(FrameDissection frame) { this.frame = frame; }

    public FrameDissection frame() { return frame; }

    public ProtoNode root() { return frame.root; }

    /** The rows under {@code n}: its visible children and one expert item per expert note (see ProtoNode.expertsFirst). */
    public List<ProtoNode> children(ProtoNode n) {
        List<ProtoNode> cached = children.get(n);
        if (cached != null) return cached;
        List<ProtoNode> out = new ArrayList<>(n.children().size() + n.experts().size());
        boolean experts = n != frame.root && !expertRows.containsKey(n);
        // Notes come after the children, or before them where the dissector added them first (TCP's flags).
        if (experts && n.expertsFirst()) for (Expert e : n.experts()) out.add(expertItem(n, e));
        for (ProtoNode c : n.children()) if (!c.hidden()) out.add(c);
        if (experts && !n.expertsFirst()) for (Expert e : n.experts()) out.add(expertItem(n, e));
        List<ProtoNode> result = out.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(out);
        children.put(n, result);
        return result;
    }

    /** True when {@link #children} would not be empty; cheap, builds nothing. */
    public boolean hasChildren(ProtoNode n) {
        if (children.containsKey(n)) return !children.get(n).isEmpty();
        if (expertRows.containsKey(n)) return !n.children().isEmpty();
        if (n != frame.root && !n.experts().isEmpty()) return true;
        for (ProtoNode c : n.children()) if (!c.hidden()) return true;
        return false;
    }

    private ProtoNode expertItem(ProtoNode owner, Expert e) {
        // Wireshark adds expert items without bytes (NULL tvb); they sit at their owner's place.
        ExpertRow item = new ExpertRow(e, ExpertRow.Part.ITEM);
        ProtoNode node = new ProtoNode(null, null, item.text(), owner.source, owner.offset, 0);
        expertRows.put(node, item);
        expertParents.put(node, owner);
        for (ExpertRow.Part p : new ExpertRow.Part[] {ExpertRow.Part.MESSAGE, ExpertRow.Part.SEVERITY, ExpertRow.Part.GROUP}) {
            ExpertRow row = new ExpertRow(e, p);
            expertRows.put(node.child(new ProtoNode(null, null, row.text(), owner.source, owner.offset, 0)), row);
        }
        return node;
    }

    /** The expert row this node stands for, or null for the engine's own nodes. */
    public ExpertRow expertRow(ProtoNode n) { return n == null ? null : expertRows.get(n); }

    /** The row above {@code n}; the frame's root for the protocol rows. */
    public ProtoNode parent(ProtoNode n) {
        ProtoNode p = expertParents.get(n);
        return p != null ? p : n.parent();
    }

    /**
     * The rows from the top level down to {@code n} (root excluded), or null when {@code n} is not
     * shown in this frame's tree (another frame's node, or hidden itself or below a hidden node).
     */
    public List<ProtoNode> pathTo(ProtoNode n) {
        List<ProtoNode> path = new ArrayList<>();
        for (ProtoNode p = n; p != frame.root; p = parent(p)) {
            if (p == null || p.hidden()) return null;
            path.add(p);
        }
        Collections.reverse(path);
        return path.isEmpty() ? null : path;
    }

    /** The first shown node of the field, in tree order; null if none. */
    public ProtoNode firstVisible(String abbrev) {
        return firstVisible(frame.root, abbrev);
    }

    private static ProtoNode firstVisible(ProtoNode n, String abbrev) {
        for (ProtoNode c : n.children()) {
            if (c.hidden()) continue;
            if (c.field != null && c.field.abbrev.equals(abbrev)) return c;
            ProtoNode found = firstVisible(c, abbrev);
            if (found != null) return found;
        }
        return null;
    }

    /** The worst severity among the notes of this row (an expert row: its note's), or null. */
    public Severity severity(ProtoNode n) {
        ExpertRow row = expertRows.get(n);
        if (row != null) return row.expert().severity();
        Severity worst = null;
        for (Expert e : n.experts()) if (worst == null || e.severity().compareTo(worst) > 0) worst = e.severity();
        return worst;
    }

    /** A "[Malformed Packet ...]" item; drawn so that it stands out. */
    public static boolean isMalformed(ProtoNode n) {
        return n.field == Malformed.FIELD;
    }
}
