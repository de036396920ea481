package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Frames read back from the store are the frames appended, whether their bytes still wait in the
 * write buffer, were written with it, or were too large for it.
 */
class FrameStoreTest {
    @Test
    void everyFrameReadsBackAsAppended() {
        Random random = new Random(14);
        List<RawFrame> appended = new ArrayList<>();
        try (FrameStore store = new FrameStore(1)) {
            for (int n = 1; n <= 3000; n++) {
                // Mostly small frames, some empty, a few larger than the write buffer.
                int length = n % 997 == 0 ? 300_000 + random.nextInt(100_000) : n % 101 == 0 ? 0 : random.nextInt(1600);
                byte[] data = new byte[length];
                random.nextBytes(data);
                RawFrame f = new RawFrame(n, Instant.ofEpochSecond(1_700_000_000L + n, n * 1000L), length + n % 3, data, 1,
                        n % 2, null, 1 + n % 2);
                store.append(f);
                appended.add(f);
                // Read back at once (still buffered) and an older frame (written out by now, or not).
                check(appended.get(n - 1), store.get(n));
                int older = 1 + random.nextInt(n);
                check(appended.get(older - 1), store.get(older));
            }
            assertEquals(appended.size(), store.count());
            for (RawFrame f : appended) check(f, store.get(f.number()));
        }
    }

    /**
     * A file's frames mostly share link type, interface and section, and are captured whole: the
     * store keeps one value for those until a frame differs. Frames before and after the first
     * that differs read back as appended.
     */
    @Test
    void framesAlikeUntilOneDiffersReadBackAsAppended() {
        Random random = new Random(15);
        List<RawFrame> appended = new ArrayList<>();
        try (FrameStore store = new FrameStore(1)) {
            for (int n = 1; n <= 5000; n++) {
                byte[] data = new byte[random.nextInt(200)];
                random.nextBytes(data);
                boolean other = n >= 4000 && n % 7 == 0; // another interface, truncated (snaplen), from frame 4,000 on
                RawFrame f = new RawFrame(n, Instant.ofEpochSecond(1_700_000_000L, n * 1000L), data.length + (other ? 40 : 0),
                        data, other ? 101 : 1, other ? 1 : 0, null, 0);
                store.append(f);
                appended.add(f);
            }
            for (RawFrame f : appended) check(f, store.get(f.number()));
        }
    }

    private static void check(RawFrame expected, RawFrame actual) {
        assertEquals(expected.number(), actual.number());
        assertArrayEquals(expected.data(), actual.data(), "frame " + expected.number());
        assertEquals(expected.time(), actual.time());
        assertEquals(expected.originalLength(), actual.originalLength());
        assertEquals(expected.interfaceId(), actual.interfaceId());
        assertEquals(expected.section(), actual.section());
        assertEquals(expected.linkType(), actual.linkType());
    }
}
