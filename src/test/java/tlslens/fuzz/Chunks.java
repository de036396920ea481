package tlslens.fuzz;

import java.util.ArrayList;
import java.util.List;

import tlslens.capture.RawFrame;

/**
 * The input format of the stream targets: chunks of {@code [direction/flags byte][length, 2 bytes][bytes]},
 * direction 0 the client. Seeds are written in it by src/test/scripts/fuzz-seeds.py.
 */
final class Chunks {
    record Chunk(int control, byte[] bytes) {
        int dir() { return control & 1; }
    }

    static final int MAX_CHUNKS = 512;

    private Chunks() {}

    static List<Chunk> parse(byte[] data) {
        List<Chunk> out = new ArrayList<>();
        int i = 0;
        while (i + 3 <= data.length && out.size() < MAX_CHUNKS) {
            int control = data[i] & 0xff;
            int len = Math.min(((data[i + 1] & 0xff) << 8) | (data[i + 2] & 0xff), data.length - i - 3);
            byte[] b = new byte[len];
            System.arraycopy(data, i + 3, b, 0, len);
            out.add(new Chunk(control, b));
            i += 3 + len;
        }
        return out;
    }

    /** A three-way handshake, then each chunk as one segment in order (seq and ack as a clean connection has them). */
    static List<RawFrame> segments(List<Chunk> chunks) {
        List<RawFrame> frames = new ArrayList<>();
        long[] next = {1000, 5000};
        frames.add(Frames.tcp(1, 0, next[0] - 1, 0, Frames.SYN, new byte[0]));
        frames.add(Frames.tcp(2, 1, next[1] - 1, next[0], Frames.SYN | Frames.ACK, new byte[0]));
        frames.add(Frames.tcp(3, 0, next[0], next[1], Frames.ACK, new byte[0]));
        for (Chunk c : chunks) {
            int d = c.dir();
            frames.add(Frames.tcp(frames.size() + 1, d, next[d], next[1 - d], Frames.PSH | Frames.ACK, c.bytes()));
            next[d] += c.bytes().length;
        }
        return frames;
    }
}
