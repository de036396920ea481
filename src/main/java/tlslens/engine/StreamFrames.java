package tlslens.engine;

import java.util.Arrays;

/**
 * Each TCP connection's frame numbers in capture order, by tcp.stream. Stream numbers are dense
 * (0, 1, 2, ... as the engine meets connections), so the lists sit in an array indexed by them:
 * a map of boxed numbers to lists and counts cost some 100 bytes a connection (6 bytes a packet on
 * a million). A list given out stays valid for the count read with it: entries are never changed,
 * only appended to (a full list is copied into a larger one). Not thread-safe: its owner guards it.
 */
final class StreamFrames {
    private int[][] lists = new int[16][];
    private int[] counts = new int[16];
    /** Streams that have a list. */
    private int held;

    /** Appends frame {@code number} to stream {@code stream}'s list (stream >= 0). */
    void add(int stream, int number) {
        if (stream >= lists.length) {
            int size = Math.max(stream + 1, lists.length * 2);
            lists = Arrays.copyOf(lists, size);
            counts = Arrays.copyOf(counts, size);
        }
        int[] list = lists[stream];
        int n = counts[stream];
        if (list == null) {
            lists[stream] = list = new int[4];
            held++;
        } else if (n == list.length) {
            lists[stream] = list = Arrays.copyOf(list, n * 2);
        }
        list[n] = number;
        counts[stream] = n + 1;
    }

    /** Stream {@code stream}'s frames (its first {@link #count} entries), null when it has none. */
    int[] list(int stream) { return stream >= 0 && stream < lists.length ? lists[stream] : null; }

    /** How many frames stream {@code stream} has (0 for none). */
    int count(int stream) { return stream >= 0 && stream < counts.length ? counts[stream] : 0; }

    /** The streams that have frames, in increasing order. */
    int[] streams() {
        int[] out = new int[held];
        int k = 0;
        for (int s = 0; s < lists.length && k < held; s++) if (lists[s] != null) out[k++] = s;
        return out;
    }

    /** No frame will be added (the file is read): each list shrinks to its count (doubling left a quarter unused). */
    void trim() {
        for (int s = 0; s < lists.length; s++) {
            if (lists[s] != null && lists[s].length > counts[s]) lists[s] = Arrays.copyOf(lists[s], counts[s]);
        }
    }

    /** Bytes of heap these lists hold (array headers included). */
    long footprint() {
        long bytes = 16 + 4L * lists.length + 16 + 4L * counts.length;
        for (int[] l : lists) if (l != null) bytes += 16 + 4L * l.length;
        return bytes;
    }
}
