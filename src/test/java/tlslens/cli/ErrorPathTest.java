package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors as tshark reports them: one clear line (a caret line for filters) and tshark's exit
 * codes: 2 for files and filters, 1 for the command line.
 */
class ErrorPathTest {
    @TempDir Path tmp;

    @Test
    void missingFile() {
        CliRunner.Result r = CliRunner.run("-r", "no/such/file.pcap");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertArrayEquals(new String[] {"tlslens: The file \"no/such/file.pcap\" doesn't exist."}, r.errLines());
    }

    @Test
    void notACaptureFile() throws IOException {
        Path f = tmp.resolve("notes.txt");
        Files.writeString(f, "hello, this is not a capture\n");
        CliRunner.Result r = CliRunner.run("-r", f.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("tlslens: The file \"" + f + "\" isn't a capture file in a format TLS Lens "
                + "understands"), r.err());
    }

    @Test
    void emptyFile() throws IOException {
        Path f = tmp.resolve("empty.pcap");
        Files.write(f, new byte[0]);
        CliRunner.Result r = CliRunner.run("-r", f.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("isn't a capture file"), r.err());
    }

    @Test
    void directoryIsNotACapture() {
        CliRunner.Result r = CliRunner.run("-r", tmp.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
    }

    @Test
    void badDisplayFilterShowsACaret() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("tls12_session_id.pcap"), "-Y", "tls.foo");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertArrayEquals(new String[] {
            "tlslens: tls.foo is neither a field nor a protocol name.",
            "    tls.foo",
            "    ^~~~~~~"}, r.errLines());
    }

    @Test
    void badFilterIsReportedBeforeTheFileIsOpened() {
        CliRunner.Result r = CliRunner.run("-r", "no/such/file.pcap", "-Y", "tcp.port == 443 &&& x");
        assertEquals(2, r.exitCode());
        assertTrue(r.errLines()[0].startsWith("tlslens: "), r.err());
        assertEquals("    tcp.port == 443 &&& x", r.errLines()[1]);
        assertTrue(r.errLines()[2].startsWith("    ") && r.errLines()[2].contains("^"), r.err());
    }

    @Test
    void unknownFieldsAreListedMostRecentFirst() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("tls12_session_id.pcap"), "-T", "fields",
                "-e", "frame.number", "-e", "tls.foo", "-e", "tls.bar");
        assertEquals(1, r.exitCode()); // tshark exits 1 here (a command-line error), not 2
        assertEquals("", r.out());
        assertArrayEquals(new String[] {"tlslens: Some fields aren't valid:", "\ttls.bar", "\ttls.foo"}, r.errLines());
    }

    @Test
    void columnFieldsAreAlwaysValid() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("tls12_session_id.pcap"), "-T", "fields",
                "-e", "_ws.col.Whatever", "-c", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("\n", r.out());
    }

    @Test
    void truncatedFilePrintsEveryCompleteFrameThenWarns() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("truncated.pcap"));
        // tshark prints the 5 complete frames, then the warning, and exits 2.
        assertEquals(2, r.exitCode());
        assertEquals(5, r.outLines().length, r.out());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("tlslens: The file \"" + CliRunner.capture("truncated.pcap")
                + "\" appears to have been cut short in the middle of a packet"), r.err());
    }

    @Test
    void commandLineMistakesExitOne() {
        String cap = CliRunner.capture("tls12_session_id.pcap");
        String[][] cases = {
            {"-r", cap, "--no-such-option"},
            {"-r", cap, "-T", "pdml"},
            {"-r", cap, "-T", "fields"},
            {"-r", cap, "-e", "frame.number"},
            {"-r", cap, "-c", "0"},
            {"-r", cap, "-o", "foo.bar:1"},
            {"-r", cap, "-T", "fields", "-e", "frame.number", "-E", "occurrence=2"},
            {"-r", cap, "-Y", "tls", "tls"},
            {"-G", "nonsense"},
            {"-r"},
            {"-V"},
        };
        for (String[] args : cases) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out(), String.join(" ", args));
            assertTrue(r.err().startsWith("tlslens: "), String.join(" ", args) + ": " + r.err());
        }
    }

    @Test
    void atSignIsNotAnArgumentFile() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("tls12_session_id.pcap"), "-c", "1", "-Y",
                "frame.number == 1", "@nonexistent");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("Display filters were specified both"), r.err());
    }

    @Test
    void decodeAsIsAcceptedWithANote() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("tls12_session_id.pcap"), "-d", "tcp.port==4433,tls",
                "-c", "1", "-n");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.outLines().length);
        assertEquals(1, r.errLines().length);
        assertTrue(r.err().contains("-d is ignored"), r.err());
    }
}
