package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.fuzz.FuzzFrames;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketRow;

/**
 * The window's rows for frames 400 years apart (pcapng allows it): the load goes on (it ended in
 * ArithmeticException from Duration.toNanos), the row's time is clamped to the 292 years a long of
 * nanoseconds holds, and the row's tree keeps the exact delta.
 */
class FarApartRowsTest {
    @Test
    void framesCenturiesApartLoadWithTheirRows() throws Exception {
        RowFeed feed = new RowFeed(null, ColouringRules.of(List.of()));
        Instant t0 = Instant.ofEpochSecond(1);
        Instant t1 = t0.plusSeconds(400L * 365 * 86400);
        try (CaptureIndex idx = new CaptureIndex(101)) {
            feed.attach(idx);
            feed.publish(new RawFrame(1, t0, 40, FuzzFrames.tcp(0, 999, 0, 0x02), 101, 1, null));
            feed.publish(new RawFrame(2, t1, 40, FuzzFrames.tcp(1, 4999, 1000, 0x12), 101, 1, null));
            feed.publish(new RawFrame(3, t0, 40, FuzzFrames.tcp(0, 1000, 5000, 0x10), 101, 1, null));
            feed.finish();
            List<PacketRow> rows = feed.drain(10);
            assertEquals(3, rows.size());
            assertEquals(Long.MAX_VALUE, rows.get(1).relativeNanos());
            assertEquals(0, rows.get(2).relativeNanos());
            assertFalse(rows.get(1).timeText().isEmpty());
            String tree = tlslens.fuzz.FuzzContract.tree(idx.dissect(2).root);
            assertFalse(tree.contains("Dissector bug"), tree);
            assertEquals(true, tree.contains("12614400000.000000000 seconds"), tree);
        }
    }
}
