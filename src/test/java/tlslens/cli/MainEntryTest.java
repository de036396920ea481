package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * tlslens.Main in a real JVM: with -r it prints, exits with tshark's code and never loads a
 * JavaFX class (so it works on a headless server).
 */
class MainEntryTest {
    record Proc(int exitCode, String out, String err) {}

    private static Proc java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-verbose:class");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("tlslens.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tlslens.Main did not finish");
        return new Proc(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void readingAFileNeverLoadsJavafx() throws Exception {
        Proc p = java("-r", CliRunner.capture("tls12_session_id.pcap"), "-c", "4");
        assertEquals(0, p.exitCode(), p.err());
        // -verbose:class lines go to stdout: "[0.123s][info][class,load] javafx.application.Application source: ..."
        List<String> frames = new ArrayList<>();
        for (String line : p.out().split("\n")) {
            assertFalse(line.contains("javafx.") || line.contains("com.sun.javafx"), "JavaFX class loaded: " + line);
            if (!line.startsWith("[")) frames.add(line);
        }
        assertEquals(4, frames.size(), String.join("\n", frames));
        assertTrue(frames.get(3).contains("\u2192"), "UTF-8 arrow expected: " + frames.get(3));
    }

    @Test
    void exitCodeReachesTheShell() throws Exception {
        Proc p = java("-r", "no/such/file.pcap");
        assertEquals(2, p.exitCode());
        assertTrue(p.err().contains("tlslens: The file \"no/such/file.pcap\" doesn't exist."), p.err());
    }

    /** "tlslens FILE" is the window on that file, as "wireshark FILE": without a display, it says the window can't open. */
    @Test
    void aFileAloneOpensTheWindowNotTheCommandLine() throws Exception {
        Proc p = java(CliRunner.capture("tls12_session_id.pcap"));
        assertEquals(1, p.exitCode());
        assertFalse(p.err().contains("No capture file or interface given"), p.err());
        assertTrue(p.err().contains("cannot open the window"), p.err());
        // And "-r FILE" alone stays the command line.
        Proc r = java("-r", CliRunner.capture("tls12_session_id.pcap"), "-c", "1");
        assertEquals(0, r.exitCode(), r.err());
    }
}
