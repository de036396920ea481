package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.isOnScreen;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.dissect.ProtoNode;
import tlslens.ui.controls.BytesPane;
import tlslens.ui.controls.FrameInspector;
import tlslens.ui.follow.FollowStreamController;
import tlslens.ui.follow.FollowStreamModel.Side;

/** Decryption in the real window: key log, decrypted tree + Decrypted TLS tab, Follow TLS Stream, wrong keys. */
@ExtendWith(ApplicationExtension.class)
class DecryptionWindowTest {
    static final Path CAPTURES = Path.of("src/test/resources/captures");
    static final Path TLS13 = CAPTURES.resolve("tls13_ciphers.pcapng");
    private MainWindowController window;
    @org.junit.jupiter.api.io.TempDir Path dir;

    @Start
    void start(Stage stage) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    /** The first node (depth first) whose text matches. */
    static ProtoNode find(ProtoNode n, Pattern p) {
        if (n.text() != null && p.matcher(n.text()).matches()) return n;
        for (ProtoNode c : n.children()) {
            ProtoNode f = find(c, p);
            if (f != null) return f;
        }
        return null;
    }

    private ProtoNode shownRoot() { return fx(() -> (ProtoNode) window.inspector().inspector().treeView().getRoot().getValue()); }

    private void selectAndWait(FxRobot robot, int frame) {
        robot.interact(() -> window.select(frame));
        waitUntil(10, () -> window.inspector().inspector().treeView().getRoot() != null
                && find((ProtoNode) window.inspector().inspector().treeView().getRoot().getValue(),
                        Pattern.compile("Frame " + frame + ":.*")) != null);
    }

    private static String clientSent(int connection) throws Exception {
        String json = Files.readString(CAPTURES.resolve("tls13_ciphers.manifest.json"));
        Matcher m = Pattern.compile("\"client_sent\": \"([^\"]*)\"").matcher(json);
        for (int i = 0; i <= connection; i++) assertTrue(m.find());
        return m.group(1).replace("\\r", "\r").replace("\\n", "\n");
    }

    /** The packet table's row showing frame {@code number} (its No. cell), as drawn on screen. */
    private Node rowCell(FxRobot robot, int number) {
        for (Node n : robot.lookup(".packet-row").queryAll()) {
            if (!n.isVisible() || !(n instanceof javafx.scene.Parent p)) continue;
            for (Node c : p.getChildrenUnmodifiable()) {
                if (c.getStyleClass().contains("col-number") && c instanceof javafx.scene.control.Label l
                        && l.getText().equals(Integer.toString(number))) return n;
            }
        }
        throw new AssertionError("row " + number + " not on screen");
    }

    @Test
    void keyLogDecryptsTheTreeTheBytesTabAndFollowShowsTheRequest(FxRobot robot) throws Exception {
        Path keylog = CAPTURES.resolve("tls13_ciphers.keylog");
        robot.interact(() -> window.decryption().useKeyLog(keylog));
        robot.interact(() -> window.open(TLS13));
        waitLoaded(window, 102);
        String status = fx(() -> window.decryption().statusLabel().getText());
        assertTrue(status.matches("\\d+ keys loaded from tls13_ciphers\\.keylog"), status);
        // The table's Info comes from the pass with keys: the encrypted handshake is named.
        assertEquals("Server Hello, Change Cipher Spec, Encrypted Extensions, Certificate, Certificate Verify, Finished",
                fx(() -> window.tableModel().row(6).summary().info()));

        selectAndWait(robot, 6);
        ProtoNode root = shownRoot();
        ProtoNode origin = find(root, Pattern.compile("\\[Decrypted with key from line (\\d+) of tls13_ciphers\\.keylog\\]"));
        assertNotNull(origin, "no 'Decrypted with key from line N of FILE' node");
        Matcher m = Pattern.compile("\\[Decrypted with key from line (\\d+) of .*").matcher(origin.text());
        assertTrue(m.matches());
        String line = Files.readAllLines(keylog).get(Integer.parseInt(m.group(1)) - 1);
        String random = HexFormat.of().formatHex(window.index().followTls(0).clientRandom());
        assertTrue(line.startsWith("SERVER_HANDSHAKE_TRAFFIC_SECRET " + random), "line " + m.group(1) + ": " + line.substring(0, 40));

        FrameInspector inspector = window.inspector().inspector();
        assertTrue(fx(() -> inspector.selectField("tls.handshake.certificate")));
        ProtoNode cert = fx(() -> inspector.selectedNodeProperty().get());
        BytesPane bytes = inspector.bytesPane();
        String tab = fx(() -> bytes.sourceNames().get(cert.source));
        assertTrue(tab.matches("Decrypted TLS \\(\\d+ bytes\\)"), tab);
        assertEquals(cert.source, (int) fx(bytes::selectedSource), "switched to the Decrypted TLS tab");
        assertEquals(cert.source, fx(() -> inspector.highlightedRange().source()));
        assertEquals(cert.offset, fx(() -> inspector.highlightedRange().offset()));
        List<String> tabs = fx(bytes::sourceNames);
        assertTrue(tabs.stream().filter(t -> t.startsWith("Decrypted TLS (")).count() >= 1, tabs.toString());

        // A byte of the Decrypted TLS tab selects the node it belongs to, in that source.
        int target = cert.offset + 40;
        robot.interact(() -> bytes.hexView(cert.source).scrollToOffset(target));
        Node[] cell = new Node[1];
        waitUntil("byte " + target + " shown in the Decrypted TLS tab", 5,
                () -> isOnScreen(cell[0] = bytes.hexView(cert.source).byteNode(target)));
        Node b = cell[0];
        robot.clickOn(b);
        ProtoNode clicked = fx(() -> inspector.selectedNodeProperty().get());
        assertEquals(cert.source, clicked.source);
        assertTrue(clicked.offset <= target && target < clicked.offset + clicked.length(), clicked.text());

        // Follow TLS Stream from the row's context menu.
        robot.rightClickOn(rowCell(robot, 6));
        robot.clickOn("Follow TLS Stream");
        waitUntil(10, () -> window.decryption().lastFollow() != null);
        FollowStreamController follow = window.decryption().lastFollow();
        assertEquals(clientSent(0), fx(() -> follow.model().text(Side.CLIENT)));
        assertTrue(fx(() -> follow.statusLabel().getText()).startsWith("Decrypted with key from line "));
        assertTrue(fx(() -> window.decryption().lastFollowStage().getTitle()).startsWith("Follow TLS Stream (tcp.stream eq 0)"));
        waitUntil(5, () -> !robot.lookup(".follow-block.follow-client").queryAll().isEmpty()
                && !robot.lookup(".follow-block.follow-server").queryAll().isEmpty());
        robot.interact(() -> window.decryption().lastFollowStage().close());

        // The keyboard shortcut opens it too (Ctrl+Alt+Shift+S), for the selected packet's connection.
        selectAndWait(robot, 23);
        robot.clickOn(rowCell(robot, 23));
        robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.ALT, KeyCode.CONTROL);
        waitUntil(10, () -> window.decryption().lastFollow() != follow);
        assertEquals(clientSent(1), fx(() -> window.decryption().lastFollow().model().text(Side.CLIENT)));
        robot.interact(() -> window.decryption().lastFollowStage().close());
    }

    @Test
    void wrongKeyLogSaysWhyAndNothingCrashes(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(TLS13));
        waitLoaded(window, 102);
        assertEquals("No key log", fx(() -> window.decryption().statusLabel().getText()));
        assertTrue(fx(() -> window.tableModel().row(6).summary().info()).contains("Application Data"));
        // Loading a key log with a capture open reads the capture again with it.
        robot.interact(() -> window.decryption().useKeyLog(CAPTURES.resolve("tls13_ciphers.badkeys.keylog")));
        waitUntil(20, () -> window.decryption().statusLabel().getText().contains("(1 line skipped)"));
        waitLoaded(window, 102);
        // Connection 1 has no keys in this log: its tree has no decrypted node and Follow says why.
        selectAndWait(robot, 23);
        assertEquals(null, find(shownRoot(), Pattern.compile("\\[Decrypted with key from .*")));
        assertFalse(fx(() -> window.inspector().inspector().bytesPane().sourceNames().stream()
                .anyMatch(t -> t.startsWith("Decrypted TLS"))));
        robot.interact(() -> window.decryption().followSelected());
        waitUntil(10, () -> window.decryption().lastFollow() != null);
        String why = fx(() -> window.decryption().lastFollow().statusLabel().getText());
        assertTrue(why.startsWith("Not decrypted — no keys"), why);
        assertTrue(fx(() -> window.decryption().lastFollow().blockList().getItems().isEmpty()));
        robot.interact(() -> window.decryption().lastFollowStage().close());
        // Connection 2 still decrypts with the same log.
        selectAndWait(robot, 40);
        assertNotNull(find(shownRoot(), Pattern.compile("\\[Decrypted with key from line \\d+ of tls13_ciphers\\.badkeys\\.keylog\\]")));
        // Clearing the key log reads the capture again without keys.
        robot.interact(() -> window.decryption().useKeyLog(null));
        waitUntil(20, () -> window.decryption().statusLabel().getText().equals("No key log"));
        waitLoaded(window, 102);
        assertEquals(null, window.decryption().settings().file());
    }

    @Test
    void preferencesSetTheKeyLogAndSaveAsEmbedsTheShownConnectionsKeys(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(TLS13));
        waitLoaded(window, 102);
        Path keylog = CAPTURES.resolve("tls13_ciphers.keylog").toAbsolutePath();
        robot.clickOn("Edit").clickOn("Preferences…");
        waitUntil(5, () -> !robot.lookup("#keyLogPathField").queryAll().isEmpty());
        robot.interact(() -> robot.lookup("#keyLogPathField").queryAs(javafx.scene.control.TextField.class).setText(keylog.toString()));
        robot.clickOn("OK");
        waitUntil(20, () -> window.decryption().statusLabel().getText().matches("\\d+ keys loaded from tls13_ciphers\\.keylog"));
        waitLoaded(window, 102);
        assertTrue(fx(() -> window.tableModel().row(40).summary().info()).contains("Certificate"));
        assertEquals(keylog.normalize(), new tlslens.ui.decrypt.KeyLogSettings(
                java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption")).file(), "remembered");

        // Show one connection, ask for its keys to be embedded, save as pcapng.
        robot.clickOn("#filterField").write("tcp.stream == 2").type(KeyCode.ENTER);
        waitUntil(10, () -> !window.table().getItems().isEmpty()
                && window.table().getItems().stream().allMatch(r -> r.summary().tcpStream() == 2));
        robot.clickOn("File").clickOn("Embed TLS Keys When Saving pcapng (Decryption Secrets Block)");
        Path saved = dir.resolve("stream2-with-keys.pcapng");
        robot.interact(() -> window.saveAs(saved, false));
        waitUntil(20, () -> window.sessionModel().messageProperty().get().startsWith("Saved 102 packets"));
        List<String> blocks = tlslens.capture.DecryptionSecrets.tlsKeyLogs(saved);
        assertEquals(1, blocks.size());
        String random = HexFormat.of().formatHex(window.index().followTls(2).clientRandom());
        assertEquals(5, blocks.get(0).lines().count());
        assertTrue(blocks.get(0).lines().allMatch(l -> l.split(" ")[1].equals(random)), "only connection 2's lines");

        // Clear the key log in Preferences; the saved file still decrypts connection 2 by itself.
        robot.clickOn("#filterField").eraseText("tcp.stream == 2".length()).type(KeyCode.ENTER);
        robot.clickOn("Edit").clickOn("Preferences…");
        waitUntil(5, () -> !robot.lookup("#keyLogClearButton").queryAll().isEmpty());
        robot.clickOn("#keyLogClearButton").clickOn("OK");
        waitUntil(10, () -> window.decryption().settings().file() == null);
        robot.interact(() -> window.open(saved));
        waitLoaded(window, 102);
        assertEquals("5 keys embedded in the capture", fx(() -> window.decryption().statusLabel().getText()));
        assertTrue(fx(() -> window.tableModel().row(40).summary().info()).contains("Certificate"));
        assertTrue(fx(() -> window.tableModel().row(6).summary().info()).contains("Application Data"));
    }
}
