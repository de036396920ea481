package tlslens.ui;

import java.util.List;

import tlslens.dissect.filter.DisplayFilter;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.FilterBarModel;
import tlslens.ui.model.PacketRow;
import tlslens.ui.model.PacketTableModel;

/**
 * Moves rows from the open capture's feed into the table model, a batch per pulse, so that the
 * FX thread never waits for the producer; a new capture starts an empty table under the applied
 * filter. A load is finished when its last row reached the table.
 */
final class RowPump {
    /** Rows taken from the feed per pulse at most, so one pulse never holds the FX thread long. */
    private static final int ROWS_PER_PULSE = 20_000;

    private final OpenCapture capture;
    private final PacketTableModel rows;
    private final PacketTable table;
    private final CaptureSessionModel session;

    RowPump(OpenCapture capture, PacketTableModel rows, PacketTable table, CaptureSessionModel session, FilterBarModel filter) {
        this.capture = capture;
        this.rows = rows;
        this.table = table;
        this.session = session;
        capture.feedProperty().addListener((o, a, f) -> clear(filter.appliedFilter()));
    }

    private void clear(DisplayFilter applied) {
        rows.clear();
        if (applied != null) {
            rows.beginFilter(applied);
            rows.finishFilter(applied, new int[0], 0); // no frame yet: the feed tests each one as it comes
        }
    }

    void pulse(long now) {
        RowFeed f = capture.feed();
        if (f == null) return;
        List<PacketRow> batch = f.drain(ROWS_PER_PULSE);
        if (!batch.isEmpty()) {
            rows.append(batch);
            if (session.isCapturing() && rows.isFollowingNewest() && table.comparator() == null) table.scrollToBottom();
        }
        List<PacketRow> again = f.drainReplaced();
        if (again != null) rows.replace(again);
        if (session.state() == State.LOADING && f.isDone()) session.stateProperty().set(State.LOADED);
    }
}
