package tlslens.ui;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.CaptureIndex;

/**
 * Dissects the bundled sample once in the background at start-up, so the dissector classes are
 * loaded and compiled before the user's first file or capture (the first Client Hello of a live
 * capture otherwise waits for class loading).
 */
final class Warmup {
    private static final int ROUNDS = 4;

    private Warmup() {}

    static void run() {
        Path tmp = null;
        try (InputStream in = Warmup.class.getResourceAsStream(MainWindowController.SAMPLE)) {
            if (in == null) return;
            tmp = Files.createTempFile("tlslens-warmup-", ".pcapng");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            // A few rounds, so the dissectors are compiled (not only loaded) before a live capture's
            // first Client Hello: one interpreted pass left it ~50 ms behind its packet.
            for (int round = 0; round < ROUNDS; round++) {
                try (CaptureFileReader r = CaptureFileReader.open(tmp); CaptureIndex idx = new CaptureIndex(r.linkType())) {
                    RawFrame f;
                    while ((f = r.next()) != null) idx.add(f);
                    idx.dissect(Math.min(4, idx.frameCount()));
                }
            }
        } catch (Exception | LinkageError e) {
            // Only a head start; the real load reports its own errors.
        } finally {
            if (tmp != null) tmp.toFile().delete();
        }
    }
}
