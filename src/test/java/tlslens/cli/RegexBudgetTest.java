package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.dissect.tls.ExtensionBytes.ascii;
import static tlslens.dissect.tls.ExtensionBytes.block;
import static tlslens.dissect.tls.ExtensionBytes.cat;
import static tlslens.dissect.tls.ExtensionBytes.clientHello;
import static tlslens.dissect.tls.ExtensionBytes.ext;
import static tlslens.dissect.tls.ExtensionBytes.u16;
import static tlslens.dissect.tls.ExtensionBytes.u8;
import static tlslens.dissect.tls.ExtensionBytes.vec16;
import static tlslens.dissect.tls.ExtensionBytes.vec24;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.Engine;
import tlslens.fuzz.CraftedCaptures;

/**
 * {@code matches} with a backtracking pattern on a 40-character SNI ran for minutes; the step budget
 * stops it within a second of CPU, the value counts as not matching (what tshark answers), and the
 * run says so once. Ordinary patterns are untouched.
 */
class RegexBudgetTest {
    static final String SNI = "a".repeat(39) + "b";
    @TempDir static Path dir;
    static Path file;

    @BeforeAll
    static void craft() throws Exception {
        byte[] sni = ext(0, vec16(cat(u8(0), vec16(ascii(SNI)))));
        byte[] hello = cat(u8(1), vec24(clientHello(block(sni))));
        byte[] record = cat(u8(22), u16(0x0301), vec16(hello));
        file = CraftedCaptures.connection(dir.resolve("sni40.pcap"), CraftedCaptures.from(0, record));
    }

    static List<String> tshark(String filter) throws Exception {
        GoldenSupport.TsharkRun r = GoldenSupport.tshark(List.of("-r", file.toString(), "-Y", filter, "-T", "fields",
                "-e", "frame.number", "-e", "tls.handshake.extensions_server_name"));
        assertEquals(0, r.exitCode());
        return r.out().lines().toList();
    }

    static CliRunner.Result ours(String filter) {
        return CliRunner.run("-r", file.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number", "-e",
                "tls.handshake.extensions_server_name");
    }

    @Test
    void aBacktrackingPatternIsStoppedAndSaidOnce() throws Exception {
        String filter = "tls.handshake.extensions_server_name matches \"(.*a){20}$\"";
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        CliRunner.Result r = ours(filter);
        long ms = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(ms < 5_000, ms + " ms of CPU");
        assertEquals(tshark(filter), r.out().lines().toList());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("(.*a){20}$\" of \"matches\" was stopped on 1 value"), r.err());
    }

    /**
     * The budget bounds allocation as well as steps: a value given up on after its million steps costs
     * what a quick match costs (the counting view and one matcher), nothing per step. Under Jazzer's
     * regex-roadblocks hook every step allocated (~170 B, 166 MB per value): the fuzz targets run
     * without it (pom.xml, fuzz-long.sh), and DisplayFilterFuzzTestInputs keeps the input.
     */
    @Test
    void aStoppedPatternAllocatesNothingPerStep() throws Exception {
        FrameDissection hello = null;
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            Engine e = new Engine();
            for (RawFrame f; (f = r.next()) != null; ) {
                FrameDissection fd = e.dissect(f);
                if (DisplayFilter.compile("tls.handshake.extensions_server_name").matches(fd)) hello = fd;
            }
        }
        assertTrue(hello != null, "no Client Hello in " + file);
        DisplayFilter hostile = DisplayFilter.compile("tls.handshake.extensions_server_name matches \"(.*a){20}$\"");
        DisplayFilter quick = DisplayFilter.compile("tls.handshake.extensions_server_name matches \"b$\"");
        assertFalse(hostile.matches(hello));
        assertTrue(quick.matches(hello));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long a0 = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 3; i++) assertFalse(hostile.matches(hello));
        long stopped = (threads.getCurrentThreadAllocatedBytes() - a0) / 3;
        a0 = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 3; i++) assertTrue(quick.matches(hello));
        long matched = (threads.getCurrentThreadAllocatedBytes() - a0) / 3;
        assertTrue(hostile.warning() != null && hostile.warning().contains("stopped on 4 values"), hostile.warning());
        // A million steps at even one byte each would be 1 MB; the two cost alike, a few kilobytes.
        assertTrue(stopped < 64 * 1024 && stopped < matched + 16 * 1024,
                "a stopped match allocated " + stopped + " B, a quick one " + matched + " B");
    }

    @Test
    void ordinaryPatternsMatchAsInTshark() throws Exception {
        for (String f : List.of("tls.handshake.extensions_server_name matches \"^a+b$\"",
                "tls.handshake.extensions_server_name matches \"(a|b){40}\"", "frame matches \"a{39}b\"")) {
            List<String> theirs = tshark(f);
            assertFalse(theirs.isEmpty(), f);
            CliRunner.Result r = ours(f);
            assertEquals(theirs, r.out().lines().toList(), f);
            assertEquals("", r.err());
        }
    }
}
