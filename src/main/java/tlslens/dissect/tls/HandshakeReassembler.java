package tlslens.dissect.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlslens.dissect.DataSource;

/**
 * One direction's handshake message that is split over several records: the bytes that have
 * arrived so far, where they came from (for the hex pane), and the fragments for the
 * "[N Reassembled Handshake Fragments ...]" tree. The buffer grows with the data that arrives and
 * never beyond the message's declared length.
 */
final class HandshakeReassembler {
    /** The largest handshake message we reassemble (a 339 KB certificate chain is real). */
    static final int MAX_MESSAGE = 2 * 1024 * 1024 + 4;

    /** One record's contribution: the frame it arrived in and its length. */
    record Fragment(int frame, int length) {}

    private byte[] buf = new byte[0];
    private int size;
    private final List<DataSource.Chunk> chunks = new ArrayList<>();
    private final List<Fragment> fragments = new ArrayList<>();
    private boolean active;

    boolean active() { return active; }

    int size() { return size; }

    /** Bytes allocated for the buffer (for tests: never much more than what arrived). */
    int capacity() { return buf.length; }

    /** Handshake type of the message being reassembled, or -1 before its first byte arrived. */
    int type() { return size > 0 ? buf[0] & 0xff : -1; }

    /** Total message length (header included) once its 4-byte header is known, else -1. */
    int messageLength() {
        if (size < 4) return -1;
        return 4 + (((buf[1] & 0xff) << 16) | ((buf[2] & 0xff) << 8) | (buf[3] & 0xff));
    }

    void start() {
        reset();
        active = true;
    }

    /** Appends bytes of one record; {@code frameChunks} map them back to frames (their source offsets are ignored). */
    void append(int frame, byte[] data, int off, int len, List<DataSource.Chunk> frameChunks) {
        if (len <= 0) return;
        int want = size + len;
        int cap = messageLength() > 0 ? Math.min(messageLength(), MAX_MESSAGE) : MAX_MESSAGE;
        if (want > cap) len = Math.max(0, cap - size);
        if (len <= 0) return;
        if (size + len > buf.length) {
            int grown = Math.max(size + len, Math.min(cap, Math.max(256, buf.length * 2)));
            buf = Arrays.copyOf(buf, grown);
        }
        System.arraycopy(data, off, buf, size, len);
        int pos = size;
        for (DataSource.Chunk c : frameChunks) {
            if (pos >= size + len) break;
            int l = Math.min(c.length(), size + len - pos);
            chunks.add(new DataSource.Chunk(c.frameNumber(), c.frameOffset(), pos, l));
            pos += l;
        }
        size += len;
        fragments.add(new Fragment(frame, len));
    }

    /** True when the declared length has arrived. */
    boolean complete() {
        int m = messageLength();
        return m > 0 && size >= m;
    }

    byte[] bytes() { return Arrays.copyOf(buf, size); }

    List<DataSource.Chunk> chunks() { return List.copyOf(chunks); }

    List<Fragment> fragments() { return List.copyOf(fragments); }

    void reset() {
        buf = new byte[0];
        size = 0;
        chunks.clear();
        fragments.clear();
        active = false;
    }
}
