package tlslens.cli;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tlslens.capture.CaptureCraft;

/**
 * The file reader reads the frames tshark reads: for every one of our and the public captures,
 * the variants and defect files made from them ({@link CaptureCraft#variants}), and copies
 * compressed with Debian's gzip, zstd and lz4, {@code -T fields} with frame.number,
 * frame.time_epoch, frame.len and frame.cap_len (and, for pcapng, the section and interface id)
 * print the same, and both stop at the same damage with exit status 2.
 */
class ReaderAgreementTest {
    private static final List<String> FIELDS = List.of("frame.number", "frame.time_epoch", "frame.len", "frame.cap_len",
            "frame.section_number", "frame.interface_id");
    @TempDir static Path dir;

    @BeforeAll
    static void tshark() throws Exception {
        GoldenSupport.requireTshark();
    }

    static Stream<Path> captures() throws Exception {
        List<Path> all = new ArrayList<>(GoldenSupport.capturesIn(CliRunner.CAPTURES));
        Path made = Files.createDirectories(dir.resolve("variants"));
        all.addAll(CaptureCraft.variants(made).values());
        // Compressed copies by the commands users have (tshark 4.0 here reads all three).
        for (String name : List.of("tls12_session_id.pcap", "tls13_ciphers.pcapng", "truncated.pcap")) {
            Path copy = made.resolve(name);
            Files.copy(CliRunner.CAPTURES.resolve(name), copy, StandardCopyOption.REPLACE_EXISTING);
            CaptureCraft.run("gzip", "-kf", copy.toString());
            CaptureCraft.run("zstd", "-qf", copy.toString(), "-o", copy + ".zst");
            CaptureCraft.run("lz4", "-qf", copy.toString(), copy + ".lz4");
            for (String ext : List.of(".gz", ".zst", ".lz4")) all.add(Path.of(copy + ext));
        }
        return all.stream();
    }

    static Stream<Path> publicCaptures() throws Exception {
        return GoldenSupport.capturesIn(PublicCaptures.dir()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicCaptures")
    @UsesPublicCaptures
    void framesOfPublicCapturesAsTsharkReadsThem(Path capture) throws Exception {
        framesAsTsharkReadsThem(capture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void framesAsTsharkReadsThem(Path capture) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString(), "-T", "fields"));
        for (String f : FIELDS) args.addAll(List.of("-e", f));
        GoldenSupport.TsharkRun theirs = GoldenSupport.tshark(args);
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertEquals(theirs.exitCode(), ours.exitCode(), capture + ": exit status; ours said " + ours.err());
        List<String> expected = theirs.out().lines().toList();
        List<String> actual = ours.out().lines().toList();
        assertFalse(expected.isEmpty(), "tshark read no frame of " + capture);
        assertEquals(expected.size(), actual.size(), capture + ": frames read");
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split("\t", -1), a = actual.get(i).split("\t", -1);
            assertEquals(e.length, a.length, capture + " line " + (i + 1));
            for (int c = 0; c < e.length; c++) {
                if (FIELDS.get(c).equals("frame.time_epoch")) {
                    assertEquals(epoch(e[c]), epoch(a[c]), capture + ": frame " + (i + 1) + " time (" + e[c] + " / " + a[c] + ")");
                } else {
                    assertEquals(e[c], a[c], capture + ": frame " + (i + 1) + " " + FIELDS.get(c));
                }
            }
        }
    }

    /**
     * The Frame item of {@code -V} names each frame's own section and interface, as tshark's does:
     * two interfaces in one section, and two sections (the second big-endian).
     */
    @org.junit.jupiter.api.Test
    void frameTreesNameEachFramesSectionAndInterface() throws Exception {
        Path made = Files.createDirectories(dir.resolve("frame-tree"));
        var variants = CaptureCraft.variants(made);
        for (String name : List.of("two_interfaces.pcapng", "two_sections.pcapng")) {
            List<String> args = List.of("-r", variants.get(name).toString(), "-V", "-n");
            List<String> theirs = frameItems(GoldenSupport.tshark(args).out());
            List<String> ours = frameItems(CliRunner.run(args.toArray(String[]::new)).out());
            assertTrue(theirs.stream().anyMatch(l -> l.contains("id 1") || l.contains("Section number: 2")), name);
            assertEquals(theirs, ours, name);
        }
    }

    /** Each Frame line with its section and interface lines. */
    private static List<String> frameItems(String tree) {
        List<String> out = new ArrayList<>();
        for (String l : tree.lines().toList()) {
            if (l.startsWith("Frame ") || l.startsWith("    Section number:") || l.startsWith("    Interface id:")
                    || l.startsWith("        Interface name:") || l.startsWith("        Interface description:")) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * tshark prints seconds, a dot and the nanoseconds it holds, unnormalised: a pcap microseconds
     * field of 1,500,000 prints as ".1500000000". Both sides are read as seconds + nanoseconds.
     */
    private static BigDecimal epoch(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) return new BigDecimal(text);
        String frac = text.substring(dot + 1);
        BigDecimal nanos = frac.length() <= 9 ? new BigDecimal("0." + frac).movePointRight(9) : new BigDecimal(frac);
        return new BigDecimal(text.substring(0, dot)).add(nanos.movePointLeft(9));
    }
}
