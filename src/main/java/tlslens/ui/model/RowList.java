package tlslens.ui.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable list for a million rows: replacing or clearing every row, and appending a batch,
 * cost an array copy and one change. FXCollections' list copied the removed rows one by one
 * through an iterator to report them, and the table copied its source the same way: with a
 * million rows, showing the result of a filter or clearing it held the FX thread for 0.2–0.4 s of
 * CPU (and over a second on a loaded machine); JavaFX's change builder still adds the removed rows
 * to its own list one at a time. Here a change that replaces every row is made directly and reports
 * the old backing list itself as removed (it is never changed afterwards).
 */
public final class RowList<E> extends ModifiableObservableListBase<E> {
    private ArrayList<E> items = new ArrayList<>();

    @Override
    public E get(int index) { return items.get(index); }

    @Override
    public int size() { return items.size(); }

    @Override
    protected void doAdd(int index, E element) { items.add(index, element); }

    @Override
    protected E doSet(int index, E element) { return items.set(index, element); }

    @Override
    protected E doRemove(int index) { return items.remove(index); }

    @Override
    public Object[] toArray() { return items.toArray(); }

    @Override
    public <T> T[] toArray(T[] a) { return items.toArray(a); }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        if (c.isEmpty()) return false;
        int from = items.size();
        items.addAll(c);
        beginChange();
        nextAdd(from, items.size());
        endChange();
        return true;
    }

    @Override
    public boolean setAll(Collection<? extends E> c) {
        List<E> old = items;
        items = new ArrayList<>(c);
        if (old.isEmpty() && items.isEmpty()) return false;
        replaced(old);
        return true;
    }

    @Override
    public void clear() {
        if (items.isEmpty()) return;
        List<E> old = items;
        items = new ArrayList<>();
        replaced(old);
    }

    /**
     * Every row was replaced: one change from 0 to the new size that removed {@code old}. Made here
     * rather than by the change builder, which copies the removed rows one add at a time.
     */
    private void replaced(List<E> old) {
        int to = items.size();
        List<E> removed = java.util.Collections.unmodifiableList(old);
        fireChange(new ListChangeListener.Change<E>(this) {
            private boolean current;

            @Override public boolean next() {
                if (current) return false;
                current = true;
                return true;
            }

            @Override public void reset() { current = false; }

            @Override public int getFrom() { return 0; }

            @Override public int getTo() { return to; }

            @Override public List<E> getRemoved() { return removed; }

            @Override protected int[] getPermutation() { return new int[0]; }
        });
    }
}
