package tlslens.dissect.filter;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/**
 * An ordered list of display filters tested together, first match wins: Wireshark's colouring
 * rules. The filters share one set of field slots, so a frame's tree is walked once for all of
 * them, not once per filter. Immutable and safe to share between threads.
 */
public final class FirstMatch {
    private final Cond[] conds;
    /** Field name -> slot, with interned keys as in {@link DisplayFilter}. */
    private final Map<String, Integer> slots = new HashMap<>();
    private final Set<String> fields;

    private FirstMatch(Cond[] conds, Map<String, Integer> slots) {
        this.conds = conds;
        slots.forEach((k, v) -> this.slots.put(k.intern(), v));
        this.fields = Collections.unmodifiableSet(new LinkedHashSet<>(slots.keySet()));
    }

    /**
     * Compiles each filter; a blank one matches every frame.
     *
     * @throws FilterException for the first filter that does not compile
     */
    public static FirstMatch compile(List<String> filters) throws FilterException {
        Compiler c = new Compiler();
        Cond[] conds = new Cond[filters.size()];
        for (int i = 0; i < conds.length; i++) {
            String t = filters.get(i);
            conds[i] = t == null || t.isBlank() ? new Cond.True() : c.compile(Parser.parse(t));
        }
        return new FirstMatch(conds, c.slots());
    }

    /** The index of the first filter that matches the frame, or -1 when none does. */
    public int firstMatch(FrameDissection fd) {
        if (conds.length == 0) return -1;
        FrameValues fv = new FrameValues(slots.size(), fd.sources());
        if (!slots.isEmpty()) collect(fd.root, fv);
        for (int i = 0; i < conds.length; i++) if (conds[i].test(fv)) return i;
        return -1;
    }

    private void collect(ProtoNode n, FrameValues fv) {
        if (n.field != null) {
            Integer slot = slots.get(n.field.abbrev);
            if (slot != null) fv.add(slot, n);
        }
        List<ProtoNode> children = n.children();
        for (int i = 0, size = children.size(); i < size; i++) collect(children.get(i), fv);
    }

    public int size() { return conds.length; }

    /** The names of the fields and protocols the filters refer to (what the engine must build). */
    public Set<String> fields() { return fields; }
}
