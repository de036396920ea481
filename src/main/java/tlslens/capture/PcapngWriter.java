package tlslens.capture;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a pcapng file: a Section Header Block, one Interface Description Block (link type,
 * snaplen, if_tsresol = 9 so timestamps keep their nanoseconds) and an Enhanced Packet Block per
 * frame, in little-endian order. Thread-safe: the live capture writes from its thread and flushes
 * from another.
 *
 * <p>Blocks are buffered whole and handed to the system whole, so when a write fails (a full disk)
 * the file is cut back to the last block that was written completely: what it keeps reads cleanly.
 * Time stamps are nanoseconds since 1970 as an unsigned 64-bit number, wrapping as Wireshark's
 * writer does ({@code secs * 10^9 + nsecs} in a guint64): frames up to 2554 keep their time,
 * beyond that the time wraps instead of the writer failing.
 */
public final class PcapngWriter implements Closeable {
    /** The snaplen dumpcap and tcpdump write for a capture without a limit. */
    public static final int DEFAULT_SNAPLEN = 262144;
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final byte[] PADDING = new byte[4];

    /** Bytes buffered before they are handed to the system (blocks are never split across two writes). */
    static final int BUFFER = 1 << 18;

    private final FileOutputStream out;
    private final Path file;
    private final int linkType;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long frames;
    /** Bytes and frames the system has: the file's length once flushed. */
    private long written;
    private long writtenFrames;
    private long bufferedFrames;
    private IOException failed;
    private boolean closed;

    public PcapngWriter(Path file, int linkType, String interfaceName) throws IOException {
        this(file, linkType, interfaceName, DEFAULT_SNAPLEN);
    }

    public PcapngWriter(Path file, int linkType, String interfaceName, int snaplen) throws IOException {
        this.linkType = linkType;
        this.file = file;
        // FileOutputStream, not Files.newOutputStream: a FileChannel closes itself when the writing
        // thread is interrupted, which would lose the rest of a capture.
        this.out = new FileOutputStream(file.toFile());
        boolean ok = false;
        try {
            block(sectionHeader());
            block(interfaceDescription(linkType, snaplen, interfaceName));
            flush();
            ok = true;
        } finally {
            if (!ok) out.close();
        }
    }

    public int linkType() { return linkType; }

    /**
     * Writes a Decryption Secrets Block with this NSS key log text (only on the user's request:
     * whoever has the file can decrypt those connections). Wireshark reads secrets that precede
     * the packets they decrypt, so write it before them.
     */
    public synchronized void writeTlsKeyLog(String nssKeyLog) throws IOException {
        usable();
        block(DecryptionSecrets.tlsKeyLogBlock(nssKeyLog));
    }

    /** Frames written so far (some may still be in the buffer). */
    public synchronized long count() { return frames; }

    /** Frames the system has (all of them after {@link #flush()}; after a failed write, those the file keeps). */
    public synchronized long framesInFile() { return writtenFrames; }

    /** The file's length as the system has it: every block before this offset is complete. */
    public synchronized long bytesInFile() { return written; }

    /**
     * Appends one frame as an Enhanced Packet Block on interface 0 and returns the block's offset
     * in the file (where {@link PcapngFrames} reads it back).
     */
    public synchronized long write(RawFrame f) throws IOException {
        usable();
        if (f.linkType() != linkType) {
            throw new IOException("Frame " + f.number() + " has link type " + f.linkType() + ", the file " + linkType + ".");
        }
        byte[] data = f.data();
        int pad = (4 - (data.length & 3)) & 3;
        int total = 28 + data.length + pad + 4;
        if (total > buffer.remaining()) flushBuffer();
        long offset = written + buffer.position();
        long ts = nanos(f.time());
        if (total > buffer.capacity()) {
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            epb(b, data, pad, total, ts, f.originalLength());
            handOver(b.array(), total, 1);
        } else {
            epb(buffer, data, pad, total, ts, f.originalLength());
            bufferedFrames++;
        }
        frames++;
        return offset;
    }

    private static void epb(ByteBuffer b, byte[] data, int pad, int total, long ts, int originalLength) {
        b.putInt(EPB).putInt(total).putInt(0)
                .putInt((int) (ts >>> 32)).putInt((int) ts)
                .putInt(data.length).putInt(Math.max(originalLength, data.length))
                .put(data).put(PADDING, 0, pad).putInt(total);
    }

    /** Hands what was written to the operating system, so it survives the process dying. */
    public synchronized void flush() throws IOException {
        if (closed) return;
        usable();
        flushBuffer();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        try {
            if (failed == null) flushBuffer();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void usable() throws IOException {
        if (closed) throw new IOException("The capture file is closed.");
        if (failed != null) throw new IOException(failed.getMessage(), failed);
    }

    private void block(byte[] b) throws IOException {
        if (b.length > buffer.remaining()) flushBuffer();
        if (b.length > buffer.capacity()) handOver(b, b.length, 0);
        else buffer.put(b);
    }

    private void flushBuffer() throws IOException {
        if (buffer.position() == 0) return;
        int n = buffer.position();
        long f = bufferedFrames;
        buffer.clear();
        bufferedFrames = 0;
        handOver(buffer.array(), n, f);
    }

    /**
     * Writes whole blocks; when the system refuses them (ENOSPC, EIO), cuts the file back to the
     * blocks written before, so a reader sees a clean end, and refuses every later write.
     */
    private void handOver(byte[] bytes, int length, long frameCount) throws IOException {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            failed = e;
            try {
                out.getChannel().truncate(written);
            } catch (IOException | RuntimeException ignored) {
                // The blocks before are whole; a reader reports the cut one.
            }
            throw e;
        }
        written += length;
        writtenFrames += frameCount;
    }

    /** Time as {@code seconds * 10^9 + nanos} modulo 2^64, read as unsigned: Wireshark's arithmetic. */
    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    Path file() { return file; }

    private static byte[] sectionHeader() {
        byte[] app = "TLS Lens".getBytes(StandardCharsets.UTF_8);
        int optLen = option(app.length) + 4;
        ByteBuffer b = ByteBuffer.allocate(28 + optLen).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(SHB).putInt(b.capacity()).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0)
                .putLong(-1L); // section length not known while writing
        putOption(b, SHB_USERAPPL, app);
        b.putShort((short) OPT_END).putShort((short) 0);
        b.putInt(b.capacity());
        return b.array();
    }

    private static byte[] interfaceDescription(int linkType, int snaplen, String name) {
        byte[] nameBytes = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
        int optLen = option(1) + 4 + (nameBytes == null ? 0 : option(nameBytes.length));
        ByteBuffer b = ByteBuffer.allocate(20 + optLen).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(IDB).putInt(b.capacity()).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (nameBytes != null) putOption(b, IF_NAME, nameBytes);
        putOption(b, IF_TSRESOL, new byte[] {9}); // 10^-9 s
        b.putShort((short) OPT_END).putShort((short) 0);
        b.putInt(b.capacity());
        return b.array();
    }

    private static int option(int valueLength) { return 4 + ((valueLength + 3) & ~3); }

    private static void putOption(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        b.put(PADDING, 0, (4 - (value.length & 3)) & 3);
    }
}
