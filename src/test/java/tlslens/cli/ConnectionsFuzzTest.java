package tlslens.cli;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.CaptureException;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.Engine;
import tlslens.fuzz.FuzzContract;

/** The --connections analysis of a capture file: its text and JSON outputs. */
class ConnectionsFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void connections(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        FuzzContract.twice(data.length, FuzzContract.Bounds.DISSECTOR, () -> {
            try (CaptureFileReader r = CaptureFileReader.open(new ByteArrayInputStream(data), "fuzz", null)) {
                Engine e = new Engine().interfaces(r.interfaces());
                RawFrame f;
                int n = 0;
                while (n++ < 2000 && (f = r.next()) != null) e.dissect(f);
                List<Connection> all = new ArrayList<>(ConnectionAnalyzer.analyze(e.connections()));
                return ConnectionTable.write(all) + ConnectionJson.write(all);
            } catch (CaptureException ex) {
                return "refused: " + ex.getMessage();
            }
        });
    }
}
