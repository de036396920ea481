package tlslens.ui.decrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file beside a capture is its server key: the lab's NAME-rsa-key.pem, make-captures.sh's NAME.rsa-key.pem. */
class RsaKeyBesideTest {
    @TempDir Path dir;

    @Test
    void findsTheKeyBesideTheCaptureOnly() throws Exception {
        Path cap = Files.createFile(dir.resolve("lesson.pcapng"));
        assertNull(RsaKeyBeside.find(cap));
        Files.createFile(dir.resolve("other-rsa-key.pem"));
        assertNull(RsaKeyBeside.find(cap), "another capture's key");
        Path key = Files.createFile(dir.resolve("lesson-rsa-key.pem"));
        assertEquals(key.normalize(), RsaKeyBeside.find(cap));
        assertEquals(key.normalize(), RsaKeyBeside.find(dir.resolve("lesson.pcapng.gz")), "compressed capture");
        Files.delete(key);
        Path full = Files.createFile(dir.resolve("lesson.pcapng-rsa-key.pem"));
        assertEquals(full.normalize(), RsaKeyBeside.find(cap));
        assertEquals(Path.of("src/test/resources/captures/tls12_rsa_keys.rsa-key.pem").toAbsolutePath().normalize(),
                RsaKeyBeside.find(Path.of("src/test/resources/captures/tls12_rsa_keys.pcapng")));
        assertNull(RsaKeyBeside.find(null));
    }
}
