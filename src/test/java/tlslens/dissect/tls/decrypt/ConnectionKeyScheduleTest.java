package tlslens.dissect.tls.decrypt;

import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.engine.ConnectionState;
import tlslens.engine.Engine;

/**
 * The key schedule of real connections with their key logs: every Finished's verify_data recomputed
 * from the transcript and the keys equals the one tshark 4.0 reads from the wire with the same key log
 * (tls.handshake.verify_data's bytes), and what a key log cannot give is said missing, not made up.
 */
class ConnectionKeyScheduleTest {
    private static final Path OURS = Path.of("src/test/resources/captures");
    private static final Path PUBLIC = PublicCaptures.DIR;

    /** Our captures with a key log of the same name. */
    static Stream<Path[]> capturesWithKeys() throws IOException {
        List<Path[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(OURS)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (!n.endsWith(".pcap") && !n.endsWith(".pcapng")) continue;
                String base = n.replaceFirst("\\.pcap(ng)?$", "");
                Path keys = OURS.resolve(base + ".keylog");
                if (Files.exists(keys) && !overUdp(OURS.resolve(base + ".manifest.json"))) out.add(new Path[] {p, keys});
            }
        }
        assertTrue(out.size() > 20, "captures with key logs found: " + out.size());
        return out.stream();
    }

    /** DTLS captures: their key schedule is not built yet (no DTLS decryption). */
    private static boolean overUdp(Path manifest) throws IOException {
        return Files.exists(manifest) && Files.readString(manifest).matches("(?s).*\"transport\"\\s*:\\s*\"udp\".*");
    }

    /** The public captures that come with their key logs. */
    static Stream<Path[]> publicCapturesWithKeys() {
        List<Path[]> out = new ArrayList<>();
        for (String name : List.of("zeek_tls12-decryption", "scapy_tls_nss_example", "lek_tls_http2-16-ssl", "lek_tls_imap-ssl")) {
            Path pcap = Files.exists(PUBLIC.resolve(name + ".pcap")) ? PUBLIC.resolve(name + ".pcap") : PUBLIC.resolve(name + ".pcapng");
            if (!Files.exists(pcap)) fail("public capture missing (see SOURCES.md beside the public captures): " + pcap);
            out.add(new Path[] {pcap, PUBLIC.resolve(name + ".keylog")});
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @UsesPublicCaptures
    @MethodSource("publicCapturesWithKeys")
    void everyFinishedRecomputedEqualsTheWireOnPublicCaptures(Path capture, Path keylog) throws Exception {
        everyFinishedRecomputedEqualsTheWire(capture, keylog);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturesWithKeys")
    void everyFinishedRecomputedEqualsTheWire(Path capture, Path keylog) throws Exception {
        Map<Integer, List<String>> tshark = tsharkVerifyData(capture, keylog);
        Map<Integer, KeySchedule> ours = schedules(capture, keylog);
        assertFalse(tshark.isEmpty(), "tshark reads a Finished in " + capture);
        for (var e : tshark.entrySet()) {
            KeySchedule k = ours.get(e.getKey());
            assertNotNull(k, "a key schedule for tcp.stream " + e.getKey());
            List<String> recomputed = new ArrayList<>();
            for (KeySchedule.Step s : k.finishedChecks()) {
                assertTrue(s.check().correct(), s.name() + " of tcp.stream " + e.getKey() + ": " + s.hex() + " vs " + s.wireHex());
                recomputed.add(s.hex());
            }
            // A renegotiated connection: the schedule is its last handshake's, whose Finished messages come last.
            List<String> wire = k.handshakes() > 1 ? e.getValue().subList(Math.max(0, e.getValue().size() - recomputed.size()),
                    e.getValue().size()) : e.getValue();
            assertFalse(recomputed.isEmpty(), "tcp.stream " + e.getKey() + ": a Finished recomputed");
            assertTrue(k.handshakes() > 1 || recomputed.size() == e.getValue().size(), "every Finished recomputed");
            assertEquals(wire.stream().sorted().toList(), recomputed.stream().sorted().toList(),
                    "tcp.stream " + e.getKey() + ": recomputed verify_data vs tshark's");
            for (KeySchedule.Step s : k.steps()) {
                assertTrue(s.rfc().startsWith("RFC "), s.name() + " names its RFC section");
                assertEquals(s.value() == null, s.source() == KeySchedule.Source.NOT_IN_KEY_LOG, s.name() + ": value iff known");
            }
        }
    }

    /** A full TLS 1.3 handshake and its PSK resumption: the early secret is computed from zeros in one, missing in the other. */
    @Test
    void pskReplacesTheZerosOfTheEarlySecret() throws Exception {
        Path capture = OURS.resolve("tls13_full_then_psk.pcap");
        Path keys = OURS.resolve("tls13_full_then_psk.keylog");
        Map<Integer, KeySchedule> ours = schedules(capture, keys);
        Map<Integer, Boolean> pskSelected = tsharkPskSelected(capture, keys);
        assertEquals(2, pskSelected.size());
        for (var e : pskSelected.entrySet()) {
            KeySchedule k = ours.get(e.getKey());
            assertEquals(TlsVersions.TLS13, k.version());
            KeySchedule.Step early = k.step("early_secret");
            assertTrue(early.psk(), "the early secret is what a PSK changes");
            if (e.getValue()) {
                assertNull(early.value(), "no key log holds a PSK's early secret");
                assertNotNull(k.step("binder_key"), "a resumption names its binder key");
                assertTrue(k.step("PSK").psk());
            } else {
                assertNotNull(early.value());
                // HKDF-Extract(0, 0): one value for every full handshake with this hash.
                String h = k.step("client_handshake_traffic_secret").value().length == 48 ? "HmacSHA384" : "HmacSHA256";
                int n = h.endsWith("384") ? 48 : 32;
                assertArrayEquals(Hkdf.extract(h, new byte[n], new byte[n]), early.value());
                assertNull(k.step("binder_key"), "no binder without a PSK");
            }
            assertNull(k.step("handshake_secret").value(), "needs the (EC)DHE secret, which no key log holds");
            assertEquals(KeySchedule.Source.KEY_LOG, k.step("server_handshake_traffic_secret").source());
            assertTrue(k.step("server_handshake_traffic_secret").origin().contains("tls13_full_then_psk.keylog"));
            assertEquals(2, k.finishedChecks().size());
        }
    }

    /** TLS 1.2: the key block cut by the suite's lengths; the client key is what decrypted the records. */
    @Test
    @UsesPublicCaptures
    void tls12KeyBlockIsCutIntoTheSuitesKeys() throws Exception {
        Map<Integer, KeySchedule> ours = schedules(PUBLIC.resolve("zeek_tls12-decryption.pcap"),
                PUBLIC.resolve("zeek_tls12-decryption.keylog"));
        KeySchedule k = ours.values().iterator().next();
        assertEquals(TlsVersions.TLS12, k.version());
        var suite = tlslens.dissect.tls.names.CipherSuiteInfo.of(k.cipherSuite());
        assertEquals(suite.keyLength(), k.step("client_write_key").value().length);
        assertEquals(suite.ivLength(), k.step("server_write_IV").value().length);
        assertNull(k.step("client_write_MAC_key"), "an AEAD suite has no MAC keys");
        assertEquals(2 * (suite.keyLength() + suite.ivLength()), k.step("key_block").value().length);
        assertNull(k.step("pre_master_secret").value());
        assertEquals(KeySchedule.Source.KEY_LOG, k.step("master_secret").source());
    }

    /**
     * TLS 1.2 with and without the extended master secret (RFC 7627): the schedule derives the master secret
     * from the session hash exactly where tshark sees the extension in the ServerHello.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"src/test/resources/captures/tls12_aead.pcapng",
            "src/test/resources/captures/tls12_session_id.pcap", "src/test/resources/captures/tls10_cbc.pcap"})
    void extendedMasterSecretWhereTheServerHelloHasIt(String name) throws Exception {
        extendedMasterSecretWhereTheServerHelloHasIt(Path.of(name));
    }

    @ParameterizedTest
    @UsesPublicCaptures
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lek_tls_imap-ssl.pcapng", "lek_tls_http2-16-ssl.pcapng"})
    void extendedMasterSecretWhereTheServerHelloHasItOnPublicCaptures(String name) throws Exception {
        extendedMasterSecretWhereTheServerHelloHasIt(PUBLIC.resolve(name));
    }

    private void extendedMasterSecretWhereTheServerHelloHasIt(Path capture) throws Exception {
        String name = capture.toString();
        Path keys = Path.of(name.replaceFirst("\\.pcap(ng)?$", "") + ".keylog");
        Map<Integer, KeySchedule> ours = schedules(capture, keys);
        List<String> cmd = List.of("tshark", "-r", capture.toString(), "-Y", "tls.handshake.type == 2", "-T", "fields",
                "-e", "tcp.stream", "-e", "tls.handshake.extension.type");
        int seen = 0;
        for (String line : run(cmd).lines().toList()) {
            String[] f = line.split("\t", -1);
            boolean ems = List.of(f[1].split(",")).contains("23");
            KeySchedule k = ours.get(Integer.parseInt(f[0]));
            assertEquals(ems, k.step("session_hash") != null, name + " #" + f[0]);
            assertEquals(ems ? "RFC 7627 §4" : k.step("master_secret").rfc(), k.step("master_secret").rfc());
            assertEquals(ems, k.step("master_secret").formula().contains("extended master secret"));
            boolean fullHandshake = k.step("pre_master_secret").note().startsWith("a CLIENT_RANDOM");
            if (ems && fullHandshake) assertNotNull(k.step("session_hash").value(), "hashed up to the Client Key Exchange");
            seen++;
        }
        assertTrue(seen > 0);
    }

    static Map<Integer, KeySchedule> schedules(Path capture, Path keylog) throws Exception {
        Engine engine = new Engine(new TlsSecrets(KeyLog.read(keylog))).keepKeySchedules(true);
        try (CaptureFileReader r = CaptureFileReader.open(capture)) {
            RawFrame f;
            while ((f = r.next()) != null) engine.dissect(f);
        }
        Map<Integer, KeySchedule> out = new TreeMap<>();
        for (ConnectionState c : engine.connections()) {
            if (c.tls() != null && c.tls().keySchedule() != null) out.put(c.index(), c.tls().keySchedule());
        }
        return out;
    }

    /** tcp.stream → the verify_data bytes of its Finished messages, as tshark reads them with the key log. */
    static Map<Integer, List<String>> tsharkVerifyData(Path capture, Path keylog) throws Exception {
        String json = tshark(capture, keylog, "tls.handshake.type == " + HandshakeTypes.FINISHED);
        Map<Integer, List<String>> out = new TreeMap<>();
        Matcher m = Pattern.compile("\"tcp\\.stream\": \"(\\d+)\"|\"tls\\.handshake\\.verify_data_raw\": \\[\\s*\"([0-9a-f]+)\"").matcher(json);
        int stream = -1;
        while (m.find()) {
            if (m.group(1) != null) stream = Integer.parseInt(m.group(1));
            else out.computeIfAbsent(stream, k -> new ArrayList<>()).add(m.group(2));
        }
        return out;
    }

    /** tcp.stream → whether its ServerHello selected a PSK (tls.handshake.extensions.psk.identity.selected). */
    static Map<Integer, Boolean> tsharkPskSelected(Path capture, Path keylog) throws Exception {
        List<String> cmd = List.of("tshark", "-r", capture.toString(), "-o", "tls.keylog_file:" + keylog, "-Y",
                "tls.handshake.type == 2", "-T", "fields", "-e", "tcp.stream", "-e", "tls.handshake.extensions.psk.identity.selected");
        Map<Integer, Boolean> out = new TreeMap<>();
        for (String line : run(cmd).lines().toList()) {
            String[] f = line.split("\t", -1);
            out.put(Integer.parseInt(f[0]), f.length > 1 && !f[1].isEmpty());
        }
        return out;
    }

    private static String tshark(Path capture, Path keylog, String filter) throws Exception {
        return run(List.of("tshark", "-r", capture.toString(), "-o", "tls.keylog_file:" + keylog,
                "-o", "tcp.reassemble_out_of_order:TRUE", "-Y", filter, "-T", "json", "-x"));
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "tshark " + cmd);
        return out;
    }
}
