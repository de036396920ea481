package tlslens.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.capture.RawFrame;
import tlslens.engine.Engine;

/**
 * Handshake messages: each chunk's bytes are handshake messages (type, 24-bit length, body) that
 * this target puts into handshake records (version from the control byte's bits 1-2: TLS 1.0-1.3
 * record versions) of at most 2^14 bytes, one TCP segment per chunk.
 */
class HandshakeMessageFuzzTest {
    private static final int[] VERSIONS = {0x0303, 0x0301, 0x0302, 0x0300};

    @FuzzTest(maxDuration = "20s")
    void handshakeMessages(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        List<Chunks.Chunk> chunks = new ArrayList<>();
        for (Chunks.Chunk c : Chunks.parse(data)) chunks.add(new Chunks.Chunk(c.control(), records(c)));
        List<RawFrame> frames = Chunks.segments(chunks);
        FuzzContract.twice(FuzzContract.size(data, frames), FuzzContract.Bounds.DISSECTOR, () -> FuzzContract.dissect(new Engine(), frames));
    }

    static byte[] records(Chunks.Chunk c) {
        int version = VERSIONS[(c.control() >> 1) & 3];
        byte[] b = c.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        do {
            int n = Math.min(1 << 14, b.length - i);
            out.write(22);
            out.write(version >> 8);
            out.write(version);
            out.write(n >> 8);
            out.write(n);
            out.write(b, i, n);
            i += n;
        } while (i < b.length);
        return out.toByteArray();
    }
}
