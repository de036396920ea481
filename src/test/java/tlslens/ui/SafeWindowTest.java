package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.tshark;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.capture.InterfaceInfo;
import tlslens.capture.LocalTls;
import tlslens.ui.model.CaptureSessionModel.State;

/**
 * Nothing lost: packets captured live are not dropped without asking Save / Don't save / Cancel,
 * temp files go when let go or saved elsewhere, a file that fails to open leaves the capture
 * shown; and the small things a user trips on (the divider, Go to packet with nothing open).
 */
@ExtendWith(ApplicationExtension.class)
class SafeWindowTest {
    private static final Path SAMPLE = WindowTestSupport.SAMPLE.toAbsolutePath().normalize();
    private MainWindowController window;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WindowTestSupport.show(stage);
    }

    private static Optional<DialogPane> dialog() {
        return Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .map(w -> (DialogPane) w.getScene().getRoot()).findFirst();
    }

    /** Waits for a dialog whose header contains {@code words}; returns its header. */
    private static String awaitDialog(String words) {
        waitUntil("a dialog saying \"" + words + "\"", 10,
                () -> dialog().map(d -> d.getHeaderText() != null && d.getHeaderText().contains(words)).orElse(false));
        return fx(() -> dialog().orElseThrow().getHeaderText());
    }

    /** Presses the dialog's button labelled {@code label}. */
    private static void answer(FxRobot robot, String label) {
        robot.interact(() -> {
            DialogPane d = dialog().orElseThrow();
            for (ButtonType t : d.getButtonTypes()) {
                if (t.getText().equals(label)) {
                    ((Button) d.lookupButton(t)).fire();
                    return;
                }
            }
            throw new AssertionError("no button " + label + " in " + d.getButtonTypes());
        });
        waitUntil("the dialog closed", 5, () -> dialog().isEmpty());
    }

    private List<String> buttons() {
        return fx(() -> dialog().orElseThrow().getButtonTypes().stream().map(ButtonType::getText).toList());
    }

    @SuppressWarnings("unchecked")
    private void capture(FxRobot robot, LocalTls tls, String line) throws Exception {
        ComboBox<Object> box = robot.lookup("#interfaceBox").queryAs(ComboBox.class);
        waitUntil(10, () -> !box.getItems().isEmpty());
        robot.interact(() -> {
            for (Object o : box.getItems()) if (o instanceof InterfaceInfo i && i.name().equals("lo")) box.setValue(o);
            robot.lookup("#captureFilterField").queryAs(TextField.class).setText("tcp port " + tls.port());
        });
        robot.clickOn("#startButton");
    }

    private void exchangeAndStop(FxRobot robot, LocalTls tls, String line) throws Exception {
        waitUntil("capturing", 10, () -> window.sessionModel().state() == State.CAPTURING);
        tls.exchange(line);
        waitUntil("the exchange's rows", 10, () -> window.table().getItems().stream()
                .anyMatch(r -> r.summary().info().contains("Client Hello")));
        robot.clickOn("#startButton");
        waitUntil("stopped", 10, () -> window.sessionModel().state() == State.STOPPED);
    }

    @Test
    void capturedPacketsAreNotDroppedWithoutAsking(FxRobot robot) throws Exception {
        robot.interact(() -> window.timeline().showTimeline());
        try (LocalTls tls = LocalTls.start()) {
            assertEquals("echo warm", tls.exchange("warm"));
            capture(robot, tls, "one");
            exchangeAndStop(robot, tls, "one");
            Path first = fx(window::currentFile);
            assertTrue(Files.exists(first), first.toString());
            // After Stop the connections count no longer says "live".
            waitUntil("the connections counted", 10, () -> window.timeline().pane().countLabel().getText().contains("TCP connections"));
            assertFalse(fx(() -> window.timeline().pane().countLabel().getText()).contains("live"),
                    fx(() -> window.timeline().pane().countLabel().getText()));
            // A packet shown in the tree and bytes panes.
            robot.interact(() -> window.select(1));
            waitUntil("packet 1's tree", 10, () -> window.inspector().inspector().treeView().getRoot() != null);

            // Ctrl+W: asked; Cancel keeps everything.
            robot.interact(() -> window.table().requestFocus());
            robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
            assertEquals("Do you want to save the captured packets before closing the file?", awaitDialog("before closing"));
            assertEquals(List.of("Save", "Don't save", "Cancel"), buttons());
            answer(robot, "Cancel");
            assertEquals(State.STOPPED, fx(() -> window.sessionModel().state()));
            assertTrue(Files.exists(first));

            // A new capture: asked; Don't save deletes the temp file and empties the tree and bytes.
            capture(robot, tls, "two");
            awaitDialog("before starting a new capture");
            answer(robot, "Don't save");
            waitUntil("capturing again", 10, () -> window.sessionModel().state() == State.CAPTURING);
            waitUntil("the first temp file deleted", 10, () -> !Files.exists(first));
            assertNull(fx(() -> window.inspector().inspector().treeView().getRoot()), "the last capture's packet is still shown");
            exchangeAndStop(robot, tls, "two");
            Path second = fx(window::currentFile);
            int rows = fx(() -> window.tableModel().total());

            // Opening a file: asked; Save writes the packets where chosen, then opens the file.
            Path saved = tmp.resolve("saved.pcapng");
            robot.interact(() -> window.chooser().saveAnswer = () -> new CaptureFileChooser.SaveTarget(saved, false));
            robot.interact(() -> window.open(SAMPLE));
            awaitDialog("before opening another file");
            answer(robot, "Save");
            waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
            assertEquals(SAMPLE, fx(window::currentFile));
            assertEquals(rows, tshark("-r", saved.toString()).size());
            waitUntil("the second temp file deleted", 10, () -> !Files.exists(second));

            // A file opened from disk is not asked about.
            robot.interact(() -> window.table().requestFocus());
            robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
            waitUntil("closed", 5, () -> window.sessionModel().state() == State.EMPTY);
            assertTrue(dialog().isEmpty());
        }
    }

    /** Quitting asks too (Ctrl+Q, the close box); at exit a temp file nobody saved is deleted. */
    @Test
    void quittingAsksAndExitDeletesTheTempFile(FxRobot robot) throws Exception {
        try (LocalTls tls = LocalTls.start()) {
            assertEquals("echo warm", tls.exchange("warm"));
            capture(robot, tls, "q");
            exchangeAndStop(robot, tls, "q");
        }
        Path temp = fx(window::currentFile);
        robot.interact(() -> window.table().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        assertEquals("Do you want to save the captured packets before quitting?", awaitDialog("before quitting"));
        answer(robot, "Cancel");
        robot.interact(() -> stage.getOnCloseRequest().handle(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        awaitDialog("before quitting");
        answer(robot, "Cancel");
        assertTrue(fx(stage::isShowing));
        assertTrue(Files.exists(temp));
        // The application's own exit path (no dialog left to answer) deletes it.
        robot.interact(() -> window.shutdown());
        waitUntil("the temp file deleted at exit", 10, () -> !Files.exists(temp));
    }

    @Test
    void aFileThatFailsToOpenLeavesTheCaptureShown(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(SAMPLE));
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        Path text = tmp.resolve("passwd");
        Files.copy(Path.of("/etc/passwd"), text);
        robot.interact(() -> window.open(text));
        String header = awaitDialog("Can't open");
        assertTrue(header.contains("passwd"), header);
        String why = fx(() -> dialog().orElseThrow().getContentText());
        assertTrue(why.contains("capture file") || why.contains("format"), why);
        answer(robot, "OK");
        assertEquals(SAMPLE, fx(window::currentFile));
        assertEquals(WindowTestSupport.SAMPLE_FRAMES, (int) fx(() -> window.tableModel().total()));
        assertEquals(State.LOADED, fx(() -> window.sessionModel().state()));
    }

    @Test
    void goToPacketWithNothingOpenSaysSo(FxRobot robot) {
        robot.interact(() -> window.table().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        waitUntil(5, () -> robot.lookup("#goToField").query().isFocused());
        robot.write("30").type(KeyCode.ENTER);
        String said = fx(() -> robot.lookup("#goToMessage").queryLabeled().getText());
        assertTrue(said.contains("no capture open"), said);
    }

    @Test
    void theTableDetailsDividerIsEasyToGrab() {
        Node divider = fx(() -> window.mainSplit().lookup(".split-pane-divider"));
        assertNotNull(divider);
        double h = fx(() -> divider.getLayoutBounds().getHeight());
        assertTrue(h >= 7, "divider " + h + " px high");
    }
}
