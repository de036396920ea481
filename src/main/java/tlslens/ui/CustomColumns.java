package tlslens.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableIntegerValue;
import tlslens.dissect.column.ColumnFormat;
import tlslens.dissect.column.ColumnSpec;
import tlslens.engine.CaptureIndex;
import tlslens.ui.controls.PacketColumn;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.CustomColumnValues;

/**
 * The packet table's columns beyond the built-in ones (Wireshark's custom columns): "Apply as
 * Column" adds one, the column header's menu removes it, and the table's columns are remembered in
 * the preferences in Wireshark's {@code gui.column.format} form. A custom cell needs the frame's
 * full tree, which depends on the frames before it, so the cells are filled by one background walk
 * over the capture in frame order ({@link CaptureIndex#pass}), following a load as it grows; the
 * table re-labels its rows as values arrive, a few times a second.
 */
final class CustomColumns {
    static final String KEY = "gui.column.format";
    private static final long REFRESH_NANOS = 150_000_000L;

    private final PacketTable table;
    private final Preferences node;
    private final Supplier<CaptureIndex> index;
    /** The texts of the capture being walked; replaced (not cleared) for a new capture, so a late walk writes nowhere seen. */
    private volatile CustomColumnValues values = new CustomColumnValues();

    // FX thread only: the walk.
    private CaptureIndex walked;
    private CaptureIndex.Pass pass;
    private boolean walking;
    /** Bumped to stop a walk (a column was added: every frame is walked again; a new capture). */
    private volatile int generation;

    /**
     * @param rowCount the number of rows loaded: a change means frames to walk (or a new capture)
     */
    CustomColumns(PacketTable table, Preferences node, Supplier<CaptureIndex> index, ObservableIntegerValue rowCount) {
        this.table = table;
        this.node = node;
        this.index = index;
        restore();
        table.getColumns().addListener((InvalidationListener) o -> columnsChanged());
        rowCount.addListener(o -> fill(false));
    }

    /** Adds a custom column before Info (which keeps the remaining width), unless the table has one for that field. */
    void apply(ColumnSpec spec) {
        for (PacketColumn c : table.getColumns()) {
            if (c.isCustom() && c.spec().field().equals(spec.field())) return;
        }
        List<PacketColumn> cols = table.getColumns();
        int at = !cols.isEmpty() && cols.get(cols.size() - 1) == PacketColumn.INFO ? cols.size() - 1 : cols.size();
        cols.add(at, column(spec));
    }

    /** The values shown for the capture now open (for tests). */
    CustomColumnValues values() { return values; }

    private PacketColumn column(ColumnSpec spec) {
        return PacketColumn.custom(spec, r -> values.text(spec, r.number()));
    }

    private void columnsChanged() {
        List<ColumnSpec> specs = new ArrayList<>();
        for (PacketColumn c : table.getColumns()) specs.add(c.spec());
        node.put(KEY, ColumnFormat.format(specs));
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // The columns are still shown; only remembering them failed.
        }
        boolean added = false;
        for (ColumnSpec s : specs) {
            if (s.isCustom() && !values.columns().contains(s)) {
                values.add(s);
                added = true;
            }
        }
        for (ColumnSpec s : values.columns()) if (!specs.contains(s)) values.remove(s);
        if (added) fill(true);
    }

    /** The columns remembered from the last run; a damaged preference leaves the defaults. */
    private void restore() {
        String saved = node.get(KEY, null);
        if (saved == null) return;
        List<PacketColumn> cols = new ArrayList<>();
        try {
            for (ColumnSpec s : ColumnFormat.parse(saved)) {
                if (s.isCustom()) {
                    values.add(s);
                    cols.add(column(s));
                } else {
                    PacketColumn b = PacketColumn.builtIn(s.kind());
                    if (!cols.contains(b)) cols.add(b);
                }
            }
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!cols.isEmpty()) table.getColumns().setAll(cols);
    }

    /**
     * FX thread: walks the frames not walked yet in the background; {@code restart} walks every
     * frame again (a column was added). A new capture starts a new walk with new values.
     */
    private void fill(boolean restart) {
        if (values.columns().isEmpty()) return;
        CaptureIndex idx = index.get();
        if (idx == null) return;
        if (idx != walked) {
            CustomColumnValues fresh = new CustomColumnValues();
            for (ColumnSpec s : values.columns()) fresh.add(s);
            values = fresh;
            restart = true;
        }
        if (restart) {
            walked = idx;
            pass = idx.pass();
            generation++;
            walking = false;
        }
        if (walking || !pass.hasNext()) return;
        walking = true;
        CaptureIndex.Pass p = pass;
        CustomColumnValues v = values;
        int gen = generation;
        // A thread of its own at the loader's lower priority (LowPriority says why), not the shared pool's.
        Thread t = new Thread(() -> {
            LowPriority.lowerCurrentThread();
            walk(p, v, gen);
        }, "tlslens-columns");
        t.setDaemon(true);
        t.start();
    }

    /** Background: records the custom texts of every frame the pass has not walked yet. */
    private void walk(CaptureIndex.Pass p, CustomColumnValues v, int gen) {
        long shown = System.nanoTime();
        try {
            while (gen == generation && p.hasNext()) {
                v.record(p.next());
                if (System.nanoTime() - shown > REFRESH_NANOS) {
                    shown = System.nanoTime();
                    Platform.runLater(table::refreshCells);
                }
            }
        } finally {
            Platform.runLater(() -> {
                if (gen != generation) return;
                walking = false;
                table.refreshCells();
                fill(false); // frames that arrived meanwhile
            });
        }
    }
}
