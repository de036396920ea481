package tlslens.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

    private final OutputStream out;
    private final int linkType;
    private final ByteBuffer header = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    private long frames;
    private boolean closed;

    public PcapngWriter(Path file, int linkType, String interfaceName) throws IOException {
        this(file, linkType, interfaceName, DEFAULT_SNAPLEN);
    }

    public PcapngWriter(Path file, int linkType, String interfaceName, int snaplen) throws IOException {
        this.linkType = linkType;
        // FileOutputStream, not Files.newOutputStream: a FileChannel closes itself when the writing
        // thread is interrupted, which would lose the rest of a capture.
        this.out = new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 18);
        boolean ok = false;
        try {
            out.write(sectionHeader());
            out.write(interfaceDescription(linkType, snaplen, interfaceName));
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
        out.write(DecryptionSecrets.tlsKeyLogBlock(nssKeyLog));
    }

    /** Frames written so far. */
    public synchronized long count() { return frames; }

    /** Appends one frame as an Enhanced Packet Block on interface 0. */
    public synchronized void write(RawFrame f) throws IOException {
        if (closed) throw new IOException("The capture file is closed.");
        if (f.linkType() != linkType) {
            throw new IOException("Frame " + f.number() + " has link type " + f.linkType() + ", the file " + linkType + ".");
        }
        byte[] data = f.data();
        int pad = (4 - (data.length & 3)) & 3;
        int total = 28 + data.length + pad + 4;
        long ts = nanos(f.time());
        header.clear();
        header.putInt(EPB).putInt(total).putInt(0)
                .putInt((int) (ts >>> 32)).putInt((int) ts)
                .putInt(data.length).putInt(Math.max(f.originalLength(), data.length));
        out.write(header.array(), 0, 28);
        out.write(data);
        out.write(PADDING, 0, pad);
        header.clear();
        header.putInt(total);
        out.write(header.array(), 0, 4);
        frames++;
    }

    /** Hands what was written to the operating system, so it survives the process dying. */
    public synchronized void flush() throws IOException {
        if (!closed) out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

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
