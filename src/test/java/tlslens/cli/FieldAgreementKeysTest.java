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
 * Decryption against tshark: our "-T fields" output with the key log
 * ({@code -o tls.keylog_file:NAME.keylog}, fields of golden/fields.txt plus tls.record.opaque_type)
 * against tshark's NAME.keys.fields.tsv, cell by cell, for every capture with a key log: ours
 * (golden committed) and the public ones (golden made now by make-golden.sh --public). Each must
 * agree 100% apart from the justified cells of golden/known-divergences.txt. The per-capture table
 * goes to target/field-agreement-keys.txt.
 */
class FieldAgreementKeysTest {
    static final Path REPORT = Path.of("target/field-agreement-keys.txt");
    private static final List<FieldComparison> RESULTS = new ArrayList<>();
    private static final List<String> SETS = new ArrayList<>();

    @TestFactory
    List<DynamicTest> ourCaptures() throws IOException {
        List<String> fields = keyFields();
        KnownDivergences known = KnownDivergences.load();
        List<DynamicTest> tests = new ArrayList<>();
        int withKeys = 0;
        for (Path cap : GoldenSupport.capturesIn(CliRunner.CAPTURES)) {
            String name = GoldenSupport.baseName(cap);
            Path keylog = CliRunner.CAPTURES.resolve(name + ".keylog");
            if (!Files.exists(keylog)) continue;
            withKeys++;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path golden = CliRunner.GOLDEN.resolve(name + ".keys.fields.tsv");
                assertTrue(Files.exists(golden), "no tshark golden " + golden + ": run src/test/scripts/make-golden.sh");
                compare("ours", name, cap, keylog, golden, GoldenSupport.decodeAsFromManifest(cap), fields, known);
            }));
        }
        assertTrue(withKeys >= 20, "captures with key logs in " + CliRunner.CAPTURES + ": " + withKeys);
        return tests;
    }

    @TestFactory
    @UsesPublicCaptures
    List<DynamicTest> publicCaptures() throws Exception {
        List<String> fields = keyFields();
        KnownDivergences known = KnownDivergences.load();
        Path out = Path.of("target/golden-public");
        GoldenSupport.makePublicGolden(out);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(GoldenSupport.PUBLIC)) {
            String name = GoldenSupport.baseName(cap);
            Path keylog = GoldenSupport.PUBLIC.resolve(name + ".keylog");
            if (!Files.exists(keylog)) continue;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path golden = out.resolve(name + ".keys.fields.tsv");
                assertTrue(Files.exists(golden), "make-golden.sh wrote no " + golden);
                compare("public", name, cap, keylog, golden, GoldenSupport.decodeAsForPublic(name), fields, known);
            }));
        }
        assertFalse(tests.isEmpty(), "no public capture with a key log in " + GoldenSupport.PUBLIC);
        return tests;
    }

    /** make-golden.sh's field list for the keys run: fields.txt plus tls.record.opaque_type. */
    static List<String> keyFields() throws IOException {
        List<String> f = new ArrayList<>(GoldenSupport.fields());
        f.add("tls.record.opaque_type");
        return f;
    }

    private static void compare(String set, String name, Path cap, Path keylog, Path golden, List<String> decodeAs,
                                List<String> fields, KnownDivergences known) throws IOException {
        List<String> args = new ArrayList<>(List.of(GoldenSupport.fieldsArgs(cap, decodeAs, fields)));
        args.addAll(2, List.of("-o", "tls.keylog_file:" + keylog));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        boolean truncated = r.err().contains("cut short");
        assertEquals(truncated ? 2 : 0, r.exitCode(), name + ": " + r.err());
        FieldComparison c = FieldComparison.compare(name, Files.readString(golden), r.out(), known);
        synchronized (RESULTS) {
            RESULTS.add(c);
            SETS.add(set);
        }
        assertTrue(c.agrees(), c.describe());
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (RESULTS.isEmpty()) return;
        StringBuilder sb = new StringBuilder("Field agreement with tshark WITH KEYS (-o tls.keylog_file:NAME.keylog; "
                + "golden/fields.txt + tls.record.opaque_type)\n");
        sb.append(String.format("%-7s %-42s %11s %14s %10s %6s%n", "set", "capture", "cells equal", "cells compared",
                "agreement", "known"));
        long eq = 0, cmp = 0;
        List<String> details = new ArrayList<>();
        for (int i = 0; i < RESULTS.size(); i++) {
            FieldComparison c = RESULTS.get(i);
            sb.append(String.format("%-7s %-42s %11d %14d %9.2f%% %6d %s%n", SETS.get(i), c.capture, c.equal, c.compared,
                    c.compared == 0 ? 0.0 : 100.0 * c.equal / c.compared, c.known, c.agrees() ? "" : "DIFF"));
            eq += c.equal;
            cmp += c.compared;
            if (!c.agrees()) details.add(SETS.get(i) + "/" + c.describe());
        }
        sb.append(String.format("total: %d/%d cells equal (%.2f%%)%n", eq, cmp, cmp == 0 ? 0.0 : 100.0 * eq / cmp));
        for (String d : details) sb.append('\n').append(d).append('\n');
        System.out.println(sb);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, sb.toString());
    }
}
