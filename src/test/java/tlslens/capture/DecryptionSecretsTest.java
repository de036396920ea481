package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Decryption Secrets walk reads block headers through a mapped window of the file; headers
 * and secrets that straddle two windows must read as they do in one.
 */
class DecryptionSecretsTest {
    @TempDir
    Path dir;

    @Test
    void secretsBetweenPacketsReadTheSameWhateverTheWindow() throws Exception {
        Path source = Path.of("src/test/resources/captures/h2o_curl.pcapng");
        Path out = dir.resolve("interleaved.pcapng");
        List<String> written = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(source);
             PcapngWriter w = new PcapngWriter(out, r.linkType(), "lo")) {
            RawFrame f;
            for (int i = 0; (f = r.next()) != null; i++) {
                if (i % 7 == 0) {
                    // Lengths that are not multiples of 4 exercise the block padding too.
                    String log = "CLIENT_RANDOM " + "ab".repeat(32) + " " + "cd".repeat(48 + i % 3) + "\n";
                    w.writeTlsKeyLog(log);
                    written.add(log);
                }
                w.write(f);
            }
        }
        long size = Files.size(out);
        assertEquals(written, DecryptionSecrets.tlsKeyLogs(out), "default window (the whole " + size + "-byte file)");
        for (int window : new int[] {16, 17, 64, 100, 1000, 4096}) {
            assertEquals(written, DecryptionSecrets.tlsKeyLogs(out, window), "window of " + window + " bytes");
        }
    }
}
