package tlslens.cli;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Below TLS, the tree a Wireshark user reads first: every frame's Frame item (with its pcapng
 * interface), link layer (Ethernet, Linux cooked, raw IP), IPv4/IPv6 and TCP subtrees of
 * {@code -V -n} must print exactly tshark's lines,
 * for each of our captures (tshark runs here; it is the reference). Left out on both sides, and
 * only these: tshark's TCP conversation analysis, which TLS Lens does not do (the
 * "[Conversation completeness", "[SEQ/ACK analysis]" and "[TCP Analysis Flags]" items with their
 * subtrees), the payload line of retransmitted or reassembled segments whose wording follows
 * that analysis ("TCP payload" / "TCP segment data" / "Retransmitted TCP segment data"), the PDU
 * sizes HTTP/2 reports to TCP (HTTP/2 is not dissected), Ethernet trailers that are not zero
 * padding (tshark guesses whether they hold an FCS), "Protocols in frame", where tshark also
 * lists the X.509 sub-dissectors of a certificate, and pcapng per-packet flags (the file reader
 * does not pass them on yet).
 */
class LowerLayersAgreementTest {
    /** Top-level items compared (their whole subtrees). */
    private static final List<String> LAYERS = List.of("Ethernet II", "Linux cooked capture", "Raw packet data", "User Datagram Protocol",
            "Null/Loopback", "Internet Protocol Version 4", "Internet Protocol Version 6", "Transmission Control Protocol");
    private static final List<String> NOT_DONE = List.of(
            // The segment data TCP's reassembly shows beside the PDU that continues in a later segment.
            "TCP segment data (",
            // HTTP/2 (inside decrypted TLS) reports its frames to TCP; TLS Lens does not dissect HTTP/2.
            "[PDU Size: ",
            // Ethernet trailers other than zero padding: tshark guesses whether they end with an FCS.
            "Trailer: ", "Frame check sequence: ", "[FCS Status: ",
            // tshark lists the X.509 sub-dissectors a certificate called (x509sat, x509ce, pkcs-1...).
            "[Protocols in frame",
            // pcapng per-packet options (epb_flags): the file reader does not pass them on yet.
            "Packet flags: ");

    @BeforeAll
    static void tshark() throws Exception {
        GoldenSupport.requireTshark();
    }

    static Stream<Path> captures() throws IOException {
        return GoldenSupport.capturesIn(CliRunner.CAPTURES).stream();
    }

    static Stream<Path> publicCaptures() throws IOException {
        return GoldenSupport.capturesIn(PublicCaptures.dir()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicCaptures")
    @UsesPublicCaptures
    void ethernetIpAndTcpSubtreesEqualTsharksOnPublicCaptures(Path capture) throws Exception {
        ethernetIpAndTcpSubtreesEqualTsharks(capture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void ethernetIpAndTcpSubtreesEqualTsharks(Path capture) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString(), "-n", "-V"));
        args.addAll(GoldenSupport.COMMON);
        String theirs = tshark(args);
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        // A cut capture: both read up to the damage and exit with 2 (tshark's status).
        assertTrue(ours.exitCode() == 0 || ours.exitCode() == 2, ours.err());
        Map<String, List<String>> expected = blocks(theirs);
        Map<String, List<String>> actual = blocks(ours.out());
        assertTrue(expected.values().stream().anyMatch(l -> l.size() > 10), "tshark printed no lower layers");
        assertEquals(expected.keySet(), actual.keySet(), "frames printed");
        int equal = 0, compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            for (String d : LineDiff.diff(e.getValue(), actual.get(e.getKey()))) {
                compared++;
                if (d.startsWith(" ")) equal++;
                else if (diffs.size() < 20) {
                    diffs.add("frame " + e.getKey() + (d.startsWith("-") ? " tshark only: " : " tlslens only:") + d.substring(1));
                }
            }
        }
        String name = GoldenSupport.baseName(capture);
        AgreementReport.addLine("-V lower layers", name, equal, compared, 0, equal == compared ? "" : "DIFF");
        assertEquals(compared, equal, name + ": Ethernet/IP/TCP lines equal " + equal + "/" + compared + "\n  "
                + String.join("\n  ", diffs));
    }

    /** Frame number -> the lines of its link, IP and TCP items, without the analysis items left out. */
    static Map<String, List<String>> blocks(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        boolean keep = false;
        int skipDeeperThan = -1;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("Frame ") && line.indexOf(':') > 6) {
                current = new ArrayList<>();
                out.put(line.substring(6, line.indexOf(':')), current);
                current.add(line); // with its interface, and the Frame subtree below it
                keep = true;
                skipDeeperThan = -1;
                continue;
            }
            if (current == null || line.isEmpty()) continue;
            if (!line.startsWith(" ")) {
                keep = LAYERS.stream().anyMatch(line::startsWith);
                skipDeeperThan = -1;
            }
            if (!keep) continue;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') indent++;
            if (skipDeeperThan >= 0) {
                if (indent > skipDeeperThan) continue;
                skipDeeperThan = -1;
            }
            String body = line.substring(indent);
            if (NOT_DONE.stream().anyMatch(body::startsWith)) {
                skipDeeperThan = indent;
                continue;
            }
            current.add(line);
        }
        return out;
    }

    private static String tshark(List<String> args) throws IOException, InterruptedException {
        GoldenSupport.TsharkRun r = GoldenSupport.tshark(args);
        // tshark reads what it can of a cut capture and says so with exit status 2.
        assertTrue(r.exitCode() == 0 || r.exitCode() == 2, "tshark " + String.join(" ", args));
        return r.out();
    }

    @AfterAll
    static void writeReport() throws IOException {
        AgreementReport.write();
    }
}
