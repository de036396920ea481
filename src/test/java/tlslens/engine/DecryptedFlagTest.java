package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameContext;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * The packet list keeps a padlock on frames whose handshake messages or alerts travelled encrypted
 * and were decrypted (issue 12, item 5). Which frames those are comes from tshark: the frames where
 * the key log makes it read more handshake messages or alerts than it reads without keys.
 */
class DecryptedFlagTest {

    @Test
    void framesWithDecryptedHandshakeOrAlertAreFlaggedAsTsharkDecryptsThem(@TempDir Path dir) throws Exception {
        // The sample's traffic without its embedded keys, and those keys as a key log.
        Path keylog = tlslens.SampleCapture.keyLog(dir);
        Path SAMPLE = tlslens.SampleCapture.withoutKeys(dir);
        List<String> withKeys = tshark(SAMPLE, keylog);
        List<String> without = tshark(SAMPLE, null);
        assertEquals(without.size(), withKeys.size(), "tshark read the same frames");
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < withKeys.size(); i++) {
            if (messages(withKeys.get(i)) > messages(without.get(i))) expected.add(i + 1);
        }
        assertFalse(expected.isEmpty(), "the key log opens some of the sample's handshake messages");

        Set<Integer> flagged = new TreeSet<>();
        Set<Integer> flaggedWithoutKeys = new TreeSet<>();
        Engine keyed = new Engine(new TlsSecrets(KeyLog.read(keylog)));
        Engine plain = new Engine();
        try (CaptureFileReader r = CaptureFileReader.open(SAMPLE)) {
            for (RawFrame f; (f = r.next()) != null; ) {
                FrameDissection fd = keyed.dissect(f);
                if (fd.context().has(FrameContext.DECRYPTED)) flagged.add(f.number());
                if (plain.dissect(f).context().has(FrameContext.DECRYPTED)) flaggedWithoutKeys.add(f.number());
            }
        }
        assertEquals(expected, flagged);
        assertEquals(Set.of(), flaggedWithoutKeys, "nothing is decrypted without keys");
    }

    /** Handshake types and alert descriptions tshark shows in a frame's fields line. */
    private static int messages(String line) {
        int n = 0;
        for (String cell : line.split("\t", -1)) if (!cell.isEmpty()) n += cell.split(",").length;
        return n;
    }

    private static List<String> tshark(Path capture, Path keylog) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-T", "fields",
                "-e", "tls.handshake.type", "-e", "tls.alert_message.desc"));
        if (keylog != null) cmd.addAll(List.of("-o", "tls.keylog_file:" + keylog));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), "tshark " + cmd);
        return lines;
    }
}
