package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

import tlslens.lab.Lab;
import tlslens.lab.LabPeers;
import tlslens.lab.LabScenario;

/**
 * Issue 13 §1: {@code tlslens --lab} makes every lesson this machine has peers for, and what
 * {@code --connections} reads from the capture agrees with what the peers said happened (the lab's
 * manifest) and with tshark on the same file.
 */
class LabCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path capture;
    static CliRunner.Result made;
    static JsonNode manifest;
    static JsonNode connections;

    @BeforeAll
    static void makeTheLab() throws IOException {
        capture = dir.resolve("lesson.pcapng");
        LabLesson lab = LabLesson.make(capture, "--lab-rtt", "40");
        made = lab.made();
        manifest = lab.manifest();
        connections = lab.connections();
    }

    @Test
    void everyLessonWithPeersIsMadeAndTheOthersAreSkippedWithTheirReason() {
        Set<String> madeScenarios = new TreeSet<>();
        for (JsonNode c : manifest.get("connections")) madeScenarios.add(c.get("scenario").asText());
        for (LabPeers.Availability a : LabPeers.all()) {
            String id = a.scenario().id();
            if (a.available()) {
                assertTrue(madeScenarios.contains(id), id + " has peers but made no connection: " + made.out());
            } else {
                assertFalse(madeScenarios.contains(id), id);
                assertTrue(made.out().contains("Skipped " + id + ": " + a.reason()), made.out());
            }
        }
    }

    @Test
    void connectionsAgreeWithWhatThePeersSaid() {
        agree(manifest, connections);
    }

    /** Issue 13 §2: the bundled sample was made by the lab; its manifest lies beside it. */
    @Test
    void theBundledSampleAgreesWithItsManifest() throws IOException {
        Path sample = tlslens.SampleCapture.PATH;
        CliRunner.Result r = CliRunner.run("-r", sample.toString(), "--connections");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode sampleManifest = JSON.readTree(Files.readString(Lab.manifestFor(sample)));
        agree(sampleManifest, JSON.readTree(r.out()));
        Set<String> resumptions = new TreeSet<>();
        for (JsonNode c : sampleManifest.get("connections")) resumptions.add(c.get("resumption").asText());
        assertEquals(Set.of("none", "session_ticket", "psk"), resumptions, "TLS 1.2 full + ticket, TLS 1.3 full + PSK");
    }

    static void agree(JsonNode manifest, JsonNode connections) {
        JsonNode m = manifest.get("connections");
        assertEquals(m.size(), connections.size(), "connections in the capture vs made");
        // Each transport numbers its connections (tcp.stream, quic.connection.number): matched by both.
        java.util.Map<String, JsonNode> byKey = new java.util.HashMap<>();
        for (JsonNode c : connections) byKey.put(c.get("transport").asText() + "#" + c.get("index").asInt(), c);
        for (int i = 0; i < m.size(); i++) {
            JsonNode want = m.get(i);
            String key = want.path("transport").asText("tcp") + "#" + want.get("index").asInt();
            JsonNode got = byKey.get(key);
            String who = key + " " + want.get("scenario").asText() + "/" + want.get("role").asText();
            assertNotNull(got, who + " in --connections");
            assertEquals(want.get("index").asInt(), got.get("index").asInt(), who);
            assertEquals(want.get("version").asText(), got.get("version").asText(), who);
            assertEquals(want.get("resumption").asText(), got.get("resumption").asText(), who);
            if (want.get("resumed").asBoolean()) {
                assertEquals(want.get("origin").asInt(), got.get("resumed_from").asInt(), who + " resumed_from");
            } else {
                assertTrue(got.get("resumed_from").isNull(), who + " resumed from nothing");
            }
            assertEquals(want.get("resumption_offered").asBoolean(), got.get("resumption_offered").size() > 0,
                    who + " offered " + got.get("resumption_offered"));
            assertEquals(want.get("hello_retry_request").asBoolean(), got.get("hello_retry_request").asBoolean(), who);
            assertEquals(want.get("early_data").asBoolean(), got.get("early_data").asBoolean(), who);
            assertEquals(want.get("early_data_offered").asBoolean(), got.get("early_data_offered").asBoolean(), who);
            assertEquals(want.get("psk_mode").isNull() ? null : want.get("psk_mode").asText(),
                    got.get("psk_mode").isNull() ? null : got.get("psk_mode").asText(), who);
            assertTrue(got.get("established").asBoolean(), who);
            // Issue 15: the lab's QUIC lesson; the TCP lessons' manifests (and the sample's) say no transport.
            String transport = want.path("transport").asText("tcp");
            assertEquals(transport, got.get("transport").asText(), who);
            if (transport.equals("quic")) {
                // QUIC's connection-level status speaks of TLS records, which QUIC has none of: each step says
                // whether its packet opened (Initial packets open without keys, the others with the embedded ones).
                for (JsonNode s : got.get("handshake")) {
                    if (s.get("packet_type").asText().equals("Initial")) continue;
                    assertEquals(want.get("keys_embedded").asBoolean(), s.get("decrypted").asBoolean(),
                            who + " " + s.get("message") + " in " + s.get("packet_type"));
                }
            } else if (want.get("keys_embedded").asBoolean()) {
                assertEquals("decrypted", got.get("decryption").asText(), who);
            } else {
                assertTrue(got.get("decryption").asText().startsWith("no keys"), who + ": " + got.get("decryption"));
            }
        }
    }

    @Test
    void theRefusedOfferNamesTheConnectionThatIssuedIt() {
        JsonNode refused = find("tls12-refused", "refused");
        assertNotNull(refused, "the refused lesson ran");
        JsonNode got = null;
        for (JsonNode c : connections) {
            if (c.get("transport").asText().equals("tcp") && c.get("index").asInt() == refused.get("index").asInt()) got = c;
        }
        assertNotNull(got, "the refused connection in --connections");
        assertTrue(got.get("findings").toString().contains("issued by connection " + refused.get("origin").asInt()),
                got.get("findings").toString());
    }

    @Test
    void tsharkSeesTheCertificatesOfEveryFullHandshakeThroughTheEmbeddedKeys() throws Exception {
        // TLS 1.3 sends its Certificate encrypted: tshark finds it only with the Decryption Secrets Block.
        Set<Integer> byTshark = new TreeSet<>();
        for (String line : tshark("-Y", "tcp && tls.handshake.type == 11", "-T", "fields", "-e", "tcp.stream")) {
            byTshark.add(Integer.parseInt(line.trim()));
        }
        Set<Integer> ours = new TreeSet<>();
        Set<Integer> full = new TreeSet<>();
        for (JsonNode c : connections) {
            if (!c.get("transport").asText().equals("tcp")) continue; // the QUIC lesson: LabQuicCommandTest
            for (JsonNode s : c.get("handshake")) {
                if (s.get("message").asText().equals("Certificate")) ours.add(c.get("index").asInt());
            }
        }
        for (JsonNode c : manifest.get("connections")) {
            // Those without embedded keys are TLS 1.2 (the RSA lesson), whose Certificate is in clear.
            if (!c.get("resumed").asBoolean() && c.get("transport").asText().equals("tcp")) full.add(c.get("index").asInt());
        }
        assertEquals(full, byTshark, "tshark's Certificates vs the lab's full handshakes");
        assertEquals(byTshark, ours, "our Certificates vs tshark's");
        assertTrue(full.stream().anyMatch(i -> manifest.get("connections").get(i).get("version").asText().equals("TLS 1.3")),
                "a TLS 1.3 Certificate among them");
    }

    @Test
    void theTcpFramingIsCleanAndEachFlightCrossesHalfTheRoundTrip() throws Exception {
        assertEquals(List.of(), tshark("-Y", "tcp.analysis.flags && !tcp.analysis.window_update"),
                "tshark's TCP analysis finds nothing wrong");
        List<String> synAck = tshark("-o", "tcp.calculate_timestamps:TRUE", "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 1",
                "-T", "fields", "-e", "tcp.time_relative");
        long tcp = 0;
        for (JsonNode c : connections) if (c.get("transport").asText().equals("tcp")) tcp++;
        assertEquals(tcp, synAck.size());
        for (String t : synAck) assertEquals(0.020, Double.parseDouble(t), 0.002, "SYN to SYN-ACK at a 40 ms RTT");
    }

    @Test
    void theRsaKeyBesideTheCaptureDecryptsTheRsaConnectionAndNotTheEcdheOne() throws Exception {
        JsonNode rsa = find("rsa-vs-ecdhe", "rsa");
        JsonNode ecdhe = find("rsa-vs-ecdhe", "ecdhe");
        assertNotNull(rsa);
        Path key = dir.resolve("lesson-rsa-key.pem");
        assertTrue(Files.readString(key).contains("PRIVATE KEY"));
        Set<Integer> finished = new TreeSet<>();
        for (String line : tshark("-o", "uat:rsa_keys:\"" + key + "\",\"\"", "-Y", "tls.handshake.type == 20",
                "-T", "fields", "-e", "tcp.stream")) {
            finished.add(Integer.parseInt(line.trim()));
        }
        assertTrue(finished.contains(rsa.get("index").asInt()), "tshark decrypts the RSA connection with the key");
        assertFalse(finished.contains(ecdhe.get("index").asInt()), "and not the ECDHE one");
    }

    private static JsonNode find(String scenario, String role) {
        for (JsonNode c : manifest.get("connections")) {
            if (c.get("scenario").asText().equals(scenario) && c.get("role").asText().equals(role)) return c;
        }
        return null;
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

    @Test
    void anUnknownLessonIsRefusedWithTheList() {
        CliRunner.Result r = CliRunner.run("--lab", dir.resolve("x.pcapng").toString(), "--lab-scenarios", "tls12-ticket,nope");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("Unknown lab scenario \"nope\"") && r.err().contains(LabScenario.TLS13_PSK.id()), r.err());
    }
}
