package tlslens.ui.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import javafx.collections.ObservableListBase;

/**
 * A read-only observable list of rows kept as slot numbers (1-based, a frame's place in the
 * table model): every slot 1..size when nothing is filtered out (no array at all), else an array
 * of the slots shown, in order. Each {@link #get} makes the row ({@code rowOf}); a million rows
 * cost no object each, and 4 bytes each only when filtered. Appending costs one change; replacing
 * every row is one change that reports the old rows as removed without copying them.
 */
public final class FrameRows extends ObservableListBase<PacketRow> {
    private final IntFunction<PacketRow> rowOf;
    /** The slots shown, null for 1..size. */
    private int[] slots;
    private int size;

    FrameRows(IntFunction<PacketRow> rowOf) { this.rowOf = rowOf; }

    @Override
    public PacketRow get(int index) { return rowOf.apply(slotAt(index)); }

    @Override
    public int size() { return size; }

    /** The slot of row {@code index}. */
    public int slotAt(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        return slots == null ? index + 1 : slots[index];
    }

    /** Whether the rows are slots 1..size (nothing filtered out). */
    boolean isEverySlot() { return slots == null; }

    /** Appends slots size+1..{@code to} (only while every slot is shown). */
    void appendEvery(int to) {
        if (slots != null) throw new IllegalStateException("filtered");
        int from = size;
        if (to <= from) return;
        size = to;
        added(from);
    }

    /** Appends {@code add[0..count)}, each after the last slot shown. */
    void append(int[] add, int count) {
        if (count == 0) return;
        int from = size;
        if (slots == null) slots = every(size, size + count);
        else if (slots.length < size + count) slots = Arrays.copyOf(slots, Math.max(size + count, size + (size >> 1)));
        System.arraycopy(add, 0, slots, size, count);
        size += count;
        added(from);
    }

    private static int[] every(int n, int capacity) {
        int[] a = new int[capacity];
        for (int i = 0; i < n; i++) a[i] = i + 1;
        return a;
    }

    private void added(int from) {
        beginChange();
        nextAdd(from, size);
        endChange();
    }

    /** Shows slots 1..{@code n}. */
    void showEvery(int n) { replace(null, n); }

    /** Shows {@code show[0..count)} (increasing slots); the array is the list's from now on. */
    void show(int[] show, int count) { replace(show, count); }

    void clear0() { replace(null, 0); }

    private void replace(int[] now, int n) {
        int[] oldSlots = slots;
        int oldSize = size;
        slots = now;
        size = n;
        if (oldSize == 0 && n == 0) return;
        List<PacketRow> removed = new AbstractList<>() {
            @Override public PacketRow get(int i) {
                if (i < 0 || i >= oldSize) throw new IndexOutOfBoundsException(i);
                return rowOf.apply(oldSlots == null ? i + 1 : oldSlots[i]);
            }

            @Override public int size() { return oldSize; }
        };
        fireChange(new AllRowsReplaced(this, n, removed));
    }

    /** The index of the row in {@code slot}, or -1 if it is not shown (the slots are in order). */
    int indexOfSlot(int slot) {
        if (slots == null) return slot >= 1 && slot <= size ? slot - 1 : -1;
        int i = Arrays.binarySearch(slots, 0, size, slot);
        return i >= 0 ? i : -1;
    }
}
