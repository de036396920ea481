package tlslens.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * Every frame's bytes, spilled to a temporary file, so any frame can be read again by number
 * without keeping millions of byte arrays on the heap. Per frame it keeps 8 bytes of timestamp and
 * 4 of captured length; where a frame's bytes start is the sum of the lengths before it (one long
 * per {@link #BLOCK} frames), and the original length and where the frame came from (link type;
 * pcapng section and interface id) cost 4 bytes each only once they differ between frames
 * ({@link Column}): 12 bytes a frame instead of 32. So a frame read again is the frame that was
 * read: the capture file is not read again, which is what lets a compressed file, a pipe or
 * standard input be shown like a file.
 */
public final class FrameStore implements Closeable {
    private final Path file;
    private final FileChannel channel;
    /** Frames per stored offset: a frame's offset is its block's plus the lengths before it in the block. */
    private static final int BLOCK = 64;
    private long[] blockOffsets = new long[16];
    private long[] times = new long[1024];
    private int[] capLens = new int[1024];
    /** Original lengths that differ from the captured ones (-1 there: equal). */
    private final Column origLens = new Column();
    private final Column linkTypes = new Column();
    /** section &lt;&lt; 16 | interface id (both small; pcapng ids above 65535 are kept modulo). */
    private final Column origins = new Column();
    /** Timestamps a long of nanoseconds since 1970 can't hold (before 1678, after 2262; pcapng allows them): rare, kept whole. */
    private final java.util.Map<Integer, Instant> farTimes = new java.util.HashMap<>();
    private int count;
    private long size;
    private final int linkType;
    /**
     * The latest frames' bytes, not yet written: one write per 256 kB instead of one per frame (a
     * system call each: a second of a million-packet load). Bytes from {@code flushed} on are here.
     */
    private final byte[] pending = new byte[256 * 1024];
    private int pendingLength;
    private long flushed;

    public FrameStore(int linkType) {
        this.linkType = linkType;
        try {
            file = Files.createTempFile("tlslens-frames", ".bin");
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a frame; frames must come numbered 1, 2, 3... */
    public synchronized void append(RawFrame f) {
        if (count == times.length) {
            int n = count * 2;
            times = Arrays.copyOf(times, n);
            capLens = Arrays.copyOf(capLens, n);
        }
        if (count % BLOCK == 0) {
            if (count / BLOCK == blockOffsets.length) blockOffsets = Arrays.copyOf(blockOffsets, blockOffsets.length * 2);
            blockOffsets[count / BLOCK] = size;
        }
        long s = f.time().getEpochSecond();
        if (Math.abs(s) < Long.MAX_VALUE / 1_000_000_000L - 1) times[count] = s * 1_000_000_000L + f.time().getNano();
        else farTimes.put(count, f.time());
        capLens[count] = f.data().length;
        origLens.set(count, f.originalLength() == f.data().length ? -1 : f.originalLength());
        linkTypes.set(count, f.linkType());
        origins.set(count, f.section() << 16 | (f.interfaceId() & 0xffff));
        count++;
        byte[] data = f.data();
        if (pendingLength + data.length > pending.length) flush();
        if (data.length > pending.length) {
            write(ByteBuffer.wrap(data), size); // larger than the buffer: written as it is
            flushed = size + data.length;
        } else {
            System.arraycopy(data, 0, pending, pendingLength, data.length);
            pendingLength += data.length;
        }
        size += data.length;
    }

    private void flush() {
        write(ByteBuffer.wrap(pending, 0, pendingLength), flushed);
        flushed += pendingLength;
        pendingLength = 0;
    }

    /** Writes {@code b} (from its position 0) at {@code at} in the file. */
    private void write(ByteBuffer b, long at) {
        try {
            while (b.hasRemaining()) channel.write(b, at + b.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized int count() { return count; }

    /** Bytes of heap the per-frame arrays and the write buffer hold (the frames themselves are in the file). */
    public synchronized long footprint() {
        return 8L * blockOffsets.length + 12L * times.length + origLens.footprint() + linkTypes.footprint()
                + origins.footprint() + pending.length;
    }

    public synchronized Instant time(int number) {
        Instant far = farTimes.isEmpty() ? null : farTimes.get(number - 1);
        if (far != null) return far;
        long t = times[number - 1];
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    }

    public synchronized int originalLength(int number) {
        int o = origLens.get(number - 1);
        return o == -1 ? capLens[number - 1] : o;
    }

    /** Where frame {@code i} (0-based) starts in the file: its block's offset plus the lengths before it there. */
    private long offset(int i) {
        long at = blockOffsets[i / BLOCK];
        for (int j = i - i % BLOCK; j < i; j++) at += capLens[j];
        return at;
    }

    /**
     * Frame {@code number} (1-based) as it was captured. The file is read outside the store's lock
     * (what was flushed is never written again): the window's table, reading a row's time, does
     * not wait for a filter pass's reads, nor do the pass's threads wait for each other.
     */
    public RawFrame get(int number) {
        int i = number - 1;
        byte[] data;
        long offset;
        RawFrame f;
        synchronized (this) {
            data = new byte[capLens[i]];
            offset = offset(i);
            int origin = origins.get(i);
            f = new RawFrame(number, time(number), originalLength(number), data, linkTypes.get(i), origin & 0xffff, null,
                    origin >>> 16);
            if (offset >= flushed) { // still in the write buffer
                System.arraycopy(pending, (int) (offset - flushed), data, 0, data.length);
                return f;
            }
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) < 0) break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The temp file goes with the process anyway.
        }
    }

    /**
     * An int per frame that is mostly the same for every frame (a file's link type, its one
     * interface; original lengths equal to the captured ones): one value until a frame differs,
     * then an array.
     */
    private static final class Column {
        private int first;
        private boolean any;
        private int[] values;

        void set(int i, int v) {
            if (values == null) {
                if (!any) {
                    first = v;
                    any = true;
                    return;
                }
                if (v == first) return;
                values = new int[Math.max(1024, Integer.highestOneBit(i) * 2)];
                Arrays.fill(values, 0, i, first);
            }
            if (i >= values.length) values = Arrays.copyOf(values, Math.max(i + 1, values.length * 2));
            values[i] = v;
        }

        int get(int i) { return values == null ? first : values[i]; }

        long footprint() { return values == null ? 0 : 4L * values.length; }
    }
}
