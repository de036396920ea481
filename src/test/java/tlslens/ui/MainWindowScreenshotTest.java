package tlslens.ui;

import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tlslens.ui.controls.FrameInspector;

/** Saves target/screenshots/main-window.png: the sample with the first Client Hello's SNI selected. */
@ExtendWith(ApplicationExtension.class)
class MainWindowScreenshotTest {
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/recent").clear();
        window = WindowTestSupport.show(stage);
    }

    @Test
    void mainWindow(FxRobot robot) throws Exception {
        save(Path.of("target/screenshots/welcome.png"));
        robot.clickOn("#openSampleButton");
        waitLoaded(window, 67);
        robot.interact(() -> window.select(4));
        FrameInspector inspector = window.inspector().inspector();
        waitUntil(10, () -> inspector.selectField("tls.handshake.extensions_server_name"));
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        save(Path.of("target/screenshots/main-window.png"));
        robot.clickOn("#filterField").write("tls.handshake.type == 2 && tls.bogus");
        WaitForAsyncUtils.sleep(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        save(Path.of("target/screenshots/bad-filter.png"));
    }

    /**
     * target/screenshots/timeline.png: the resumed TLS 1.2 connection's ladder with its ghosts and
     * banner, its Server Hello packet selected; side-by-side.png: it next to the full handshake it
     * resumed.
     */
    @Test
    void timelineAndSideBySide(FxRobot robot) throws Exception {
        robot.clickOn("#openSampleButton");
        waitLoaded(window, 67);
        waitUntil(20, () -> window.timeline().snapshot().frameCount() == 67);
        tlslens.analysis.Connection resumed = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == tlslens.analysis.Resumption.SESSION_TICKET).findFirst().orElseThrow());
        long serverHello = resumed.handshake().stream().filter(h -> h.message().equals("Server Hello")).findFirst()
                .orElseThrow().frame();
        robot.interact(() -> {
            window.mainSplit().setDividerPositions(0.13);
            window.select((int) serverHello);
        });
        robot.interact(() -> window.table().scrollTo(Math.max(0, window.table().getSelectedIndex() - 1)));
        robot.clickOn("Handshake timeline");
        waitUntil(5, () -> window.timeline().pane().ladder().getModel() != null
                && window.timeline().pane().ladder().getModel().connection().index() == resumed.index());
        WaitForAsyncUtils.sleep(400, java.util.concurrent.TimeUnit.MILLISECONDS);
        save(Path.of("target/screenshots/timeline.png"));
        robot.clickOn("#ladderCompareLink");
        WaitForAsyncUtils.sleep(400, java.util.concurrent.TimeUnit.MILLISECONDS);
        robot.interact(() -> window.mainSplit().setDividerPositions(0.08));
        WaitForAsyncUtils.sleep(400, java.util.concurrent.TimeUnit.MILLISECONDS);
        save(Path.of("target/screenshots/side-by-side.png"));
    }

    /**
     * target/screenshots/decrypted.png (a TLS 1.3 server flight decrypted with its key log, the
     * Certificate selected in the Decrypted TLS tab) and follow-stream.png (HTTP/2 of curl and h2o).
     */
    @Test
    void decryptedTreeAndFollowStream(FxRobot robot) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        Path captures = Path.of("src/test/resources/captures");
        robot.interact(() -> window.decryption().useKeyLog(captures.resolve("tls13_ciphers.keylog")));
        robot.interact(() -> window.open(captures.resolve("tls13_ciphers.pcapng")));
        waitLoaded(window, 102);
        robot.interact(() -> window.select(6));
        FrameInspector inspector = window.inspector().inspector();
        waitUntil(10, () -> inspector.selectField("tls.handshake.certificate"));
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        save(Path.of("target/screenshots/decrypted.png"));

        robot.interact(() -> window.decryption().useKeyLog(captures.resolve("h2o_curl.keylog")));
        robot.interact(() -> window.open(captures.resolve("h2o_curl.pcapng")));
        waitLoaded(window, 35);
        robot.interact(() -> window.select(6));
        robot.interact(() -> window.decryption().followSelected());
        waitUntil(10, () -> window.decryption().lastFollow() != null);
        Stage follow = fx(() -> window.decryption().lastFollowStage());
        robot.interact(() -> {
            follow.setX(40);
            follow.setY(40);
            follow.setWidth(980);
            follow.setHeight(700);
        });
        WaitForAsyncUtils.sleep(400, java.util.concurrent.TimeUnit.MILLISECONDS);
        WritableImage img = fx(() -> follow.getScene().snapshot(null));
        ImageIO.write(toBuffered(img), "png", Path.of("target/screenshots/follow-stream.png").toFile());
        robot.interact(follow::close);
        robot.interact(() -> window.decryption().useKeyLog(null));
    }

    private void save(Path file) throws IOException {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(toBuffered(img), "png", file.toFile());
    }

    /** javafx.swing isn't on the classpath: copy the pixels by hand. */
    static BufferedImage toBuffered(WritableImage img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }
}
