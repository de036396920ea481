package tlslens.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tlslens.capture.RawFrame;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.dissect.tls.decrypt.KeyExchangeVerdict;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.RsaKeyFile;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.ConnectionState;
import tlslens.engine.Engine;

/**
 * tls12_rsa_keys with the server's RSA key only, against what the peers recorded: every RSA key
 * exchange connection (and its resumption) decrypts to exactly the client's request and the
 * server's response of the manifest, byte for byte the same as with the client's own key log; the
 * ECDHE, DHE and TLS 1.3 connections stay encrypted and carry the forward secrecy verdict.
 */
class RsaKeyExchangeManifestTest {
    static final Path CAP = Captures.OURS.resolve("tls12_rsa_keys.pcapng");

    private static List<TlsConnection> run(TlsSecrets secrets) {
        Engine engine = new Engine(secrets).keepPlaintext(true);
        for (RawFrame f : Captures.frames(CAP)) engine.dissect(f);
        List<TlsConnection> tls = new ArrayList<>();
        for (ConnectionState s : engine.connections()) if (s.tls() != null) tls.add(s.tls());
        return tls;
    }

    @Test
    void rsaConnectionsDecryptToWhatThePeersSentAndTheOthersSayWhyNot() throws Exception {
        TlsSecrets rsa = new TlsSecrets();
        rsa.addRsaKeys(RsaKeyFile.read(Captures.OURS.resolve("tls12_rsa_keys.rsa-key.pem"), ""));
        List<TlsConnection> withKey = run(rsa);
        List<TlsConnection> withLog = run(new TlsSecrets(KeyLog.read(Captures.OURS.resolve("tls12_rsa_keys.keylog"))));
        List<Object> conns = Json.array(Json.object(Json.parse(Captures.read(Captures.OURS.resolve("tls12_rsa_keys.manifest.json"))))
                .get("connections"));
        assertEquals(conns.size(), withKey.size());
        int rsaCount = 0;
        for (int i = 0; i < conns.size(); i++) {
            Map<String, Object> m = Json.object(conns.get(i));
            String kx = (String) m.get("key_exchange");
            TlsConnection c = withKey.get(i);
            DecryptionStatus st = c.decryption();
            if (kx.equals("RSA")) {
                rsaCount++;
                assertEquals(DecryptionStatus.State.DECRYPTED, st.state(), i + ": " + st.describe());
                assertEquals(m.get("resumption").equals("none") ? KeyExchangeVerdict.RSA_DECRYPTED
                        : KeyExchangeVerdict.RSA_SESSION_RESUMED, st.keyExchange());
                assertEquals("the RSA key tls12_rsa_keys.rsa-key.pem", st.keyOrigin());
                assertNotNull(c.plaintext());
                assertEquals(m.get("client_sent"), new String(c.plaintext().bytes(0), StandardCharsets.ISO_8859_1), "client " + i);
                assertEquals(m.get("server_sent"), new String(c.plaintext().bytes(1), StandardCharsets.ISO_8859_1), "server " + i);
                for (int dir = 0; dir < 2; dir++) {
                    assertArrayEquals(withLog.get(i).plaintext().bytes(dir), c.plaintext().bytes(dir), "as with the key log");
                }
            } else {
                assertEquals(DecryptionStatus.State.NO_KEYS, st.state(), i + ": " + st.describe());
                assertEquals(switch (kx) {
                    case "ECDHE" -> KeyExchangeVerdict.FORWARD_SECRET_ECDHE;
                    case "DHE" -> KeyExchangeVerdict.FORWARD_SECRET_DHE;
                    default -> KeyExchangeVerdict.FORWARD_SECRET_TLS13;
                }, st.keyExchange(), "connection " + i);
                assertTrue(st.describe().contains("forward secrecy"), st.describe());
                assertEquals(0, c.plaintext().bytes(0).length);
                assertEquals(DecryptionStatus.State.DECRYPTED, withLog.get(i).decryption().state(), "the key log opens it");
                assertEquals(null, withLog.get(i).decryption().keyExchange(), "no RSA keys list, no verdict");
            }
        }
        assertEquals(4, rsaCount);
    }

    /**
     * The master secrets the RSA key gave are the ones openssl wrote in the client's key log, and
     * are exported as such (Save As with keys): the derivation checked against the peer itself.
     */
    @Test
    void derivedMasterSecretsAreTheClientsOwnAndAreExported() throws Exception {
        TlsSecrets rsa = new TlsSecrets();
        rsa.addRsaKeys(RsaKeyFile.read(Captures.OURS.resolve("tls12_rsa_keys.rsa-key.p12"), "tlslens"));
        List<TlsConnection> withKey = run(rsa);
        KeyLog clientLog = KeyLog.read(Captures.OURS.resolve("tls12_rsa_keys.keylog"));
        List<byte[]> randoms = new ArrayList<>();
        for (TlsConnection c : withKey) randoms.add(c.clientRandom());
        String exported = rsa.linesFor(randoms);
        KeyLog back = new KeyLog();
        back.add(exported, "exported");
        int n = 0;
        for (TlsConnection c : withKey) {
            KeyLog.Secret mine = back.get(KeyLog.Label.CLIENT_RANDOM, c.clientRandom());
            if (c.decryption().keyExchange().decryptedWithRsaKey()) {
                n++;
                assertNotNull(mine, "exported for connection " + c.tcpStream());
                assertArrayEquals(clientLog.get(KeyLog.Label.CLIENT_RANDOM, c.clientRandom()).value(), mine.value(),
                        "openssl's own master secret, connection " + c.tcpStream());
            } else {
                assertNull(mine, "nothing for a forward-secret connection " + c.tcpStream());
            }
        }
        assertEquals(4, n);
        assertEquals(4, exported.lines().count());
    }
}
