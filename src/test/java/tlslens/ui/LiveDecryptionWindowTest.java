package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.Await;
import tlslens.capture.InterfaceInfo;
import tlslens.dissect.ProtoNode;
import tlslens.ui.follow.FollowStreamModel.Side;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.PacketRow;

/**
 * Live capture on lo with the key log watched: openssl s_server and s_client (the JDK writes no key
 * log) exchange an HTTP/1.0 request over TLS 1.3; the client's key lines reach the watched file
 * only after the handshake, and the connection's tree then opens up.
 */
@ExtendWith(ApplicationExtension.class)
class LiveDecryptionWindowTest {
    private static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";
    private MainWindowController window;
    @TempDir Path dir;

    @Start
    void start(Stage stage) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    /** The key log this test watches is remembered in the preferences: later window tests must not inherit it. */
    @org.junit.jupiter.api.AfterEach
    void forgetTheWatchedKeyLog() throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    /** One TLS 1.3 exchange with s_client writing its key log to {@code keylog}. */
    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void client(Path dir, int port, Path keylog) throws Exception {
        Process c = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3",
                "-keylogfile", keylog.toString(), "-quiet", "-ign_eof").directory(dir.toFile()).redirectErrorStream(true).start();
        c.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
        c.getOutputStream().flush();
        String reply = new String(c.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(c.waitFor(20, TimeUnit.SECONDS), "s_client did not finish");
        assertTrue(reply.contains("HTTP/1.0 200 ok"), reply);
    }

    private ProtoNode decryptedNode() {
        return fx(() -> {
            var root = window.inspector().inspector().treeView().getRoot();
            return root == null ? null : DecryptionWindowTest.find((ProtoNode) root.getValue(),
                    Pattern.compile("\\[Decrypted with key from line \\d+ of watched\\.keylog\\]"));
        });
    }

    private int serverHelloOf(int stream) {
        return fx(() -> window.tableModel().shown().stream()
                .filter(r -> r.summary().tcpStream() == stream && r.summary().info().startsWith("Server Hello"))
                .mapToInt(PacketRow::number).findFirst().orElse(-1));
    }

    /** FX thread: the Info column of the table's rows of connection {@code stream}. */
    private List<String> infosOf(int stream) {
        return window.tableModel().shown().stream().filter(r -> r.summary().tcpStream() == stream)
                .map(r -> r.summary().info()).toList();
    }

    /** FX thread: the labels of the connection's ladder in the window's connection model, or null. */
    private List<String> ladderLabels(int stream) {
        var m = window.timeline().snapshot().ladder(stream);
        return m == null ? null : m.rows().stream().map(tlslens.ui.model.LadderRow::label).toList();
    }

    /** Selects the frame (via another one, so its tree is rebuilt) and waits for its tree. */
    private void reselect(FxRobot robot, int frame) {
        robot.interact(() -> window.select(1));
        waitUntil("frame 1's tree", 10, () -> showsTreeOf(1));
        robot.interact(() -> window.select(frame));
        waitUntil("frame " + frame + "'s tree", 10, () -> showsTreeOf(frame));
    }

    /** FX thread: whether the detail tree is the one of {@code frame}. */
    private boolean showsTreeOf(int frame) {
        var root = window.inspector().inspector().treeView().getRoot();
        return root != null && ((ProtoNode) root.getValue()).children().get(0).text().startsWith("Frame " + frame + ":");
    }

    @SuppressWarnings("unchecked")
    @Test
    void keysAppendedDuringTheCaptureDecryptTheConnection(FxRobot robot) throws Exception {
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=localhost");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path watched = dir.resolve("watched.keylog");
        Files.writeString(watched, "# keys arrive later\n");
        robot.interact(() -> window.decryption().useKeyLog(watched));

        ComboBox<Object> box = robot.lookup("#interfaceBox").queryAs(ComboBox.class);
        waitUntil(10, () -> !box.getItems().isEmpty());
        int p = port;
        robot.interact(() -> {
            for (Object o : box.getItems()) if (o instanceof InterfaceInfo i && i.name().equals("lo")) box.setValue(o);
            robot.lookup("#captureFilterField").queryAs(TextField.class).setText("tcp port " + p);
        });
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", String.valueOf(port), "-cert", "cert.pem",
                "-key", "key.pem", "-www", "-tls1_3").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            Await.until("openssl s_server to accept connections on port " + port, Duration.ofSeconds(10),
                    () -> accepts(port));
            robot.clickOn("#startButton");
            waitUntil(10, () -> window.sessionModel().state() == State.CAPTURING);
            waitUntil(5, () -> window.decryption().statusLabel().getText().startsWith("0 keys loaded from watched.keylog"));

            // Connection A: its keys are written elsewhere and appended to the watched file after the handshake.
            Path elsewhere = dir.resolve("client-a.keylog");
            client(dir, port, elsewhere);
            waitUntil(10, () -> serverHelloOf(0) > 0);
            int helloA = serverHelloOf(0);
            reselect(robot, helloA);
            assertNull(decryptedNode(), "no keys yet");
            List<String> lines = Files.readAllLines(elsewhere);
            assertEquals(5, lines.stream().filter(l -> !l.startsWith("#")).count(), "TLS 1.3: five secrets " + lines.size());
            assertTrue(fx(() -> infosOf(0).stream().noneMatch(i -> i.contains("Encrypted Extensions"))), "no keys yet");
            robot.interact(() -> window.timeline().showTimeline());
            waitUntil("the connection's ladder", 10, () -> fx(() -> ladderLabels(0) != null));
            assertTrue(fx(() -> !ladderLabels(0).contains("Encrypted Extensions")), fx(() -> ladderLabels(0).toString()));
            long appended = System.nanoTime();
            Files.writeString(watched, String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
            // Issue 12 item 1: the keys reach the table and the ladder, without a Stop and reload.
            waitUntil("the table's rows of connection 0 decrypted", 5,
                    () -> fx(() -> infosOf(0).stream().anyMatch(i -> i.contains("Encrypted Extensions"))));
            long rows = System.nanoTime() - appended;
            waitUntil("the ladder of connection 0 decrypted", 5,
                    () -> fx(() -> ladderLabels(0) != null && ladderLabels(0).contains("Encrypted Extensions")));
            long ladder = System.nanoTime() - appended;
            System.out.printf("keys appended -> rows updated: %d ms, ladder: %d ms%n", rows / 1_000_000, ladder / 1_000_000);
            // Printed, not held to a second: on a loaded machine (load 17-27) it took 1.2-3.0 s, on main too
            // (a timed assertion is a flaky one); the waits above bound it at 5 s each.
            assertTrue(rows < 5_000_000_000L, "rows updated " + rows / 1_000_000 + " ms after the keys were appended");
            assertTrue(ladder < 10_000_000_000L, "ladder updated " + ladder / 1_000_000 + " ms after the keys were appended");
            assertTrue(fx(() -> infosOf(0).stream().noneMatch(i -> i.contains("Encrypted Handshake Message"))), fx(() -> infosOf(0).toString()));
            robot.interact(() -> robot.lookup("#lowerTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(0));
            waitUntil(5, () -> window.decryption().statusLabel().getText().equals("5 keys loaded from watched.keylog (watching)"));
            reselect(robot, helloA);
            ProtoNode origin = decryptedNode();
            assertNotNull(origin, "the tree rebuilt on selection uses the new keys");
            robot.interact(() -> window.decryption().followSelected());
            waitUntil(10, () -> window.decryption().lastFollow() != null);
            assertEquals(REQUEST, fx(() -> window.decryption().lastFollow().model().text(Side.CLIENT)));
            robot.interact(() -> window.decryption().lastFollowStage().close());

            // Connection B: the client writes straight into the watched file, as a browser with SSLKEYLOGFILE does.
            client(dir, port, watched);
            waitUntil(10, () -> serverHelloOf(1) > 0);
            waitUntil(5, () -> window.decryption().statusLabel().getText().equals("10 keys loaded from watched.keylog (watching)"));
            reselect(robot, serverHelloOf(1));
            assertNotNull(decryptedNode());

            robot.clickOn("#startButton");
            waitUntil(10, () -> window.sessionModel().state() == State.STOPPED);
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
