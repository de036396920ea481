package tlslens.ui;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.ColouringRules;

/**
 * Loads the bundled sample a few times in the background at start-up, so the dissectors and the
 * loading path are loaded and compiled before the user's first file or capture (the first Client
 * Hello of a live capture otherwise waits for class loading, and a file's first second for the JIT).
 */
final class Warmup {
    private static final int ROUNDS = 8;

    private Warmup() {}

    static void run() {
        Path tmp = null;
        try (InputStream in = Warmup.class.getResourceAsStream(CaptureFileLoader.SAMPLE)) {
            if (in == null) return;
            tmp = Files.createTempFile("tlslens-warmup-", ".pcapng");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            // A few rounds, so the dissectors are compiled (not only loaded) before a live capture's
            // first Client Hello: one interpreted pass left it ~50 ms behind its packet.
            for (int round = 0; round < ROUNDS; round++) {
                try (CaptureFileReader r = CaptureFileReader.open(tmp); CaptureIndex idx = new CaptureIndex(r.linkType())) {
                    // The path a file load takes (index, summary, row), so it too is compiled
                    // before the first file: compiling it during the load took a core from the window.
                    RowFeed feed = new RowFeed(null, ColouringRules.defaults());
                    feed.attach(idx);
                    RawFrame f;
                    while ((f = r.next()) != null) feed.publish(f);
                    feed.finish(); // the rows are made on the feed's second thread: all of them queued
                    if (round == ROUNDS - 1) warmTableText(feed.drain(Integer.MAX_VALUE));
                    else feed.drain(Integer.MAX_VALUE);
                    idx.dissect(Math.min(4, idx.frameCount()));
                }
            }
        } catch (Exception | LinkageError e) {
            // Only a head start; the real load reports its own errors.
        } finally {
            if (tmp != null) tmp.toFile().delete();
        }
    }

    /**
     * The table's cell texts and their text layout, off the FX thread: the first file's first
     * rows otherwise paid, in one frame, for bootstrapping the string concatenations behind the
     * columns and for compiling the text layout code (seen in the stack samples of that stall).
     * A Text that is in no scene may be built and measured on any thread.
     */
    private static void warmTableText(java.util.List<tlslens.ui.model.PacketRow> rows) {
        for (int pass = 0; pass < 3; pass++) {
            for (tlslens.ui.model.PacketRow r : rows) {
                for (tlslens.ui.controls.PacketColumn c : tlslens.ui.controls.PacketColumn.values()) {
                    new javafx.scene.text.Text(c.text(r)).getLayoutBounds();
                }
            }
        }
    }
}
