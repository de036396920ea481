package tlslens.dissect.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.dissect.FrameDissection;

/**
 * An ordered list of display filters tested together, first match wins: Wireshark's colouring
 * rules. The filters share one set of field slots, so a frame's tree is walked once for all of
 * them, not once per filter. Immutable and safe to share between threads.
 */
public final class FirstMatch {
    private final Cond[] conds;
    private final FieldSlots slots;

    private FirstMatch(Cond[] conds, Map<String, Integer> slots) {
        this.conds = conds;
        this.slots = new FieldSlots(slots);
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
        FrameValues fv = slots.collect(fd.root, fd.sources());
        for (int i = 0; i < conds.length; i++) if (conds[i].test(fv)) return i;
        return -1;
    }

    public int size() { return conds.length; }

    /** The names of the fields and protocols the filters refer to (what the engine must build). */
    public Set<String> fields() { return slots.fields(); }
}
