package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * "-O tls" for the classic case (TLS 1.2 full handshake, then resumption with a ticket): every
 * frame's TLS subtree must print exactly the lines tshark prints (golden NAME.Otls.txt).
 */
class OtlsComparisonTest {
    static final String CAPTURE = "tls12_full_then_ticket";

    @Test
    void tlsSubtreesEqualTsharks() throws IOException {
        Path cap = CliRunner.CAPTURES.resolve(CAPTURE + ".pcapng");
        Path golden = CliRunner.GOLDEN.resolve(CAPTURE + ".Otls.txt");
        assertTrue(Files.exists(golden), "no tshark golden " + golden + ": run src/test/scripts/make-golden.sh");
        List<String> args = new ArrayList<>(List.of("-r", cap.toString()));
        args.addAll(GoldenSupport.COMMON);
        args.addAll(List.of("-O", "tls"));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());

        Map<String, List<String>> expected = tlsBlocks(Files.readString(golden));
        Map<String, List<String>> actual = tlsBlocks(r.out());
        KnownDivergences known = KnownDivergences.load();
        int extra = 0;
        for (List<String> lines : actual.values()) {
            int before = lines.size();
            lines.removeIf(l -> known.isExtraTreeLine(CAPTURE, l));
            extra += before - lines.size();
        }
        assertTrue(expected.values().stream().anyMatch(l -> !l.isEmpty()), "the golden has no TLS subtree");
        int equal = 0, compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            List<String> exp = e.getValue();
            List<String> act = actual.getOrDefault(e.getKey(), List.of());
            // Align by longest common subsequence, so one extra line doesn't shift all that follow.
            List<String> script = LineDiff.diff(exp, act);
            for (String d : script) {
                compared++;
                if (d.startsWith(" ")) equal++;
                else if (diffs.size() < 20) diffs.add("frame " + e.getKey() + " " + (d.startsWith("-") ? "tshark only: "
                        : "tlslens only:") + d.substring(1));
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "frames printed");
        AgreementReport.addLine("-O tls", CAPTURE + " (tree lines)", equal, compared, extra,
                equal == compared ? "" : "DIFF");
        if (equal != compared) {
            AgreementReport.addDetail("-O tls/" + CAPTURE + ": " + equal + "/" + compared + " TLS tree lines equal\n  "
                    + String.join("\n  ", diffs));
        }
        assertEquals(compared, equal, "TLS subtree lines equal: " + equal + "/" + compared + "\n  "
                + String.join("\n  ", diffs));
    }

    /** Frame number -> the lines of its top-level TLS items and their subtrees. */
    static Map<String, List<String>> tlsBlocks(String text) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        List<String> current = null;
        boolean inTls = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("Frame ") && line.indexOf(':') > 6) {
                current = new ArrayList<>();
                blocks.put(line.substring(6, line.indexOf(':')), current);
                inTls = false;
                continue;
            }
            if (current == null) continue;
            if (!line.startsWith(" ") && !line.isEmpty()) {
                inTls = line.startsWith("Transport Layer Security") || line.startsWith("Secure Sockets Layer");
            }
            if (inTls && !line.isEmpty()) current.add(line);
        }
        return blocks;
    }

    @AfterAll
    static void writeReport() throws IOException {
        AgreementReport.write();
    }
}
