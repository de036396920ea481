package tlslens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.CaptureFrames;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;

/**
 * Live capture: the browser writes its key log while we dissect. Keys that arrive after the
 * ClientHello was dissected still decrypt the connection: TLS 1.3 when they are there by its first
 * protected record, TLS 1.2 AEAD even after records were missed (their sequence numbers are skipped).
 */
class LateKeysTest {
    static final Path OURS = Path.of("src/test/resources/captures");

    static TlsConnection run(String capture, String keylog, int keysAfterFrame, int stream) throws Exception {
        TlsSecrets secrets = new TlsSecrets();
        Engine e = new Engine(secrets).keepPlaintext(true);
        List<RawFrame> frames = CaptureFrames.read(OURS.resolve(capture));
        for (RawFrame f : frames) {
            if (f.number() == keysAfterFrame + 1) secrets.add(KeyLog.read(OURS.resolve(keylog)));
            e.dissect(f);
        }
        return e.connections().get(stream).tls();
    }

    @Test
    void tls13KeysAddedToTheSharedSecretsDuringTheCapture() throws Exception {
        // tls13_full_then_psk: frame 6 holds the ServerHello and the encrypted server flight together, so TLS 1.3
        // keys must be there by frame 6; they are added to the engine's secrets after the ClientHello (frame 4).
        TlsConnection t = run("tls13_full_then_psk.pcap", "tls13_full_then_psk.keylog", 4, 0);
        assertEquals(DecryptionStatus.State.DECRYPTED, t.decryption().state(), t.decryption().describe());
        assertTrue(new String(t.plaintext().bytes(1 - t.serverDirection()), StandardCharsets.UTF_8)
                .contains("hello from openssl s_client"));
    }

    @Test
    void tls12AeadKeysThatArriveAfterTheFinishedRecords() throws Exception {
        // tls12_aead connection 0 (AES-128-GCM): both Finished records (frames 8, 9) go by without keys.
        TlsConnection t = run("tls12_aead.pcapng", "tls12_aead.keylog", 9, 0);
        DecryptionStatus st = t.decryption();
        assertTrue(st.recordsDecrypted() >= 2, st.toString());
        assertEquals(0, st.recordsFailed(), st.toString());
        assertTrue(new String(t.plaintext().bytes(1 - t.serverDirection()), StandardCharsets.UTF_8)
                .contains("GET /tls12_aead-aes128gcm.txt HTTP/1.0"));
    }
}
