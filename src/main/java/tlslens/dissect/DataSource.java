package tlslens.dissect;

import java.util.List;

/**
 * A byte buffer that tree nodes point into: the frame itself (source 0), or a buffer reassembled
 * from several frames ("Reassembled TCP", "Reassembled TLS Handshake"), with a map back to frames.
 */
public record DataSource(String name, byte[] bytes, List<Chunk> chunks) {

    /** {@code length} bytes at {@code sourceOffset} of this buffer came from {@code frameOffset} of frame {@code frameNumber}. */
    public record Chunk(int frameNumber, int frameOffset, int sourceOffset, int length) {}

    public int length() { return bytes.length; }

    /** The chunk holding byte {@code offset} of this source, or null (the frame source has no chunks). */
    public Chunk chunkAt(int offset) {
        for (Chunk c : chunks) {
            if (offset >= c.sourceOffset && offset < c.sourceOffset + c.length) return c;
        }
        return null;
    }
}
