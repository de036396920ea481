package tlslens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.PlaintextLog;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.DecryptionStatus.State;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.ConnectionState;
import tlslens.engine.Engine;
import tlslens.engine.Transport;

/**
 * Decryption against what the capture script recorded (NAME.manifest.json), over TCP, QUIC and DTLS: with the capture's
 * key log every connection whose handshake completed decrypts, the decrypted application data is
 * what the client sent ("client_sent", "early_data_text") and the server answered ("server_sent"),
 * the key comes from the recorded key log lines; with the damaged key logs ("bad_keylog") the
 * affected connections say why and the others decrypt as before; with the resumed connections'
 * lines removed ("first_only_keylog") TLS 1.2 resumptions decrypt from the session they resume.
 */
class DecryptionManifestTest {

    record Run(List<TlsConnection> tls, KeyLog keyLog) {}

    static Run run(Path capture, Path keylog) throws Exception {
        KeyLog log = KeyLog.read(keylog);
        Engine engine = new Engine(new TlsSecrets(log)).keepPlaintext(true);
        for (RawFrame f : Captures.frames(capture)) engine.dissect(f);
        List<TlsConnection> tls = new ArrayList<>();
        for (ConnectionState s : engine.connections()) if (s.tls() != null) tls.add(s.tls());
        return new Run(tls, log);
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureWithAKeyLog() {
        List<DynamicTest> tests = new ArrayList<>();
        int checkedTexts = 0;
        for (Path p : ManifestConnectionsTest.manifests()) {
            Map<String, Object> m = Json.object(Json.parse(Captures.read(p)));
            if (m.get("keylog") == null) continue;
            String name = (String) m.get("name");
            Path cap = Captures.OURS.resolve((String) m.get("file"));
            Path keylog = Captures.OURS.resolve((String) m.get("keylog"));
            List<Object> conns = Json.array(m.get("connections"));
            if ("udp".equals(m.get("transport"))) {
                tests.add(DynamicTest.dynamicTest(name + ": QUIC or DTLS decrypts as the manifest says", () ->
                        udp(name, cap, keylog, conns)));
                continue;
            }
            // The texts this test compares: the TCP connections' (see udp for QUIC's and DTLS's).
            for (Object o : conns) if (Json.object(o).get("client_sent") != null) checkedTexts++;
            tests.add(DynamicTest.dynamicTest(name + ": decrypts as the manifest says", () -> {
                Run r = run(cap, keylog);
                assertEquals(conns.size(), r.tls().size(), name + ": TLS connections");
                for (int i = 0; i < conns.size(); i++) {
                    checkConnection(name + " #" + i, Json.object(conns.get(i)), r.tls().get(i), m);
                }
            }));
            Object bad = m.get("bad_keylog");
            if (bad != null) {
                Map<String, Object> b = Json.object(bad);
                tests.add(DynamicTest.dynamicTest(name + ": damaged key log " + b.get("file"), () ->
                        badKeyLog(name, cap, keylog, b, conns)));
            }
            Object first = m.get("first_only_keylog");
            if (first != null) {
                Map<String, Object> f = Json.object(first);
                tests.add(DynamicTest.dynamicTest(name + ": resumed TLS 1.2 sessions from " + f.get("file"), () -> {
                    Run r = run(cap, Captures.OURS.resolve((String) f.get("file")));
                    for (int i = 0; i < conns.size(); i++) {
                        checkConnection(name + " #" + i + " (first-only key log)", Json.object(conns.get(i)),
                                r.tls().get(i), null);
                    }
                }));
            }
        }
        assertTrue(checkedTexts >= 20, "the manifests record what clients sent (found " + checkedTexts + ")");
        return tests.stream();
    }

    /** With the right keys: decrypted, plaintext as recorded, key from the recorded lines. */
    private static void checkConnection(String where, Map<String, Object> mc, TlsConnection c, Map<String, Object> m) {
        if (!Boolean.TRUE.equals(mc.get("handshake_completed"))) return;
        DecryptionStatus st = c.decryption();
        assertEquals(State.DECRYPTED, st.state(), where + ": " + st.describe());
        assertEquals(0, st.recordsFailed(), where + ": records that failed: " + st.describe());
        PlaintextLog plain = c.plaintext();
        assertNotNull(plain, where);
        int clientDir = 1 - c.serverDirection();
        String client = new String(plain.bytes(clientDir), StandardCharsets.UTF_8);
        String server = new String(plain.bytes(1 - clientDir), StandardCharsets.UTF_8);
        Object early = mc.get("early_data_text");
        if (early != null) assertTrue(client.startsWith((String) early), where + ": 0-RTT data first, got " + show(client));
        Object sent = mc.get("client_sent");
        if (sent != null) assertTrue(client.contains((String) sent), where + ": client sent " + show((String) sent)
                + ", decrypted " + show(client));
        Object answer = mc.get("server_sent");
        if (answer != null) assertTrue(server.contains((String) answer), where + ": server sent " + show((String) answer)
                + ", decrypted " + show(server));
        String alpn = (String) mc.get("alpn");
        if ("h2".equals(alpn) || (m != null && "h2o_curl".equals(m.get("name")))) {
            assertTrue(client.startsWith("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), where + ": HTTP/2 preface, got " + show(client));
        }
        Object lines = mc.get("keylog_lines");
        if (m != null && lines != null && st.keyOrigin() != null) {
            List<Object> range = Json.array(lines);
            int line = Integer.parseInt(st.keyOrigin().replaceAll("^line (\\d+) of .*$", "$1"));
            int lo = ((Number) range.get(0)).intValue(), hi = ((Number) range.get(range.size() - 1)).intValue();
            assertTrue(line >= lo && line <= hi, where + ": key from " + st.keyOrigin() + ", manifest says lines " + range);
            assertTrue(st.keyOrigin().endsWith(" of " + m.get("keylog")), where + ": " + st.keyOrigin());
        }
    }

    /**
     * QUIC connections and DTLS associations ("transport": "udp"), one per manifest connection in
     * order: with the key log every one whose handshake completed has each protected packet (QUIC)
     * and each protected handshake message opened, both Finished messages among them; without keys
     * none opens. What their application data says (client_sent, server_sent, early data) is compared
     * with the decrypted STREAM frames by tlslens.cli.QuicPeersCaptureTest and with the decrypted DTLS
     * records by tlslens.dissect.dtls.DtlsDecryptionTest.
     */
    private static void udp(String name, Path cap, Path keylog, List<Object> conns) throws Exception {
        Engine keyed = new Engine(new TlsSecrets(KeyLog.read(keylog)));
        Engine plain = new Engine();
        for (RawFrame f : Captures.frames(cap)) {
            keyed.dissect(f);
            plain.dissect(f);
        }
        List<ConnectionState> states = udpStates(keyed);
        List<Connection> model = ConnectionAnalyzer.analyze(states);
        List<Connection> without = ConnectionAnalyzer.analyze(udpStates(plain));
        assertEquals(conns.size(), model.size(), name + ": QUIC connections and DTLS associations");
        assertEquals(conns.size(), without.size(), name + ": the same without keys");
        for (int i = 0; i < conns.size(); i++) {
            Map<String, Object> mc = Json.object(conns.get(i));
            Connection c = model.get(i);
            String where = name + " #" + i + " (" + c.transport() + " " + c.index() + ")";
            assertEquals(mc.get("quic_version") != null ? Transport.QUIC : Transport.DTLS, c.transport(), where);
            if (!Boolean.TRUE.equals(mc.get("handshake_completed"))) continue;
            int finished = 0;
            for (HandshakeStep st : c.handshake()) {
                if (st.encrypted()) throw new AssertionError(where + ": frame " + st.frame() + " stays encrypted with the key log");
                if (st.handshakeType() == tlslens.dissect.tls.names.HandshakeTypes.FINISHED) finished++;
            }
            assertEquals(2, finished, where + ": both Finished messages decrypted: " + c.handshake());
            if (c.transport() == Transport.QUIC) {
                List<tlslens.dissect.quic.QuicConnection.Packet> packets = states.get(i).quic().packets();
                assertFalse(packets.isEmpty(), where);
                for (var pk : packets) {
                    if (pk.type() == tlslens.dissect.quic.QuicPacketTypes.RETRY
                            || pk.type() == tlslens.dissect.quic.QuicPacketTypes.VERSION_NEGOTIATION) continue;
                    assertTrue(pk.decrypted(), where + ": packet " + pk.packetNumber() + " of frame " + pk.frame()
                            + " (type " + pk.type() + ") opens with the key log");
                }
            }
            // Without keys the same connection's protected messages stay closed.
            Connection closed = without.get(i);
            assertTrue(closed.handshake().stream().anyMatch(HandshakeStep::encrypted),
                    where + ": without keys something stays encrypted: " + closed.handshake());
            for (HandshakeStep st : closed.handshake()) {
                if (st.kind() == HandshakeStep.Kind.MESSAGE && st.wireEncrypted()) {
                    assertTrue(st.encrypted(), where + ": frame " + st.frame() + " read without keys");
                }
            }
        }
    }

    /** The engine's QUIC connections and DTLS associations, in its order. */
    private static List<ConnectionState> udpStates(Engine engine) {
        List<ConnectionState> out = new ArrayList<>();
        for (ConnectionState s : engine.allConnections()) if (s.transport() != Transport.TCP) out.add(s);
        return out;
    }

    private static void badKeyLog(String name, Path cap, Path good, Map<String, Object> b, List<Object> conns)
            throws Exception {
        Run r = run(cap, Captures.OURS.resolve((String) b.get("file")));
        assertTrue(r.keyLog().skipped() >= 1, name + ": the malformed line is skipped and counted");
        assertTrue(r.keyLog().comments() >= 1, name + ": the comment line is skipped");
        Run ok = run(cap, good);
        for (Object o : Json.array(b.get("connections"))) {
            Map<String, Object> e = Json.object(o);
            int i = ((Number) e.get("connection")).intValue();
            String expect = (String) e.get("expect");
            TlsConnection c = r.tls().get(i);
            DecryptionStatus st = c.decryption();
            String where = name + " #" + i + " (" + expect + ")";
            if (expect.startsWith("keys did not match")) {
                assertEquals(State.KEYS_DID_NOT_MATCH, st.state(), where + ": " + st.describe());
                assertTrue(st.recordsFailed() > 0 && st.reason() != null && !st.reason().isEmpty(), where + ": " + st);
            } else if (expect.startsWith("no keys")) {
                assertEquals(State.NO_KEYS, st.state(), where + ": " + st.describe());
                assertEquals(0, st.recordsDecrypted(), where);
            } else if (expect.startsWith("decrypts as with")) {
                checkConnection(where, Json.object(conns.get(i)), c, null);
                int clientDir = 1 - c.serverDirection();
                assertEquals(new String(ok.tls().get(i).plaintext().bytes(clientDir), StandardCharsets.UTF_8),
                        new String(c.plaintext().bytes(clientDir), StandardCharsets.UTF_8), where);
            } else {
                throw new AssertionError("unknown expectation: " + expect);
            }
        }
    }

    private static String show(String s) {
        String t = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        return "\"" + t.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    static boolean exists(Path p) { return Files.exists(p); }
}
