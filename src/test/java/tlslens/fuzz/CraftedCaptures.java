package tlslens.fuzz;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tlslens.capture.CaptureCraft;

/** Small captures made at test time: one TCP connection 10.0.0.1:40000 -> 10.0.0.2:443 (raw IP) with given payloads. */
public final class CraftedCaptures {
    private CraftedCaptures() {}

    /**
     * A pcap (µs, raw IP) of a three-way handshake, then each payload as one segment; payloads[i][0]
     * is the direction byte (0 client, 1 server), the rest the segment's bytes.
     */
    public static Path connection(Path out, byte[]... payloads) throws IOException {
        List<CaptureCraft.PcapRecord> recs = new ArrayList<>();
        long[] next = {1000, 5000};
        List<byte[]> frames = new ArrayList<>();
        frames.add(FuzzFrames.tcp(0, next[0] - 1, 0, Frames.SYN));
        frames.add(FuzzFrames.tcp(1, next[1] - 1, next[0], Frames.SYN | Frames.ACK));
        frames.add(FuzzFrames.tcp(0, next[0], next[1], Frames.ACK));
        for (byte[] p : payloads) {
            int d = p[0];
            byte[] body = java.util.Arrays.copyOfRange(p, 1, p.length);
            frames.add(FuzzFrames.tcp(d, next[d], next[1 - d], Frames.PSH | Frames.ACK, body));
            next[d] += body.length;
        }
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            recs.add(new CaptureCraft.PcapRecord(1_700_000_000L, i * 1000L, f.length, f.length, f));
        }
        CaptureCraft.writePcap(out, ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 4, 262144, 101, recs);
        return out;
    }

    /** A direction byte before bytes. */
    public static byte[] from(int dir, byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.write(dir);
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
