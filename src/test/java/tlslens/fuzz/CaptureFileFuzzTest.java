package tlslens.fuzz;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.capture.CaptureException;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.Engine;

/**
 * pcap and pcapng files (plain or compressed) through the streaming reader that the window, the
 * command line and the Decryption Secrets scan use, then every frame through the engine.
 */
class CaptureFileFuzzTest {
    static final int MAX_FRAMES = 2000;

    @FuzzTest(maxDuration = "20s")
    void captureFile(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        FuzzContract.twice(data.length, FuzzContract.Bounds.DISSECTOR, () -> read(data));
    }

    static String read(byte[] data) {
        List<RawFrame> frames = new ArrayList<>();
        String end;
        try (CaptureFileReader r = CaptureFileReader.open(new ByteArrayInputStream(data), "fuzz", null)) {
            RawFrame f;
            while (frames.size() < MAX_FRAMES && (f = r.next()) != null) {
                if (f.data().length > CaptureFileReader.MAX_PACKET) throw new AssertionError("frame of " + f.data().length + " bytes");
                if (f.data().length > data.length) throw new AssertionError("frame longer than the file");
                frames.add(f);
            }
            end = r.warning() + " " + r.interfaces() + " " + r.linkType() + " " + r.decryptionSecrets().size();
            return FuzzContract.dissect(new Engine().interfaces(r.interfaces()), frames) + end;
        } catch (CaptureException e) {
            return "refused: " + e.getMessage();
        }
    }
}
