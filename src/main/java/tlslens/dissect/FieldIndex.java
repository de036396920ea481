package tlslens.dissect;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A number for each of some field names (a filter's slot, a -e column), found from a node's
 * {@link FieldDef} by its {@link FieldDef#id}: one array read per node instead of a hash of the
 * name. Several definitions may share a name; each id is looked up by name once, then remembered.
 * Safe to share between threads (every thread would remember the same numbers).
 */
public final class FieldIndex {
    /** Not one of the names. */
    public static final int NONE = -1;
    private static final int UNKNOWN = -2;

    private final Map<String, Integer> byName;
    private final AtomicReference<int[]> byId = new AtomicReference<>(new int[0]);

    /** Told of every definition asked about, or null (see the two-argument constructor). */
    private final java.util.function.Consumer<FieldDef> asked;

    /** {@code byName}: name -> number (at least 0); kept, not copied. */
    public FieldIndex(Map<String, Integer> byName) { this(byName, null); }

    /**
     * As above, telling {@code asked} of each definition {@link #of} is asked about (on the asking
     * thread): a sparse tree's keep checks name every item its dissectors made, kept or not (the
     * window's first pass records which fields each frame held from them). Not to be shared between threads.
     */
    public FieldIndex(Map<String, Integer> byName, java.util.function.Consumer<FieldDef> asked) {
        this.byName = byName;
        this.asked = asked;
    }

    /** The number of the definition's name, or {@link #NONE}. */
    public int of(FieldDef f) {
        if (asked != null) asked.accept(f);
        int[] known = byId.get();
        int id = f.id;
        if (id < known.length) {
            int n = known[id];
            if (n != UNKNOWN) return n;
        }
        return learn(f);
    }

    /** Per protocol definition's id: 0 not known yet, 1 no name of its fields, 2 some (see {@link #anyOf}). */
    private final AtomicReference<byte[]> anyById = new AtomicReference<>(new byte[0]);

    /**
     * Whether some name is a field of {@code protocol} ("tcp.srcport" of "tcp"), or each definition
     * asked about must be told (the two-argument constructor): when false, a sparse tree's dissector
     * may leave out that protocol's items without adding them one by one (a -Y run added some fifty
     * items a frame only to have each looked up and left out).
     */
    public boolean anyOf(FieldDef protocol) {
        if (asked != null) return true;
        byte[] known = anyById.get();
        int id = protocol.id;
        if (id < known.length && known[id] != 0) return known[id] == 2;
        String prefix = protocol.abbrev + ".";
        boolean found = false;
        for (String name : byName.keySet()) found |= name.startsWith(prefix);
        while (true) { // remembered as learn does
            known = anyById.get();
            byte[] grown = java.util.Arrays.copyOf(known, Math.max(known.length, id + 1));
            grown[id] = (byte) (found ? 2 : 1);
            if (anyById.compareAndSet(known, grown)) return found;
        }
    }

    private int learn(FieldDef f) {
        Integer n = byName.get(f.abbrev);
        int number = n == null ? NONE : n;
        while (true) {
            int[] known = byId.get();
            int[] grown = known;
            if (f.id >= known.length) {
                grown = java.util.Arrays.copyOf(known, Math.max(f.id + 1, known.length * 2 + 64));
                java.util.Arrays.fill(grown, known.length, grown.length, UNKNOWN);
            } else if (known[f.id] == number) {
                return number;
            } else {
                grown = known.clone();
            }
            grown[f.id] = number;
            if (byId.compareAndSet(known, grown)) return number;
        }
    }
}
