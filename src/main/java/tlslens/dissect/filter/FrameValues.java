package tlslens.dissect.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import tlslens.dissect.DataSource;
import tlslens.dissect.ProtoNode;

/**
 * The nodes of one frame's tree that carry the fields a filter refers to, gathered in one walk,
 * one list per field ("slot"), plus the byte sources that protocol nodes point into (null when
 * the filter is run on a bare tree). Values converted for comparison are cached per slot.
 */
final class FrameValues {
    private final List<ProtoNode>[] nodes;
    private final List<Object>[] values;
    private final List<DataSource> sources;

    @SuppressWarnings({"unchecked", "rawtypes"})
    FrameValues(int slots, List<DataSource> sources) {
        this.nodes = new List[slots];
        this.values = new List[slots];
        this.sources = sources;
    }

    void add(int slot, ProtoNode n) {
        List<ProtoNode> l = nodes[slot];
        if (l == null) nodes[slot] = l = new ArrayList<>(2);
        l.add(n);
    }

    List<ProtoNode> nodes(int slot) {
        List<ProtoNode> l = nodes[slot];
        return l == null ? Collections.emptyList() : l;
    }

    List<Object> cachedValues(int slot) { return values[slot]; }

    void cacheValues(int slot, List<Object> v) { values[slot] = v; }

    /** The bytes a node covers in its source, or null when the sources are not known. */
    byte[] nodeBytes(ProtoNode n) {
        if (sources == null || n.source < 0 || n.source >= sources.size()) return null;
        byte[] b = sources.get(n.source).bytes();
        int from = Math.max(0, Math.min(n.offset, b.length));
        int to = Math.max(from, Math.min(b.length, n.offset + n.length()));
        return Arrays.copyOfRange(b, from, to);
    }
}
