package tlslens.ui.model;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.Severity;
import tlslens.engine.CaptureIndex;

/** The Expert Information entries, built as the window's loader builds them, against tshark -z expert. */
public class ExpertSummaryTest {
    private static final Pattern SECTION = Pattern.compile("^(Errors|Warns|Notes|Chats) \\((\\d+)\\)$");
    private static final Pattern LINE = Pattern.compile("^\\s+(\\d+)\\s+(\\S+(?: \\S+)?)\\s{2,}(\\S+)\\s{2}(.*)$");

    /** Sums the notes of the full trees (what the loader's pass after a light load reads). */
    public static ExpertSummary load(Path file) throws Exception {
        ExpertSummary s = new ExpertSummary();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            CaptureIndex index = new CaptureIndex(r.linkType()).interfaces(r.interfaces());
            RawFrame f;
            while ((f = r.next()) != null) {
                FrameDissection fd = index.add(f, true);
                s.addFrame(fd.number, fd.root);
            }
            if (r.warning() != null) s.addCaptureWarning(r.warning());
        }
        return s;
    }

    /** "Warning/Sequence/TCP/D-SACK Sequence" → count, from tshark -q -z expert. */
    public static Map<String, Integer> tshark(Path file) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", file.toString(), "-q", "-z", "expert")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Integer> out = new TreeMap<>();
        String severity = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Matcher m = SECTION.matcher(line);
                if (m.matches()) {
                    severity = switch (m.group(1)) {
                        case "Errors" -> Severity.ERROR.label;
                        case "Warns" -> Severity.WARN.label;
                        case "Notes" -> Severity.NOTE.label;
                        default -> Severity.CHAT.label;
                    };
                    continue;
                }
                Matcher l = LINE.matcher(line);
                if (severity != null && l.matches() && !line.contains("Frequency")) {
                    out.merge(severity + "/" + l.group(2) + "/" + l.group(3) + "/" + l.group(4).strip(), Integer.parseInt(l.group(1)), Integer::sum);
                }
            }
        }
        p.waitFor();
        return out;
    }

    public static Map<String, Integer> ours(ExpertSummary s) {
        Map<String, Integer> out = new TreeMap<>();
        for (ExpertSummary.Entry e : s.entries()) {
            if (e.frames().isEmpty()) continue; // capture-level: tshark prints those on stderr
            out.merge(e.severity().label + "/" + e.group() + "/" + e.protocol() + "/" + e.summary(), e.count(), Integer::sum);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/captures/tls_alert.pcapng", "src/test/resources/captures/tls12_split_records.pcap"})
    void countsPerSeverityGroupProtocolAndSummaryAreTsharks(String file) throws Exception {
        countsAreTsharks(file);
    }

    @Test
    @UsesPublicCaptures
    void countsAreTsharksOnAPublicCapture() throws Exception {
        countsAreTsharks(PublicCaptures.of("zeek_tls12-decryption.pcap").toString());
    }

    private static void countsAreTsharks(String file) throws Exception {
        Map<String, Integer> expected = tshark(Path.of(file));
        assertFalse(expected.isEmpty(), "tshark reports notes for " + file);
        Map<String, Integer> ours = ours(load(Path.of(file)));
        assertFalse(ours.isEmpty());
        for (Map.Entry<String, Integer> e : ours.entrySet()) {
            assertEquals(expected.get(e.getKey()), e.getValue(), "count of " + e.getKey() + " (tshark: " + expected + ")");
        }
        Map<String, Integer> missing = new TreeMap<>(expected);
        missing.keySet().removeAll(ours.keySet());
        assertEquals(Map.of(), missing, "tshark's notes we lack");
    }

    @Test
    void aTruncatedFileIsAWarningOfTheCaptureAndTheIndicatorSaysSo() throws Exception {
        ExpertSummary s = load(Path.of("src/test/resources/captures/truncated.pcap"));
        ExpertSummary.Entry top = s.entries().get(0);
        assertEquals(Severity.WARN, top.severity());
        assertTrue(top.summary().contains("cut short"), top.summary());
        assertTrue(top.frames().isEmpty());
        assertEquals(Severity.WARN, s.highest());
        assertTrue(s.indicatorText().startsWith("1 warning"), s.indicatorText());
        s.clear();
        assertNull(s.highest());
        assertEquals("No expert notes", s.indicatorText());
    }
}
