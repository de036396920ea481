package tlslens.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FilterException;
import tlslens.engine.Engine;

/**
 * The display-filter compiler and evaluator: the input as filter text (deep nesting, long chains,
 * hostile {@code matches} patterns), compiled, then evaluated on every frame of a TLS 1.2 capture.
 */
class DisplayFilterFuzzTest {
    private static final List<FrameDissection> FRAMES = frames();

    static List<FrameDissection> frames() {
        List<FrameDissection> out = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/test/resources/captures/tls12_session_id.pcap"))) {
            Engine e = new Engine();
            RawFrame f;
            while ((f = r.next()) != null) out.add(e.dissect(f));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @FuzzTest(maxDuration = "20s")
    void displayFilter(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        FuzzContract.twice(data.length, new FuzzContract.Bounds(16 << 20, 16384, 64 << 10, 256), () -> {
            DisplayFilter f;
            try {
                f = DisplayFilter.compile(text);
            } catch (FilterException e) {
                return "error " + e.describe(text);
            }
            StringBuilder sb = new StringBuilder("ok ");
            for (FrameDissection fd : FRAMES) sb.append(f.matches(fd) ? '1' : '0');
            return sb.toString();
        });
    }
}
