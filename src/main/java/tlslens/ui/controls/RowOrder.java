package tlslens.ui.controls;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;
import tlslens.ui.model.PacketRow;

/**
 * The packet table's rows in display order, as places in its source list: the source itself (its
 * first {@link #size()} rows, no array) in arrival order, else an array of source indices in the
 * sort order. The table kept a copy of a million row references before; rows are now made by the
 * source when read, so a copy would have held a row object each.
 */
final class RowOrder extends ObservableListBase<PacketRow> {
    private ObservableList<PacketRow> source = javafx.collections.FXCollections.observableArrayList();
    /** Source indices in display order, null for the source's own order. */
    private int[] order;
    private int size;

    @Override
    public PacketRow get(int index) { return source.get(sourceIndex(index)); }

    @Override
    public int size() { return size; }

    int sourceIndex(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        return order == null ? index : order[index];
    }

    boolean isSourceOrder() { return order == null; }

    /** The source's rows from {@link #size()} to {@code to} were appended, shown in its order. */
    void appendInOrder(int to) {
        int from = size;
        size = to;
        beginChange();
        nextAdd(from, to);
        endChange();
    }

    /** Source row {@code sourceIndex} shown at {@code index} (a sorted view). */
    void insert(int index, int sourceIndex) {
        if (order.length == size) order = Arrays.copyOf(order, Math.max(16, size + (size >> 1)));
        System.arraycopy(order, index, order, index + 1, size - index);
        order[index] = sourceIndex;
        size++;
        beginChange();
        nextAdd(index, index + 1);
        endChange();
    }

    /** Shows {@code n} rows of {@code rows}: in {@code order} (source indices), or its own order when null. */
    void setAll(ObservableList<PacketRow> rows, int[] order, int n) {
        int oldSize = size;
        this.source = rows;
        this.order = order;
        this.size = n;
        if (oldSize == 0 && n == 0) return;
        // The old rows are gone from the source: the change reports as many, unreadable.
        List<PacketRow> removed = new AbstractList<>() {
            @Override public PacketRow get(int i) { throw new UnsupportedOperationException("rows replaced"); }

            @Override public int size() { return oldSize; }
        };
        fireChange(new tlslens.ui.model.AllRowsReplaced(this, n, removed));
    }
}
