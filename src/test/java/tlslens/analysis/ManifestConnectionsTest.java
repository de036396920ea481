package tlslens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every connection of every capture with a manifest, against what the capture script recorded
 * while it made the capture (NAME.manifest.json): resumption, what the client offered, lineage,
 * version, suite, early data, SNI, ALPN. Data-driven: the expected values are the manifests'.
 *
 * <p>What the wire cannot show is not asked of the model, by rules that hold for any capture:
 * <ul>
 * <li>a TLS 1.3 PSK's ticket was issued inside encrypted records: resumed_from is null with the
 *     reason "load a key log" where the manifest names the issuing connection;</li>
 * <li>a session id sent together with a ticket is random or the session's (RFC 5077 3.4), so
 *     session_id in resumption_offered is compared only when no ticket was offered;</li>
 * <li>version and suite are compared where tshark (the golden NAME.fields.tsv) shows a
 *     ServerHello in that stream; a manifest's null version means the handshake failed;</li>
 * <li>early data: where the model says unknown (null) it must say why;</li>
 * <li>TLS 1.3's chosen ALPN is in the encrypted EncryptedExtensions.</li>
 * </ul>
 */
class ManifestConnectionsTest {

    /** One manifest and its capture's model. */
    record Capture(String name, Map<String, Object> manifest, List<Connection> model, Set<Integer> serverHelloStreams,
                   List<Integer> tsharkTlsStreams) {
        List<Object> connections() { return Json.array(manifest.get("connections")); }

        List<Connection> tls() {
            List<Connection> out = new ArrayList<>();
            for (Connection c : model) if (c.tls()) out.add(c);
            return out;
        }
    }

    /**
     * The manifests of our captures: TCP ones, and those with "transport": "udp" (DTLS associations,
     * one per udp.stream, and QUIC connections, one per quic.connection.number, compared with tshark's
     * UDP golden).
     */
    static List<Path> manifests() {
        try (Stream<Path> s = Files.list(Captures.OURS)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith(".manifest.json")).sorted().toList();
            if (l.isEmpty()) fail("no manifests in " + Captures.OURS.toAbsolutePath());
            return l;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Capture load(Path manifestPath) {
        Map<String, Object> m = Json.object(Json.parse(Captures.read(manifestPath)));
        String name = (String) m.get("name");
        Path file = Captures.OURS.resolve((String) m.get("file"));
        return new Capture(name, m, Captures.modelAll(file), new HashSet<>(), new ArrayList<>());
    }

    /** From tshark's golden fields: the streams with a ServerHello, and the TLS streams in order. */
    static Capture withTshark(Capture c) {
        boolean udp = "udp".equals(c.manifest().get("transport"));
        Path tsv = Captures.GOLDEN.resolve(c.name() + (udp ? ".udp.fields.tsv" : ".fields.tsv"));
        if (!Files.exists(tsv)) fail("golden file missing: " + tsv.toAbsolutePath());
        List<String> lines;
        try {
            lines = Files.readAllLines(tsv);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> header = List.of(lines.get(0).split("\t", -1));
        // DTLS: its associations are numbered by udp.stream, its fields are dtls.*. QUIC: its connections
        // by quic.connection.number (one may span UDP conversations), its TLS in CRYPTO frames (tls.handshake.*);
        // a frame of coalesced packets lists the number once per packet.
        boolean quic = udp && c.connections().stream().anyMatch(o -> Json.object(o).get("quic_version") != null);
        int stream = header.indexOf(quic ? "quic.connection.number" : udp ? "udp.stream" : "tcp.stream");
        int type = header.indexOf(udp && !quic ? "dtls.handshake.type" : "tls.handshake.type");
        int content = header.indexOf(quic ? "quic.connection.number" : udp ? "dtls.record.content_type" : "tls.record.content_type");
        if (stream < 0 || type < 0 || content < 0) fail(tsv + ": fields missing from its header " + header);
        Set<Integer> order = new LinkedHashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length <= Math.max(stream, Math.max(type, content)) || f[stream].isEmpty()) continue;
            Set<String> numbers = new LinkedHashSet<>(List.of(f[stream].split(",")));
            if (numbers.size() != 1) fail(tsv + ": a frame of several connections: " + line);
            int s = Integer.parseInt(numbers.iterator().next());
            if (!f[content].isEmpty()) order.add(s);
            if (List.of(f[type].split(",")).contains("2")) c.serverHelloStreams().add(s);
        }
        c.tsharkTlsStreams().addAll(order);
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyManifestConnection() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : manifests()) {
            Capture c = withTshark(load(p));
            tests.add(DynamicTest.dynamicTest(c.name() + ": TLS connections as in the manifest and tshark", () -> {
                List<Integer> ours = new ArrayList<>();
                for (Connection x : c.tls()) ours.add(x.index());
                assertEquals(c.connections().size(), ours.size(), "TLS connections");
                assertEquals(c.tsharkTlsStreams(), ours,
                        "tcp.stream, udp.stream (DTLS) or quic.connection.number of the TLS connections (tshark)");
            }));
            for (int i = 0; i < c.connections().size(); i++) {
                int n = i;
                tests.add(DynamicTest.dynamicTest(c.name() + " #" + i, () -> check(c, n)));
            }
        }
        return tests.stream();
    }

    /**
     * With the capture's key log, a TLS 1.3 NewSessionTicket is decrypted and matched to the
     * pre_shared_key identity of a later ClientHello: resumed_from names the issuing connection
     * for PSK resumption too, exactly as the manifest says (issue 5).
     */
    @TestFactory
    Stream<DynamicTest> resumedFromWithKeys() {
        List<DynamicTest> tests = new ArrayList<>();
        int psk = 0;
        for (Path p : manifests()) {
            Map<String, Object> m = Json.object(Json.parse(Captures.read(p)));
            if (m.get("keylog") == null) continue;
            Path file = Captures.OURS.resolve((String) m.get("file"));
            Path keylog = Captures.OURS.resolve((String) m.get("keylog"));
            List<Object> conns = Json.array(m.get("connections"));
            for (Object o : conns) if ("psk".equals(Json.object(o).get("resumption"))) psk++;
            tests.add(DynamicTest.dynamicTest(m.get("name") + ": resumed_from, ALPN, early data with the key log", () -> {
                List<Connection> tls = new ArrayList<>();
                for (Connection c : Captures.modelAll(file, keylog)) if (c.tls()) tls.add(c);
                assertEquals(conns.size(), tls.size(), "TLS connections");
                for (int i = 0; i < conns.size(); i++) {
                    Map<String, Object> mc = Json.object(conns.get(i));
                    Connection c = tls.get(i);
                    String where = m.get("name") + " #" + i + ": ";
                    Object from = mc.get("resumed_from");
                    if (from == null) {
                        assertNull(c.resumedFrom(), where + "resumed_from");
                    } else {
                        assertEquals(tls.get(((Number) from).intValue()).index(), c.resumedFrom(),
                                where + "resumed_from (" + c.resumedFromReason() + ")");
                        assertNull(c.resumedFromReason(), where + "resumed_from_reason");
                    }
                    // What only EncryptedExtensions says: the chosen ALPN, whether early data was accepted.
                    if (mc.containsKey("alpn") && Boolean.TRUE.equals(mc.get("handshake_completed"))) {
                        assertEquals(mc.get("alpn"), c.alpn(), where + "alpn with keys");
                    }
                    if (Boolean.TRUE.equals(mc.get("early_data_offered"))) {
                        assertEquals(mc.get("early_data"), c.earlyData(), where + "early_data with keys ("
                                + c.earlyDataReason() + ")");
                    }
                }
            }));
        }
        assertTrue(psk >= 3, "the manifests with key logs have TLS 1.3 PSK resumptions (found " + psk + ")");
        return tests.stream();
    }

    /** The total checked, so that the count in a report comes from the data. */
    @Test
    void manifestsCoverResumptionKinds() {
        int connections = 0;
        Set<String> kinds = new HashSet<>();
        for (Path p : manifests()) {
            Map<String, Object> m = Json.object(Json.parse(Captures.read(p)));
            for (Object o : Json.array(m.get("connections"))) {
                connections++;
                kinds.add((String) Json.object(o).get("resumption"));
            }
        }
        System.out.println("ManifestConnectionsTest: " + manifests().size() + " manifests, " + connections
                + " connections; resumption kinds " + kinds);
        for (Resumption r : Resumption.values()) assertTrue(kinds.contains(r.label()), "no manifest shows " + r.label());
    }

    static void check(Capture cap, int i) {
        Map<String, Object> m = Json.object(cap.connections().get(i));
        List<Connection> tls = cap.tls();
        assertTrue(i < tls.size(), "connection " + i + " missing");
        Connection c = tls.get(i);
        String where = cap.name() + " connection " + i + " (" + switch (c.transport()) {
            case TCP -> "tcp.stream ";
            case QUIC -> "quic.connection.number ";
            case DTLS -> "udp.stream ";
        } + c.index() + "): ";

        // Resumption as the server accepted it.
        assertEquals(m.get("resumption"), c.resumption().label(), where + "resumption");

        // What the client offered.
        List<Object> offeredExpected = Json.array(m.get("resumption_offered"));
        for (String kind : List.of("session_ticket", "psk")) {
            assertEquals(offeredExpected.contains(kind), c.resumptionOffered().contains(kind), where + "offered " + kind
                    + " (manifest " + offeredExpected + ", model " + c.resumptionOffered() + ")");
        }
        if (!offeredExpected.contains("session_ticket") && !c.resumptionOffered().contains("session_ticket")) {
            assertEquals(offeredExpected.contains("session_id"), c.resumptionOffered().contains("session_id"),
                    where + "offered session_id (manifest " + offeredExpected + ", model " + c.resumptionOffered() + ")");
        }
        if (!"none".equals(m.get("resumption"))) {
            assertTrue(c.resumptionOffered().contains((String) m.get("resumption")), where + "accepted but not offered");
        }
        if (offeredExpected.size() > 0 && "none".equals(m.get("resumption")) && Boolean.TRUE.equals(m.get("handshake_completed"))) {
            assertTrue(c.findings().stream().anyMatch(f -> f.contains("server did a full handshake")),
                    where + "offer refused is a finding: " + c.findings());
        }

        // Lineage: the manifest's index counts TLS connections.
        Object from = m.get("resumed_from");
        if (from == null) {
            assertNull(c.resumedFrom(), where + "resumed_from");
        } else {
            int expected = tls.get(((Number) from).intValue()).index();
            if (c.resumption() == Resumption.PSK) {
                assertNull(c.resumedFrom(), where + "a TLS 1.3 ticket cannot be linked without keys");
                assertEquals(ConnectionAnalyzer.ENCRYPTED_TICKET, c.resumedFromReason(), where + "resumed_from_reason");
            } else {
                assertEquals(expected, c.resumedFrom(), where + "resumed_from");
                assertNull(c.resumedFromReason(), where + "resumed_from_reason");
            }
        }
        if (c.resumption() != Resumption.NONE) {
            assertFalse(c.skipped().isEmpty(), where + "a resumption skips messages");
        } else {
            assertTrue(c.skipped().isEmpty(), where + "a full handshake skips nothing");
        }

        // Version, suite, completion.
        boolean serverHelloSeen = cap.serverHelloStreams().contains(c.index());
        if (m.get("version") == null) {
            assertFalse(c.established(), where + "the manifest says the handshake failed");
            assertFalse(c.findings().isEmpty(), where + "a failed handshake is a finding");
        } else if (serverHelloSeen) {
            assertEquals(m.get("version"), c.version(), where + "version");
            assertEquals(m.get("cipher_suite"), c.cipherSuite(), where + "cipher_suite");
            assertEquals(m.get("handshake_completed"), c.established(), where + "established");
            if (c.established()) {
                assertNotNull(c.handshakeMs(), where + "handshake_ms");
                assertTrue(c.handshakeMs() > 0, where + "handshake_ms > 0");
                assertNotNull(c.roundTrips(), where + "round_trips");
            }
        } else {
            assertNull(c.version(), where + "no ServerHello in the capture (tshark shows none either)");
            assertFalse(c.established(), where + "established without a ServerHello");
        }

        // QUIC: the version the connection spoke and whether a Version Negotiation packet answered it.
        if (m.get("quic_version") instanceof String qv) {
            assertEquals(qv.equals("QUIC v2") ? 0x6b3343cf : 1, c.quicVersion(), where + "quic_version " + qv);
        }
        if (m.containsKey("version_negotiation")) {
            assertEquals(m.get("version_negotiation"), c.versionNegotiation(), where + "version_negotiation");
            if (c.versionNegotiation()) {
                assertTrue(c.findings().stream().anyMatch(f -> f.startsWith("Version Negotiation")), where + c.findings());
            }
        }

        // Early data.
        if (m.get("early_data_offered") != null) {
            assertEquals(m.get("early_data_offered"), c.earlyDataOffered(), where + "early_data_offered");
        }
        if (c.earlyData() != null) {
            assertEquals(m.get("early_data"), c.earlyData(), where + "early_data (" + c.earlyDataReason() + ")");
        } else {
            assertNotNull(c.earlyDataReason(), where + "unknown early_data needs a reason");
        }

        // SNI, ALPN (the manifest has them where the client set them).
        if (m.containsKey("sni")) assertEquals(m.get("sni"), c.sni(), where + "sni");
        if (m.containsKey("alpn")) {
            assertTrue(c.alpnOffered().contains(m.get("alpn")), where + "alpn offered " + c.alpnOffered());
            if ("TLS 1.3".equals(c.version())) assertNull(c.alpn(), where + "TLS 1.3's ALPN is encrypted");
            else assertEquals(m.get("alpn"), c.alpn(), where + "alpn");
        }

        // The handshake starts with the client's hello and is in frame order.
        assertFalse(c.handshake().isEmpty(), where + "handshake");
        assertEquals("Client Hello", c.handshake().get(0).message(), where + "first message");
        assertTrue(c.handshake().get(0).fromClient(), where + "ClientHello from the client");
        long last = 0;
        for (HandshakeStep s : c.handshake()) {
            assertTrue(s.frame() >= last, where + "steps in frame order");
            last = s.frame();
            assertNotNull(s.timeMs(), where + "time of frame " + s.frame());
        }
        String port = String.valueOf(((Number) m.get("port")).intValue());
        assertTrue(c.server().endsWith(":" + port), where + "server " + c.server() + " on port " + port);
    }
}
