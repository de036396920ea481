package tlslens.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tlslens.dissect.FrameSummary;

/**
 * The columns of every frame of a {@link CaptureIndex}, kept in primitive arrays instead of one
 * {@link FrameSummary} per frame: addresses and protocol names as numbers into a table of the
 * distinct ones, the Info text as UTF-8 in large shared chunks. A summary is rebuilt when asked
 * for (the table asks for the few rows it shows). On a million packets this keeps about 30 bytes
 * plus the Info text's length per frame where a summary object, its Instant and its Info string
 * (UTF-16 as soon as it holds a "→") took about 240. Time and length come from the frame store.
 * Guarded by its own lock, not the index's: the table reads its rows while the index is held
 * for seconds (the connection analysis of a million packets), and must not wait for that.
 */
final class FrameSummaries {
    /** Chunks of the Info arena; an Info text never spans two (texts longer than a chunk get their own). */
    private static final int CHUNK = 1 << 20;

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private int[] sources = new int[1024];
    private int[] destinations = new int[1024];
    private int[] protocols = new int[1024];
    private int[] streams = new int[1024];
    private int[] flags = new int[1024];
    /** Where each frame's Info starts: chunk index * CHUNK + offset; -1 for none (null), -2 in {@link #odd}. */
    private long[] infoAt = new long[1024];
    private int[] infoLength = new int[1024];
    private final List<byte[]> chunks = new ArrayList<>();
    private int used = CHUNK; // the last chunk's fill: a first text opens one

    /** Sets frame {@code number}'s columns (a frame added, or dissected again). */
    synchronized void put(int number, FrameSummary s) {
        int i = number - 1;
        if (i >= sources.length) grow(Math.max(i + 1, sources.length * 2));
        sources[i] = id(s.source());
        destinations[i] = id(s.destination());
        protocols[i] = id(s.protocol());
        streams[i] = s.tcpStream();
        flags[i] = s.flags();
        String info = s.info();
        odd.remove(number);
        if (info == null) {
            infoAt[i] = -1;
            return;
        }
        if (hasSurrogate(info)) { // an unpaired one would not survive UTF-8: kept as it is (rare)
            odd.put(number, info);
            infoAt[i] = -2;
            return;
        }
        byte[] b = info.getBytes(StandardCharsets.UTF_8);
        infoLength[i] = b.length;
        if (b.length == 0) {
            infoAt[i] = 0;
            return;
        }
        if (b.length > CHUNK - used) {
            if (b.length > CHUNK) { // a text of its own
                chunks.add(b);
                infoAt[i] = (long) (chunks.size() - 1) * CHUNK;
                used = CHUNK;
                return;
            }
            chunks.add(new byte[CHUNK]);
            used = 0;
        }
        System.arraycopy(b, 0, chunks.get(chunks.size() - 1), used, b.length);
        infoAt[i] = (long) (chunks.size() - 1) * CHUNK + used;
        used += b.length;
    }

    /** Info texts with surrogates, by frame number (UTF-8 would replace an unpaired one). */
    private final Map<Integer, String> odd = new HashMap<>();

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isSurrogate(s.charAt(i))) return true;
        return false;
    }

    private void grow(int size) {
        sources = Arrays.copyOf(sources, size);
        destinations = Arrays.copyOf(destinations, size);
        protocols = Arrays.copyOf(protocols, size);
        streams = Arrays.copyOf(streams, size);
        flags = Arrays.copyOf(flags, size);
        infoAt = Arrays.copyOf(infoAt, size);
        infoLength = Arrays.copyOf(infoLength, size);
    }

    /** -1 for null; otherwise the number of the one instance of this text. */
    private int id(String s) {
        if (s == null) return -1;
        Integer id = nameIds.get(s);
        if (id == null) {
            id = names.size();
            names.add(s);
            nameIds.put(s, id);
        }
        return id;
    }

    private String name(int id) { return id < 0 ? null : names.get(id); }

    /** Frame {@code number}'s summary, with the time and length the frame store keeps. */
    synchronized FrameSummary get(int number, Instant time, int length) {
        int i = number - 1;
        return new FrameSummary(number, time, length, name(sources[i]), name(destinations[i]), name(protocols[i]),
                info(number), streams[i], flags[i]);
    }

    /** Bytes of heap these columns hold (arrays and Info chunks; the few distinct names left out). */
    synchronized long footprint() {
        long n = sources.length;
        long bytes = n * (4 * 6 + 8);
        for (byte[] c : chunks) bytes += c.length;
        return bytes;
    }

    synchronized String info(int number) {
        long at = infoAt[number - 1];
        if (at == -2) return odd.get(number);
        if (at < 0) return null;
        if (infoLength[number - 1] == 0) return "";
        return new String(chunks.get((int) (at / CHUNK)), (int) (at % CHUNK), infoLength[number - 1], StandardCharsets.UTF_8);
    }

    synchronized int tcpStream(int number) { return streams[number - 1]; }

    synchronized int flags(int number) { return flags[number - 1]; }
}
