package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * Key logs are streamed: {@code --keylog /dev/zero} and a 700 MB file used to end in OutOfMemoryError
 * (the file was read whole); now a read stops at KeyLog.MAX_BYTES with a warning, keeping the keys
 * read so far, in bounded memory. Lines end in LF, CR or CRLF (RFC 9850); an over-long line is skipped;
 * no secret is ever printed.
 */
class KeyLogLimitsTest {
    static final String CAPTURE = CliRunner.capture("tls13_ciphers.pcapng");
    static final Path KEYLOG = CliRunner.CAPTURES.resolve("tls13_ciphers.keylog");
    static final String[] DECRYPTED = {"-T", "fields", "-e", "frame.number", "-e", "tls.handshake.type"};
    @TempDir Path dir;

    static CliRunner.Result run(Path keylog, String... more) {
        List<String> a = new ArrayList<>(List.of("-r", CAPTURE, "--keylog", keylog.toString()));
        a.addAll(List.of(more));
        return CliRunner.run(a.toArray(String[]::new));
    }

    static long allocatedBy(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        r.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void devZeroGivesTheWarningInBoundedMemory() {
        CliRunner.Result[] r = new CliRunner.Result[1];
        long alloc = allocatedBy(() -> r[0] = run(Path.of("/dev/zero"), "-c", "3"));
        assertEquals(0, r[0].exitCode(), r[0].err());
        assertEquals("tlslens: warning: the key log \"/dev/zero\" is larger than 128 MiB: only its first 128 MiB were read.",
                r[0].err().strip());
        assertEquals(3, r[0].outLines().length);
        assertTrue(alloc < 64L << 20, alloc + " bytes allocated");
    }

    @Test
    void aSevenHundredMegabyteFileKeepsTheKeysBeforeTheCap() throws Exception {
        Path big = dir.resolve("big.keylog");
        Files.copy(KEYLOG, big);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(700L << 20); // sparse: the disk holds only the key lines
        }
        List<String> expected = run(KEYLOG, DECRYPTED).out().lines().toList();
        CliRunner.Result[] r = new CliRunner.Result[1];
        long alloc = allocatedBy(() -> r[0] = run(big, DECRYPTED));
        assertEquals(expected, r[0].out().lines().toList());
        assertTrue(r[0].err().contains("is larger than 128 MiB: only its first 128 MiB were read."), r[0].err());
        assertTrue(alloc < 96L << 20, alloc + " bytes allocated");
    }

    @Test
    void crLfAndCrlfLineEndingsReadAlike() throws Exception {
        String lf = Files.readString(KEYLOG, StandardCharsets.ISO_8859_1);
        assertTrue(lf.contains("\n") && !lf.contains("\r"));
        List<String> expected = run(KEYLOG, DECRYPTED).out().lines().toList();
        List<String> expectedTree = origins(run(KEYLOG, "-V").out());
        assertFalse(expectedTree.isEmpty());
        for (String ending : List.of("\r", "\r\n")) {
            Path k = dir.resolve("keys" + ending.length() + ".keylog");
            Files.writeString(k, lf.replace("\n", ending), StandardCharsets.ISO_8859_1);
            assertEquals(expected, run(k, DECRYPTED).out().lines().toList());
            // the same line numbers in "Decrypted with key from line N of FILE"
            assertEquals(expectedTree, origins(run(k, "-V").out()).stream()
                    .map(s -> s.replace(k.getFileName().toString(), KEYLOG.getFileName().toString())).toList());
        }
    }

    private static List<String> origins(String tree) {
        return tree.lines().filter(l -> l.contains("Decrypted with key from")).map(String::strip).toList();
    }

    @Test
    void anOverlongLineIsSkippedAndTheRestRead() throws Exception {
        Path k = dir.resolve("long.keylog");
        Files.writeString(k, "CLIENT_RANDOM " + "ab".repeat(1 << 20) + "\n" + Files.readString(KEYLOG),
                StandardCharsets.ISO_8859_1);
        KeyLog log = KeyLog.read(k);
        assertEquals(KeyLog.read(KEYLOG).size(), log.size());
        assertEquals(1, log.skipped());
        assertFalse(log.cut());
    }

    @Test
    void noSecretIsPrinted() throws Exception {
        List<String> secrets = Files.readAllLines(KEYLOG).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split(" ")[2]).toList();
        KeyLog log = KeyLog.read(KEYLOG);
        TlsSecrets s = new TlsSecrets(log);
        StringBuilder shown = new StringBuilder(log + "\n" + s + "\n");
        for (KeyLog.Label l : KeyLog.Label.values()) shown.append(l).append('\n');
        for (String[] args : List.of(new String[] {"-V"}, new String[] {"-T", "json"}, new String[] {"-x"},
                new String[] {"--connections"})) {
            CliRunner.Result r = run(KEYLOG, args);
            shown.append(r.out()).append(r.err());
        }
        String text = shown.toString().toLowerCase();
        for (String secret : secrets) assertFalse(text.contains(secret.toLowerCase()), "a secret was printed");
    }
}
