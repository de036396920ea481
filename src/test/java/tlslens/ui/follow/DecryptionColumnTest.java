package tlslens.ui.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.analysis.Json;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.ConnectionColumns;

/**
 * The connections pane's Decryption column with a wrong key log: each connection's state is the
 * one the capture script wrote into the manifest's bad_keylog section when it damaged the key log.
 */
class DecryptionColumnTest {

    @ParameterizedTest
    @ValueSource(strings = {"tls12_aead", "tls13_ciphers"})
    void eachConnectionSaysWhatTheDamagedKeyLogDid(String name) throws Exception {
        Map<String, Object> manifest = Json.object(Json.parse(
                Files.readString(FollowStreamModelTest.CAPTURES.resolve(name + ".manifest.json"))));
        Map<String, Object> bad = Json.object(manifest.get("bad_keylog"));
        List<Object> made = Json.array(manifest.get("connections"));
        try (CaptureIndex idx = tlslens.ui.decrypt.KeyedCaptures.index(
                FollowStreamModelTest.CAPTURES.resolve((String) manifest.get("file")),
                FollowStreamModelTest.CAPTURES.resolve((String) bad.get("file")))) {
            List<Connection> conns = idx.withConnections(ConnectionAnalyzer::analyze);
            int checked = 0;
            for (Object o : Json.array(bad.get("connections"))) {
                Map<String, Object> e = Json.object(o);
                int n = ((Number) e.get("connection")).intValue();
                String random = (String) Json.object(made.get(n)).get("client_random");
                Connection c = conns.get(FollowStreamModelTest.streamOf(idx, random));
                String expect = (String) e.get("expect");
                String want = expect.startsWith("keys did not match") ? "keys did not match"
                        : expect.startsWith("no keys") ? "no keys" : "decrypted";
                assertEquals(want, ConnectionColumns.decryption(c), name + " connection " + n + ": " + expect);
                String detail = ConnectionColumns.decryptionDetail(c);
                assertTrue(detail.startsWith(want), detail);
                // the tooltip explains, but never shows the secret itself
                assertFalse(detail.matches("(?s).*[0-9a-f]{64}.*"), detail);
                checked++;
            }
            assertTrue(checked >= 3, "manifest lists the damaged and the intact connections");
        }
    }
}
