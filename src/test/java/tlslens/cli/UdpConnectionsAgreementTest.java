package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import tlslens.UsesPublicCaptures;
import tlslens.analysis.Json;

/**
 * --connections on QUIC and DTLS against tshark 4.0 (the NAME.udp.fields.tsv goldens): one QUIC
 * connection per distinct quic.connection.number, one DTLS association per udp.stream with DTLS
 * records, and each connection's handshake messages (frame and tls.handshake.type for QUIC, the
 * dtls.handshake.type sequence for DTLS, whose fragments tshark lists one by one) as tshark reads
 * them. Every capture with QUIC or DTLS among the public ones and ours.
 */
class UdpConnectionsAgreementTest {

    @TestFactory
    @UsesPublicCaptures
    List<DynamicTest> publicCaptures() throws Exception {
        Path out = Path.of("target/golden-public");
        GoldenSupport.makePublicGolden(out);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(GoldenSupport.PUBLIC)) {
            String name = GoldenSupport.baseName(cap);
            Golden g = Golden.read(out.resolve(name + ".udp.fields.tsv"));
            if (g.quic.isEmpty() && g.dtls.isEmpty()) continue;
            tests.add(DynamicTest.dynamicTest(name, () -> compare(cap, GoldenSupport.decodeAsForPublic(name), g)));
        }
        assertTrue(tests.size() >= 5, "the public QUIC and DTLS captures (ja4 chrome, zeek quic, 3 zeek dtls): " + tests.size());
        return tests;
    }

    @TestFactory
    List<DynamicTest> ourCaptures() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path cap : GoldenSupport.capturesIn(CliRunner.CAPTURES)) {
            String name = GoldenSupport.baseName(cap);
            Path golden = CliRunner.GOLDEN.resolve(name + ".udp.fields.tsv");
            if (!Files.exists(golden)) continue;
            Golden g = Golden.read(golden);
            if (g.quic.isEmpty() && g.dtls.isEmpty()) continue;
            tests.add(DynamicTest.dynamicTest(name, () -> compare(cap, GoldenSupport.decodeAsFromManifest(cap), g)));
        }
        assertFalse(tests.isEmpty(), "no capture of ours with QUIC or DTLS (dtls10, dtls12_hello_verify)");
        return tests;
    }

    /** A display filter selects a DTLS association (or QUIC connection) by its frames, as it does TCP connections. */
    @org.junit.jupiter.api.Test
    void aDisplayFilterSelectsAssociationsByTheirFrames() {
        String cap = CliRunner.capture("dtls12_hello_verify.pcap");
        List<Object> dtls = Json.array(Json.parse(CliRunner.run("-r", cap, "-Y", "dtls.handshake.type == 3", "--connections").out()));
        assertEquals(1, dtls.size());
        assertEquals("dtls", Json.object(dtls.get(0)).get("transport"));
        assertEquals(Boolean.TRUE, Json.object(dtls.get(0)).get("hello_verify_request"));
        assertEquals(List.of(), Json.array(Json.parse(CliRunner.run("-r", cap, "-Y", "tcp", "--connections").out())));
        String text = CliRunner.run("-r", cap, "--connections", "--format", "text").out();
        assertTrue(text.lines().skip(1).findFirst().orElseThrow().matches("0\\s+dtls\\s+.*"), text);
        assertTrue(text.contains("\ndtls 0: HelloVerifyRequest"), text);
    }

    private static void compare(Path cap, List<String> decodeAs, Golden g) {
        List<String> args = new ArrayList<>(List.of("-r", cap.toString()));
        args.addAll(GoldenSupport.COMMON);
        args.addAll(decodeAs);
        args.add("--connections");
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        Map<Integer, List<String>> quic = new LinkedHashMap<>();
        Map<Integer, List<String>> dtls = new LinkedHashMap<>();
        for (Object o : Json.array(Json.parse(r.out()))) {
            Map<String, Object> c = Json.object(o);
            String transport = (String) c.get("transport");
            int index = ((Number) c.get("index")).intValue();
            if (transport.equals("tcp")) continue;
            if (transport.equals("dtls")) {
                assertEquals((long) index, c.get("udp_stream"), "a DTLS association's index is its udp.stream");
            }
            List<String> messages = new ArrayList<>();
            for (Object s : Json.array(c.get("handshake"))) {
                Map<String, Object> step = Json.object(s);
                if (step.get("type") == null) continue;
                messages.add(transport.equals("quic") ? step.get("frame") + ":" + step.get("type")
                        : String.valueOf(step.get("type")));
            }
            (transport.equals("quic") ? quic : dtls).put(index, transport.equals("dtls") ? collapse(messages) : messages);
        }
        assertEquals(new TreeSet<>(g.quic.keySet()), new TreeSet<>(quic.keySet()), "quic.connection.number (tshark)");
        assertEquals(new TreeSet<>(g.dtls.keySet()), new TreeSet<>(dtls.keySet()), "udp.stream with DTLS (tshark)");
        for (var e : g.quic.entrySet()) {
            assertEquals(e.getValue(), quic.get(e.getKey()),
                    "QUIC connection " + e.getKey() + ": frame:tls.handshake.type of its messages (tshark)");
        }
        for (var e : g.dtls.entrySet()) {
            assertEquals(collapse(e.getValue()), dtls.get(e.getKey()),
                    "DTLS association " + e.getKey() + ": dtls.handshake.type in order (tshark; fragments as one)");
        }
    }

    /** A message cut into fragments is one entry: runs of the same type become one. */
    private static List<String> collapse(List<String> types) {
        List<String> out = new ArrayList<>();
        for (String t : types) if (out.isEmpty() || !out.get(out.size() - 1).equals(t)) out.add(t);
        return out;
    }

    /** What tshark's UDP golden says per QUIC connection and per DTLS udp.stream. */
    private record Golden(Map<Integer, List<String>> quic, Map<Integer, List<String>> dtls) {
        static Golden read(Path tsv) throws IOException {
            assertTrue(Files.exists(tsv), "golden missing: " + tsv);
            List<String> lines = Files.readAllLines(tsv);
            List<String> h = List.of(lines.get(0).split("\t", -1));
            int frame = h.indexOf("frame.number"), udp = h.indexOf("udp.stream"), conn = h.indexOf("quic.connection.number");
            int tls = h.indexOf("tls.handshake.type"), dtlsType = h.indexOf("dtls.handshake.type");
            int dtlsRecord = h.indexOf("dtls.record.content_type");
            assertTrue(frame >= 0 && udp >= 0 && conn >= 0 && tls >= 0 && dtlsType >= 0 && dtlsRecord >= 0, tsv + ": " + h);
            Map<Integer, List<String>> quic = new LinkedHashMap<>();
            Map<Integer, List<String>> dtls = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length < h.size()) continue;
                for (String n : f[conn].split(",")) if (!n.isEmpty()) quic.computeIfAbsent(Integer.parseInt(n), k -> new ArrayList<>());
                // A datagram whose packets name two connections cannot tell whose messages are whose.
                if (!f[conn].isEmpty() && !f[conn].contains(",") && !f[tls].isEmpty()) {
                    List<String> l = quic.get(Integer.parseInt(f[conn]));
                    for (String t : f[tls].split(",")) l.add(f[frame] + ":" + t);
                }
                if (!f[dtlsRecord].isEmpty() && !f[udp].isEmpty()) {
                    List<String> l = dtls.computeIfAbsent(Integer.parseInt(f[udp].split(",")[0]), k -> new ArrayList<>());
                    if (!f[dtlsType].isEmpty()) l.addAll(List.of(f[dtlsType].split(",")));
                }
            }
            return new Golden(quic, dtls);
        }
    }
}
