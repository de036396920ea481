package tlslens.ui.decrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.PcapngWriter;
import tlslens.capture.RawFrame;

/**
 * A capture opened in the window from a FIFO: its reader is the only one that may open it. Looking
 * for the capture's embedded keys opened it a second time, which waited for a writer that was gone
 * (the load never ended) or took bytes from the stream the reader reads.
 */
class CaptureKeysFifoTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");
    private static final Duration LIMIT = Duration.ofSeconds(120);
    @TempDir Path dir;

    private Path fifo() throws Exception {
        Path f = dir.resolve("capture.fifo");
        Process p = new ProcessBuilder("mkfifo", f.toString()).start();
        assertEquals(0, p.waitFor());
        return f;
    }

    @Test
    void theKeysOfAFifoWithoutAWriterAreNotWaitedFor() throws Exception {
        Path f = fifo();
        CaptureKeys k = assertTimeoutPreemptively(LIMIT, () -> CaptureKeys.load(null, f));
        assertEquals(0, k.keys());
        assertNull(k.secrets());
    }

    /** As the window's loader: the reader opens the FIFO, the keys come from what it read; every frame is read. */
    @Test
    void aFifoLoadsEveryFrameWithTheKeysEmbeddedInIt() throws Exception {
        Path withKeys = dir.resolve("with-keys.pcapng");
        try (CaptureFileReader r = CaptureFileReader.open(CAPTURES.resolve("tls13_ciphers.pcapng"));
             PcapngWriter w = new PcapngWriter(withKeys, r.linkType(), "lo")) {
            w.writeTlsKeyLog(Files.readString(CAPTURES.resolve("tls13_ciphers.keylog")));
            for (RawFrame f; (f = r.next()) != null; ) w.write(f);
        }
        CaptureKeys fromFile = CaptureKeys.load(null, withKeys);
        assertTrue(fromFile.keys() > 0, fromFile.status());
        long frames = 0;
        try (CaptureFileReader r = CaptureFileReader.open(withKeys)) {
            while (r.next() != null) frames++;
        }

        Path f = fifo();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = new FileOutputStream(f.toFile())) { // waits for the reader
                out.write(Files.readAllBytes(withKeys));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long expected = frames;
        assertTimeoutPreemptively(LIMIT, () -> {
            try (CaptureFileReader r = CaptureFileReader.open(f)) {
                CaptureKeys k = CaptureKeys.load(null, List.of(), f, r.decryptionSecrets());
                assertEquals(fromFile.keys(), k.keys(), k.status());
                assertEquals(fromFile.status().replace("with-keys.pcapng", "capture.fifo"), k.status());
                long n = 0;
                while (r.next() != null) n++;
                assertEquals(expected, n);
                assertNull(r.warning());
            }
            writer.join();
        });
    }
}
