package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.dissect.FrameSummary;
import tlslens.ui.model.CaptureSessionModel.State;

/** The status bar's and the empty table's texts, without a screen. */
class StatusBarModelTest {
    private final CaptureSessionModel session = new CaptureSessionModel();
    private final PacketTableModel table = new PacketTableModel();
    private final StatusBarModel status = new StatusBarModel(session, table);

    private static PacketRow row(int n, Object filter, boolean matches) {
        FrameSummary s = new FrameSummary(n, Instant.EPOCH, 60, "a", "b", "TCP", "x", 0);
        return new PacketRow(s, ColouringRules.NONE, n, filter, matches);
    }

    @Test
    void fileSaysReadyThenTheFileThenTheInterfaceCapturedOn() {
        assertEquals("Ready", status.fileTextProperty().get());
        session.startLoading("a.pcapng");
        assertEquals("a.pcapng", status.fileTextProperty().get());
        session.startCapture("eth0", "tlslens-eth0-1.pcapng");
        assertEquals("eth0 → tlslens-eth0-1.pcapng", status.fileTextProperty().get());
    }

    @Test
    void aWarningOutranksTheMessageUntilItIsCleared() {
        session.messageProperty().set("Saved 67 packets to /tmp/x.pcapng");
        assertEquals("Saved 67 packets to /tmp/x.pcapng", status.statusTextProperty().get());
        assertFalse(status.warningProperty().get());
        session.warningProperty().set("the file is cut short in frame 12");
        assertEquals("⚠ the file is cut short in frame 12", status.statusTextProperty().get());
        assertTrue(status.warningProperty().get());
        session.startLoading("b.pcapng"); // a new file starts without the old warning
        assertEquals("", status.statusTextProperty().get());
        assertFalse(status.warningProperty().get());
    }

    @Test
    void countersFollowTheTableRows() {
        session.startLoading("a.pcapng");
        table.append(List.of(row(1, null, true), row(2, null, true), row(3, null, true), row(4, null, true)));
        Object f = new Object();
        table.beginFilter(f);
        table.finishFilter(f, new int[] {2}, 4);
        assertEquals(4, session.totalProperty().get());
        assertEquals(1, session.shownProperty().get());
        assertEquals("Packets: 4 · Displayed: 1 (25.0%) · loading…", status.countersTextProperty().get());
    }

    @Test
    void placeholderSaysWhyTheTableIsEmpty() {
        assertEquals("No packets", status.placeholderTextProperty().get());
        session.startLoading("a.pcapng");
        assertEquals("Loading…", status.placeholderTextProperty().get());
        table.append(List.of(row(1, null, true)));
        session.stateProperty().set(State.LOADED);
        Object f = new Object();
        table.beginFilter(f);
        assertEquals("Filtering…", status.placeholderTextProperty().get());
        table.finishFilter(f, new int[0], 1);
        assertEquals("No packets match the display filter", status.placeholderTextProperty().get());
        table.clear();
        session.startCapture("lo", "c.pcapng");
        assertEquals("Waiting for packets…", status.placeholderTextProperty().get());
    }
}
