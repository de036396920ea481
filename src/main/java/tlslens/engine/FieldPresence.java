package tlslens.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.dissect.Expert;
import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;

/**
 * Which fields each frame's tree held when it was last dissected (the first pass, a rekey): per
 * frame the number of its set of fields, the sets kept once each (a capture's frames share a few
 * hundred). A display filter over a big capture asks it which frames could match at all, so that
 * a connection is replayed only up to its last such frame, and not at all without one
 * ({@link CaptureIndex#matching(tlslens.dissect.filter.DisplayFilter, int, int, Runnable, java.util.function.BooleanSupplier)}).
 * Only fields that lean light trees hold ({@link LightTree#holdsLean}) are asked about: a tree of
 * any kind holds every node of those. The thinned layers' own fields (frame, Ethernet, IP, TCP,
 * UDP) are not recorded: every frame counts as holding them. A first pass in sparse trees (only
 * the colouring rules' fields made: LightTree.sparse) records the same sets, from its keep checks
 * ({@link #asked}) as well as its tree (SparseFirstPassTest). Four bytes per frame. Not thread-safe
 * (the index's lock).
 */
final class FieldPresence {
    /** Beyond this many distinct sets a frame's set is not kept (it counts as holding every field). */
    private static final int MAX_SETS = 1 << 16;
    private static final int UNKNOWN = -1;

    /** Per frame (1-based, index 0 unused), the number of its set in {@link #sets}, or UNKNOWN. */
    private int[] setOf = unknown(new int[1024], 0);
    private final List<FieldDef[]> sets = new ArrayList<>();
    private final Map<Key, Integer> numbers = new HashMap<>();

    /** The walk's scratch: the ids seen in the current tree, a bit each. */
    private long[] bits = new long[64];
    /** One past the highest word of {@link #bits} set in the current tree. */
    private int words;
    private final Key probe = new Key();

    /**
     * Records the fields of frame {@code number}'s tree (walked once; the notes' fields count too, as
     * filters see them), with those {@link #asked} about since the last record: a sparse tree holds
     * few of its items, but its keep checks named them all.
     */
    void record(int number, ProtoNode root) {
        walkAbove(root);
        int set = UNKNOWN;
        probe.bits = bits;
        probe.length = words;
        probe.hash = hash(bits, words);
        Integer known = numbers.get(probe);
        if (known != null) {
            set = known;
        } else if (sets.size() < MAX_SETS) {
            set = sets.size();
            sets.add(fields()); // a new set: rare after the first frames
            Key k = new Key();
            k.bits = Arrays.copyOf(bits, words);
            k.length = words;
            k.hash = probe.hash;
            numbers.put(k, set);
        }
        Arrays.fill(bits, 0, words, 0);
        words = 0;
        if (number >= setOf.length) setOf = unknown(Arrays.copyOf(setOf, Math.max(number + 1, setOf.length * 2)), setOf.length);
        setOf[number] = set;
    }

    /** {@code a} with its entries from {@code from} on UNKNOWN (a frame never recorded holds every field). */
    private static int[] unknown(int[] a, int from) {
        Arrays.fill(a, from, a.length, UNKNOWN);
        return a;
    }

    /**
     * The tree but for the subtrees of the thinned layers (frame, Ethernet, IP, TCP, UDP: most of a
     * light tree's nodes), whose fields are never asked about ({@link CaptureIndex#mayMatch}); their
     * subtrees hold only their layer's fields (FieldPresenceTest checks it on every capture).
     */
    private void walkAbove(ProtoNode root) {
        if (root.field != null) mark(root.field);
        for (ProtoNode c = root.firstChild(); c != null; c = c.nextSibling()) {
            if (c.field == null || !thinned(c.field)) walk(c);
        }
    }

    /** Per field id, 1: of a thinned layer, 2: not; 0: not asked yet. */
    private byte[] thinned = new byte[256];

    private boolean thinned(FieldDef f) {
        int id = f.id;
        return (id < thinned.length && thinned[id] != 0 ? thinned[id] : learnThinned(f)) == 1;
    }

    private byte learnThinned(FieldDef f) {
        if (f.id >= thinned.length) thinned = Arrays.copyOf(thinned, Math.max(f.id + 1, thinned.length * 2));
        return thinned[f.id] = (byte) (LightTree.ofThinnedLayer(f.abbrev) ? 1 : 2);
    }

    private void walk(ProtoNode n) {
        if (n.field != null) mark(n.field);
        List<Expert> experts = n.experts();
        for (int i = 0, size = experts.size(); i < size; i++) mark(experts.get(i).def().field);
        for (ProtoNode c = n.firstChild(); c != null; c = c.nextSibling()) walk(c);
    }

    /**
     * A sparse tree's dissectors added an item of field {@code f} (its keep check: Engine.keepOnly),
     * kept or not: it counts for the frame recorded next, unless of a thinned layer (not recorded).
     */
    void asked(FieldDef f) { mark(f); }

    /** The definitions marked so far, by id ({@link #fields}). */
    private FieldDef[] defs = new FieldDef[256];

    /** Marks field {@code f} for the frame recorded next, unless of a thinned layer (those are not recorded). */
    private void mark(FieldDef f) {
        if (f == null || thinned(f)) return;
        if (f.id >= defs.length) defs = Arrays.copyOf(defs, Math.max(f.id + 1, defs.length * 2));
        if (defs[f.id] == null) defs[f.id] = f;
        int w = f.id >>> 6;
        if (w >= bits.length) bits = Arrays.copyOf(bits, Math.max(w + 1, bits.length * 2));
        bits[w] |= 1L << f.id;
        if (w >= words) words = w + 1;
    }

    /** The distinct fields marked for this frame (listed by id from the bits). */
    private FieldDef[] fields() {
        List<FieldDef> out = new ArrayList<>();
        for (int w = 0; w < words; w++) {
            for (long b = bits[w]; b != 0; b &= b - 1) out.add(defs[(w << 6) + Long.numberOfTrailingZeros(b)]);
        }
        return out.toArray(new FieldDef[0]);
    }

    private static int hash(long[] bits, int length) {
        int h = length;
        for (int i = 0; i < length; i++) h = 31 * h + Long.hashCode(bits[i]);
        return h;
    }

    /**
     * Per frame 1..{@code upTo}, whether its tree held a field named in {@code fields} (frames not
     * recorded, or whose set was not kept, count as holding them; so do all frames when a field is of
     * a thinned layer, which are not recorded).
     */
    boolean[] holding(Set<String> fields, int upTo) {
        boolean[] out = new boolean[upTo + 1];
        if (fields.stream().anyMatch(LightTree::ofThinnedLayer)) { // not recorded: every frame may hold them
            Arrays.fill(out, true);
            return out;
        }
        boolean[] setHolds = new boolean[sets.size()];
        for (int s = 0; s < setHolds.length; s++) {
            for (FieldDef f : sets.get(s)) {
                if (fields.contains(f.abbrev)) {
                    setHolds[s] = true;
                    break;
                }
            }
        }
        for (int i = 1; i <= upTo; i++) {
            int s = i < setOf.length ? setOf[i] : UNKNOWN;
            out[i] = s == UNKNOWN || setHolds[s];
        }
        return out;
    }

    /** The names of the fields recorded for frame {@code number}; null when unknown (counts as every field). */
    Set<String> fieldsOf(int number) {
        int s = number < setOf.length ? setOf[number] : UNKNOWN;
        if (s == UNKNOWN) return null;
        Set<String> out = new java.util.TreeSet<>();
        for (FieldDef f : sets.get(s)) out.add(f.abbrev);
        return out;
    }

    /** Bytes of heap held (benchmarks count it with the index). */
    long footprint() {
        long n = 16 + 4L * setOf.length;
        for (FieldDef[] s : sets) n += 16 + 4L * s.length + 48 + 24 + 8L * bits.length;
        return n;
    }

    /** A set of field ids as bits: the first {@code length} words of {@code bits}, the last one not zero. */
    private static final class Key {
        long[] bits;
        int length;
        int hash;

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.hash != hash || k.length != length) return false;
            return Arrays.equals(bits, 0, length, k.bits, 0, length);
        }
    }
}
