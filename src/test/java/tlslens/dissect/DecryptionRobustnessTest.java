package tlslens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tlslens.CaptureFrames;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.ConnectionState;
import tlslens.engine.Engine;

/**
 * Decryption never turns bad input into an exception: mutated ciphertext is reported on its
 * record ("Record did not decrypt", an expert note) and the connection's status says so, the
 * records after it still decrypt; random mutations of every capture with a key log dissect.
 */
class DecryptionRobustnessTest {
    static final Path OURS = Path.of("src/test/resources/captures");

    static TlsSecrets secrets(String keylog) throws Exception {
        return new TlsSecrets(KeyLog.read(OURS.resolve(keylog)));
    }

    @Test
    void aFlippedCiphertextByteIsReportedAndTheNextRecordsStillDecrypt() throws Exception {
        List<RawFrame> frames = CaptureFrames.read(OURS.resolve("tls13_full_then_psk.pcap"));
        Engine e = new Engine(secrets("tls13_full_then_psk.keylog"));
        boolean reported = false;
        boolean alertAfter = false;
        for (RawFrame f : frames) {
            byte[] b = f.data().clone();
            // Frame 10: the client's application data record (TLS 1.3, AES-256-GCM); flip a ciphertext bit.
            if (f.number() == 10) b[b.length - 20] ^= 0x01;
            FrameDissection fd = e.dissect(new RawFrame(f.number(), f.time(), f.originalLength(), b, f.linkType(), 0,
                    null));
            RobustnessTest.assertNoBug(fd, "frame " + f.number());
            if (f.number() == 10) {
                boolean[] ex = {false};
                fd.root.walk(n -> n.experts().forEach(x -> ex[0] |= x.message().startsWith("Record did not decrypt")));
                reported = ex[0];
                assertTrue(fd.root.find("tls.record.content_type").isEmpty(), "no inner content type without plaintext");
                assertEquals(1, fd.root.find("tls.record.opaque_type").size());
            }
            if (f.number() == 12) alertAfter = !fd.root.find("tls.alert_message.level").isEmpty();
        }
        assertTrue(reported, "the damaged record has an expert note");
        assertTrue(alertAfter, "the client's close_notify after the damaged record decrypts");
        DecryptionStatus st = e.connections().get(0).tls().decryption();
        assertEquals(DecryptionStatus.State.KEYS_DID_NOT_MATCH, st.state(), st.describe());
        assertTrue(st.describe().contains("1 of "), st.describe());
        assertEquals(DecryptionStatus.State.DECRYPTED, e.connections().get(1).tls().decryption().state());
    }

    @Test
    void randomMutationsWithKeysDissect() throws Exception {
        Random rnd = new Random(5);
        int runs = 0;
        int failedRecords = 0;
        for (Path cap : RobustnessTest.captures()) {
            String name = cap.getFileName().toString().replaceFirst("\\.pcap(ng)?$", "");
            if (!Files.exists(OURS.resolve(name + ".keylog"))) continue;
            List<RawFrame> frames = CaptureFrames.read(cap);
            TlsSecrets secrets = secrets(name + ".keylog");
            for (int i = 0; i < 25; i++) {
                Engine e = new Engine(secrets);
                for (RawFrame f : frames) {
                    byte[] b = f.data().clone();
                    if (b.length > 70 && rnd.nextInt(3) == 0) {
                        int pos = 54 + rnd.nextInt(b.length - 54);
                        b[pos] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    FrameDissection fd = e.dissect(new RawFrame(f.number(), f.time(), f.originalLength(), b,
                            f.linkType(), 0, null));
                    RobustnessTest.assertNoBug(fd, name + " mutation " + i + " frame " + f.number());
                }
                for (ConnectionState c : e.connections()) {
                    if (c.tls() != null) failedRecords += (int) c.tls().decryption().recordsFailed();
                }
                runs++;
            }
        }
        assertTrue(runs >= 400, "mutated captures with keys: " + runs);
        assertTrue(failedRecords > runs, "damaged records are counted as not decrypting: " + failedRecords);
        assertFalse(failedRecords == 0);
    }
}
