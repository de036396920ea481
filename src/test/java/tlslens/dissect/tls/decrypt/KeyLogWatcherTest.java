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
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key log written while we capture (SSLKEYLOGFILE): created late, appended to, re-read on change. */
class KeyLogWatcherTest {
    @TempDir
    Path dir;

    /** The watcher's clock: the tests let the interval between checks pass instead of sleeping through it. */
    private final Clock clock = new Clock();

    private static final class Clock implements LongSupplier {
        private long nanos = 1_000_000_000L;

        void pass() { nanos += KeyLogWatcher.MIN_INTERVAL_NANOS; }

        @Override
        public long getAsLong() { return nanos; }
    }

    @Test
    void picksUpAFileCreatedAndAppendedLater() throws Exception {
        Path f = dir.resolve("sslkeys.log");
        TlsSecrets secrets = new TlsSecrets();
        KeyLogWatcher w = new KeyLogWatcher(f, secrets, clock);
        assertFalse(w.poll(), "no file yet");
        assertNotNull(w.error());
        byte[] a = HexFormat.of().parseHex("01".repeat(32));
        byte[] b = HexFormat.of().parseHex("02".repeat(32));
        Files.writeString(f, "CLIENT_RANDOM " + "01".repeat(32) + " " + "aa".repeat(48) + "\n");
        clock.pass();
        assertTrue(w.poll());
        assertNull(w.error());
        assertNotNull(secrets.masterSecret(a));
        assertNull(secrets.masterSecret(b));
        Files.writeString(f, "CLIENT_RANDOM " + "02".repeat(32) + " " + "bb".repeat(48) + "\n",
                StandardOpenOption.APPEND);
        assertFalse(w.poll(), "polled again too soon: no stat");
        clock.pass();
        assertTrue(w.poll());
        assertEquals("line 2 of sslkeys.log", secrets.masterSecret(b).origin());
        clock.pass();
        assertFalse(w.poll(), "unchanged file is not re-read");
    }

    private static String line(String random, String secret) {
        return "CLIENT_RANDOM " + random.repeat(32) + " " + secret.repeat(48);
    }

    @Test
    void takesOnlyWholeLinesAndNumbersThemAcrossAppends() throws Exception {
        Path f = dir.resolve("keys.log");
        TlsSecrets secrets = new TlsSecrets();
        KeyLogWatcher w = new KeyLogWatcher(f, secrets, clock);
        Files.writeString(f, "# a comment\n" + line("01", "aa") + "\nnot a key line\n");
        assertTrue(w.poll());
        assertEquals(1, w.skipped());
        // A writer in the middle of a line: half of it now, the rest later.
        String third = line("03", "cc");
        Files.writeString(f, third.substring(0, 50), StandardOpenOption.APPEND);
        clock.pass();
        assertFalse(w.poll(), "no whole line appended yet");
        assertNull(secrets.masterSecret(HexFormat.of().parseHex("03".repeat(32))));
        Files.writeString(f, third.substring(50) + "\r\n", StandardOpenOption.APPEND);
        clock.pass();
        assertTrue(w.poll());
        assertEquals("line 4 of keys.log", secrets.masterSecret(HexFormat.of().parseHex("03".repeat(32))).origin());
        assertEquals(1, w.skipped(), "the bad line is counted once, however often the file changes");
        assertEquals(2, secrets.keyLog().size());
    }

    @Test
    void aReplacedShorterFileIsReadFromItsStart() throws Exception {
        Path f = dir.resolve("keys.log");
        TlsSecrets secrets = new TlsSecrets();
        KeyLogWatcher w = new KeyLogWatcher(f, secrets, clock);
        Files.writeString(f, line("01", "aa") + "\n" + line("02", "bb") + "\n");
        assertTrue(w.poll());
        Files.writeString(f, line("04", "dd") + "\n");
        clock.pass();
        assertTrue(w.poll());
        assertEquals("line 1 of keys.log", secrets.masterSecret(HexFormat.of().parseHex("04".repeat(32))).origin());
        assertNotNull(secrets.masterSecret(HexFormat.of().parseHex("02".repeat(32))), "keys read before stay");
    }
}
