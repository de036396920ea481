package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Issue 13 §1, "capture the lab on lo": with {@code --lab-capture-lo} the packets are those libpcap
 * captured on loopback (the tests run as root, so capture is permitted), one leg per connection, and
 * what {@code --connections} reads from them still agrees with what the peers said happened.
 */
class LabLoopbackCaptureTest {
    @TempDir
    static Path dir;
    static Path capture;
    static CliRunner.Result made;
    static JsonNode manifest;
    static JsonNode connections;

    @BeforeAll
    static void makeTheLabOnLoopback() throws IOException {
        capture = dir.resolve("lesson-lo.pcapng");
        LabLesson lab = LabLesson.make(capture, "--lab-scenarios", "tls12-session-id", "--lab-capture-lo");
        made = lab.made();
        manifest = lab.manifest();
        connections = lab.connections();
    }

    @Test
    void connectionsAgreeWithWhatThePeersSaid() {
        assertEquals(2, manifest.get("connections").size(), "a full handshake and its resumption: " + made.out());
        assertTrue(manifest.get("packets").asText().contains("loopback"), manifest.get("packets").asText());
        LabCommandTest.agree(manifest, connections);
        assertFalse(made.err().contains("Warning"), made.err());
    }

    @Test
    void thePacketsAreTheKernelsOnLoopbackOneLegPerConnection() throws Exception {
        List<String> frames = tshark("-T", "fields", "-e", "frame.interface_name", "-e", "tcp.stream", "-e", "ip.src",
                "-e", "ip.dst");
        CliRunner.Result ours = CliRunner.run("-r", capture.toString(), "-T", "fields", "-e", "frame.number");
        assertEquals(0, ours.exitCode(), ours.err());
        assertEquals(frames.size(), ours.outLines().length, "tshark's frames vs ours");
        assertTrue(made.out().contains(frames.size() + " frames"), made.out());
        Set<String> streams = new TreeSet<>();
        for (String f : frames) {
            String[] c = f.split("\t");
            assertTrue(c[0].startsWith("lo"), "captured on the loopback interface: " + f);
            assertEquals("127.0.0.1", c[2], f);
            assertEquals("127.0.0.1", c[3], f);
            streams.add(c[1]);
        }
        // The relay's other leg (relay → server) carries the same bytes: had it been kept, tshark would
        // count twice the connections the lab made.
        assertEquals(manifest.get("connections").size(), streams.size(), "TCP streams vs connections made");
        assertEquals(List.of(), tshark("-Y", "tcp.analysis.retransmission || tcp.analysis.lost_segment"),
                "every segment of the lab's connections was captured once");
    }

    @Test
    void aSimulatedRoundTripIsRefusedWithTheRealTiming() {
        CliRunner.Result r = CliRunner.run("--lab", dir.resolve("x.pcapng").toString(), "--lab-capture-lo",
                "--lab-rtt", "40");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--lab-capture-lo") && r.err().contains("--lab-rtt"), r.err());
        assertFalse(Files.exists(dir.resolve("x.pcapng")));
    }

    private static List<String> tshark(String... args) throws IOException, InterruptedException {
        GoldenSupport.requireTshark();
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) if (!l.isBlank()) lines.add(l);
        return lines;
    }
}
