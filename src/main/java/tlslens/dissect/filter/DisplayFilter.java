package tlslens.dissect.filter;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.dissect.DataSource;
import tlslens.dissect.Expert;
import tlslens.dissect.ExpertFields;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/**
 * A compiled Wireshark display filter (tshark -Y / the GUI's filter bar), with Wireshark 4.0's
 * syntax and semantics: field presence, comparisons over every occurrence of a field, contains,
 * matches, sets, slices, len/count/upper/lower, bitwise and. Immutable and safe to share between
 * threads.
 *
 * <p>Evaluation walks the frame's tree once, collecting only the nodes of the fields the filter
 * names, then runs the compiled test on them.
 */
public final class DisplayFilter {
    private final String text;
    private final Cond cond;
    /** Field name -> slot; a HashMap because it is looked up for every node of every frame. */
    private final Map<String, Integer> slots;
    private final Set<String> fields;

    private DisplayFilter(String text, Cond cond, Map<String, Integer> slots) {
        this.text = text;
        this.cond = cond;
        // Interned keys: FieldDef.abbrev strings are literals, so a hit compares by identity.
        this.slots = new HashMap<>();
        slots.forEach((k, v) -> this.slots.put(k.intern(), v));
        this.fields = Collections.unmodifiableSet(new LinkedHashSet<>(slots.keySet()));
    }

    /**
     * Parses and type-checks a filter. An empty (or blank) filter matches every frame.
     *
     * @throws FilterException with tshark's message and the position of the offending text
     */
    public static DisplayFilter compile(String text) throws FilterException {
        String t = text == null ? "" : text;
        if (t.isBlank()) return new DisplayFilter(t, new Cond.True(), Map.of());
        Compiler c = new Compiler();
        Cond cond = c.compile(Parser.parse(t));
        return new DisplayFilter(t, cond, c.slots());
    }

    /**
     * Evaluates against a frame's tree (FrameDissection.root). Every node of a field counts,
     * hidden and generated ones too. Without the frame's byte sources, tests on the bytes of
     * protocols ({@code tls contains "abc"}, {@code frame[0:2]}) are false; use
     * {@link #matches(FrameDissection)} for those.
     */
    public boolean matches(ProtoNode root) {
        return run(root, null);
    }

    /** Evaluates against a dissected frame; protocol bytes are read from its sources. */
    public boolean matches(FrameDissection fd) {
        return run(fd.root, fd.sources());
    }

    private boolean run(ProtoNode root, List<DataSource> sources) {
        FrameValues fv = new FrameValues(slots.size(), sources);
        if (!slots.isEmpty()) collect(root, fv);
        return cond.test(fv);
    }

    private void collect(ProtoNode n, FrameValues fv) {
        if (n.field != null) {
            Integer slot = slots.get(n.field.abbrev);
            if (slot != null) fv.add(slot, n);
        }
        List<Expert> experts = n.experts();
        for (int i = 0, size = experts.size(); i < size; i++) collect(n, experts.get(i), fv);
        List<ProtoNode> children = n.children();
        for (int i = 0, size = children.size(); i < size; i++) collect(children.get(i), fv);
    }

    /**
     * A note stands for the items tshark puts under its "_ws.expert" subtree: the note's own field
     * (tls.malformed.vector_length), its message, severity and group.
     */
    private void collect(ProtoNode owner, Expert e, FrameValues fv) {
        Integer slot = slots.get(e.def().abbrev());
        if (slot != null && !e.isOwnItem(owner)) fv.add(slot, item(owner, e.def().field, null));
        slot = slots.get(ExpertFields.EXPERT.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.EXPERT, null));
        slot = slots.get(ExpertFields.MESSAGE.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.MESSAGE, e.message()));
        slot = slots.get(ExpertFields.SEVERITY.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.SEVERITY, e.severity().code));
        slot = slots.get(ExpertFields.GROUP.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.GROUP, e.def().group.code));
    }

    /** An item of the expert subtree, made only when the filter asks for its field; like Wireshark's, it has no bytes. */
    private static ProtoNode item(ProtoNode owner, FieldDef f, Object value) {
        return new ProtoNode(f, value, null, owner.source, owner.offset, 0);
    }

    /** The names of the fields and protocols the filter refers to (what the engine must build). */
    public Set<String> fields() { return fields; }

    public String text() { return text; }

    @Override public String toString() { return text; }
}
