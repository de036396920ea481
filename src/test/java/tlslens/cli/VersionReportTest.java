package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code tlslens --version}, checked against what else knows each fact: the pom's version, git's
 * commit, the JVM running the test, the pom's library versions, and tshark's own report of the
 * system's libpcap ("with libpcap 1.10.3 (with TPACKET_V3)").
 */
class VersionReportTest {

    @Test
    void versionNamesBuildCommitAndLibrariesInUse() throws Exception {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = List.of(r.outLines());
        String pom = Files.readString(Path.of("pom.xml"));

        assertEquals("TLS Lens " + pomValue(pom, "<artifactId>tlslens</artifactId>\\s*<version>([^<]+)</version>")
                + " (git commit " + gitCommit() + ")", lines.get(0));
        assertTrue(lines.contains("  Java " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ") on "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch")), r.out());
        assertTrue(lines.contains("  JavaFX " + pomValue(pom, "<javafx.version>([^<]+)<")), r.out());
        assertTrue(lines.contains("  pcap4j " + pomValue(pom, "<pcap4j.version>([^<]+)<")), r.out());
        assertTrue(lines.contains("  libpcap version " + tsharkLibpcap()), r.out());
    }

    private static String pomValue(String pom, String regex) {
        Matcher m = Pattern.compile(regex).matcher(pom);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    /** The commit checked out, as the build recorded it; "unknown" where this is no git clone. */
    private static String gitCommit() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? out : "unknown";
    }

    /** tshark -v's "Running on ... with libpcap X (...)," part, its line breaks undone. */
    private static String tsharkLibpcap() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("Running on .*?with libpcap ([^,]+),").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
