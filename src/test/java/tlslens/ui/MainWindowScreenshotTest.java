package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.assertOnScreen;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.isOnScreen;
import static tlslens.ui.WindowTestSupport.waitForPulses;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.ui.controls.BytesPane;
import tlslens.ui.controls.FrameInspector;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.timeline.HandshakeComparison;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * Saves the README's screenshots (target/screenshots/), each once the window shows what it is meant to
 * frame: the node on screen, laid out, with its content (rows, a selected item, arrows).
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowScreenshotTest {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/recent").clear();
        window = WindowTestSupport.show(stage);
    }

    /** Selects the connection's Server Hello in a short table and opens the timeline on its ladder. */
    private HandshakeLadder showLadder(FxRobot robot, tlslens.analysis.Connection c) {
        long serverHello = c.handshake().stream().filter(h -> h.handshakeType() == HandshakeTypes.SERVER_HELLO)
                .findFirst().orElseThrow().frame();
        robot.interact(() -> {
            window.mainSplit().setDividerPositions(0.13);
            window.select((int) serverHello);
        });
        robot.interact(() -> window.table().scrollTo(Math.max(0, window.table().getSelectedIndex() - 1)));
        robot.clickOn("Handshake timeline");
        HandshakeLadder ladder = window.timeline().pane().ladder();
        waitUntil(5, () -> ladder.getModel() != null && ladder.getModel().connection().index() == c.index());
        return ladder;
    }

    @Test
    void mainWindow(FxRobot robot) throws Exception {
        assertOnScreen("the welcome page", () -> robot.lookup("#welcomePane").query());
        assertOnScreen("Open the sample", () -> robot.lookup("#openSampleButton").query());
        save(Path.of("target/screenshots/welcome.png"));

        robot.clickOn("#openSampleButton");
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        robot.interact(() -> window.select(4));
        FrameInspector inspector = window.inspector().inspector();
        waitUntil(10, () -> inspector.selectField("tls.handshake.extensions_server_name"));
        PacketTable table = window.table();
        waitUntil("frame 4's row selected and shown in the table", 5, () -> {
            int i = table.getSelectedIndex();
            return i >= 0 && table.getItems().get(i).number() == 4
                    && table.firstVisibleIndex() <= i && i <= table.lastVisibleIndex();
        });
        waitUntil("the SNI item shown in the tree", 5, () -> isOnScreen(selectedTreeCell(robot, inspector)));
        assertFalse(fx(() -> robot.lookup("#welcomePane").query().isVisible()), "the welcome page is gone");
        assertOnScreen("the packet table", () -> table);
        assertEquals(WindowTestSupport.SAMPLE_FRAMES, (int) fx(() -> table.getItems().size()));
        assertTrue(fx(() -> table.lastVisibleIndex() - table.firstVisibleIndex()) >= 10, "the table shows rows");
        assertOnScreen("the detail tree", inspector::treeView);
        assertEquals("tls.handshake.extensions_server_name",
                fx(() -> inspector.treeView().getSelectionModel().getSelectedItem().getValue().field.abbrev));
        assertOnScreen("the bytes pane", inspector::bytesPane);
        assertTrue(fx(() -> inspector.highlightedRange().length()) > 0, "the SNI's bytes are highlighted");
        save(Path.of("target/screenshots/main-window.png"));

        robot.clickOn("#filterField").write("tls.handshake.type == 2 && tls.bogus");
        Node field = robot.lookup("#filterField").query();
        Label message = robot.lookup("#filterMessage").query();
        waitUntil("the filter bar to show the error", 5, () -> field.getPseudoClassStates().contains(INVALID)
                && isOnScreen(message) && message.getText().contains("tls.bogus"));
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
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        waitUntil(20, () -> window.timeline().snapshot().frameCount() == WindowTestSupport.SAMPLE_FRAMES);
        tlslens.analysis.Connection resumed = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == tlslens.analysis.Resumption.SESSION_TICKET).findFirst().orElseThrow());
        HandshakeLadder ladder = showLadder(robot, resumed);
        int arrows = fx(() -> ladder.getModel().rows().size());
        assertTrue(arrows >= 4, "the resumed handshake's messages: " + arrows);
        waitUntil("the ladder's " + arrows + " arrows drawn", 5, () -> isOnScreen(ladder)
                && ladder.lookupAll(".ladder-row").size() == arrows && isOnScreen(ladder.rowNode(0)));
        assertOnScreen("the compare link", () -> robot.lookup("#ladderCompareLink").query());
        save(Path.of("target/screenshots/timeline.png"));

        robot.clickOn("#ladderCompareLink");
        waitUntil("the side-by-side tab", 5, () -> robot.lookup("#handshakeComparison").tryQuery().isPresent());
        HandshakeComparison comparison = robot.lookup("#handshakeComparison").query();
        robot.interact(() -> window.mainSplit().setDividerPositions(0.08));
        int rows = fx(() -> comparison.getModel().rows().size());
        assertTrue(rows >= 4, "the two handshakes, message by message: " + rows);
        waitUntil("the comparison's rows drawn", 5, () -> isOnScreen(comparison)
                && !comparison.lookupAll(".ladder-row").isEmpty()
                && comparison.lookupAll(".ladder-row").stream().anyMatch(WindowTestSupport::isOnScreen));
        assertOnScreen("the savings line", () -> comparison.lookup("#comparisonSavings"));
        waitForPulses(2); // the divider moved: let the new layout reach the screen
        save(Path.of("target/screenshots/side-by-side.png"));
    }

    /**
     * target/screenshots/timeline-tls13.png: the sample with its key log, the TLS 1.3 PSK resumption's ladder
     * (decrypted messages with their lock, ghosts of the Certificate and CertificateVerify with the origin's
     * sizes); side-by-side-tls13.png: it next to the full TLS 1.3 handshake that issued its ticket.
     */
    @Test
    void tls13TimelineAndSideBySideWithKeys(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        tlslens.analysis.Connection psk = openSampleWithKeysAtPskResumption(robot, dir);
        HandshakeLadder ladder = showLadder(robot, psk);
        int arrows = fx(() -> ladder.getModel().rows().size());
        waitUntil("the ladder's " + arrows + " arrows drawn", 5, () -> isOnScreen(ladder)
                && ladder.lookupAll(".ladder-row").size() == arrows && isOnScreen(ladder.rowNode(0)));
        assertTrue(fx(() -> ladder.lookupAll(".ladder-row.decrypted").size()) >= 3, "decrypted rows");
        save(Path.of("target/screenshots/timeline-tls13.png"));

        robot.clickOn("#ladderCompareLink");
        waitUntil("the side-by-side tab", 5, () -> robot.lookup("#handshakeComparison").tryQuery().isPresent());
        HandshakeComparison comparison = robot.lookup("#handshakeComparison").query();
        robot.interact(() -> window.mainSplit().setDividerPositions(0.08));
        waitUntil("the comparison's rows drawn", 5, () -> isOnScreen(comparison)
                && !comparison.lookupAll(".ladder-row").isEmpty()
                && comparison.lookupAll(".ladder-row").stream().anyMatch(WindowTestSupport::isOnScreen));
        assertOnScreen("the savings line", () -> comparison.lookup("#comparisonSavings"));
        waitForPulses(2);
        save(Path.of("target/screenshots/side-by-side-tls13.png"));
        robot.interact(() -> window.decryption().useKeyLog(null));
    }

    /**
     * target/screenshots/key-schedule.png: the sample with its key log, the TLS 1.3 PSK resumption's key schedule
     * (the early secret marked PSK, the traffic secrets from the key log, both Finished checked);
     * presenter.png: its ladder presented full screen (F11), stepped through to the server's Encrypted Extensions.
     */
    @Test
    void keyScheduleAndPresenter(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        tlslens.analysis.Connection psk = openSampleWithKeysAtPskResumption(robot, dir);
        HandshakeLadder ladder = showLadder(robot, psk);
        robot.clickOn("#keyScheduleButton");
        robot.interact(() -> window.mainSplit().setDividerPositions(0.08));
        waitUntil("the key schedule drawn", 20, () -> {
            Node v = window.timeline().tabs().lookup("#keyScheduleView");
            return v instanceof tlslens.ui.timeline.KeyScheduleView k && k.getModel() != null && isOnScreen(k)
                    && !k.lookupAll(".ks-grid").isEmpty() && isOnScreen(k.lookup(".ks-psk"));
        });
        waitForPulses(2);
        save(Path.of("target/screenshots/key-schedule.png"));

        robot.clickOn("Handshake timeline");
        robot.interact(() -> window.mainSplit().setDividerPositions(0.13));
        int ee = fx(() -> {
            var rows = ladder.getModel().rows();
            for (int i = 0; i < rows.size(); i++) if (rows.get(i).is(HandshakeTypes.ENCRYPTED_EXTENSIONS)) return i;
            throw new AssertionError("no Encrypted Extensions");
        });
        robot.interact(ladder::requestFocus);
        robot.type(javafx.scene.input.KeyCode.HOME);
        for (int i = 0; i < ee; i++) robot.type(javafx.scene.input.KeyCode.SPACE);
        waitUntil("stepped to the Encrypted Extensions", 20, () -> ladder.getRevealedRows() == ee + 1);
        robot.interact(() -> ladder.requestFocus());
        robot.type(javafx.scene.input.KeyCode.F11);
        waitUntil("the presenter shown", 20, () -> window.timeline().presenter() != null
                && window.timeline().presenter().stage().isFullScreen());
        Stage presenter = fx(() -> window.timeline().presenter().stage());
        HandshakeLadder copy = (HandshakeLadder) fx(() -> window.timeline().presenter().view());
        waitUntil("the presenter's ladder drawn", 20, () -> isOnScreen(copy) && copy.lookupAll(".ladder-row").stream()
                .filter(Node::isVisible).count() == ee + 1);
        waitForPulses(2);
        WritableImage img = fx(() -> presenter.getScene().snapshot(null));
        ImageIO.write(toBuffered(img), "png", Path.of("target/screenshots/presenter.png").toFile());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil("the presenter closed", 20, () -> window.timeline().presenter() == null);
        robot.interact(() -> window.decryption().useKeyLog(null));
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
        waitUntil("the Certificate item shown in the tree", 5, () -> isOnScreen(selectedTreeCell(robot, inspector)));
        assertEquals("tls.handshake.certificate",
                fx(() -> inspector.treeView().getSelectionModel().getSelectedItem().getValue().field.abbrev));
        BytesPane bytes = inspector.bytesPane();
        assertOnScreen("the bytes pane", () -> bytes);
        assertTrue(fx(() -> bytes.sourceNames().get(bytes.selectedSource())).startsWith("Decrypted TLS ("),
                "the bytes pane shows the decrypted record");
        assertTrue(fx(() -> inspector.highlightedRange().length()) > 0, "the certificate's bytes are highlighted");
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
        ListView<?> blocks = (ListView<?>) fx(() -> follow.getScene().lookup("#blockList"));
        waitUntil("the follow window laid out at its new size with the stream's blocks", 5,
                () -> follow.getScene().getWidth() == 980 && isOnScreen(blocks)
                        && blocks.getWidth() > 900 && !blocks.getItems().isEmpty());
        waitForPulses(2);
        WritableImage img = fx(() -> follow.getScene().snapshot(null));
        ImageIO.write(toBuffered(img), "png", Path.of("target/screenshots/follow-stream.png").toFile());
        robot.interact(follow::close);
        robot.interact(() -> window.decryption().useKeyLog(null));
    }

    /** The tree cell that shows the inspector's selected item, or null while none does. */
    private static Node selectedTreeCell(FxRobot robot, FrameInspector inspector) {
        Object selected = inspector.treeView().getSelectionModel().getSelectedItem();
        if (selected == null) return null;
        for (Node n : robot.from(inspector.treeView()).lookup(".tree-cell").queryAll()) {
            if (((TreeCell<?>) n).getTreeItem() == selected && n.isVisible()) return n;
        }
        return null;
    }

    /** Opens the sample with its embedded keys as a key log; returns its TLS 1.3 PSK resumption once linked to its origin. */
    private tlslens.analysis.Connection openSampleWithKeysAtPskResumption(FxRobot robot, Path dir) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        Path keylog = Tls13TimelineWindowTest.sampleKeyLog(dir);
        robot.interact(() -> window.decryption().useKeyLog(keylog));
        robot.clickOn("#openSampleButton");
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        waitUntil("the PSK resumption linked to its origin", 20, () -> window.timeline().snapshot().frameCount() == WindowTestSupport.SAMPLE_FRAMES
                && window.timeline().snapshot().connections().stream()
                        .anyMatch(c -> c.resumption() == tlslens.analysis.Resumption.PSK && c.resumedFrom() != null));
        tlslens.analysis.Connection psk = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == tlslens.analysis.Resumption.PSK).findFirst().orElseThrow());
        return psk;
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
