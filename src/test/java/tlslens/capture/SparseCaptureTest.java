package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 GB sparse files (a hole of zeros, no disk used) as the window and the command line open them:
 * the reader and the look for embedded keys (which walks pcapng block headers over a memory-mapped
 * view) either refuse the file with a clear message or read it as it streams, never hanging on its size.
 */
class SparseCaptureTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");
    private static final long TEN_GB = 10L << 30;
    private static final Duration LIMIT = Duration.ofSeconds(120);
    @TempDir Path dir;

    /** {@code head}'s bytes, then zeros up to 10 GB. */
    private Path sparse(String name, byte[] head) throws Exception {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(head);
            f.setLength(TEN_GB);
        }
        return p;
    }

    @Test
    void tenGigabytesOfZerosAreRefusedAsNoCaptureFormat() throws Exception {
        Path p = sparse("zeros.pcap", new byte[0]);
        assertTimeoutPreemptively(LIMIT, () -> {
            CaptureException e = assertThrows(CaptureException.class, () -> CaptureFileReader.open(p).close());
            assertTrue(e.getMessage().contains("isn't a capture file in a format TLS Lens understands"), e.getMessage());
            assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(p));
        });
    }

    /** A pcapng file followed by a hole: its packets, then a damaged-file warning at the first zero block. */
    @Test
    void aPcapngFileFollowedByAHoleReadsItsPacketsAndSaysWhereItIsDamaged() throws Exception {
        Path whole = CAPTURES.resolve("tls13_ciphers.pcapng");
        Path p = sparse("hole.pcapng", Files.readAllBytes(whole));
        long packets = count(whole);
        assertTimeoutPreemptively(LIMIT, () -> {
            try (CaptureFileReader r = CaptureFileReader.open(p)) {
                long n = 0;
                while (r.next() != null) n++;
                assertEquals(packets, n);
                assertTrue(r.warning() != null && r.warning().contains("appears to be damaged or corrupt"), r.warning());
            }
            assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(p));
        });
    }

    /**
     * A pcap file followed by a hole: each 16 zero bytes are a record of an empty packet, as tshark reads them;
     * they stream (a million in bounded time and memory) after the file's own packets.
     */
    @Test
    void aPcapFileFollowedByAHoleStreamsItsEmptyRecords() throws Exception {
        Path whole = CAPTURES.resolve("tls12_session_id.pcap");
        Path p = sparse("hole.pcap", Files.readAllBytes(whole));
        long packets = count(whole);
        assertTimeoutPreemptively(LIMIT, () -> {
            try (CaptureFileReader r = CaptureFileReader.open(p)) {
                for (long n = 0; n < packets; n++) assertTrue(r.next().data().length > 0);
                for (int n = 0; n < 1_000_000; n++) assertEquals(0, r.next().data().length);
                assertNull(r.warning());
            }
            assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(p));
        });
    }

    private static long count(Path file) throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            long n = 0;
            while (r.next() != null) n++;
            return n;
        }
    }
}
