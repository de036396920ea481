package tlslens.fuzz;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.capture.RawFrame;
import tlslens.engine.Engine;

/**
 * A TCP stream pair into reassembly: the control byte of each chunk gives the direction (bit 0) and
 * the TCP flags (bits 1-5: FIN SYN RST PSH ACK); its first two bytes a signed offset from the
 * direction's next expected sequence number (gaps, overlaps, retransmissions), the rest the payload.
 */
class TcpStreamFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void tcpStreams(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        List<RawFrame> frames = frames(data);
        FuzzContract.twice(FuzzContract.size(data, frames), FuzzContract.Bounds.DISSECTOR, () -> FuzzContract.dissect(new Engine(), frames));
    }

    static List<RawFrame> frames(byte[] data) {
        List<RawFrame> frames = new ArrayList<>();
        long[] next = {1000, 5000};
        for (Chunks.Chunk c : Chunks.parse(data)) {
            byte[] b = c.bytes();
            int d = c.dir();
            int flags = (c.control() >> 1) & 0x1f;
            int delta = b.length >= 2 ? (short) (((b[0] & 0xff) << 8) | (b[1] & 0xff)) : 0;
            int len = Math.max(0, b.length - 2);
            long seq = (next[d] + delta) & 0xffffffffL;
            frames.add(Frames.tcp(frames.size() + 1, d, seq, next[1 - d], flags, b, b.length - len, len));
            long end = seq + len + ((flags & (Frames.SYN | Frames.FIN)) != 0 ? 1 : 0);
            if (end > next[d]) next[d] = end;
        }
        return frames;
    }
}
