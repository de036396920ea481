package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The dense lists answer as a map of stream numbers to lists of frames would, before and after trimming. */
class StreamFramesTest {
    @Test
    void listsAnswerAsAMapWould() {
        Random random = new Random(14);
        StreamFrames dense = new StreamFrames();
        TreeMap<Integer, List<Integer>> map = new TreeMap<>();
        List<int[]> givenOut = new ArrayList<>();
        List<Integer> givenCounts = new ArrayList<>();
        List<Integer> givenStreams = new ArrayList<>();
        for (int number = 1; number <= 20_000; number++) {
            // Streams mostly dense, in the order the engine meets them, some skipped (UDP frames between), one far off.
            int stream = number == 777 ? 5000 : random.nextInt(Math.min(300, 1 + number / 20));
            if (stream % 17 == 5) continue;
            dense.add(stream, number);
            map.computeIfAbsent(stream, k -> new ArrayList<>()).add(number);
            if (number % 1000 == 0) { // a reader's list stays valid for the count read with it
                givenOut.add(dense.list(stream));
                givenCounts.add(dense.count(stream));
                givenStreams.add(stream);
            }
            if (number == 15_000) dense.trim(); // lists shrunk, then grown again
        }
        compare(map, dense);
        dense.trim();
        compare(map, dense);
        for (int s : map.keySet()) assertEquals(map.get(s).size(), dense.list(s).length, "trimmed to its count");
        for (int i = 0; i < givenOut.size(); i++) {
            List<Integer> expected = map.get(givenStreams.get(i)).subList(0, givenCounts.get(i));
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(),
                    Arrays.copyOf(givenOut.get(i), givenCounts.get(i)));
        }
        assertNull(dense.list(-1));
        assertNull(dense.list(1 << 20));
        assertEquals(0, dense.count(-1));
        assertEquals(0, dense.count(5001));
        assertTrue(dense.footprint() > 4L * 20_000 / 2);
    }

    private static void compare(TreeMap<Integer, List<Integer>> map, StreamFrames dense) {
        assertArrayEquals(map.keySet().stream().mapToInt(Integer::intValue).toArray(), dense.streams());
        for (int s = 0; s <= 5001; s++) {
            List<Integer> l = map.get(s);
            if (l == null) {
                assertNull(dense.list(s), "stream " + s);
                assertEquals(0, dense.count(s));
                continue;
            }
            assertEquals(l.size(), dense.count(s), "stream " + s);
            assertArrayEquals(l.stream().mapToInt(Integer::intValue).toArray(), Arrays.copyOf(dense.list(s), dense.count(s)));
        }
    }
}
