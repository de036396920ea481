package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.decrypt.KeyedCaptures.index;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.capture.DecryptionSecrets;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.engine.CaptureIndex;
import tlslens.ui.decrypt.CaptureKeys;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketRow;

/** Save As with and without "Embed TLS keys", as the window does it, without a screen. */
class SaveWithKeysTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");
    @TempDir Path dir;


    /** The rows a display filter "tcp.stream == s" would show. */
    private static List<PacketRow> rowsOf(CaptureIndex idx, int stream) {
        List<PacketRow> rows = new ArrayList<>();
        for (int n = 1; n <= idx.frameCount(); n++) {
            var s = idx.summary(n);
            if (s.tcpStream() == stream) rows.add(new PacketRow(s, ColouringRules.NONE, 0, null, true));
        }
        return rows;
    }

    private static List<String> secretsHex(Path keylog) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(keylog)) {
            String[] w = l.trim().split("\\s+");
            if (w.length == 3 && !l.startsWith("#")) out.add(w[2].toLowerCase());
        }
        return out;
    }

    @Test
    void embeddedKeysOfTheShownConnectionReopenDecryptedWithoutTheKeyLog() throws Exception {
        Path keylog = CAPTURES.resolve("tls13_ciphers.keylog");
        Path saved = dir.resolve("with-keys.pcapng");
        try (CaptureIndex idx = index(CAPTURES.resolve("tls13_ciphers.pcapng"), keylog)) {
            String lines = DecryptionControl.keysOfShown(idx, rowsOf(idx, 2));
            CaptureSaver.save(idx, idx.frameCount(), saved, false, lines);
            String random = HexFormat.of().formatHex(idx.followTls(2).clientRandom());
            // Only the lines of connection 2: five TLS 1.3 secrets, each for its client random.
            List<String> embedded = DecryptionSecrets.tlsKeyLogs(saved);
            assertEquals(1, embedded.size());
            String[] got = embedded.get(0).split("\n");
            assertEquals(5, got.length, embedded.get(0).length() + " chars");
            for (String l : got) assertEquals(random, l.split(" ")[1]);
        }
        CaptureKeys reopened = CaptureKeys.load(null, saved);
        assertEquals("5 keys embedded in the capture", reopened.status());
        try (CaptureIndex idx = index(saved, null)) {
            assertEquals(DecryptionStatus.State.DECRYPTED, idx.followTls(2).decryption().state());
            assertTrue(idx.followTls(2).decryption().keyOrigin().contains("Decryption Secrets Block #1 of with-keys.pcapng"),
                    idx.followTls(2).decryption().keyOrigin());
            assertEquals(DecryptionStatus.State.NO_KEYS, idx.followTls(0).decryption().state(), "not shown: not embedded");
        }
    }

    @Test
    void withoutTheOptionNoKeyIsInTheFile() throws Exception {
        Path keylog = CAPTURES.resolve("tls13_ciphers.keylog");
        Path saved = dir.resolve("plain.pcapng");
        try (CaptureIndex idx = index(CAPTURES.resolve("tls13_ciphers.pcapng"), keylog)) {
            CaptureSaver.save(idx, idx.frameCount(), saved, false);
        }
        assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(saved));
        String bytes = new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1);
        List<String> secrets = secretsHex(keylog);
        assertTrue(secrets.size() >= 20);
        for (String s : secrets) {
            assertFalse(bytes.toLowerCase().contains(s), "a secret in the file");
            assertFalse(bytes.contains(new String(HexFormat.of().parseHex(s), StandardCharsets.ISO_8859_1)), "a raw secret in the file");
        }
        assertNull(CaptureKeys.load(null, saved).secrets());
    }

    /** Keys that came embedded in the opened file are not carried into a copy saved without the option. */
    @Test
    void keysEmbeddedInTheOpenedFileAreNotCopiedUnasked() throws Exception {
        Path keylog = CAPTURES.resolve("tls13_ciphers.keylog");
        Path withKeys = dir.resolve("with-keys.pcapng");
        try (CaptureIndex idx = index(CAPTURES.resolve("tls13_ciphers.pcapng"), keylog)) {
            CaptureSaver.save(idx, idx.frameCount(), withKeys, false, Files.readString(keylog));
        }
        assertEquals(1, DecryptionSecrets.tlsKeyLogs(withKeys).size());
        Path saved = dir.resolve("copy.pcapng");
        try (CaptureIndex idx = index(withKeys, null)) {
            assertEquals(DecryptionStatus.State.DECRYPTED, idx.followTls(0).decryption().state(), "opened with its keys");
            CaptureSaver.save(idx, idx.frameCount(), saved, false);
        }
        assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(saved));
        String bytes = new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1).toLowerCase();
        for (String s : secretsHex(keylog)) assertFalse(bytes.contains(s), "a secret in the file");
        assertNull(CaptureKeys.load(null, saved).secrets());
    }
}
