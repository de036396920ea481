package tlslens.ui.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static tlslens.ui.decrypt.KeyedCaptures.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tlslens.analysis.Json;
import tlslens.dissect.tls.TlsConnection;
import tlslens.engine.CaptureIndex;
import tlslens.ui.follow.FollowStreamModel.Side;

/** Follow TLS stream's view model over the repo's captures with their key logs, without a screen. */
class FollowStreamModelTest {
    static final Path CAPTURES = Path.of("src/test/resources/captures");


    /** The tcp.stream whose ClientHello random is {@code hex}. */
    static int streamOf(CaptureIndex idx, String hex) {
        for (int s = 0; s < 64; s++) {
            TlsConnection t = idx.followTls(s);
            if (t != null && t.clientRandom() != null && HexFormat.of().formatHex(t.clientRandom()).equals(hex)) return s;
        }
        throw new AssertionError("no connection with client random " + hex);
    }

    static List<Object> connections(String name) throws Exception {
        Map<String, Object> m = Json.object(Json.parse(Files.readString(CAPTURES.resolve(name + ".manifest.json"))));
        return Json.array(m.get("connections"));
    }

    private void clientTextEqualsWhatTheClientSent(String name, String capture) throws Exception {
        try (CaptureIndex idx = index(CAPTURES.resolve(capture), CAPTURES.resolve(name + ".keylog"))) {
            int checked = 0;
            for (Object o : connections(name)) {
                Map<String, Object> c = Json.object(o);
                if (c.get("client_sent") == null) continue;
                int s = streamOf(idx, (String) c.get("client_random"));
                FollowStreamModel m = FollowStreamModel.of(s, idx.followTls(s));
                assertTrue(m.isDecrypted(), name + " stream " + s + ": " + m.status());
                assertFalse(m.isHttp2());
                assertEquals(c.get("client_sent"), m.text(Side.CLIENT), name + " stream " + s);
                if (c.get("server_sent") != null) assertEquals(c.get("server_sent"), m.text(Side.SERVER), name + " stream " + s);
                assertTrue(m.status().startsWith("Decrypted with key from line "), m.status());
                assertTrue(m.status().contains(name + ".keylog"), m.status());
                assertEquals(Side.CLIENT, m.blocks().get(0).side(), "the client speaks first");
                checked++;
            }
            assertTrue(checked >= 6, name + ": only " + checked + " connections checked");
        }
    }

    @Test
    void tls12ClientTextIsWhatTheClientSent() throws Exception {
        clientTextEqualsWhatTheClientSent("tls12_aead", "tls12_aead.pcapng");
    }

    @Test
    void tls13ClientTextIsWhatTheClientSent() throws Exception {
        clientTextEqualsWhatTheClientSent("tls13_ciphers", "tls13_ciphers.pcapng");
    }

    @Test
    void http2FramesAreListedByType() throws Exception {
        try (CaptureIndex idx = index(CAPTURES.resolve("h2o_curl.pcapng"), CAPTURES.resolve("h2o_curl.keylog"))) {
            FollowStreamModel m = FollowStreamModel.of(0, idx.followTls(0));
            assertTrue(m.isDecrypted(), m.status());
            assertTrue(m.isHttp2(), "curl spoke h2");
            String client = m.text(Side.CLIENT);
            String server = m.text(Side.SERVER);
            assertTrue(client.startsWith("Connection preface (PRI * HTTP/2.0)\nSETTINGS stream 0: "), client);
            assertTrue(client.matches("(?s).*\\nHEADERS stream 1 \\(HPACK, \\d+ bytes\\), END_STREAM, END_HEADERS\\n.*"), client);
            assertTrue(server.contains("SETTINGS stream 0, ACK"), server);
            assertTrue(server.matches("(?s).*HEADERS stream 1 \\(HPACK, \\d+ bytes\\), END_HEADERS.*"), server);
            assertTrue(server.matches("(?s).*DATA stream 1 \\(\\d+ bytes\\)(, END_STREAM)?\\n.*"), server);
            assertTrue(m.summary().endsWith("HTTP/2"), m.summary());
            System.out.println("h2o_curl follow:\n" + client + "---\n" + server);
        }
    }

    @Test
    void withoutKeysItSaysWhy() throws Exception {
        try (CaptureIndex idx = index(CAPTURES.resolve("tls13_ciphers.pcapng"), null)) {
            FollowStreamModel m = FollowStreamModel.of(0, idx.followTls(0));
            assertFalse(m.isDecrypted());
            assertTrue(m.blocks().isEmpty());
            assertTrue(m.status().startsWith("Not decrypted — no keys"), m.status());
        }
    }

    @Test
    void wrongKeyLogSaysWhyPerConnectionAndTheRestDecrypts() throws Exception {
        Map<String, Object> m = Json.object(Json.parse(Files.readString(CAPTURES.resolve("tls13_ciphers.manifest.json"))));
        List<Object> changes = Json.array(Json.object(m.get("bad_keylog")).get("changes"));
        String wrongSecret = (String) Json.object(changes.get(1)).get("client_random");
        String removed = (String) Json.object(changes.get(2)).get("client_random");
        try (CaptureIndex idx = index(CAPTURES.resolve("tls13_ciphers.pcapng"), CAPTURES.resolve("tls13_ciphers.badkeys.keylog"))) {
            FollowStreamModel noKeys = FollowStreamModel.of(streamOf(idx, removed), idx.followTls(streamOf(idx, removed)));
            assertTrue(noKeys.status().startsWith("Not decrypted — no keys"), noKeys.status());
            assertTrue(noKeys.blocks().isEmpty());
            int s = streamOf(idx, wrongSecret);
            FollowStreamModel bad = FollowStreamModel.of(s, idx.followTls(s));
            assertTrue(bad.status().startsWith("Not decrypted — keys did not match"), bad.status());
            // The client's direction still decrypts: its request is there, the server's reply is not.
            Map<String, Object> c0 = Json.object(connections("tls13_ciphers").get(0));
            assertEquals(c0.get("client_sent"), bad.text(Side.CLIENT));
            assertEquals("", bad.text(Side.SERVER));
            Map<String, Object> c2 = Json.object(connections("tls13_ciphers").get(2));
            int s2 = streamOf(idx, (String) c2.get("client_random"));
            FollowStreamModel good = FollowStreamModel.of(s2, idx.followTls(s2));
            assertTrue(good.isDecrypted(), good.status());
            assertEquals(c2.get("client_sent"), good.text(Side.CLIENT));
        }
    }

    @Test
    void notTlsSaysSo() {
        assertEquals("This packet is not part of a TCP connection.", FollowStreamModel.notTls(-1).status());
        assertNotNull(FollowStreamModel.of(4, null).status());
        assertTrue(FollowStreamModel.of(4, null).blocks().isEmpty());
    }
}
