package tlslens.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a classic pcap file with the nanosecond magic 0xa1b23c4d (little-endian), for tools that
 * don't read pcapng. Timestamps are seconds as an unsigned 32-bit number (up to 2106).
 */
public final class PcapWriter implements Closeable {
    private static final int MAGIC_NANOS = 0xa1b23c4d;

    private final OutputStream out;
    private final int linkType;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    private boolean closed;

    public PcapWriter(Path file, int linkType) throws IOException {
        this.linkType = linkType;
        this.out = new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 18);
        header.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(PcapngWriter.DEFAULT_SNAPLEN).putInt(linkType);
        try {
            out.write(header.array(), 0, 24);
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    public synchronized void write(RawFrame f) throws IOException {
        if (closed) throw new IOException("The capture file is closed.");
        if (f.linkType() != linkType) {
            throw new IOException("Frame " + f.number() + " has link type " + f.linkType() + ", the file " + linkType + ".");
        }
        byte[] data = f.data();
        header.clear();
        header.putInt((int) f.time().getEpochSecond()).putInt(f.time().getNano())
                .putInt(data.length).putInt(Math.max(f.originalLength(), data.length));
        out.write(header.array(), 0, 16);
        out.write(data);
    }

    public synchronized void flush() throws IOException {
        if (!closed) out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }
}
