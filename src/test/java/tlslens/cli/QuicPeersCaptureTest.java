package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import tlslens.dissect.tls.names.CipherSuites;

/**
 * The QUIC captures made with kwik (quic_*.pcap) against their manifests, which make-captures.sh wrote
 * from what the peers reported: one QUIC connection per manifest connection; without keys the Client
 * Hello and Server Hello come out of the Initial packets; with the key log the negotiated cipher suite,
 * 0-RTT as offered and accepted, and the application data each side sent (STREAM frames of 0-RTT and
 * 1-RTT packets, by stream and offset) equal the manifest's.
 */
class QuicPeersCaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("frame.number", "udp.srcport", "quic.connection.number",
            "quic.long.packet_type", "quic.version", "quic.supported_version", "quic.token_length", "quic.crypto.offset", "tls.handshake.type",
            "tls.handshake.ciphersuite", "quic.stream.stream_id", "quic.stream.offset", "quic.stream_data");

    @TestFactory
    List<DynamicTest> kwikCaptures() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(CliRunner.CAPTURES)) {
            String name = GoldenSupport.baseName(cap);
            if (!name.startsWith("quic_")) continue;
            JsonNode m = JSON.readTree(CliRunner.CAPTURES.resolve(name + ".manifest.json").toFile());
            tests.add(DynamicTest.dynamicTest(name, () -> check(cap, m)));
        }
        assertTrue(tests.size() >= 5, "kwik QUIC captures in " + CliRunner.CAPTURES + ": " + tests.size());
        return tests;
    }

    private static void check(Path cap, JsonNode m) {
        String name = m.get("name").asText();
        JsonNode conns = m.get("connections");
        int serverPort = conns.get(0).get("port").asInt();

        List<Map<String, String>> plain = rows(cap, null);
        assertEquals(conns.size(), distinct(plain, "quic.connection.number").size(), name + ": QUIC connections");
        for (int c = 0; c < conns.size(); c++) {
            List<String> types = handshakeTypes(plain, c);
            // An attempt the server answered with Version Negotiation has the client's Initial only.
            boolean answered = conns.get(c).get("handshake_completed").asBoolean();
            assertEquals(answered, types.contains("2"), name + " connection " + c + ": a Server Hello: " + types);
            assertTrue(types.contains("1"), name + " connection " + c + ": Client Hello from the Initials without keys: " + types);
            // Version Negotiation (a long header with version 0) in the connection exactly where the manifest says.
            String cn = String.valueOf(c);
            boolean vn = plain.stream().anyMatch(r -> r.get("quic.connection.number").equals(cn)
                    && split(r.get("quic.version")).contains("0x00000000"));
            assertEquals(conns.get(c).path("version_negotiation").asBoolean(false), vn,
                    name + " connection " + c + ": a Version Negotiation packet");
            String listed = conns.get(c).path("versions_listed").asText("");
            if (vn && !listed.isEmpty()) {
                // kwik's client logged the versions the packet lists ("v1"): the packet says the same.
                List<String> supported = plain.stream().filter(r -> r.get("quic.connection.number").equals(cn))
                        .flatMap(r -> split(r.get("quic.supported_version")).stream()).distinct().toList();
                List<String> said = new ArrayList<>();
                for (String v : listed.split(",")) said.add(v.trim().equals("v1") ? "0x00000001" : "0x6b3343cf");
                assertEquals(said, supported, name + " connection " + c + ": versions the Version Negotiation lists");
            }
        }
        boolean retry = plain.stream().anyMatch(r -> r.get("quic.long.packet_type").equals("3"));
        assertEquals(m.get("description").asText().contains("Retry"), retry, name + ": a Retry packet");
        if (retry) {
            assertTrue(plain.stream().anyMatch(r -> r.get("quic.long.packet_type").equals("0")
                    && !r.get("quic.token_length").isEmpty() && !r.get("quic.token_length").equals("0")),
                    name + ": an Initial carries the Retry's token");
        }
        // A Client Hello whose frame holds CRYPTO data past offset 0 began in an earlier Initial.
        boolean split = plain.stream().anyMatch(r -> split(r.get("tls.handshake.type")).contains("1")
                && split(r.get("quic.crypto.offset")).stream().anyMatch(o -> !o.equals("0")));
        assertEquals(m.get("description").asText().contains("two Initial"), split, name + ": Client Hello over two Initials");

        List<Map<String, String>> keyed = rows(cap, CliRunner.CAPTURES.resolve(m.get("keylog").asText()));
        for (int c = 0; c < conns.size(); c++) {
            JsonNode conn = conns.get(c);
            String cn = String.valueOf(c);
            if (!conn.get("handshake_completed").asBoolean()) {
                // Abandoned after the Version Negotiation packet: no keys, nothing sent but the Initial.
                assertTrue(conn.get("keylog_lines").isNull(), name + " connection " + c + ": no secrets");
                assertEquals("", streamText(keyed, cn, serverPort, true) + streamText(keyed, cn, serverPort, false));
                continue;
            }
            String suite = keyed.stream().filter(r -> r.get("quic.connection.number").equals(cn)
                            && split(r.get("tls.handshake.type")).contains("2"))
                    .map(r -> r.get("tls.handshake.ciphersuite")).findFirst().orElse("");
            assertFalse(suite.isEmpty(), name + " connection " + c + ": no Server Hello");
            assertEquals(conn.get("cipher_suite").asText(), CipherSuites.name(Long.decode(suite)), name + " connection " + c);

            boolean zeroRtt = keyed.stream().anyMatch(r -> r.get("quic.connection.number").equals(cn)
                    && split(r.get("quic.long.packet_type")).contains("1")); // coalesced with the Initial or alone
            assertEquals(conn.get("early_data_offered").asBoolean(), zeroRtt, name + " connection " + c + ": 0-RTT packets");

            String early = conn.path("early_data_text").asText("");
            assertEquals(early + conn.get("client_sent").asText(), streamText(keyed, cn, serverPort, true),
                    name + " connection " + c + ": what the client sent (0-RTT then 1-RTT)");
            assertEquals(conn.get("server_sent").asText(), streamText(keyed, cn, serverPort, false),
                    name + " connection " + c + ": what the server sent");
        }
    }

    /** Our -T fields rows (one map per frame), with the key log or without. */
    private static List<Map<String, String>> rows(Path cap, Path keylog) {
        List<String> a = new ArrayList<>(List.of("-r", cap.toString()));
        if (keylog != null) a.addAll(List.of("-o", "tls.keylog_file:" + keylog));
        a.addAll(List.of("-T", "fields", "-E", "occurrence=a"));
        for (String f : FIELDS) a.addAll(List.of("-e", f));
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : r.out().split("\n", -1)) {
            if (line.isEmpty()) continue;
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < FIELDS.size(); i++) row.put(FIELDS.get(i), i < cells.length ? cells[i] : "");
            rows.add(row);
        }
        assertFalse(rows.isEmpty(), cap + ": no frame");
        return rows;
    }

    private static List<String> split(String cell) {
        return cell.isEmpty() ? List.of() : List.of(cell.split(","));
    }

    private static List<String> distinct(List<Map<String, String>> rows, String field) {
        return rows.stream().flatMap(r -> split(r.get(field)).stream()).distinct().toList();
    }

    private static List<String> handshakeTypes(List<Map<String, String>> rows, int conn) {
        return rows.stream().filter(r -> r.get("quic.connection.number").equals(String.valueOf(conn)))
                .flatMap(r -> split(r.get("tls.handshake.type")).stream()).toList();
    }

    /**
     * The STREAM data one side of a connection sent, as text: per stream, by offset (a retransmitted
     * frame repeats an offset and counts once), streams in order of their ID.
     */
    private static String streamText(List<Map<String, String>> rows, String conn, int serverPort, boolean client) {
        Map<Long, TreeMap<Long, String>> streams = new TreeMap<>();
        for (Map<String, String> r : rows) {
            if (!r.get("quic.connection.number").equals(conn)) continue;
            boolean fromServer = r.get("udp.srcport").equals(String.valueOf(serverPort));
            // A STREAM frame with no data (a FIN alone) shows <MISSING>, as in tshark.
            List<String> data = split(r.get("quic.stream_data")).stream().filter(d -> d.matches("[0-9a-f:]+")).toList();
            if (fromServer == client || data.isEmpty()) continue;
            List<String> ids = split(r.get("quic.stream.stream_id"));
            List<String> offsets = split(r.get("quic.stream.offset"));
            assertEquals(1, data.size(), "frame " + r.get("frame.number") + ": one STREAM frame with data");
            long offset = offsets.isEmpty() ? 0 : Long.parseLong(offsets.get(0));
            streams.computeIfAbsent(Long.parseLong(ids.get(0)), k -> new TreeMap<>()).putIfAbsent(offset, data.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (TreeMap<Long, String> s : streams.values()) {
            for (String hex : s.values()) {
                sb.append(new String(HexFormat.of().parseHex(hex.replace(":", "")), StandardCharsets.US_ASCII));
            }
        }
        return sb.toString();
    }
}
