package tlslens.dissect.filter;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.engine.Engine;

/**
 * End to end: the engine's trees filtered by our display filters select exactly the frames tshark
 * selects with the same filter (golden files of src/test/scripts/make-filter-golden.sh).
 */
@UsesPublicCaptures
class EngineFilterGoldenTest {
    private static final Path PUBLIC = PublicCaptures.DIR;

    @Test
    void zeekTls12Decryption() throws Exception { check("zeek_tls12-decryption.pcap"); }

    @Test
    void zeekTls13Psk() throws Exception { check("zeek_tls13_psk_succesfull.pcap"); }

    private void check(String capture) throws Exception {
        Path cap = PUBLIC.resolve(capture);
        assertTrue(Files.exists(cap), "public capture missing: " + cap.toAbsolutePath());
        List<FrameDissection> frames = new ArrayList<>();
        Engine engine = new Engine();
        try (CaptureFileReader r = CaptureFileReader.open(cap)) {
            for (RawFrame f; (f = r.next()) != null; ) frames.add(engine.dissect(f));
        }
        String base = capture.replaceAll("\\.pcap(ng)?$", "");
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/filter", base + ".golden.tsv"));
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#")) continue;
            String[] c = line.split("\t", -1);
            if (!c[1].equals("OK")) continue;
            compared++;
            String ours;
            try {
                DisplayFilter f = DisplayFilter.compile(c[0]);
                StringJoiner j = new StringJoiner(",");
                for (FrameDissection fd : frames) if (f.matches(fd)) j.add(Integer.toString(fd.number));
                ours = j.toString();
            } catch (FilterException e) {
                ours = "ERROR " + e.getMessage();
            }
            if (!ours.equals(c[2])) mismatches.add(c[0] + "\n    ours:   " + ours + "\n    tshark: " + c[2]);
        }
        System.out.printf("%s: %d/%d filters select the same frames as tshark%n", capture,
                compared - mismatches.size(), compared);
        assertTrue(compared > 50, "golden file has too few filters: " + compared);
        assertEquals("", String.join("\n", mismatches));
    }
}
