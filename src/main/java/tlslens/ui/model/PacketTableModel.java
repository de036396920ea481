package tlslens.ui.model;

import java.util.BitSet;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

/**
 * The packet table's rows: every frame loaded so far ({@link #total()}) and those the applied
 * display filter lets through ({@link #shown()}). Rows arrive in batches, in frame order.
 *
 * <p>Filtering: {@link #beginFilter} marks a filter pass as running (rows keep arriving but the
 * shown list waits); {@link #finishFilter} takes the pass's matches over frames 1..scanned. Frames
 * after {@code scanned} were tested by the loader against the same filter object as they were
 * dissected ({@link PacketRow#filter()}), so nothing is tested twice and nothing is missed.
 *
 * <p>Colouring works the same way: when the rules change, the loader colours new frames with the
 * new rules and a pass recolours frames 1..scanned ({@link #recolour}).
 */
public final class PacketTableModel {
    /** Every row so far, an int each (frame n in slot n). */
    private final RowStore all = new RowStore();
    private final FrameRows shown = new FrameRows(all::row);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    private final ReadOnlyObjectWrapper<Object> filter = new ReadOnlyObjectWrapper<>(this, "filter");
    private final ReadOnlyBooleanWrapper filtering = new ReadOnlyBooleanWrapper(this, "filtering");
    private final BooleanProperty followNewest = new SimpleBooleanProperty(this, "followNewest", true);
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount");
    private BitSet passMatches;
    private int passScanned;
    /** The last recolour pass, kept for its rows still on their way from the loader. */
    private short[] passColours;

    public PacketTableModel() {
        shown.addListener((javafx.collections.ListChangeListener<PacketRow>) c -> shownCount.set(shown.size()));
    }

    /** The rows the filter lets through, in frame order (made on demand: see {@link FrameRows}). */
    public ObservableList<PacketRow> shown() { return shown; }

    public ReadOnlyIntegerProperty shownCountProperty() { return shownCount.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty totalProperty() { return total.getReadOnlyProperty(); }

    public int total() { return all.size(); }

    /** The row of frame {@code number} (1-based), or null if it has not arrived. */
    public PacketRow row(int number) { return number >= 1 && number <= all.size() ? all.row(number) : null; }

    /** The applied filter (opaque tag, the compiled filter object), null when every row shows. */
    public ReadOnlyObjectProperty<Object> filterProperty() { return filter.getReadOnlyProperty(); }

    /** True while a filter pass runs. */
    public ReadOnlyBooleanProperty filteringProperty() { return filtering.getReadOnlyProperty(); }

    /** Whether the table scrolls to each new row (during a capture or a load). */
    public BooleanProperty followNewestProperty() { return followNewest; }

    public boolean isFollowingNewest() { return followNewest.get(); }

    /**
     * Called when the user scrolls: following resumes when they scroll back to the bottom, and
     * stops when they look at anything above it.
     */
    public void viewportMoved(int lastVisibleIndex, int visibleRowCount) {
        followNewest.set(lastVisibleIndex >= visibleRowCount - 1);
    }

    /** Adds a batch of rows (in frame order); returns how many of them are shown. */
    public int append(List<PacketRow> batch) {
        if (batch.isEmpty()) return 0;
        int first = all.size() + 1;
        for (PacketRow r : batch) {
            if (later != null) {
                PacketRow again = later.remove(r.number());
                if (again != null) r = again;
            }
            if (passColours != null && r.number() < passColours.length) r = r.withColour(passColours[r.number()]);
            all.add(r);
        }
        if (later != null && later.isEmpty()) later = null;
        if (passColours != null && all.size() >= passColours.length - 1) passColours = null;
        total.set(all.size());
        Object f = filter.get();
        if (f == null && shown.isEverySlot()) {
            shown.appendEvery(all.size());
            return batch.size();
        }
        if (f != null && filtering.get()) return 0;
        int[] pass = new int[batch.size()];
        int n = 0;
        for (int slot = first; slot <= all.size(); slot++) if (f == null || accepts(slot, f)) pass[n++] = slot;
        shown.append(pass, n);
        return n;
    }

    private boolean accepts(int slot, Object f) {
        int number = all.number(slot);
        if (number <= passScanned && passMatches != null) return passMatches.get(number);
        return all.matched(slot, f);
    }

    /** A filter pass for {@code tag} starts; the shown rows stay as they are until it finishes. */
    public void beginFilter(Object tag) {
        filter.set(tag);
        filtering.set(tag != null);
        passMatches = null;
        passScanned = 0;
        if (tag == null) shown.showEvery(all.size());
    }

    /**
     * The pass for {@code tag} found {@code matches} among frames 1..{@code scanned}. Ignored if a
     * newer filter has been begun since. Returns false if ignored.
     */
    public boolean finishFilter(Object tag, int[] matches, int scanned) {
        if (tag != filter.get() || tag == null) return false;
        BitSet set = new BitSet(scanned + 1);
        for (int n : matches) set.set(n);
        passMatches = set;
        passScanned = scanned;
        filtering.set(false);
        // The pass's matches by number, then the rows the loader tested since.
        int upTo = Math.min(scanned, all.size());
        int[] pass = new int[Math.max(set.cardinality(), 16)];
        int n = 0;
        for (int s = set.nextSetBit(1); s >= 1 && s <= upTo; s = set.nextSetBit(s + 1)) pass[n++] = s;
        for (int s = upTo + 1; s <= all.size(); s++) {
            if (!accepts(s, tag)) continue;
            if (n == pass.length) pass = java.util.Arrays.copyOf(pass, n * 2);
            pass[n++] = s;
        }
        shown.show(pass, n);
        return true;
    }

    /**
     * A recolour pass gave {@code colours[n]} to frames 1..colours.length - 1; rows after those
     * were coloured by the loader with the same rules. The table must be redrawn afterwards (its
     * rows are made again, with the new colours, when it reads them).
     */
    public void recolour(short[] colours) {
        for (int s = 1; s <= all.size(); s++) {
            int number = all.number(s);
            if (number < colours.length) all.colour(s, colours[number]);
        }
        passColours = all.size() < colours.length - 1 ? colours : null;
    }

    /**
     * Rows that replace those of the same frames (their connection was dissected again with keys
     * that arrived later): the table shows the new Info, protocol and colour in place; the shown
     * set, the selection's frame and the scroll position stay. A row whose frame has not arrived
     * yet replaces it when it does.
     */
    public void replace(List<PacketRow> rows) {
        // Each batch's rows get contexts of their own: a replaced row never equals the old one.
        java.util.Map<PacketRow.Context, PacketRow.Context> again = new java.util.IdentityHashMap<>();
        boolean changed = false;
        for (PacketRow r0 : rows) {
            PacketRow r = new PacketRow(again.computeIfAbsent(r0.context(), PacketRow.Context::again), r0.number(), r0.bits());
            int n = r.number();
            if (n > all.size()) {
                if (later == null) later = new java.util.HashMap<>();
                later.put(n, r);
                continue;
            }
            all.set(n, r);
            if (shown.indexOfSlot(n) >= 0) changed = true;
        }
        Object f = filter.get();
        if (f != null && !filtering.get()) {
            // The new dissection may match the applied filter where the old one did not (or the reverse).
            boolean moved = false;
            for (PacketRow r : rows) {
                if (r.number() > all.size() || r.filter() != f) continue;
                if (passMatches != null && r.number() <= passScanned && passMatches.get(r.number()) != r.matches()) {
                    passMatches.set(r.number(), r.matches());
                    moved = true;
                } else if (r.number() > passScanned) {
                    moved = true;
                }
            }
            if (moved) {
                int[] pass = new int[16];
                int n = 0;
                for (int s = 1; s <= all.size(); s++) {
                    if (!accepts(s, f)) continue;
                    if (n == pass.length) pass = java.util.Arrays.copyOf(pass, n * 2);
                    pass[n++] = s;
                }
                shown.show(pass, n);
                return;
            }
        }
        if (changed) shown.show(shownSlots(), shown.size()); // one change for the table, however many rows
    }

    /** The shown slots as an array (null: every slot). */
    private int[] shownSlots() {
        if (shown.isEverySlot()) return null;
        int[] a = new int[shown.size()];
        for (int i = 0; i < a.length; i++) a[i] = shown.slotAt(i);
        return a;
    }

    /** Replacements for frames not in the table yet ({@link #replace}). */
    private java.util.Map<Integer, PacketRow> later;

    /** Shows every row again. */
    public void clearFilter() { beginFilter(null); }

    /** Forgets every row (a new file or capture). */
    public void clear() {
        shown.clear0();
        all.clear();
        total.set(0);
        filter.set(null);
        filtering.set(false);
        passMatches = null;
        passScanned = 0;
        passColours = null;
        later = null;
        followNewest.set(true);
    }
}
