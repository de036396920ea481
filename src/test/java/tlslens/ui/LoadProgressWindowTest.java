package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.capture.CaptureCraft;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.PacketRow;

/**
 * While a big file loads, the status bar shows a progress bar with the bytes read, the packets so
 * far and Cancel; Cancel stops reading and keeps a partial table that is whole as far as it goes
 * (issue 14). The file: tls12_aead.pcapng replicated to 200,000 packets by replicate_capture.py.
 */
@ExtendWith(ApplicationExtension.class)
class LoadProgressWindowTest {
    private static final int PACKETS = 200_000;
    @TempDir Path dir;
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WindowTestSupport.show(stage);
    }

    private Node lookup(String id) { return stage.getScene().getRoot().lookup(id); }

    /** The progress box (bar, text, Cancel) is shown: FX thread. */
    private boolean progressShown() { return lookup("#loadProgressBar").getParent().isVisible(); }

    @Test
    void cancelKeepsWhatWasRead(FxRobot robot) throws Exception {
        Path big = dir.resolve("big.pcapng");
        CaptureCraft.run("python3", "src/test/scripts/replicate_capture.py",
                "src/test/resources/captures/tls12_aead.pcapng", Integer.toString(PACKETS), big.toString());
        long size = Files.size(big);
        fx(() -> {
            window.open(big);
            return null;
        });
        // The loader is held (in CaptureIndex.add, which takes the index's lock) until Cancel was
        // clicked: a fast loader must not finish the file first, whatever the machine's load.
        // (after its first thousand frames: the progress bar then shows packets, the table rows)
        waitUntil("the first frames read", 20, () -> window.index() != null && window.index().frameCount() > 1000);
        CaptureIndex index = fx(() -> window.index());
        CountDownLatch held = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread holder = new Thread(() -> index.withConnections(states -> {
            held.countDown();
            while (true) {
                try {
                    release.await();
                    return null;
                } catch (InterruptedException e) {
                    // keep holding until released
                }
            }
        }), "test-holds-the-loader");
        holder.setDaemon(true);
        holder.start();
        assertTrue(held.await(30, java.util.concurrent.TimeUnit.SECONDS), "the index held");
        waitUntil("the progress bar while loading", 20, () -> progressShown()
                && window.tableModel().total() > 0 && ((Label) lookup("#loadProgressText")).getText().contains("packets"));
        String text = fx(() -> ((Label) lookup("#loadProgressText")).getText());
        String mb = String.format(java.util.Locale.ROOT, "%,d", Math.round(size / 1e6));
        assertTrue(text.matches("[\\d.,]+ of " + mb + " MB · [\\d,]+ packets?( · .* left)?"), text);
        double progress = fx(() -> ((ProgressBar) lookup("#loadProgressBar")).getProgress());
        assertTrue(progress >= 0 && progress < 1, "progress " + progress);
        assertTrue(WindowTestSupport.isOnScreen(fx(() -> lookup("#loadCancelButton"))), "Cancel is on screen");

        robot.clickOn("#loadCancelButton");
        release.countDown();
        holder.join();
        waitUntil("the load to end after Cancel", 30, () -> window.sessionModel().state() == State.LOADED);

        int rows = fx(() -> window.tableModel().total());
        assertTrue(rows > 0 && rows < PACKETS, "a partial capture: " + rows + " rows");
        // Consistent as far as it goes: every frame read is a row, in order, and the index holds the same frames.
        fx(() -> {
            var shown = window.tableModel().shown();
            assertEquals(rows, shown.size());
            for (int i = 0; i < shown.size(); i++) {
                PacketRow r = shown.get(i);
                if (r.summary().number() != i + 1) throw new AssertionError("row " + i + " is frame " + r.summary().number());
            }
            return null;
        });
        assertEquals(rows, (long) fx(() -> window.sessionModel().totalProperty().get()), "the status bar's packet count");
        String warning = fx(() -> window.sessionModel().warningProperty().get());
        assertTrue(warning.startsWith(String.format(java.util.Locale.ROOT, "Loading cancelled: the first %,d packets", rows)),
                warning);
        waitUntil("the progress bar to go once loading ended", 10, () -> !progressShown());
    }
}
