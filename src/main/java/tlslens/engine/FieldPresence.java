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
    /**
     * The walk's scratch, a bit per field: asked about by a sparse tree's keep check; made as an
     * item whose value was kept; made without one (a note's, a value not a number, too many items).
     * A field asked about but never made (not kept) has no value known either.
     */
    private final Bits asked = new Bits(), valued = new Bits(), unknownValue = new Bits();
    /** The walk's scratch: the fields without a known value, as {@link #record} keys them. */
    private long[] unvalued = new long[64];
    private int unvaluedWords;
    /** The walk's scratch: the integer items in tree order, two longs each (field id, kind and length; value). */
    private long[] values = new long[2 * MAX_VALUES];
    private int valueCount;
    private final Key probe = new Key();
    /** Per set number, its key (what the set's frames held, with the integer items' values). */
    private final List<Key> keys = new ArrayList<>();

    /**
     * Records the fields of frame {@code number}'s tree (walked once; the notes' fields count too, as
     * filters see them), with those {@link #asked} about since the last record: a sparse tree holds
     * few of its items, but its keep checks named them all.
     */
    void record(int number, ProtoNode root) {
        walkAbove(root);
        unvaluedWords = Math.max(asked.words, unknownValue.words);
        if (unvaluedWords > unvalued.length) unvalued = new long[Math.max(unvaluedWords, 2 * unvalued.length)];
        for (int w = 0; w < unvaluedWords; w++) unvalued[w] = asked.word(w) & ~valued.word(w) | unknownValue.word(w);
        while (unvaluedWords > 0 && unvalued[unvaluedWords - 1] == 0) unvaluedWords--;
        int set = UNKNOWN;
        probe.bits = bits;
        probe.length = words;
        probe.unvalued = unvalued;
        probe.unvaluedLength = unvaluedWords;
        probe.values = values;
        probe.valueLength = 2 * valueCount;
        probe.hash = probe.hashOf();
        Integer known = numbers.get(probe);
        if (known != null) {
            set = known;
        } else if (sets.size() < MAX_SETS) {
            set = sets.size();
            sets.add(fields()); // a new set: rare after the first frames
            Key k = new Key();
            k.bits = Arrays.copyOf(bits, words);
            k.length = words;
            k.unvalued = Arrays.copyOf(unvalued, unvaluedWords);
            k.unvaluedLength = unvaluedWords;
            k.values = Arrays.copyOf(values, 2 * valueCount);
            k.valueLength = 2 * valueCount;
            k.hash = probe.hash;
            numbers.put(k, set);
            keys.add(k);
        }
        Arrays.fill(bits, 0, words, 0);
        words = 0;
        asked.clear();
        frame++;
        valued.clear();
        unknownValue.clear();
        valueCount = 0;
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
        if (n.field != null) {
            mark(n.field);
            if (n.field.type.isInteger() && !thinned(n.field)) value(n); // (a thinned layer's field is not recorded)
        }
        List<Expert> experts = n.experts();
        for (int i = 0, size = experts.size(); i < size; i++) markUnvalued(experts.get(i).def().field);
        for (ProtoNode c = n.firstChild(); c != null; c = c.nextSibling()) walk(c);
    }

    /** At most this many integer items of a frame are kept with their values; beyond, their fields count as unvalued. */
    private static final int MAX_VALUES = 32;

    /** Keeps an integer item's value and length (what a filter reads of it), in tree order. */
    private void value(ProtoNode n) {
        Object v = n.value();
        int kind = v instanceof Long ? 1 : v instanceof Integer ? 2 : 0;
        if (kind == 0 || valueCount == MAX_VALUES) {
            unknownValue.set(n.field.id);
            return;
        }
        valued.set(n.field.id);
        values[2 * valueCount] = (long) n.field.id << 32 | (long) kind << 28 | n.length();
        values[2 * valueCount + 1] = ((Number) v).longValue();
        valueCount++;
    }

    /** A note's field: filters see an item of it (FieldSlots) whose value is not kept here. */
    private void markUnvalued(FieldDef f) {
        if (f == null || thinned(f)) return;
        mark(f);
        unknownValue.set(f.id);
    }

    /** A growable set of field ids, cleared after each frame. */
    private static final class Bits {
        long[] w = new long[8];
        int words;

        void set(int id) {
            int i = id >>> 6;
            if (i >= w.length) w = Arrays.copyOf(w, Math.max(i + 1, w.length * 2));
            w[i] |= 1L << id;
            if (i >= words) words = i + 1;
        }

        long word(int i) { return i < words ? w[i] : 0; }

        void clear() {
            Arrays.fill(w, 0, words, 0);
            words = 0;
        }
    }

    /**
     * A sparse tree's dissectors added an item of field {@code f} (its keep check: Engine.keepOnly),
     * kept or not: it counts for the frame recorded next, unless of a thinned layer (not recorded).
     */
    void asked(FieldDef f) {
        if (f == null) return;
        int id = f.id;
        if (id < askedIn.length && askedIn[id] >= frame) return; // asked already for this frame, or of a thinned layer
        if (id >= askedIn.length) askedIn = Arrays.copyOf(askedIn, Math.max(id + 1, askedIn.length * 2));
        if (thinned(f)) {
            askedIn[id] = Integer.MAX_VALUE; // never recorded: not asked about again
            return;
        }
        askedIn[id] = frame;
        mark(f);
        asked.set(id); // an item kept is walked too, and gives its value
    }

    /**
     * Per field id, the last {@link #frame} a keep check asked about it (MAX_VALUE: of a thinned
     * layer): a sparse tree asks for every item it adds (most of a frame's are the thinned layers',
     * a record's or an extension's again and again), and each field needs marking once a frame.
     */
    private int[] askedIn = new int[256];
    /** Counts the frames recorded, from 1: the frame the keep checks now ask for. */
    private int frame = 1;

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

    /**
     * Per frame 1..{@code upTo}, the filter's answer where the first pass recorded all it reads: 1
     * matches, 0 does not, -1 not known (the frame must be dissected again); null when it is known
     * for no frame. Known for a frame when every field the filter names is an integer field (no
     * bytes to read) that the frame either did not hold or held only as items whose values were
     * kept: the filter then runs on those items alone, in their order, as on the frame's tree (it
     * reads a field's every item, their values and lengths: comparisons, count, len, in, bitwise
     * and). The first pass keeps the values of the items it makes (the colouring rules' fields,
     * in sparse trees: so "tls.handshake.type == 1" needs no pass).
     */
    byte[] decided(tlslens.dissect.filter.DisplayFilter filter, int upTo) {
        Set<String> fields = filter.fields();
        if (fields.isEmpty()) return null;
        for (String name : fields) {
            FieldDef f = tlslens.dissect.registry.FieldRegistry.byName(name);
            if (f == null || !f.type.isInteger() || LightTree.ofThinnedLayer(name) || !LightTree.holdsLean(name)) return null;
        }
        byte[] perSet = new byte[keys.size()];
        boolean any = false;
        for (int s = 0; s < perSet.length; s++) {
            perSet[s] = decide(filter, fields, sets.get(s), keys.get(s));
            any |= perSet[s] >= 0;
        }
        if (!any) return null;
        byte[] out = new byte[upTo + 1];
        for (int i = 1; i <= upTo; i++) {
            int s = i < setOf.length ? setOf[i] : UNKNOWN;
            out[i] = s == UNKNOWN ? -1 : perSet[s];
        }
        return out;
    }

    private byte decide(tlslens.dissect.filter.DisplayFilter filter, Set<String> fields, FieldDef[] held, Key k) {
        for (FieldDef f : held) {
            if (!fields.contains(f.abbrev)) continue;
            if (!f.type.isInteger() || k.isUnvalued(f.id)) return -1; // held, but not every item's value is known
        }
        ProtoNode root = ProtoNode.root();
        for (int i = 0; i < k.valueLength; i += 2) {
            long meta = k.values[i];
            FieldDef f = defs[(int) (meta >>> 32)]; // marked with its item
            if (!fields.contains(f.abbrev)) continue;
            long v = k.values[i + 1];
            Object value = ((meta >>> 28) & 3) == 1 ? (Object) v : (Object) (int) v;
            root.child(new ProtoNode(f, value, null, 0, 0, (int) (meta & 0xFFFFFFF)));
        }
        return (byte) (filter.matches(root) ? 1 : 0);
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
        for (Key k : keys) n += 16 + 4L * k.length + 48 + 24 + 8L * (k.bits.length + k.unvalued.length + k.values.length) + 48;
        return n;
    }

    /**
     * A set of field ids as bits (the first {@code length} words of {@code bits}, the last one not
     * zero), those of them without values likewise, and the integer items' values in tree order.
     */
    private static final class Key {
        long[] bits;
        int length;
        long[] unvalued;
        int unvaluedLength;
        long[] values;
        int valueLength;
        int hash;

        int hashOf() {
            return 31 * (31 * hash(bits, length) + hash(unvalued, unvaluedLength)) + hash(values, valueLength);
        }

        boolean isUnvalued(int id) {
            int w = id >>> 6;
            return w < unvaluedLength && (unvalued[w] & 1L << id) != 0;
        }

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.hash != hash || k.length != length || k.unvaluedLength != unvaluedLength
                    || k.valueLength != valueLength) return false;
            return Arrays.equals(bits, 0, length, k.bits, 0, length)
                    && Arrays.equals(unvalued, 0, unvaluedLength, k.unvalued, 0, unvaluedLength)
                    && Arrays.equals(values, 0, valueLength, k.values, 0, valueLength);
        }
    }
}
