package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.dissect.FrameSummary;
import tlslens.ui.model.FindBarModel.Bar;

/** The find and go-to bars' logic and messages, without a screen. */
class FindBarModelTest {
    private final FindBarModel model = new FindBarModel();

    private static PacketTableModel rows(int count) {
        PacketTableModel t = new PacketTableModel();
        for (int n = 1; n <= count; n++) {
            FrameSummary s = new FrameSummary(n, Instant.EPOCH, 60, "a", "b", "TCP", "x", 0);
            t.append(List.of(new PacketRow(s, ColouringRules.NONE, n, null, true)));
        }
        return t;
    }

    @Test
    void oneBarAtATime() {
        assertEquals(Bar.NONE, model.openProperty().get());
        model.show(Bar.FIND);
        model.show(Bar.GO_TO);
        assertEquals(Bar.GO_TO, model.openProperty().get());
        model.close(Bar.FIND); // Escape in a bar that is no longer open changes nothing
        assertEquals(Bar.GO_TO, model.openProperty().get());
        model.close(Bar.GO_TO);
        assertEquals(Bar.NONE, model.openProperty().get());
    }

    @Test
    void goToAcceptsOnlyALoadedPacketNumber() {
        PacketTableModel t = rows(67);
        assertEquals(42, model.goToTarget(" 42 ", t));
        assertEquals(-1, model.goToTarget("forty-two", t));
        assertEquals("Enter a packet number.", model.goToMessageProperty().get());
        assertEquals(-1, model.goToTarget("999", t));
        assertEquals("There is no packet 999 (1–67).", model.goToMessageProperty().get());
        assertEquals(-1, model.goToTarget("0", t));
        assertEquals(67, model.goToTarget("67", t));
        model.wentTo(67, false);
        assertEquals("Packet 67 is hidden by the display filter.", model.goToMessageProperty().get());
        model.wentTo(67, true);
        assertEquals("", model.goToMessageProperty().get());
    }

    @Test
    void goToWithNoCaptureSaysSo() {
        assertEquals(-1, model.goToTarget("30", false, rows(0)));
        assertEquals("There is no capture open: open a file or start a capture first.", model.goToMessageProperty().get());
        assertEquals(-1, model.goToTarget("30", true, rows(0)));
        assertEquals("There are no packets yet.", model.goToMessageProperty().get());
    }

    @Test
    void findSaysWhyItCannotSearch() {
        assertNull(model.query(FindQuery.Mode.STRING, "Hello", false, 10));
        assertEquals("Nothing to search: open a capture first.", model.findMessageProperty().get());
        assertNull(model.query(FindQuery.Mode.STRING, "  ", true, 10));
        assertEquals("Nothing to find.", model.findMessageProperty().get());
        assertNull(model.query(FindQuery.Mode.HEX, "163", true, 10));
        assertEquals("\"163\" isn't a valid byte string (hex digits in pairs, e.g. 16 03 01).", model.findMessageProperty().get());
        assertNull(model.query(FindQuery.Mode.STRING, "Hello", true, 0));
        assertEquals("No packets shown.", model.findMessageProperty().get());
    }

    @Test
    void findReportsTheSearch() {
        FindQuery q = model.query(FindQuery.Mode.DISPLAY_FILTER, "tls.handshake.type == 2", true, 67);
        assertNotNull(q);
        assertEquals(FindQuery.Mode.DISPLAY_FILTER, q.mode());
        assertEquals("Searching…", model.findMessageProperty().get());
        model.found(8);
        assertEquals("Found packet 8.", model.findMessageProperty().get());
        model.found(-1);
        assertEquals("No packet matched.", model.findMessageProperty().get());
        model.searchFailed(new IllegalStateException("index closed"));
        assertEquals("Search failed: index closed", model.findMessageProperty().get());
    }
}
