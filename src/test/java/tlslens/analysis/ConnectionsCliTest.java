package tlslens.analysis;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tlslens.cli.Cli;

/** tlslens -r FILE --connections [--format text|json]: what it prints, checked against the model. */
class ConnectionsCliTest {
    static final String TICKET = Captures.OURS.resolve("tls12_full_then_ticket.pcapng").toString();

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = Cli.run(args, o, e);
        }
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<Map<String, Object>> json(Run r) {
        assertEquals(0, r.code(), r.err());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : Json.array(Json.parse(r.out()))) out.add(Json.object(o));
        return out;
    }

    @Test
    void jsonHasIssue4sKeysInOrderAndTheModelsValues() {
        List<Map<String, Object>> a = json(run("-r", TICKET, "--connections"));
        List<Connection> model = Captures.model(Captures.OURS.resolve("tls12_full_then_ticket.pcapng"));
        assertEquals(model.size(), a.size());
        List<String> keys = List.of("index", "client", "server", "sni", "alpn", "version", "cipher_suite", "group",
                "resumption", "resumption_offered", "early_data", "resumed_from", "resumed_from_reason", "skipped",
                "handshake", "handshake_ms", "round_trips");
        assertEquals(keys, new ArrayList<>(a.get(0).keySet()).subList(0, keys.size()));
        for (String k : List.of("findings", "alerts", "bytes_client_to_server", "bytes_server_to_client")) {
            assertTrue(a.get(0).containsKey(k), k);
        }
        for (int i = 0; i < a.size(); i++) {
            Map<String, Object> o = a.get(i);
            Connection c = model.get(i);
            assertEquals((long) c.index(), o.get("index"));
            assertEquals(c.client(), o.get("client"));
            assertEquals(c.server(), o.get("server"));
            assertEquals(c.version(), o.get("version"));
            assertEquals(c.cipherSuite(), o.get("cipher_suite"));
            assertEquals(c.resumption().label(), o.get("resumption"));
            assertEquals(c.resumptionOffered(), o.get("resumption_offered"));
            assertEquals(c.resumedFrom() == null ? null : (long) c.resumedFrom(), o.get("resumed_from"));
            assertEquals(c.skipped().stream().map(SkippedMessage::message).toList(), o.get("skipped"));
            assertEquals(String.format(Locale.ROOT, "%.3f", c.handshakeMs()), String.format(Locale.ROOT, "%.3f",
                    ((Number) o.get("handshake_ms")).doubleValue()));
            assertEquals(c.bytesClientToServer(), o.get("bytes_client_to_server"));
            List<Object> steps = Json.array(o.get("handshake"));
            assertEquals(c.handshake().size(), steps.size());
            for (int j = 0; j < steps.size(); j++) {
                Map<String, Object> s = Json.object(steps.get(j));
                HandshakeStep h = c.handshake().get(j);
                assertEquals(h.frame(), s.get("frame"));
                assertEquals(h.from(), s.get("from"));
                assertEquals(h.message(), s.get("message"));
                assertEquals((long) h.bytes(), s.get("bytes"));
                assertEquals(h.encrypted(), s.get("encrypted"));
            }
        }
        Map<String, Object> resumed = a.get(1);
        assertEquals("session_ticket", resumed.get("resumption"));
        assertEquals(0L, resumed.get("resumed_from"));
        assertEquals(List.of("Certificate", "Server Key Exchange", "Server Hello Done", "Client Key Exchange"),
                resumed.get("skipped"));
        assertEquals("Client Hello", Json.object(Json.array(resumed.get("handshake")).get(0)).get("message"));
    }

    /**
     * Issue 12, items 4 and 5, on the bundled sample with its key log: every handshake message and alert
     * that travelled encrypted says so once decrypted (tshark: the alerts' frames carry TLS 1.3 records of
     * outer type application_data), and a TLS 1.3 resumption's skipped messages have the sizes the
     * connection that issued the ticket sent.
     */
    @Test
    void withKeysWhatTravelledEncryptedSaysSoAndSkippedSizesComeFromTheOrigin(@org.junit.jupiter.api.io.TempDir
                                                                            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path keylog = dir.resolve("sample.keylog");
        java.nio.file.Files.writeString(keylog, Captures.read(Captures.OURS.resolve("tls12_full_then_ticket.keylog"))
                + Captures.read(Captures.OURS.resolve("tls13_full_then_psk.keylog")));
        String sample = "src/main/resources/sample/tls-sample.pcapng";
        List<Map<String, Object>> a = json(run("-r", sample, "--keylog", keylog.toString(), "--connections"));
        java.util.Set<Long> opaque = new java.util.HashSet<>();
        Process p = new ProcessBuilder("tshark", "-r", sample, "-Y", "tls.record.opaque_type == 23", "-T", "fields",
                "-e", "frame.number").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) opaque.add(Long.parseLong(line.trim()));
        }
        assertEquals(0, p.waitFor());
        int tls13Messages = 0;
        int tls12Finished = 0;
        for (Map<String, Object> c : a) {
            boolean tls13 = "TLS 1.3".equals(c.get("version"));
            String ccsSeen = "";
            for (Object o : Json.array(c.get("handshake"))) {
                Map<String, Object> s = Json.object(o);
                String msg = (String) s.get("message");
                String from = (String) s.get("from");
                boolean clear = msg.equals("Client Hello") || msg.equals("Server Hello") || msg.equals("Change Cipher Spec");
                assertTrue(!msg.startsWith("Encrypted Handshake"), "decrypted: " + s);
                if (tls13) {
                    if (!clear) tls13Messages++;
                    assertEquals(!clear, s.get("encrypted"), c.get("index") + " " + s);
                    if (!clear) assertTrue(opaque.contains((Long) s.get("frame")), "tshark: " + s);
                } else {
                    // TLS 1.2: what a side sends after its ChangeCipherSpec is encrypted.
                    boolean after = ccsSeen.contains(from);
                    if (msg.equals("Change Cipher Spec")) ccsSeen += from;
                    else assertEquals(after, s.get("encrypted"), c.get("index") + " " + s);
                    if (msg.equals("Finished")) tls12Finished++;
                }
                assertEquals(s.get("encrypted"), s.get("decrypted"), "all decrypted with the key log: " + s);
            }
            for (Object o : Json.array(c.get("alerts"))) {
                Map<String, Object> al = Json.object(o);
                assertEquals(true, al.get("encrypted"), "a close_notify after the handshake: " + al);
                assertEquals(true, al.get("decrypted"), al.toString());
                if (tls13) assertTrue(opaque.contains((Long) al.get("frame")), "tshark: " + al);
                assertTrue(al.get("description") != null, al.toString());
            }
            if (c.get("resumed_from") != null) {
                Map<String, Object> origin = a.get(((Long) c.get("resumed_from")).intValue());
                long sum = 0;
                for (Object o : Json.array(c.get("skipped_detail"))) {
                    Map<String, Object> d = Json.object(o);
                    Map<String, Object> sent = Json.array(origin.get("handshake")).stream().map(Json::object)
                            .filter(x -> x.get("message").equals(d.get("message")) && x.get("from").equals(d.get("from")))
                            .findFirst().orElseThrow();
                    assertEquals(sent.get("bytes"), d.get("bytes"), c.get("index") + " " + d);
                    sum += (Long) sent.get("bytes");
                }
                assertEquals(sum, c.get("skipped_bytes"));
            }
        }
        assertTrue(tls13Messages >= 8, "both TLS 1.3 handshakes' encrypted flights: " + tls13Messages);
        assertEquals(4, tls12Finished);
    }

    @Test
    @UsesPublicCaptures
    void nonTlsConnectionsHaveNulls() {
        List<Map<String, Object>> a = json(run("-r", Captures.publicCapture("ja4_latest.pcapng").toString(),
                "--connections", "--format", "json"));
        for (int i = 0; i < a.size(); i++) assertEquals((long) i, a.get(i).get("index"), "order of first packet");
        Map<String, Object> plain = a.stream().filter(o -> o.get("resumption") == null).findFirst().orElseThrow();
        assertNull(plain.get("version"));
        assertNull(plain.get("cipher_suite"));
        assertNull(plain.get("resumed_from"));
        assertEquals(List.of(), plain.get("handshake"));
        assertTrue(((String) plain.get("server")).contains(":"));
    }

    @Test
    void textIsOneLinePerConnectionThenNotes() {
        Run r = run("-r", Captures.OURS.resolve("tls13_full_then_psk.pcap").toString(), "--connections", "--format",
                "text");
        assertEquals(0, r.code(), r.err());
        List<Connection> model = Captures.model(Captures.OURS.resolve("tls13_full_then_psk.pcap"));
        String[] lines = r.out().split("\n");
        assertEquals(List.of("index", "transport", "client", "server", "version", "cipher_suite", "sni", "resumption",
                "resumed_from", "handshake_ms"), List.of(lines[0].trim().split("\\s+")));
        for (int i = 0; i < model.size(); i++) {
            Connection c = model.get(i);
            List<String> cells = List.of(lines[1 + i].trim().split("\\s{2,}"));
            assertEquals(List.of(String.valueOf(c.index()), "tcp", c.client(), c.server(), c.version(), c.cipherSuite(),
                    c.sni(), c.resumption().label(), c.resumption() == Resumption.NONE ? "-" : "?",
                    String.format(Locale.ROOT, "%.3f", c.handshakeMs())), cells);
        }
        assertEquals("", lines[1 + model.size()], "a blank line before the notes");
        assertTrue(r.out().contains("\n1: resumed_from unknown: " + ConnectionAnalyzer.ENCRYPTED_TICKET + "\n"), r.out());
    }

    @Test
    void aDisplayFilterSelectsConnectionsButLineageSeesAll() {
        List<Map<String, Object>> a = json(run("-r", TICKET, "--connections", "-Y", "tcp.stream == 1"));
        assertEquals(1, a.size());
        assertEquals(1L, a.get(0).get("index"));
        assertEquals(0L, a.get(0).get("resumed_from"));
        assertEquals(List.of(), json(run("-r", TICKET, "--connections", "-Y", "tcp.stream == 7")));
    }

    @Test
    void badCombinationsAreUsageErrors() {
        Run r = run("-r", TICKET, "--connections", "--format", "xml");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Invalid --format \"xml\"; it must be text or json."), r.err());
        r = run("-r", TICKET, "--format", "text");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--format applies to --connections"), r.err());
        r = run("-r", TICKET, "--connections", "-T", "fields", "-e", "frame.number");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot be combined with -T, -V, -O or -e"), r.err());
        assertEquals("", r.out());
    }
}
