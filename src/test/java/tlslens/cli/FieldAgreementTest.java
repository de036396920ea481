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
 * Our "-T fields" output against tshark's, cell by cell, for every capture we made
 * (src/test/resources/golden/NAME.fields.tsv, written by make-golden.sh) and for every public
 * capture (golden made now by make-golden.sh --public into target/golden-public). Each capture
 * must agree 100%, apart from the justified cells in golden/known-divergences.txt.
 */
class FieldAgreementTest {

    @TestFactory
    List<DynamicTest> ourCaptures() throws IOException {
        List<String> fields = GoldenSupport.fields();
        KnownDivergences known = KnownDivergences.load();
        List<Path> caps = GoldenSupport.capturesIn(CliRunner.CAPTURES);
        assertFalse(caps.isEmpty(), "no capture in " + CliRunner.CAPTURES);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : caps) {
            String name = GoldenSupport.baseName(cap);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path golden = CliRunner.GOLDEN.resolve(name + ".fields.tsv");
                assertTrue(Files.exists(golden), "no tshark golden " + golden + ": run src/test/scripts/make-golden.sh");
                compare("ours", name, cap, golden, GoldenSupport.decodeAsFromManifest(cap), fields, known);
            }));
        }
        return tests;
    }

    @TestFactory
    @UsesPublicCaptures
    List<DynamicTest> publicCaptures() throws Exception {
        List<String> fields = GoldenSupport.fields();
        KnownDivergences known = KnownDivergences.load();
        Path out = Path.of("target/golden-public");
        GoldenSupport.makePublicGolden(out);
        List<Path> caps = GoldenSupport.capturesIn(GoldenSupport.PUBLIC);
        assertFalse(caps.isEmpty(), "no capture in " + GoldenSupport.PUBLIC);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : caps) {
            String name = GoldenSupport.baseName(cap);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path golden = out.resolve(name + ".fields.tsv");
                assertTrue(Files.exists(golden), "make-golden.sh wrote no " + golden);
                compare("public", name, cap, golden, GoldenSupport.decodeAsForPublic(name), fields, known);
            }));
        }
        return tests;
    }

    private static void compare(String set, String name, Path cap, Path golden, List<String> decodeAs,
                                List<String> fields, KnownDivergences known) throws IOException {
        CliRunner.Result r = CliRunner.run(GoldenSupport.fieldsArgs(cap, decodeAs, fields));
        // tshark exits 2 on a capture cut short, after printing what it read; so do we.
        boolean truncated = r.err().contains("cut short");
        assertEquals(truncated ? 2 : 0, r.exitCode(), name + ": " + r.err());
        FieldComparison c = FieldComparison.compare(name, Files.readString(golden), r.out(), known);
        AgreementReport.add(set, c);
        assertTrue(c.agrees(), c.describe());
    }

    @AfterAll
    static void writeReport() throws IOException {
        AgreementReport.write();
    }
}
