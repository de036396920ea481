package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.lab.Lab;
import tlslens.lab.LabScenario;

/**
 * Issue 15: the lesson lab's QUIC lesson ({@code quic-0rtt}, kwik's client and server in-process over
 * a UDP relay): {@code --connections} agrees with what kwik said happened (the manifest) and tshark,
 * reading the embedded secrets, opens the resumed connection's 0-RTT and Handshake packets.
 */
class LabQuicCommandTest {
    private static final int RTT_MS = 40;
    @TempDir
    static Path dir;
    static Path capture;
    static CliRunner.Result made;
    static JsonNode manifest;
    static JsonNode connections;

    @BeforeAll
    static void makeTheLesson() throws IOException {
        capture = dir.resolve("quic.pcapng");
        LabLesson lab = LabLesson.make(capture, "--lab-scenarios", LabScenario.QUIC_0RTT.id(),
                "--lab-rtt", String.valueOf(RTT_MS));
        made = lab.made();
        manifest = lab.manifest();
        connections = lab.connections();
    }

    @Test
    void aFullHandshakeThenItsResumptionAsKwikReportedThem() {
        JsonNode m = manifest.get("connections");
        assertEquals(2, m.size(), made.out());
        assertEquals(List.of("full", "resumed"), List.of(m.get(0).get("role").asText(), m.get(1).get("role").asText()));
        for (JsonNode c : m) {
            assertEquals("quic", c.get("transport").asText());
            assertTrue(c.get("implementation").asText().startsWith("kwik "), c.toString());
        }
        assertTrue(m.get(1).get("early_data_offered").asBoolean(), "the resumption sends its request as 0-RTT");
        assertTrue(made.out().contains("QUIC #1 quic-0rtt        resumed  TLS 1.3, resumed by psk from QUIC #0"), made.out());
    }

    @Test
    void connectionsAgreeWithWhatKwikSaid() {
        LabCommandTest.agree(manifest, connections);
        for (JsonNode c : connections) {
            assertEquals("quic", c.get("transport").asText());
            assertEquals(1, c.get("quic_version").asInt(), "QUIC v1");
            assertFalse(c.get("retry").asBoolean());
            assertFalse(c.get("version_negotiation").asBoolean());
        }
        JsonNode resumed = connections.get(1);
        boolean zeroRtt = false;
        for (JsonNode s : resumed.get("handshake")) zeroRtt |= "0-RTT".equals(s.path("packet_type").asText());
        assertTrue(zeroRtt, "a 0-RTT packet among the resumption's steps: " + resumed.get("handshake"));
    }

    @Test
    void tsharkOpensTheResumptionWithTheEmbeddedSecrets() throws Exception {
        // Per udp.stream: the handshake types tshark reads (Handshake and 1-RTT packets need the secrets).
        Map<Integer, Set<Integer>> types = new TreeMap<>();
        for (String line : tshark("-Y", "tls.handshake.type", "-T", "fields", "-e", "udp.stream", "-e", "tls.handshake.type")) {
            String[] w = line.split("\t");
            Set<Integer> set = types.computeIfAbsent(Integer.parseInt(w[0]), k -> new TreeSet<>());
            for (String t : w[1].split(",")) set.add(Integer.parseInt(t));
        }
        assertEquals(Set.of(0, 1), types.keySet(), "two UDP conversations, one per connection: " + types);
        for (JsonNode c : manifest.get("connections")) {
            Set<Integer> seen = types.get(c.get("index").asInt());
            String who = c.get("role").asText() + ": " + seen;
            assertTrue(seen.contains(20), who + " has its Finished (Handshake packets opened)");
            // A Certificate (11) only where the server did not take the PSK.
            assertEquals(!c.get("resumed").asBoolean(), seen.contains(11), who);
        }
        // The resumption's 0-RTT packets: present, and their STREAM frame opened with the early secret.
        List<String> zeroRtt = tshark("-Y", "udp.stream == 1 && quic.long.packet_type == 1", "-T", "fields",
                "-e", "frame.number");
        assertFalse(zeroRtt.isEmpty(), "0-RTT packets in the resumption");
        List<String> streams = tshark("-Y", "udp.stream == 1 && quic.long.packet_type == 1 && quic.stream.stream_id",
                "-T", "fields", "-e", "frame.number");
        assertFalse(streams.isEmpty(), "tshark reads the 0-RTT packet's STREAM frame");
        // Early data accepted is the early_data extension (42) in the server's EncryptedExtensions.
        List<String> accepted = tshark("-Y", "udp.stream == 1 && tls.handshake.type == 8 && tls.handshake.extension.type == 42",
                "-T", "fields", "-e", "frame.number");
        assertEquals(manifest.get("connections").get(1).get("early_data").asBoolean(), !accepted.isEmpty(),
                "EncryptedExtensions' early_data vs kwik's 0-RTT status");
    }

    @Test
    void theUdpFramingIsCleanAndTheRelayDelaysEachWayHalfTheRoundTrip() throws Exception {
        assertEquals(List.of(), tshark("-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-Y", "udp.checksum.status != 1 || ip.checksum.status != 1 || _ws.malformed || _ws.expert.severity >= warning"),
                "no bad checksum, malformed or warned packet");
        // The server's first packet comes at least half a round trip after the client's Initial (a capture
        // half-way: a quarter out, a quarter back), however fast or slow the peers were.
        for (int stream = 0; stream < 2; stream++) {
            List<String> times = tshark("-Y", "udp.stream == " + stream, "-T", "fields", "-e", "frame.time_relative",
                    "-e", "udp.srcport");
            double clientFirst = Double.parseDouble(times.get(0).split("\t")[0]);
            assertNotEquals("443", times.get(0).split("\t")[1], "the client speaks first");
            double serverFirst = Double.NaN;
            for (String l : times) {
                if (l.split("\t")[1].equals("443")) {
                    serverFirst = Double.parseDouble(l.split("\t")[0]);
                    break;
                }
            }
            assertFalse(Double.isNaN(serverFirst), "the server answers: " + times);
            assertTrue(serverFirst - clientFirst >= RTT_MS / 2 / 1000.0 - 1e-6,
                    "stream " + stream + ": server's first packet " + (serverFirst - clientFirst) + " s after the client's");
        }
    }

    @Test
    void theLoopbackCaptureLeavesTheQuicLessonOutAndSaysWhy() throws Exception {
        // Refused before anything runs where this process may not capture; where it may, the lesson is skipped.
        String refusal = Lab.loopbackCaptureRefusal();
        if (refusal != null) {
            CliRunner.Result r = CliRunner.run("--lab", dir.resolve("lo.pcapng").toString(), "--lab-scenarios",
                    LabScenario.QUIC_0RTT.id(), "--lab-capture-lo");
            assertEquals(ExitCodes.CAPTURE_ERROR, r.exitCode(), r.out() + r.err());
            return;
        }
        Lab.Result r = Lab.run(dir.resolve("lo.pcapng"), List.of(LabScenario.QUIC_0RTT), 0, true, (m, f) -> { });
        assertEquals(0, r.connections().size());
        assertEquals(List.of(new Lab.Skipped(LabScenario.QUIC_0RTT, Lab.LOOPBACK_TCP_ONLY)), r.skipped());
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
