package tlslens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The frames a live capture hands to its reader (the window's dissector, the command line), in
 * capture order, never dropping one. Up to a budget of frames and bytes they wait in memory; past
 * it the queue keeps only where the next frame is in the capture file (every frame is written
 * there first) and the reader reads them back from the file, a chunk at a time, until it has
 * caught up. A slow reader therefore costs memory up to the budget and then disk reads, never
 * packets, and never slows the capture thread.
 *
 * <p>One producer (the capture thread) and one reader thread; {@link #size()} from anywhere.
 */
public final class PacketQueue {
    /** Bytes kept in memory at most (frame bytes plus an estimate of each frame's objects). */
    static final long MEMORY_BYTES = 64L << 20;
    private static final int FRAME_OVERHEAD = 128;
    /** How much of the file one read-back takes: more than the largest block (snaplen 262144). */
    private static final int READ_BACK = 1 << 20;
    private static final int EPB = 6;

    private final PcapngWriter writer;
    private final int maxFrames;
    private final long maxBytes;
    private final String iface;
    private final ArrayDeque<RawFrame> memory = new ArrayDeque<>();
    private final ArrayDeque<RawFrame> readBack = new ArrayDeque<>();
    private long memoryBytes;
    /** Frames only in the file: how many, where the first of them starts, its number. */
    private long spilled;
    private long spillOffset;
    private int spillNumber;
    private long spilledEver;
    private boolean ended;
    private FileChannel channel; // the reader's own view of the file, opened at the first spill

    /** A queue of at most {@code maxFrames} frames and {@link #MEMORY_BYTES} in memory, spilling to the writer's file. */
    PacketQueue(PcapngWriter writer, int maxFrames, String iface) {
        this(writer, maxFrames, MEMORY_BYTES, iface);
    }

    PacketQueue(PcapngWriter writer, int maxFrames, long maxBytes, String iface) {
        if (maxFrames < 1) throw new IllegalArgumentException("maxFrames " + maxFrames);
        this.writer = writer;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.iface = iface;
    }

    // ---- the capture thread ----------------------------------------------------------------

    /** A frame just written to the file at {@code offset}. Never blocks for long: at most a counter moves. */
    synchronized void add(RawFrame f, long offset) {
        long cost = cost(f);
        if (spilled == 0 && memory.size() < maxFrames && memoryBytes + cost <= maxBytes) {
            memory.add(f);
            memoryBytes += cost;
        } else {
            if (spilled == 0) {
                spillOffset = offset;
                spillNumber = f.number();
            }
            spilled++;
            spilledEver++;
        }
        notifyAll();
    }

    /** No more frames come (the capture ended); frames still waiting are still handed out. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    // ---- the reader -----------------------------------------------------------------------------

    /** The next frame, waiting up to {@code timeout} for one; null when none came. */
    public RawFrame poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (true) {
                RawFrame f = take();
                if (f != null) return f;
                if (spilled > 0) break;
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) return null;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        readBack();
        synchronized (this) {
            return take();
        }
    }

    /** The next frame if one is waiting, else null. */
    public RawFrame poll() {
        try {
            return poll(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Moves every waiting frame to {@code sink}; returns how many. */
    public int drainTo(Collection<? super RawFrame> sink) {
        int n = 0;
        for (RawFrame f; (f = poll()) != null; n++) sink.add(f);
        return n;
    }

    /** Frames waiting for the reader, in memory or only in the file. */
    public synchronized long size() { return readBack.size() + memory.size() + spilled; }

    public synchronized boolean isEmpty() { return size() == 0; }

    /** Frames that waited in the file rather than in memory since the capture started. */
    public synchronized long spilledEver() { return spilledEver; }

    private RawFrame take() {
        RawFrame f = readBack.poll();
        if (f != null) return f;
        f = memory.poll();
        if (f != null) memoryBytes -= cost(f);
        return f;
    }

    private static long cost(RawFrame f) { return f.data().length + FRAME_OVERHEAD; }

    /**
     * Reads the next spilled frames back from the file: only the reader moves spillOffset while
     * frames are spilled, so the file is read outside the lock. Frames the file lost (a failed
     * write) can't be read back; they are given up.
     */
    private void readBack() {
        long offset;
        int number;
        long wanted;
        synchronized (this) {
            offset = spillOffset;
            number = spillNumber;
            wanted = spilled;
        }
        ArrayDeque<RawFrame> got = new ArrayDeque<>();
        long next = offset;
        try {
            if (writer.bytesInFile() <= offset) writer.flush();
            long end = Math.min(writer.bytesInFile(), offset + READ_BACK);
            if (channel == null) channel = FileChannel.open(writer.file(), StandardOpenOption.READ);
            ByteBuffer b = ByteBuffer.allocate((int) (end - offset)).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && channel.read(b, offset + b.position()) > 0) { }
            b.flip();
            while (got.size() < wanted && b.remaining() >= 12) {
                int at = b.position();
                int type = b.getInt(at);
                int length = b.getInt(at + 4);
                if (length < 12 || length > b.remaining()) break;
                if (type == EPB) got.add(frame(b, at, number + got.size()));
                b.position(at + length);
                next = offset + b.position();
            }
        } catch (IOException e) {
            // Nothing more can be read back: the writer failed and cut the file.
        }
        synchronized (this) {
            if (got.isEmpty()) {
                spilled = 0; // unreadable: given up rather than waited for forever
            } else {
                readBack.addAll(got);
                spilled -= got.size();
                spillOffset = next;
                spillNumber = number + got.size();
            }
            if (spilled == 0) closeChannel();
        }
    }

    /** An Enhanced Packet Block as PcapngWriter wrote it (interface 0, nanoseconds). */
    private RawFrame frame(ByteBuffer b, int at, int number) {
        long ts = ((b.getInt(at + 12) & 0xffffffffL) << 32) | (b.getInt(at + 16) & 0xffffffffL);
        int captured = b.getInt(at + 20);
        int original = b.getInt(at + 24);
        byte[] data = new byte[captured];
        b.get(at + 28, data);
        Instant t = Instant.ofEpochSecond(Long.divideUnsigned(ts, 1_000_000_000L),
                Long.remainderUnsigned(ts, 1_000_000_000L));
        return new RawFrame(number, t, original, data, writer.linkType(), 0, iface);
    }

    private void closeChannel() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // Read-only; nothing lost.
        }
        channel = null;
    }
}
