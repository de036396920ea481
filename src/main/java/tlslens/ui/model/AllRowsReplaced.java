package tlslens.ui.model;

import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The change of a list whose every row was replaced: one change from 0 to the new size that
 * removed {@code removed}. Made by hand rather than by the change builder, which copies the removed
 * rows one add at a time (a million rows when a filter is cleared).
 */
public final class AllRowsReplaced extends ListChangeListener.Change<PacketRow> {
    private final int to;
    private final List<PacketRow> removed;
    private boolean current;

    public AllRowsReplaced(ObservableList<PacketRow> list, int to, List<PacketRow> removed) {
        super(list);
        this.to = to;
        this.removed = removed;
    }

    @Override public boolean next() {
        if (current) return false;
        current = true;
        return true;
    }

    @Override public void reset() { current = false; }

    @Override public int getFrom() { return 0; }

    @Override public int getTo() { return to; }

    @Override public List<PacketRow> getRemoved() { return removed; }

    @Override protected int[] getPermutation() { return new int[0]; }
}
