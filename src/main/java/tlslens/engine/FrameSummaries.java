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
 * distinct ones, the Info text as UTF-8 in large shared chunks, deflated once full. A summary is
 * rebuilt when asked for (the table asks for the few rows it shows). On a million packets this
 * keeps about 16 bytes (names, stream and flags as chars while they fit: {@link Narrow}) plus a
 * seventh of the Info text's length per frame where a summary object, its Instant and its Info
 * string (UTF-16 as soon as it holds a "→") took about 240. Time and length come from the frame store.
 * Guarded by its own lock, not the index's: the table reads its rows while the index is held
 * for seconds (the connection analysis of a million packets), and must not wait for that.
 */
final class FrameSummaries {
    /** Chunks of the Info arena; an Info text never spans two. */
    private static final int CHUNK = 1 << 20;

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    /** Per frame: the ids of its source, destination and protocol (+1; 0 for none), its tcp.stream (+1) and flags. */
    private final Narrow sources = new Narrow();
    private final Narrow destinations = new Narrow();
    private final Narrow protocols = new Narrow();
    private final Narrow streams = new Narrow();
    private final Narrow flags = new Narrow();
    /** Where each frame's Info starts: chunk index * CHUNK + offset; -1 for none (null), -2 in {@link #odd}. */
    private int[] infoAt = new int[1024];
    /** Its length in UTF-8 bytes (a text of 65,535 bytes or more is in {@link #odd}). */
    private char[] infoLength = new char[1024];
    /** The Info arena: a chunk's raw bytes while it fills, null once {@link #packed} holds it. */
    private final List<byte[]> chunks = new ArrayList<>();
    /**
     * Full chunks deflated (Info text packs about 7 to 1: a million packets' 58 MB in 8), by a
     * thread of their own, so the loader does not wait for it; null until packed.
     */
    private final List<byte[]> packed = new ArrayList<>();
    /** Each chunk's bytes in use. */
    private int[] fills = new int[16];
    /** The chunks inflated last (the rows shown, a find walking the frames): two, most recent first. */
    private int cachedChunk = -1, olderChunk = -1;
    private byte[] cached, older;
    private static final java.util.concurrent.ExecutorService PACKER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tlslens-info-packer");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private int used = CHUNK; // the last chunk's fill: a first text opens one
    /** Positions are ints: this many chunks at most, texts after them in {@link #odd} (2 GB of Info text). */
    private static final int MAX_CHUNKS = Integer.MAX_VALUE / CHUNK;

    /** Sets frame {@code number}'s columns (a frame added, or dissected again). */
    synchronized void put(int number, FrameSummary s) {
        int i = number - 1;
        if (i >= infoAt.length) grow(Math.max(i + 1, infoAt.length * 2));
        sources.set(i, id(s.source()) + 1);
        destinations.set(i, id(s.destination()) + 1);
        protocols.set(i, id(s.protocol()) + 1);
        streams.set(i, s.tcpStream() + 1);
        flags.set(i, s.flags());
        String info = s.info();
        if (!odd.isEmpty()) odd.remove(number); // (a frame dissected again)
        if (info == null) {
            infoAt[i] = -1;
            return;
        }
        // A text of 65,535 chars or more has at least as many UTF-8 bytes: odd without encoding it.
        int length = info.length() >= Character.MAX_VALUE ? -1 : utf8(info);
        // A surrogate (paired or not) is kept as it is, a long text too, as it would not fit its length (rare).
        if (length < 0 || length >= Character.MAX_VALUE || length > CHUNK - used && chunks.size() >= MAX_CHUNKS) {
            odd.put(number, info);
            infoAt[i] = -2;
            return;
        }
        infoLength[i] = (char) length;
        if (length == 0) {
            infoAt[i] = 0;
            return;
        }
        if (length > CHUNK - used) {
            if (!chunks.isEmpty()) pack(chunks.size() - 1); // full: no text is added to it again
            chunks.add(new byte[CHUNK]);
            packed.add(null);
            used = 0;
        }
        int k = chunks.size() - 1;
        System.arraycopy(encoded, 0, chunks.get(k), used, length);
        infoAt[i] = k * CHUNK + used;
        used += length;
        if (k >= fills.length) fills = Arrays.copyOf(fills, fills.length * 2);
        fills[k] = used;
    }

    /** Deflates full chunk {@code k} on the packer's thread; its raw bytes go once the packed ones are in. */
    private void pack(int k) {
        byte[] raw = chunks.get(k);
        int fill = fills[k];
        PACKER.execute(() -> {
            java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
            d.setInput(raw, 0, fill);
            d.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(fill / 4);
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) out.write(buf, 0, d.deflate(buf));
            d.end();
            byte[] z = out.toByteArray();
            synchronized (this) {
                packed.set(k, z);
                chunks.set(k, null);
            }
        });
    }

    /** Chunk {@code k}'s bytes: raw while they are, else inflated (and kept while it is one of the last two read). */
    private byte[] chunk(int k) {
        byte[] raw = chunks.get(k);
        if (raw != null) return raw;
        if (k == cachedChunk) return cached;
        if (k == olderChunk) {
            olderChunk = cachedChunk;
            byte[] b = older;
            older = cached;
            cachedChunk = k;
            return cached = b;
        }
        byte[] b = new byte[fills[k]];
        java.util.zip.Inflater inf = new java.util.zip.Inflater();
        try {
            inf.setInput(packed.get(k));
            int n = 0;
            while (n < b.length && !inf.finished()) n += inf.inflate(b, n, b.length - n);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("Info text of chunk " + k + " does not inflate", e); // our own bytes: never
        } finally {
            inf.end();
        }
        olderChunk = cachedChunk;
        older = cached;
        cachedChunk = k;
        return cached = b;
    }

    /** Whether every full chunk of Info text is packed (tests await it). */
    synchronized boolean packedAll() {
        for (int k = 0; k < chunks.size() - 1; k++) if (packed.get(k) == null) return false;
        return true;
    }

    /** Info texts with surrogates, by frame number (UTF-8 would replace an unpaired one). */
    private final Map<Integer, String> odd = new HashMap<>();

    /** {@link #utf8}'s output, reused (a frame's Info was one new array and two passes over the text). */
    private byte[] encoded = new byte[256];

    /**
     * Encodes {@code s} (under 65,535 chars) as UTF-8 into {@link #encoded} in one pass: the number
     * of bytes, as String.getBytes(UTF_8) makes them; -1 when it holds a surrogate (not encoded).
     */
    private int utf8(String s) {
        int n = s.length();
        if (encoded.length < 3 * n) encoded = new byte[Math.max(3 * n, 2 * encoded.length)];
        byte[] b = encoded;
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[k++] = (byte) c;
            } else if (c < 0x800) {
                b[k++] = (byte) (0xC0 | c >> 6);
                b[k++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                return -1;
            } else {
                b[k++] = (byte) (0xE0 | c >> 12);
                b[k++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[k++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return k;
    }

    private void grow(int size) {
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
        return new FrameSummary(number, time, length, name(sources.get(i) - 1), name(destinations.get(i) - 1),
                name(protocols.get(i) - 1), info(number), streams.get(i) - 1, flags.get(i));
    }

    /** Bytes of heap these columns hold (arrays and Info chunks; the few distinct names left out). */
    synchronized long footprint() {
        long bytes = 6L * infoAt.length + sources.footprint() + destinations.footprint() + protocols.footprint()
                + streams.footprint() + flags.footprint();
        for (byte[] c : chunks) if (c != null) bytes += c.length;
        for (byte[] c : packed) if (c != null) bytes += c.length;
        if (cached != null) bytes += cached.length;
        if (older != null) bytes += older.length;
        return bytes;
    }

    synchronized String info(int number) {
        int at = infoAt[number - 1];
        if (at == -2) return odd.get(number);
        if (at < 0) return null;
        if (infoLength[number - 1] == 0) return "";
        return new String(chunk(at / CHUNK), at % CHUNK, infoLength[number - 1], StandardCharsets.UTF_8);
    }

    synchronized int tcpStream(int number) { return streams.get(number - 1) - 1; }

    synchronized int flags(int number) { return flags.get(number - 1); }

    /**
     * An int per frame held in a char while every value fits one (ids of the few distinct names,
     * flags, tcp.stream below 65,535): 2 bytes a frame; an int array once one does not.
     */
    private static final class Narrow {
        private char[] small = new char[1024];
        private int[] wide;

        void set(int i, int v) {
            if (wide == null && (v < 0 || v > Character.MAX_VALUE)) {
                wide = new int[small.length];
                for (int j = 0; j < small.length; j++) wide[j] = small[j];
                small = null;
            }
            int length = wide != null ? wide.length : small.length;
            if (i >= length) {
                int n = Math.max(i + 1, length * 2);
                if (wide != null) wide = Arrays.copyOf(wide, n);
                else small = Arrays.copyOf(small, n);
            }
            if (wide != null) wide[i] = v;
            else small[i] = (char) v;
        }

        int get(int i) { return wide != null ? wide[i] : small[i]; }

        long footprint() { return wide != null ? 4L * wide.length : 2L * small.length; }
    }
}
