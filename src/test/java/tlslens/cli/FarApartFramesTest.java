package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.capture.CaptureCraft;
import tlslens.fuzz.FuzzFrames;

/**
 * Frames centuries apart (pcapng timestamps are 64-bit): 400 years between a SYN and its SYN/ACK,
 * then back again. Durations beyond the ±292 years of a long of nanoseconds used to end every output
 * mode with ArithmeticException (Duration.toNanos); now the frame's time fields are tshark's, exactly.
 */
class FarApartFramesTest {
    static final long YEAR_US = 365L * 86400 * 1_000_000;
    @TempDir static Path dir;
    static Path file;

    @BeforeAll
    static void craft() throws Exception {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        List<CaptureCraft.Block> blocks = new ArrayList<>();
        blocks.add(new CaptureCraft.Block(0x0A0D0D0A, CaptureCraft.shb(le)));
        blocks.add(new CaptureCraft.Block(1, CaptureCraft.idb(le, 101, 65535, List.of())));
        long[] times = {1_000_000L, 400 * YEAR_US, 1_000_000L, 2_000_000L};
        byte[][] frames = {FuzzFrames.tcp(0, 999, 0, 0x02), FuzzFrames.tcp(1, 4999, 1000, 0x12),
                FuzzFrames.tcp(0, 1000, 5000, 0x10), FuzzFrames.tcp(0, 1000, 5000, 0x11)};
        for (int i = 0; i < frames.length; i++) {
            byte[] f = frames[i];
            blocks.add(new CaptureCraft.Block(6, new CaptureCraft.Epb(0, times[i], f.length, f.length, f).body(le)));
        }
        file = dir.resolve("far.pcapng");
        Files.write(file, CaptureCraft.blocks(le, blocks));
    }

    static List<String> tshark(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-r", file.toString()));
        a.addAll(Arrays.asList(args));
        GoldenSupport.TsharkRun r = GoldenSupport.tshark(a);
        assertEquals(0, r.exitCode());
        return r.out().lines().toList();
    }

    static List<String> ours(String... args) {
        List<String> a = new ArrayList<>(List.of("-r", file.toString()));
        a.addAll(Arrays.asList(args));
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        return r.out().lines().toList();
    }

    @Test
    void timeFieldsAreTsharksWithAndWithoutADisplayFilter() throws Exception {
        String[] fields = {"-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.time_delta",
                "-e", "frame.time_relative", "-e", "frame.time_delta_displayed"};
        List<String> theirs = tshark(fields);
        assertTrue(theirs.get(1).contains("12614399999.000000000"), theirs.toString()); // beyond 292 years indeed
        assertEquals(theirs, ours(fields));
        String[] filtered = Arrays.copyOf(fields, fields.length + 2);
        filtered[fields.length] = "-Y";
        filtered[fields.length + 1] = "frame.number != 3";
        assertEquals(tshark(filtered), ours(filtered));
    }

    @Test
    void theDetailTreeTheSummaryAndJsonSayTheSame() throws Exception {
        assertEquals(timeLines(tshark("-V")), timeLines(ours("-V")));
        assertEquals(timeColumn(tshark()), timeColumn(ours()));
        String json = String.join("\n", ours("-T", "json"));
        assertTrue(json.contains("\"frame.time_delta\": \"12614399999.000000000\""), json);
        assertFalse(ours("-x").isEmpty());
        assertFalse(ours("-Y", "frame.time_relative > 1000000", "-T", "fields", "-e", "frame.number").isEmpty());
    }

    @Test
    void theConnectionsAnalysisAndTcpTimesDoNotBreak() {
        assertTrue(String.join("\n", ours("--connections")).contains("\"client\": \"10.0.0.1:40000\""));
        assertFalse(ours("--connections", "--format", "text").isEmpty());
        List<String> tcp = ours("-T", "fields", "-e", "tcp.time_delta", "-e", "tcp.analysis.initial_rtt");
        assertEquals(4, tcp.size(), tcp.toString());
    }

    private static List<String> timeLines(List<String> tree) {
        return tree.stream().filter(l -> l.contains("Time delta") || l.contains("Time since reference")
                || l.contains("Epoch Time")).map(String::strip).toList();
    }

    private static List<String> timeColumn(List<String> summary) {
        return summary.stream().map(l -> l.strip().split("\\s+")).map(w -> w[0] + " " + w[1]).toList();
    }
}
