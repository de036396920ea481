package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.RobustnessTest;
import tlslens.fuzz.FuzzFrames;

/**
 * The window's first pass in two halves on two threads (CaptureIndex.dissectNext, then record):
 * the index ends as one {@link CaptureIndex#add} per frame leaves it, and a reader of the engine's
 * connections waits until the frames dissected are recorded, so it never sees a frame the index does not count.
 */
class SplitFirstPassTest {
    @Test
    void twoThreadsRecordWhatOneDoes() throws Exception {
        int frames = 0;
        for (Path cap : RobustnessTest.captures()) {
            List<String> one = new ArrayList<>(), two = new ArrayList<>();
            try (CaptureFileReader r = CaptureFileReader.open(cap); CaptureIndex a = new CaptureIndex(r.linkType());
                    CaptureIndex b = new CaptureIndex(r.linkType())) {
                List<RawFrame> read = new ArrayList<>();
                for (RawFrame f; (f = r.next()) != null; ) read.add(f);
                for (RawFrame f : read) a.add(f, false, null);
                java.util.concurrent.ArrayBlockingQueue<FrameDissection> q = new java.util.concurrent.ArrayBlockingQueue<>(8);
                Thread recorder = new Thread(() -> {
                    try {
                        for (int i = 0; i < read.size(); i++) {
                            FrameDissection fd = q.take();
                            b.record(fd, read.get(fd.number - 1).originalLength());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                recorder.start();
                for (RawFrame f : read) q.put(b.dissectNext(f, false, null));
                recorder.join();
                for (int n = 1; n <= a.frameCount(); n++) {
                    one.add(a.summary(n) + " " + a.fieldsHeld(n) + " " + CaptureIndexTest.dump(a.dissect(n)));
                    two.add(b.summary(n) + " " + b.fieldsHeld(n) + " " + CaptureIndexTest.dump(b.dissect(n)));
                }
                assertEquals(a.frameCount(), b.frameCount());
            } catch (tlslens.capture.CaptureException e) {
                continue; // made unreadable on purpose
            }
            assertEquals(one, two, cap.getFileName().toString());
            frames += one.size();
        }
        assertTrue(frames > 500);
    }

    @Test
    void readingTheConnectionsWaitsForTheFramesDissectedToBeRecorded() throws Exception {
        try (CaptureIndex idx = new CaptureIndex(101)) {
            Instant t = Instant.ofEpochSecond(1_700_000_000L);
            FrameDissection fd = idx.dissectNext(new RawFrame(1, t, 40, FuzzFrames.tcp(0, 1000, 0, 0x02), 101, 1, null),
                    false, null);
            AtomicInteger seen = new AtomicInteger(-1);
            Thread reader = new Thread(() -> seen.set(idx.withConnections(c -> idx.frameCount())));
            reader.start();
            while (reader.getState() != Thread.State.WAITING) Thread.onSpinWait(); // waits in the index for the record
            assertEquals(-1, seen.get());
            idx.record(fd, 40);
            reader.join();
            assertEquals(1, seen.get(), "the reader saw the frame recorded");
        }
    }

    @Test
    void aRecorderThatGaveUpLeavesNoReaderWaiting() throws Exception {
        try (CaptureIndex idx = new CaptureIndex(101)) {
            idx.dissectNext(new RawFrame(1, Instant.ofEpochSecond(1_700_000_000L), 40, FuzzFrames.tcp(0, 1000, 0, 0x02), 101,
                    1, null), false, null);
            Thread reader = new Thread(() -> idx.withConnections(c -> c.size()));
            reader.start();
            while (reader.getState() != Thread.State.WAITING) Thread.onSpinWait();
            idx.abandonUnrecorded(); // the second stage failed
            reader.join();
            assertEquals(0, idx.frameCount());
        }
    }
}
