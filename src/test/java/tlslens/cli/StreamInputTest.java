package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.capture.CaptureCraft;

/**
 * Captures that are not files on disk, as tshark reads them: {@code -r -} (standard input), a
 * FIFO and bash's process substitution {@code -r <(cat x.pcap)}, plain and gzip-compressed.
 * libpcap's reader said "doesn't exist", "unknown format" and hung on the FIFO: the magic was
 * read, then libpcap opened the file again. Each runs tlslens.Main in its own JVM with a time limit.
 */
class StreamInputTest {
    @TempDir static Path dir;
    private static final Path PCAP = CliRunner.CAPTURES.resolve("tls12_session_id.pcap");
    private static final Path PCAPNG = CliRunner.CAPTURES.resolve("tls13_ciphers.pcapng");
    private static final List<String> FIELDS = List.of("-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch",
            "-e", "frame.cap_len", "-e", "tls.handshake.type");

    @BeforeAll
    static void tshark() throws Exception {
        GoldenSupport.requireTshark();
    }

    private static List<String> main(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("tlslens.Main");
        cmd.addAll(args);
        return cmd;
    }

    record Run(int exitCode, String out, String err) {}

    private static Run run(List<String> cmd, Path stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        if (stdin != null) pb.redirectInput(stdin.toFile());
        Process p = pb.start();
        if (stdin == null) p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 60 s (a hang)");
        }
        return new Run(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String tsharkFields(Path capture) throws Exception {
        List<String> a = new ArrayList<>(List.of("-r", capture.toString()));
        a.addAll(FIELDS);
        return GoldenSupport.tshark(a).out();
    }

    private static List<String> args(String file) {
        List<String> a = new ArrayList<>(List.of("-r", file));
        a.addAll(FIELDS);
        return a;
    }

    private static Path gzipped(Path capture) throws Exception {
        Path copy = dir.resolve(capture.getFileName());
        Files.copy(capture, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CaptureCraft.run("gzip", "-kf", copy.toString());
        return Path.of(copy + ".gz");
    }

    @Test
    void standardInput() throws Exception {
        for (Path c : List.of(PCAP, PCAPNG, gzipped(PCAPNG))) {
            Run r = run(main(args("-")), c);
            assertEquals(0, r.exitCode(), c + ": " + r.err());
            assertEquals(tsharkFields(c), r.out(), c.toString());
        }
    }

    @Test
    void aFifo() throws Exception {
        for (Path c : List.of(PCAP, gzipped(PCAPNG))) {
            Path fifo = dir.resolve("fifo-" + c.getFileName());
            CaptureCraft.run("mkfifo", fifo.toString());
            // The writer blocks until the reader opens the FIFO, as a capture tool's would.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream o = Files.newOutputStream(fifo)) {
                    o.write(Files.readAllBytes(c));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Run r = run(main(args(fifo.toString())), null);
            writer.get(10, TimeUnit.SECONDS);
            assertEquals(0, r.exitCode(), c + ": " + r.err());
            assertEquals(tsharkFields(c), r.out(), c.toString());
        }
    }

    @Test
    void processSubstitution() throws Exception {
        for (Path c : List.of(PCAP, PCAPNG)) {
            List<String> cmd = main(args("PLACEHOLDER"));
            StringBuilder line = new StringBuilder();
            for (String s : cmd) line.append(s.equals("PLACEHOLDER") ? "<(cat " + quote(c.toString()) + ")" : quote(s)).append(' ');
            Run r = run(List.of("bash", "-c", line.toString()), null);
            assertEquals(0, r.exitCode(), c + ": " + r.err());
            assertFalse(r.out().isEmpty());
            assertEquals(tsharkFields(c), r.out(), c.toString());
        }
    }

    private static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }

    @Test
    void aTruncatedStreamSaysSoLikeAFile() throws Exception {
        Path cut = CliRunner.CAPTURES.resolve("truncated.pcap");
        Run r = run(main(List.of("-r", "-")), cut);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("The file \"-\" appears to have been cut short in the middle of a packet"), r.err());
        assertEquals(GoldenSupport.tshark(List.of("-r", cut.toString())).out().lines().count(), r.out().lines().count());
    }
}
