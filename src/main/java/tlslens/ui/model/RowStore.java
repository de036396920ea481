package tlslens.ui.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packet table's rows as an int each: the colour, the match and which {@link PacketRow.Context}
 * (source and filter) the row had, in chunks so that a million rows never copy or over-allocate a
 * big array. A row object was 24 bytes (and 4 in each list holding it); rows are made again when
 * read ({@link #row}). Contexts are few (one per source and filter, one more per batch of frames
 * dissected again); a row whose context has no id (rows carrying their own summary, or past
 * {@link #MAX_IDS} contexts) keeps it in a map by slot.
 */
final class RowStore {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Bits 0-16 are PacketRow's colour and match; the context id is above them. */
    private static final int ID_SHIFT = 17;
    private static final int MAX_IDS = (1 << (32 - ID_SHIFT)) - 1;
    /** The id of a context kept in {@link #own}. */
    private static final int OWN = MAX_IDS;

    private final List<int[]> chunks = new ArrayList<>();
    private int size;
    private final List<PacketRow.Context> contexts = new ArrayList<>();
    private final Map<PacketRow.Context, Integer> ids = new java.util.IdentityHashMap<>();
    private final Map<Integer, PacketRow.Context> own = new HashMap<>();

    int size() { return size; }

    /** Appends {@code r} as slot {@link #size()} + 1. */
    void add(PacketRow r) {
        if ((size & (CHUNK - 1)) == 0 && size >> CHUNK_BITS == chunks.size()) chunks.add(new int[CHUNK]);
        size++;
        set(size, r);
    }

    /** Puts {@code r} in slot {@code slot} (1..size). */
    void set(int slot, PacketRow r) {
        int id = idOf(r.context());
        if (id == OWN) own.put(slot, r.context());
        else if (!own.isEmpty()) own.remove(slot);
        chunks.get((slot - 1) >> CHUNK_BITS)[(slot - 1) & (CHUNK - 1)] = id << ID_SHIFT | r.bits();
    }

    private int idOf(PacketRow.Context c) {
        if (c instanceof PacketRow.Kept) return OWN;
        Integer id = ids.get(c);
        if (id != null) return id;
        if (contexts.size() == OWN) return OWN;
        contexts.add(c);
        ids.put(c, contexts.size() - 1);
        return contexts.size() - 1;
    }

    private int word(int slot) { return chunks.get((slot - 1) >> CHUNK_BITS)[(slot - 1) & (CHUNK - 1)]; }

    private PacketRow.Context context(int slot, int word) {
        int id = word >>> ID_SHIFT;
        return id == OWN ? own.get(slot) : contexts.get(id);
    }

    /** The row in {@code slot} (1..size). */
    PacketRow row(int slot) {
        int w = word(slot);
        PacketRow.Context c = context(slot, w);
        return new PacketRow(c, c instanceof PacketRow.Kept k ? k.summary.number() : slot, w);
    }

    /** The frame number of the row in {@code slot}, as {@code row(slot).number()}. */
    int number(int slot) {
        if (own.isEmpty()) return slot;
        PacketRow.Context c = own.get(slot);
        return c instanceof PacketRow.Kept k ? k.summary.number() : slot;
    }

    short colour(int slot) { return (short) word(slot); }

    void colour(int slot, short c) {
        int[] chunk = chunks.get((slot - 1) >> CHUNK_BITS);
        int i = (slot - 1) & (CHUNK - 1);
        chunk[i] = (chunk[i] & ~0xffff) | (c & 0xffff);
    }

    /** Whether the row in {@code slot} was tested against {@code filter} by the loader and matched it. */
    boolean matched(int slot, Object filter) {
        int w = word(slot);
        return (w & (1 << 16)) != 0 && context(slot, w).filter == filter;
    }

    /** Whether the row in {@code slot} was tested against {@code filter} (matching or not). */
    boolean testedAgainst(int slot, Object filter) { return context(slot, word(slot)).filter == filter; }

    void clear() {
        chunks.clear();
        size = 0;
        contexts.clear();
        ids.clear();
        own.clear();
    }
}
