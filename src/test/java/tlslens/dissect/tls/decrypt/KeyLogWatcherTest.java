package tlslens.dissect.tls.decrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key log written while we capture (SSLKEYLOGFILE): created late, appended to, re-read on change. */
class KeyLogWatcherTest {
    @TempDir
    Path dir;

    @Test
    void picksUpAFileCreatedAndAppendedLater() throws Exception {
        Path f = dir.resolve("sslkeys.log");
        TlsSecrets secrets = new TlsSecrets();
        KeyLogWatcher w = new KeyLogWatcher(f, secrets);
        assertFalse(w.poll(), "no file yet");
        assertNotNull(w.error());
        byte[] a = HexFormat.of().parseHex("01".repeat(32));
        byte[] b = HexFormat.of().parseHex("02".repeat(32));
        Files.writeString(f, "CLIENT_RANDOM " + "01".repeat(32) + " " + "aa".repeat(48) + "\n");
        Thread.sleep(KeyLogWatcher.MIN_INTERVAL_NANOS / 1_000_000 + 20);
        assertTrue(w.poll());
        assertNull(w.error());
        assertNotNull(secrets.masterSecret(a));
        assertNull(secrets.masterSecret(b));
        Files.writeString(f, "CLIENT_RANDOM " + "02".repeat(32) + " " + "bb".repeat(48) + "\n",
                StandardOpenOption.APPEND);
        assertFalse(w.poll(), "polled again too soon: no stat");
        Thread.sleep(KeyLogWatcher.MIN_INTERVAL_NANOS / 1_000_000 + 20);
        assertTrue(w.poll());
        assertEquals("line 2 of sslkeys.log", secrets.masterSecret(b).origin());
        Thread.sleep(KeyLogWatcher.MIN_INTERVAL_NANOS / 1_000_000 + 20);
        assertFalse(w.poll(), "unchanged file is not re-read");
    }
}
