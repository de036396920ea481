package tlslens.ui.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.column.ColumnSpec;

/**
 * The texts of the custom columns, per column and frame number, as a background walk over the
 * capture computes them ({@link #record}); the table reads them on the FX thread ({@link #text}),
 * an empty cell meaning "not computed yet". Only what custom columns exist costs memory.
 */
public final class CustomColumnValues {
    private final Map<ColumnSpec, Texts> columns = new ConcurrentHashMap<>();

    /** Starts keeping texts for {@code spec} (none are known yet). */
    public void add(ColumnSpec spec) { columns.putIfAbsent(spec, new Texts()); }

    public void remove(ColumnSpec spec) { columns.remove(spec); }

    /** The columns texts are kept for. */
    public List<ColumnSpec> columns() { return List.copyOf(columns.keySet()); }

    /** Forgets every text (a new capture), keeping the columns. */
    public void clear() { columns.replaceAll((k, v) -> new Texts()); }

    /** Computes and keeps the texts of every column for this frame (its full tree). */
    public void record(FrameDissection fd) {
        for (Map.Entry<ColumnSpec, Texts> e : columns.entrySet()) e.getValue().put(fd.number, e.getKey().customText(fd));
    }

    /** The text of {@code spec} for frame {@code number}, or null while not computed. */
    public String text(ColumnSpec spec, int number) {
        Texts t = columns.get(spec);
        return t == null ? null : t.get(number);
    }

    /** The texts of one column by frame number; written by one thread, read by the FX thread. */
    private static final class Texts {
        private String[] byFrame = new String[1024];

        synchronized void put(int number, String text) {
            if (number >= byFrame.length) byFrame = Arrays.copyOf(byFrame, Math.max(number + 1, byFrame.length * 2));
            byFrame[number] = text;
        }

        synchronized String get(int number) { return number < byFrame.length ? byFrame[number] : null; }
    }
}
