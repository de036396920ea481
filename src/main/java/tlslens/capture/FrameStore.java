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
 * without keeping millions of byte arrays on the heap. Per frame it keeps 8 bytes of offset,
 * 8 of timestamp, 4+4 of lengths and 4+4 of where it came from (link type; pcapng section and
 * interface id), so that a frame read again is the frame that was read: the capture file is not
 * read again, which is what lets a compressed file, a pipe or standard input be shown like a file.
 */
public final class FrameStore implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private long[] offsets = new long[1024];
    private long[] times = new long[1024];
    private int[] capLens = new int[1024];
    private int[] origLens = new int[1024];
    private int[] linkTypes = new int[1024];
    /** section &lt;&lt; 16 | interface id (both small; pcapng ids above 65535 are kept modulo). */
    private int[] origins = new int[1024];
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
        if (count == offsets.length) {
            int n = count * 2;
            offsets = Arrays.copyOf(offsets, n);
            times = Arrays.copyOf(times, n);
            capLens = Arrays.copyOf(capLens, n);
            origLens = Arrays.copyOf(origLens, n);
            linkTypes = Arrays.copyOf(linkTypes, n);
            origins = Arrays.copyOf(origins, n);
        }
        offsets[count] = size;
        long s = f.time().getEpochSecond();
        if (Math.abs(s) < Long.MAX_VALUE / 1_000_000_000L - 1) times[count] = s * 1_000_000_000L + f.time().getNano();
        else farTimes.put(count, f.time());
        capLens[count] = f.data().length;
        origLens[count] = f.originalLength();
        linkTypes[count] = f.linkType();
        origins[count] = f.section() << 16 | (f.interfaceId() & 0xffff);
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
    public synchronized long footprint() { return (long) offsets.length * (8 + 8 + 4 * 4) + pending.length; }

    public synchronized Instant time(int number) {
        Instant far = farTimes.isEmpty() ? null : farTimes.get(number - 1);
        if (far != null) return far;
        long t = times[number - 1];
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    }

    public synchronized int originalLength(int number) { return origLens[number - 1]; }

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
            offset = offsets[i];
            f = new RawFrame(number, time(number), origLens[i], data, linkTypes[i], origins[i] & 0xffff, null,
                    origins[i] >>> 16);
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
}
