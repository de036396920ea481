package tlslens.cli;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * UDP, DTLS and QUIC fields (golden/udp-fields.txt) against tshark 4.0's, cell by cell: every public
 * capture (tshark's output made now by make-golden.sh --public) and every capture of ours with a
 * NAME.udp.fields.tsv golden; then the same with the key log where there is one (NAME.udp.keys.fields.tsv:
 * QUIC Handshake, 0-RTT and 1-RTT packets and DTLS records decrypted; for DTLS also the fields of
 * golden/udp-keys-fields.txt, what decryption shows). Differing cells must be listed, with their reason, in
 * golden/known-divergences.txt. Agreement per capture goes to target/udp-agreement.txt.
 */
class UdpAgreementTest {
    private static final List<String> REPORT = new ArrayList<>();

    static List<String> fields() throws IOException { return fieldList("udp-fields.txt"); }

    private static List<String> fieldList(String file) throws IOException {
        List<String> f = new ArrayList<>();
        for (String line : Files.readAllLines(CliRunner.GOLDEN.resolve(file))) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) f.add(t);
        }
        assertFalse(f.isEmpty(), "golden/" + file + " lists no field");
        return f;
    }

    @TestFactory
    @UsesPublicCaptures
    List<DynamicTest> publicCaptures() throws Exception {
        List<String> fields = fields();
        KnownDivergences known = KnownDivergences.load();
        Path out = Path.of("target/golden-public");
        GoldenSupport.makePublicGolden(out);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(GoldenSupport.PUBLIC)) {
            String name = GoldenSupport.baseName(cap);
            Path golden = out.resolve(name + ".udp.fields.tsv");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assertTrue(Files.exists(golden), "make-golden.sh wrote no " + golden);
                compare("public", name, cap, golden, GoldenSupport.decodeAsForPublic(name), fields, known);
            }));
        }
        assertFalse(tests.isEmpty(), "no capture in " + GoldenSupport.PUBLIC);
        return tests;
    }

    @TestFactory
    List<DynamicTest> ourCaptures() throws IOException {
        List<String> fields = fields();
        KnownDivergences known = KnownDivergences.load();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(CliRunner.CAPTURES)) {
            String name = GoldenSupport.baseName(cap);
            Path golden = CliRunner.GOLDEN.resolve(name + ".udp.fields.tsv");
            if (!Files.exists(golden)) continue; // made by make-golden.sh for captures added since it lists UDP fields
            tests.add(DynamicTest.dynamicTest(name, () ->
                    compare("ours", name, cap, golden, GoldenSupport.decodeAsFromManifest(cap), fields, known)));
        }
        return tests;
    }

    /**
     * The capture's fields with its key log (NAME.udp.keys.fields.tsv, made for captures with QUIC or DTLS
     * and a key log), the fields read from the golden's header: DTLS goldens carry udp-keys-fields.txt too.
     */
    @TestFactory
    List<DynamicTest> ourCapturesWithKeys() throws IOException {
        KnownDivergences known = KnownDivergences.load();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(CliRunner.CAPTURES)) {
            String name = GoldenSupport.baseName(cap);
            Path golden = CliRunner.GOLDEN.resolve(name + ".udp.keys.fields.tsv");
            Path keylog = CliRunner.CAPTURES.resolve(name + ".keylog");
            if (!Files.exists(golden)) continue;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assertTrue(Files.exists(keylog), "golden " + golden + " but no key log " + keylog);
                compare("ours+keys", name, cap, golden, withKeys(GoldenSupport.decodeAsFromManifest(cap), keylog),
                        headerFields(golden), known);
            }));
        }
        assertFalse(tests.isEmpty(), "no NAME.udp.keys.fields.tsv in " + CliRunner.GOLDEN + ": run make-golden.sh");
        return tests;
    }

    @TestFactory
    @UsesPublicCaptures
    List<DynamicTest> publicCapturesWithKeys() throws Exception {
        KnownDivergences known = KnownDivergences.load();
        Path out = Path.of("target/golden-public");
        GoldenSupport.makePublicGolden(out);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(GoldenSupport.PUBLIC)) {
            String name = GoldenSupport.baseName(cap);
            Path golden = out.resolve(name + ".udp.keys.fields.tsv");
            if (!Files.exists(golden)) continue;
            Path keylog = GoldenSupport.PUBLIC.resolve(name + ".keylog");
            tests.add(DynamicTest.dynamicTest(name, () -> compare("public+keys", name, cap, golden,
                    withKeys(GoldenSupport.decodeAsForPublic(name), keylog), headerFields(golden), known)));
        }
        assertFalse(tests.isEmpty(), "make-golden.sh --public wrote no NAME.udp.keys.fields.tsv");
        return tests;
    }

    /** The fields a golden holds, from its header line (tshark -E header=y). */
    private static List<String> headerFields(Path golden) throws IOException {
        try (var lines = Files.lines(golden)) {
            return new ArrayList<>(List.of(lines.findFirst().orElseThrow().split("\t", -1)));
        }
    }

    private static List<String> withKeys(List<String> decodeAs, Path keylog) {
        List<String> a = new ArrayList<>(decodeAs);
        a.addAll(List.of("-o", "tls.keylog_file:" + keylog));
        return a;
    }

    private static void compare(String set, String name, Path cap, Path golden, List<String> decodeAs,
                                List<String> fields, KnownDivergences known, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(GoldenSupport.fieldsArgs(cap, decodeAs, fields)));
        args.addAll(2, List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        boolean truncated = r.err().contains("cut short");
        assertEquals(truncated ? 2 : 0, r.exitCode(), name + ": " + r.err());
        FieldComparison c = FieldComparison.compare(name, Files.readString(golden), r.out(), known);
        synchronized (REPORT) {
            REPORT.add(set + "\t" + name + "\t" + c.equal + "\t" + c.compared + "\t" + c.known);
        }
        assertTrue(c.agrees(), c.describe());
    }

    @AfterAll
    static void writeReport() throws IOException {
        List<String> lines = new ArrayList<>(List.of("set\tcapture\tequal\tcompared\tknown divergences"));
        synchronized (REPORT) {
            lines.addAll(REPORT.stream().sorted().toList());
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/udp-agreement.txt"), lines);
    }
}
