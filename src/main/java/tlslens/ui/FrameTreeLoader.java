package tlslens.ui;

import java.time.Instant;
import java.util.concurrent.Future;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import tlslens.dissect.FrameDissection;
import tlslens.engine.CaptureIndex;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.CaptureSessionModel;

/**
 * The selected packet's tree: dissected again in the background whenever the selection moves (a
 * newer selection supersedes a tree not yet built) and published in {@link #shownProperty} for
 * the inspector and the timeline.
 */
final class FrameTreeLoader {
    private final OpenCapture capture;
    private final PacketTable table;
    private final CaptureSessionModel session;
    private final ReadOnlyObjectWrapper<FrameDissection> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private Future<?> task;
    private int generation;
    private int shownFrame;
    private java.nio.file.Path shownFile;

    FrameTreeLoader(OpenCapture capture, PacketTable table, CaptureSessionModel session) {
        this.capture = capture;
        this.table = table;
        this.session = session;
        table.selectedItemProperty().addListener((o, a, row) -> {
            // The same packet's row replaced (its connection dissected again with new keys): its tree again.
            if (row != null && a != null && a != row && a.number() == row.number()) shownFrame = 0;
            if (row != null) request(row.number());
        });
        capture.feedProperty().addListener((o, a, b) -> {
            if (task != null) task.cancel(false);
            generation++;
            shownFrame = 0;
            // Another capture: its predecessor's packet leaves the tree and bytes panes (the same
            // file read again with new keys keeps it until the selection is restored).
            if (b == null || !java.util.Objects.equals(capture.file(), shownFile)) shown.set(null);
            shownFile = capture.file();
        });
    }

    /** The tree of the packet selected last (kept while nothing is selected). */
    ReadOnlyObjectProperty<FrameDissection> shownProperty() { return shown.getReadOnlyProperty(); }

    private void request(int number) {
        CaptureIndex idx = capture.index();
        if (idx == null || number == shownFrame) return;
        int gen = ++generation;
        // frame.time_delta_displayed: the row above in the table is the previous displayed frame.
        int at = table.getSelectedIndex();
        var items = table.getItems();
        boolean selected = at >= 0 && at < items.size() && items.get(at).number() == number;
        Instant previousShown = selected && at > 0 ? items.get(at - 1).summary().time() : null;
        if (task != null) task.cancel(false);
        task = Background.run(() -> {
            FrameDissection fd = idx.dissect(number);
            if (selected) fd.displayedAfter(previousShown);
            return fd;
        }, (FrameDissection fd) -> {
            if (gen != generation) return;
            shownFrame = number;
            shown.set(fd);
        }, e -> {
            if (gen == generation) session.messageProperty().set("Can't show packet " + number + ": " + e);
        });
    }
}
