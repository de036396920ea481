package tlslens.fuzz;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.capture.RawFrame;
import tlslens.engine.Engine;

/** TLS records: each chunk's bytes are one TCP segment of port 443 in its direction, in order. */
class TlsRecordFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void tlsRecords(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        List<RawFrame> frames = Chunks.segments(Chunks.parse(data));
        FuzzContract.twice(FuzzContract.size(data, frames), FuzzContract.Bounds.DISSECTOR, () -> FuzzContract.dissect(new Engine(), frames));
    }
}
