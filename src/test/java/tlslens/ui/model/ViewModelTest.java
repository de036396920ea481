package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;
import tlslens.dissect.FrameSummary;

/** The window's view models, without a screen. */
class ViewModelTest {

    private static PacketRow row(int n, String proto, String info, Object filter, boolean matches) {
        FrameSummary s = new FrameSummary(n, Instant.EPOCH, 60, "a", "b", proto, info, 0);
        return new PacketRow(s, ColouringRules.NONE, n * 1000L, filter, matches);
    }

    @Test
    void rowsDissectedAgainReplaceTheirFramesInPlaceAndUnderTheFilter() {
        PacketTableModel m = new PacketTableModel();
        m.append(List.of(row(1, "TCP", "", null, true), row(2, "TLSv1.3", "Application Data", null, true)));
        // Frame 3's new row comes before its old one has reached the table (a live capture).
        m.replace(List.of(row(2, "TLSv1.3", "Encrypted Extensions", null, true), row(3, "TLSv1.3", "Finished", null, true)));
        assertEquals("Encrypted Extensions", m.shown().get(1).summary().info());
        assertEquals(2, m.shown().size());
        m.append(List.of(row(3, "TLSv1.3", "Application Data", null, true), row(4, "TCP", "", null, true)));
        assertEquals("Finished", m.row(3).summary().info());
        assertEquals(List.of(1, 2, 3, 4), m.shown().stream().map(PacketRow::number).toList());

        // Under a filter the new dissection decides: frame 2 now matches, frame 3 no longer does.
        Object f = new Object();
        m.beginFilter(f);
        m.finishFilter(f, new int[] {3}, 4);
        assertEquals(List.of(3), m.shown().stream().map(PacketRow::number).toList());
        m.replace(List.of(row(2, "TLSv1.3", "Finished", f, true), row(3, "TLSv1.3", "Application Data", f, false)));
        assertEquals(List.of(2), m.shown().stream().map(PacketRow::number).toList());
    }

    @Test
    void recolourReachesRowsStillOnTheirWayFromTheLoader() {
        PacketTableModel m = new PacketTableModel();
        m.append(List.of(row(1, "TCP", "", null, true), row(2, "TCP", "", null, true)));
        // A pass over frames 1..4 while 3 and 4 are still queued (coloured with the old rules).
        m.recolour(new short[] {ColouringRules.NONE, 5, 6, 7, 8});
        assertEquals(5, m.row(1).colour());
        assertEquals(6, m.row(2).colour());
        PacketRow late = new PacketRow(new FrameSummary(5, Instant.EPOCH, 60, "a", "b", "TCP", "", 0), (short) 2, 0, null, true);
        m.append(List.of(row(3, "TCP", "", null, true), row(4, "TCP", "", null, true), late));
        assertEquals(7, m.row(3).colour());
        assertEquals(8, m.row(4).colour());
        assertEquals(2, m.row(5).colour(), "after the pass's frames the loader's colour stands");
        m.recolour(new short[] {ColouringRules.NONE, 1, 1, 1, 1, 1, 1, 1});
        m.clear();
        m.append(List.of(row(6, "TCP", "", null, true)));
        assertEquals(ColouringRules.NONE, m.row(1).colour(), "a new file forgets a pass still waiting for rows");
    }

    @Test
    void timeColumnHasSixDecimals() {
        assertEquals("0.000000", PacketRow.formatSeconds(0));
        assertEquals("0.000375", PacketRow.formatSeconds(375_671), "truncated like Wireshark");
        assertEquals("12.629481", PacketRow.formatSeconds(12_629_481_501L));
    }

    @Test
    void rowsAppendAndFilterWithoutTestingTwice() {
        PacketTableModel m = new PacketTableModel();
        Object f = new Object();
        m.append(List.of(row(1, "TCP", "x", null, true), row(2, "TLSv1", "Client Hello", null, true)));
        assertEquals(2, m.shown().size());
        m.beginFilter(f);
        assertTrue(m.filteringProperty().get());
        // Rows that arrive during the pass wait; the loader tested frame 4 against f already.
        m.append(List.of(row(3, "TCP", "y", null, true), row(4, "TLSv1", "Client Hello", f, true),
                row(5, "TCP", "z", f, false)));
        assertEquals(2, m.shown().size(), "unchanged until the pass finishes");
        assertTrue(m.finishFilter(f, new int[] {2}, 3));
        assertEquals(List.of(2, 4), m.shown().stream().map(PacketRow::number).toList());
        m.append(List.of(row(6, "TLSv1", "Client Hello", f, true), row(7, "TCP", "q", f, false)));
        assertEquals(List.of(2, 4, 6), m.shown().stream().map(PacketRow::number).toList());
        assertEquals(7, m.total());
        assertEquals(3, m.shownCountProperty().get());
        // A stale pass is ignored.
        Object g = new Object();
        m.beginFilter(g);
        assertFalse(m.finishFilter(f, new int[] {1}, 7));
        m.clearFilter();
        assertEquals(7, m.shown().size());
        assertNull(m.filterProperty().get());
    }

    @Test
    void aPassAheadOfTheTableShowsItsMatchesAsTheirRowsArrive() {
        PacketTableModel m = new PacketTableModel();
        Object f = new Object();
        m.append(List.of(row(1, "TCP", "x", null, true), row(2, "TLSv1", "Client Hello", null, true)));
        m.beginFilter(f);
        // The pass scanned frames 1..5 of the index; only two have reached the table.
        assertTrue(m.finishFilter(f, new int[] {2, 4}, 5));
        assertEquals(List.of(2), m.shown().stream().map(PacketRow::number).toList());
        m.append(List.of(row(3, "TCP", "y", null, true), row(4, "TLSv1", "Client Hello", null, true),
                row(5, "TCP", "z", null, true), row(6, "TLSv1", "Client Hello", f, true)));
        assertEquals(List.of(2, 4, 6), m.shown().stream().map(PacketRow::number).toList());
    }

    @Test
    void followNewestStopsWhenScrolledUpAndResumesAtTheBottom() {
        PacketTableModel m = new PacketTableModel();
        assertTrue(m.isFollowingNewest());
        m.viewportMoved(40, 100);
        assertFalse(m.isFollowingNewest());
        m.viewportMoved(99, 100);
        assertTrue(m.isFollowingNewest());
        m.viewportMoved(10, 100);
        m.clear();
        assertTrue(m.isFollowingNewest(), "a new capture follows again");
    }

    @Test
    void filterBarCompilesAsYouType() {
        FilterBarModel m = new FilterBarModel();
        assertEquals(FilterBarModel.Status.EMPTY, m.status());
        m.textProperty().set("tls.handshake.type == 1");
        assertEquals(FilterBarModel.Status.VALID, m.status());
        assertNotNull(m.compiled());
        m.textProperty().set("tls.handshake.type == ");
        assertEquals(FilterBarModel.Status.INVALID, m.status());
        assertNull(m.apply());
        m.textProperty().set("tcp.port == 443 && tls.nosuchfield");
        assertEquals(FilterBarModel.Status.INVALID, m.status());
        assertEquals("tcp.port == 443 && ".length(), m.errorPositionProperty().get());
        assertTrue(m.messageProperty().get().contains("tls.nosuchfield"), m.messageProperty().get());
        assertEquals("tls.nosuchfield".length(), m.errorLengthProperty().get());
        m.setFieldFilter("tls.handshake.extensions_server_name", "\"example.com\"");
        assertEquals(FilterBarModel.Status.VALID, m.status());
        assertNotNull(m.apply());
        assertEquals("tls.handshake.extensions_server_name == \"example.com\"", m.appliedProperty().get());
    }

    @Test
    void theAppliedFilterIsTheLastValidTextAppliedAndNullWhenBlank() {
        FilterBarModel m = new FilterBarModel();
        assertNull(m.appliedFilter());
        m.textProperty().set("tls");
        assertNull(m.appliedFilter(), "typing applies nothing");
        assertNotNull(m.apply());
        assertNotNull(m.appliedFilter());
        var applied = m.appliedFilter();
        m.textProperty().set("tls &&");
        assertNull(m.apply(), "an invalid text is not applied");
        assertEquals(applied, m.appliedFilter());
        m.revert();
        assertEquals("tls", m.textProperty().get(), "Escape: back to the applied text");
        m.textProperty().set("  ");
        assertNotNull(m.apply());
        assertNull(m.appliedFilter(), "a blank filter shows every row");
        assertEquals("", m.appliedProperty().get());
    }

    @Test
    void statusCounters() {
        CaptureSessionModel s = new CaptureSessionModel();
        assertEquals("No capture", s.countersProperty().get());
        s.startLoading("a.pcapng");
        s.totalProperty().set(200);
        s.shownProperty().set(50);
        assertEquals("Packets: 200 · Displayed: 50 (25.0%) · loading…", s.countersProperty().get());
        s.stateProperty().set(CaptureSessionModel.State.LOADED);
        assertEquals("Packets: 200 · Displayed: 50 (25.0%)", s.countersProperty().get());
        s.startCapture("lo", "cap.pcapng");
        assertEquals(0, s.totalProperty().get());
        s.capturedProperty().set(10);
        s.shownProperty().set(9);
        s.droppedByKernelProperty().set(1);
        s.elapsedProperty().set(Duration.ofSeconds(65));
        assertEquals("Captured: 10 · Displayed: 9 · Dropped (kernel): 1 · 00:01:05", s.countersProperty().get());
        s.waitingProperty().set(2);
        assertEquals("Captured: 10 · Displayed: 9 · Dropped (kernel): 1 · Waiting to be dissected: 2 · 00:01:05",
                s.countersProperty().get());
        assertTrue(s.isCapturing());
    }

    @Test
    void recentFilesNewestFirstAndRemembered() throws Exception {
        Preferences node = Preferences.userRoot().node("tlslens-test/recent-" + System.nanoTime());
        try {
            RecentFiles r = new RecentFiles(node);
            for (int i = 0; i < 12; i++) r.add(Path.of("/tmp/f" + i + ".pcap"));
            r.add(Path.of("/tmp/f5.pcap"));
            assertEquals(RecentFiles.MAX, r.files().size());
            assertEquals("/tmp/f5.pcap", r.files().get(0));
            assertEquals("/tmp/f11.pcap", r.files().get(1));
            List<String> again = new ArrayList<>(new RecentFiles(node).files());
            assertEquals(r.files(), again);
            r.remove("/tmp/f5.pcap");
            assertEquals("/tmp/f11.pcap", new RecentFiles(node).files().get(0));
        } finally {
            node.removeNode();
        }
    }

    @Test
    void findQueryParsesHex() {
        assertEquals(3, FindQuery.parseHex("16 03 01").length);
        assertEquals(0x16, FindQuery.parseHex("0x16:0x03")[0]);
        assertThrows(IllegalArgumentException.class, () -> FindQuery.parseHex("163"));
        assertThrows(IllegalArgumentException.class, () -> FindQuery.parse(FindQuery.Mode.DISPLAY_FILTER, "tls.x =="));
        assertEquals(FindQuery.Mode.STRING, FindQuery.parse(FindQuery.Mode.STRING, "Hello").mode());
    }
}
