package tlslens.ui.decrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;

class CaptureKeysTest {
    static final Path CAPTURES = Path.of("src/test/resources/captures");

    @Test
    void countsKeysAndSkippedLines() throws Exception {
        Path bad = CAPTURES.resolve("tls13_ciphers.badkeys.keylog");
        CaptureKeys k = CaptureKeys.load(bad, CAPTURES.resolve("tls13_ciphers.pcapng"));
        long secretLines = Files.readAllLines(bad).stream().filter(l -> l.matches("[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64,96}")).count();
        assertEquals(secretLines, k.keys());
        assertEquals(1, k.skipped(), "the malformed line 28; the comment is not counted");
        assertEquals(secretLines + " keys loaded from tls13_ciphers.badkeys.keylog (1 line skipped)", k.status());
        assertNull(k.problem());
    }

    @Test
    void aMissingKeyLogIsAProblemNamedWithoutContent() {
        CaptureKeys k = CaptureKeys.load(Path.of("target/no-such.keylog"), CAPTURES.resolve("tls12_aead.pcapng"));
        assertEquals("Can't read the key log no-such.keylog (NoSuchFileException)", k.status());
        assertTrue(k.secrets() != null, "secrets exist so a file that appears later can still be watched");
        assertEquals(0, k.keys());
    }

    @Test
    void noKeyLogNoSecrets() {
        CaptureKeys k = CaptureKeys.load(null, CAPTURES.resolve("tls12_aead.pcapng"));
        assertNull(k.secrets());
        assertEquals("No key log", k.status());
    }

    @Test
    void settingIsRememberedAndCleared() throws Exception {
        Preferences p = Preferences.userRoot().node("tlslens-test/decryption-settings-test");
        p.clear();
        KeyLogSettings s = new KeyLogSettings(p);
        assertNull(s.file());
        s.setFile(CAPTURES.resolve("h2o_curl.keylog"));
        assertEquals(CAPTURES.resolve("h2o_curl.keylog").toAbsolutePath().normalize(), new KeyLogSettings(p).file());
        s.clear();
        assertNull(new KeyLogSettings(p).file());
        assertFalse(java.util.Arrays.asList(p.keys()).contains("keylogFile"));
    }
}
