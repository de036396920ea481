package tlslens.ui.model;

import java.util.ArrayList;
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
    private final List<PacketRow> all = new ArrayList<>();
    private final ObservableList<PacketRow> shown = new RowList<>();
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

    public ObservableList<PacketRow> shown() { return shown; }

    public ReadOnlyIntegerProperty shownCountProperty() { return shownCount.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty totalProperty() { return total.getReadOnlyProperty(); }

    public int total() { return all.size(); }

    /** The row of frame {@code number} (1-based), or null if it has not arrived. */
    public PacketRow row(int number) { return number >= 1 && number <= all.size() ? all.get(number - 1) : null; }

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
        if (later != null) {
            List<PacketRow> b = new ArrayList<>(batch);
            for (int i = 0; i < b.size(); i++) {
                PacketRow r = later.remove(b.get(i).number());
                if (r != null) b.set(i, r);
            }
            if (later.isEmpty()) later = null;
            batch = b;
        }
        if (passColours != null) {
            for (PacketRow r : batch) if (r.number() < passColours.length) r.colour(passColours[r.number()]);
            if (all.size() + batch.size() >= passColours.length - 1) passColours = null;
        }
        all.addAll(batch);
        total.set(all.size());
        Object f = filter.get();
        if (f == null) {
            shown.addAll(batch);
            return batch.size();
        }
        if (filtering.get()) return 0;
        List<PacketRow> pass = new ArrayList<>();
        for (PacketRow r : batch) if (accepts(r, f)) pass.add(r);
        shown.addAll(pass);
        return pass.size();
    }

    private boolean accepts(PacketRow r, Object f) {
        if (r.number() <= passScanned && passMatches != null) return passMatches.get(r.number());
        return r.filter() == f && r.matches();
    }

    /** A filter pass for {@code tag} starts; the shown rows stay as they are until it finishes. */
    public void beginFilter(Object tag) {
        filter.set(tag);
        filtering.set(tag != null);
        passMatches = null;
        passScanned = 0;
        if (tag == null) shown.setAll(all);
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
        // The pass's matches by number, then the rows the loader tested since: touching each of a
        // million rows (two objects apart in memory) took a third of a second of the FX thread.
        List<PacketRow> pass = new ArrayList<>(matches.length);
        int upTo = Math.min(scanned, all.size());
        for (int n = set.nextSetBit(1); n >= 1 && n <= upTo; n = set.nextSetBit(n + 1)) pass.add(all.get(n - 1));
        for (int i = upTo; i < all.size(); i++) if (accepts(all.get(i), tag)) pass.add(all.get(i));
        shown.setAll(pass);
        return true;
    }

    /**
     * A recolour pass gave {@code colours[n]} to frames 1..colours.length - 1; rows after those
     * were coloured by the loader with the same rules. The table must be redrawn afterwards (the
     * rows are the same objects; only their colour changed).
     */
    public void recolour(short[] colours) {
        for (PacketRow r : all) if (r.number() < colours.length) r.colour(colours[r.number()]);
        passColours = all.size() < colours.length - 1 ? colours : null;
    }

    /**
     * Rows that replace those of the same frames (their connection was dissected again with keys
     * that arrived later): the table shows the new Info, protocol and colour in place; the shown
     * set, the selection's frame and the scroll position stay. A row whose frame has not arrived
     * yet replaces it when it does.
     */
    public void replace(List<PacketRow> rows) {
        List<PacketRow> now = null;
        for (PacketRow r : rows) {
            int n = r.number();
            if (n > all.size()) {
                if (later == null) later = new java.util.HashMap<>();
                later.put(n, r);
                continue;
            }
            PacketRow old = all.set(n - 1, r);
            int i = shownIndex(n);
            if (i >= 0 && shown.get(i) == old) {
                if (now == null) now = new ArrayList<>(shown);
                now.set(i, r);
            }
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
                List<PacketRow> pass = new ArrayList<>();
                for (PacketRow r : all) if (accepts(r, f)) pass.add(r);
                shown.setAll(pass);
                return;
            }
        }
        if (now != null) shown.setAll(now); // one change for the table, however many rows
    }

    /** Replacements for frames not in the table yet ({@link #replace}). */
    private java.util.Map<Integer, PacketRow> later;

    /** The position of frame {@code number} in the shown rows (kept in frame order), or -1. */
    private int shownIndex(int number) {
        int lo = 0, hi = shown.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int m = shown.get(mid).number();
            if (m < number) lo = mid + 1;
            else if (m > number) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    /** Shows every row again. */
    public void clearFilter() { beginFilter(null); }

    /** Forgets every row (a new file or capture). */
    public void clear() {
        all.clear();
        shown.clear();
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
