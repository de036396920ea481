package tlslens.dissect.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The decrypted application data of one connection, record by record in capture order, for
 * "Follow TLS stream". Bounded: past {@link #MAX_BYTES} further records are counted, not kept.
 */
public final class PlaintextLog {
    public static final int MAX_BYTES = 16 << 20;

    /** One decrypted application_data record: direction (0 = TCP initiator), frame, plaintext. */
    public record Chunk(int direction, long frame, byte[] data) {}

    private final List<Chunk> chunks = new ArrayList<>();
    private long bytes;
    private long dropped;

    synchronized void add(int direction, long frame, byte[] data) {
        if (bytes + data.length > MAX_BYTES) {
            dropped += data.length;
            return;
        }
        chunks.add(new Chunk(direction, frame, data));
        bytes += data.length;
    }

    public synchronized List<Chunk> chunks() { return Collections.unmodifiableList(new ArrayList<>(chunks)); }

    /** All plaintext sent in one direction, concatenated. */
    public synchronized byte[] bytes(int direction) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Chunk c : chunks) if (c.direction() == direction) out.writeBytes(c.data());
        return out.toByteArray();
    }

    /** Bytes not kept because the bound was reached. */
    public synchronized long droppedBytes() { return dropped; }
}
