package tlslens.cli;

import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the golden comparisons share: the field list, tshark's options, the capture lists. */
final class GoldenSupport {
    static final Path PUBLIC = PublicCaptures.DIR;
    static final Path MAKE_GOLDEN = Path.of("src/test/scripts/make-golden.sh");
    static final Path DECODE_AS = Path.of("src/test/scripts/public-decode-as.txt");
    /** The options make-golden.sh gives tshark for every run. */
    static final List<String> COMMON = List.of("-o", "tcp.reassemble_out_of_order:TRUE");

    private GoldenSupport() {}

    static List<String> fields() throws IOException {
        List<String> f = new ArrayList<>();
        for (String line : Files.readAllLines(CliRunner.GOLDEN.resolve("fields.txt"))) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) f.add(t);
        }
        assertTrue(!f.isEmpty(), "golden/fields.txt lists no field");
        return f;
    }

    /** The arguments of make-golden.sh's "-T fields" run, for our CLI. */
    static String[] fieldsArgs(Path capture, List<String> decodeAs, List<String> fields) {
        List<String> a = new ArrayList<>(List.of("-r", capture.toString()));
        a.addAll(COMMON);
        a.addAll(decodeAs);
        a.addAll(List.of("-T", "fields", "-E", "header=y", "-E", "occurrence=a"));
        for (String f : fields) {
            a.add("-e");
            a.add(f);
        }
        return a.toArray(String[]::new);
    }

    static String baseName(Path capture) {
        String n = capture.getFileName().toString();
        return n.replaceFirst("\\.pcapng$", "").replaceFirst("\\.pcap$", "");
    }

    static List<Path> capturesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
    }

    /** The -d options make-golden.sh derives from a manifest's "tls_ports" (ports other than 443). */
    static List<String> decodeAsFromManifest(Path capture) throws IOException {
        Path manifest = capture.resolveSibling(baseName(capture) + ".manifest.json");
        List<String> d = new ArrayList<>();
        if (!Files.exists(manifest)) return d;
        Matcher m = Pattern.compile("\"tls_ports\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(Files.readString(manifest));
        if (m.find()) {
            for (String p : m.group(1).split(",")) {
                String port = p.trim();
                if (!port.isEmpty() && !port.equals("443")) d.addAll(List.of("-d", "tcp.port==" + port + ",tls"));
            }
        }
        return d;
    }

    /** The -d options make-golden.sh takes from public-decode-as.txt ("NAME options..."). */
    static List<String> decodeAsForPublic(String name) throws IOException {
        if (!Files.exists(DECODE_AS)) return List.of();
        for (String line : Files.readAllLines(DECODE_AS)) {
            String[] w = line.trim().split("\\s+");
            if (w.length > 1 && w[0].equals(name)) return List.of(w).subList(1, w.length);
        }
        return List.of();
    }

    /** Runs make-golden.sh --public into outDir; fails (never skips) without tshark or the public captures. */
    static void makePublicGolden(Path outDir) throws IOException, InterruptedException {
        synchronized (GoldenSupport.class) {
            // Both field comparisons (without and with keys) use one run per test JVM.
            if (outDir.equals(madePublic)) return;
            makePublicGoldenNow(outDir);
            madePublic = outDir;
        }
    }

    private static Path madePublic;

    private static void makePublicGoldenNow(Path outDir) throws IOException, InterruptedException {
        PublicCaptures.dir(); // fails, naming where it looked, without them
        requireTshark();
        Files.createDirectories(outDir);
        Process p = new ProcessBuilder("bash", MAKE_GOLDEN.toString(), "--public", PUBLIC.toString(), outDir.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("make-golden.sh --public did not finish in 20 minutes");
        }
        if (p.exitValue() != 0) fail("make-golden.sh --public failed (exit " + p.exitValue() + "):\n" + log);
    }

    static void requireTshark() throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !v.contains("TShark")) fail("tshark -v failed:\n" + v);
        } catch (IOException e) {
            fail("tshark is not installed (it is the reference these tests compare with): " + e.getMessage());
        }
    }

    /** tshark's standard output and exit status. */
    record TsharkRun(String out, int exitCode) {}

    /** Runs tshark with {@code args} (stderr dropped; the local time zone, as ours). */
    static TsharkRun tshark(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("tshark");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(2, TimeUnit.MINUTES);
        return new TsharkRun(out, p.exitValue());
    }
}
