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
