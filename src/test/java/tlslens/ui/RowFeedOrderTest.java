package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.fuzz.FuzzFrames;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketRow;

/**
 * The feed hands every row to the reader once and in frame order while the producer is still
 * publishing, across the feed's blocks of rows and with reads of any size (as the FX thread
 * takes a batch per pulse while a file loads).
 */
class RowFeedOrderTest {
    private static final int FRAMES = 20_000;

    @Test
    void rowsArriveOnceAndInOrderWhileTheProducerRuns() throws Exception {
        RowFeed feed = new RowFeed(null, ColouringRules.defaults());
        try (CaptureIndex idx = new CaptureIndex(101)) {
            feed.attach(idx);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    Instant t = Instant.ofEpochSecond(1_700_000_000L);
                    for (int i = 1; i <= FRAMES; i++) {
                        feed.publish(new RawFrame(i, t.plusMillis(i), 40, FuzzFrames.tcp(i & 1, 1000 + i, 5000 + i, 0x10), 101, 1, null));
                    }
                } catch (RuntimeException | Error e) {
                    failed.set(e);
                } finally {
                    feed.finish();
                }
            }, "test-producer");
            producer.start();
            int expected = 1, batch = 1;
            while (!feed.isDone()) {
                List<PacketRow> rows = feed.drain(batch);
                assertTrue(rows.size() <= batch, "at most the rows asked for");
                for (PacketRow r : rows) assertEquals(expected++, r.number(), "the next row in order");
                batch = batch % 5000 + 1 + batch / 3; // sizes from 1 to thousands, across the feed's blocks
                if (rows.isEmpty()) Thread.onSpinWait();
            }
            producer.join();
            assertEquals(null, failed.get());
            assertEquals(FRAMES + 1, expected, "every row once");
            assertTrue(feed.drain(10).isEmpty());
        }
    }
}
