package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.CaptureInterface;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameContext;
import tlslens.dissect.Severity;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.ExpertSummary;
import tlslens.ui.model.PacketRow;

/**
 * The window under a dissector fault: an exception while dissecting one packet marks that packet
 * (malformed, an error in the expert counts the status bar shows) while the rows of every other
 * packet arrive as without the fault. The fault is injected through the interface list the engine
 * looks each frame's interface up in, which throws on one lookup.
 */
class DissectorFaultTest {
    static final Path FILE = Path.of("src/test/resources/captures/tls12_session_id.pcap");
    static final int FAULTY = 3; // the handshake's final ACK: no payload, so nothing later depends on it

    /**
     * One interface that no frame names (so the engine, which keeps the last interface it found,
     * walks the list again for every frame); the n-th walk over the list throws.
     */
    static final class FaultyInterfaces extends AbstractList<CaptureInterface> {
        private final int failAt;
        private int walks;

        FaultyInterfaces(int failAt) { this.failAt = failAt; }

        @Override public CaptureInterface get(int i) { return new CaptureInterface(1, 99, "lo", null); }

        @Override public int size() { return 1; }

        @Override public Iterator<CaptureInterface> iterator() {
            if (++walks == failAt) throw new IllegalStateException("injected fault");
            return super.iterator();
        }
    }

    record Load(List<PacketRow> rows, ExpertSummary experts) {}

    static Load load(int failAt) throws Exception {
        RowFeed feed = new RowFeed(DisplayFilter.compile("frame"), ColouringRules.defaults()); // full trees
        try (CaptureFileReader r = CaptureFileReader.open(FILE)) {
            feed.attach(new CaptureIndex(r.linkType()).interfaces(new FaultyInterfaces(failAt)));
            RawFrame f;
            while ((f = r.next()) != null) feed.publish(f);
        }
        feed.finish();
        return new Load(feed.drain(Integer.MAX_VALUE), feed.experts());
    }

    @Test
    void aFaultInOnePacketMarksItAndTheRestGoOn() throws Exception {
        Load clean = load(-1);
        Load faulty = load(FAULTY);
        assertEquals(clean.rows().size(), faulty.rows().size(), "every packet has its row");
        assertTrue(clean.rows().size() > FAULTY + 5);
        for (int i = 0; i < clean.rows().size(); i++) {
            var c = clean.rows().get(i).summary();
            var f = faulty.rows().get(i).summary();
            if (i == FAULTY - 1) {
                assertTrue(f.has(FrameContext.MALFORMED), "the faulty packet is marked");
                assertFalse(c.has(FrameContext.MALFORMED));
            } else {
                assertEquals(c.protocol() + " " + c.info(), f.protocol() + " " + f.info(), "row " + (i + 1));
            }
        }
        assertEquals(clean.experts().count(Severity.ERROR) + 1, faulty.experts().count(Severity.ERROR));
        assertTrue(faulty.experts().entries().stream().anyMatch(e -> e.summary().contains("Dissector bug: IllegalStateException: injected fault")
                && e.frames().equals(List.of(FAULTY))), faulty.experts().entries().toString());
    }
}
