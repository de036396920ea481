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
 * any kind holds every node of those. Four bytes per frame. Not thread-safe (the index's lock).
 */
final class FieldPresence {
    /** Beyond this many distinct sets a frame's set is not kept (it counts as holding every field). */
    private static final int MAX_SETS = 1 << 16;
    private static final int UNKNOWN = -1;

    /** Per frame (1-based, index 0 unused), the number of its set in {@link #sets}, or UNKNOWN. */
    private int[] setOf = unknown(new int[1024], 0);
    private final List<FieldDef[]> sets = new ArrayList<>();
    private final Map<Key, Integer> numbers = new HashMap<>();

    /** The walk's scratch: the ids seen in the current tree (a bit each) and their fields. */
    private long[] bits = new long[64];
    private final List<FieldDef> seen = new ArrayList<>();
    private final Key probe = new Key();

    /** Records the fields of frame {@code number}'s tree (walked once; the notes' fields count too, as filters see them). */
    void record(int number, ProtoNode root) {
        seen.clear();
        walk(root);
        int set = UNKNOWN;
        probe.bits = bits;
        probe.hash = hash(bits);
        Integer known = numbers.get(probe);
        if (known != null) {
            set = known;
        } else if (sets.size() < MAX_SETS) {
            set = sets.size();
            sets.add(seen.toArray(new FieldDef[0]));
            Key k = new Key();
            k.bits = bits.clone();
            k.hash = probe.hash;
            numbers.put(k, set);
        }
        for (FieldDef f : seen) bits[f.id >>> 6] = 0; // clear only the words used
        if (number >= setOf.length) setOf = unknown(Arrays.copyOf(setOf, Math.max(number + 1, setOf.length * 2)), setOf.length);
        setOf[number] = set;
    }

    /** {@code a} with its entries from {@code from} on UNKNOWN (a frame never recorded holds every field). */
    private static int[] unknown(int[] a, int from) {
        Arrays.fill(a, from, a.length, UNKNOWN);
        return a;
    }

    private void walk(ProtoNode n) {
        if (n.field != null) mark(n.field);
        List<Expert> experts = n.experts();
        for (int i = 0, size = experts.size(); i < size; i++) mark(experts.get(i).def().field);
        for (ProtoNode c = n.firstChild(); c != null; c = c.nextSibling()) walk(c);
    }

    private void mark(FieldDef f) {
        if (f == null) return;
        int w = f.id >>> 6;
        if (w >= bits.length) bits = Arrays.copyOf(bits, Math.max(w + 1, bits.length * 2));
        long b = 1L << f.id;
        if ((bits[w] & b) == 0) {
            bits[w] |= b;
            seen.add(f);
        }
    }

    private static int hash(long[] bits) {
        // Trailing zero words do not count: a set is equal whatever the length of the array it was seen in.
        int h = 1;
        for (int i = 0; i < bits.length; i++) if (bits[i] != 0) h = 31 * h + Long.hashCode(bits[i]) + i;
        return h;
    }

    /**
     * Per frame 1..{@code upTo}, whether its tree held a field named in {@code fields} (frames not
     * recorded, or whose set was not kept, count as holding them).
     */
    boolean[] holding(Set<String> fields, int upTo) {
        boolean[] setHolds = new boolean[sets.size()];
        for (int s = 0; s < setHolds.length; s++) {
            for (FieldDef f : sets.get(s)) {
                if (fields.contains(f.abbrev)) {
                    setHolds[s] = true;
                    break;
                }
            }
        }
        boolean[] out = new boolean[upTo + 1];
        for (int i = 1; i <= upTo; i++) {
            int s = i < setOf.length ? setOf[i] : UNKNOWN;
            out[i] = s == UNKNOWN || setHolds[s];
        }
        return out;
    }

    /** Bytes of heap held (benchmarks count it with the index). */
    long footprint() {
        long n = 16 + 4L * setOf.length;
        for (FieldDef[] s : sets) n += 16 + 4L * s.length + 48 + 16 + 8L * ((s.length + 63) / 64);
        return n;
    }

    /** A set of field ids as bits; equal sets hash alike whatever their array's length. */
    private static final class Key {
        long[] bits;
        int hash;

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.hash != hash) return false;
            int n = Math.max(bits.length, k.bits.length);
            for (int i = 0; i < n; i++) {
                long a = i < bits.length ? bits[i] : 0, b = i < k.bits.length ? k.bits[i] : 0;
                if (a != b) return false;
            }
            return true;
        }
    }
}
