package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.tshark;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.dissect.ProtoNode;
import tlslens.ui.controls.FrameInspector;
import tlslens.ui.model.CaptureSessionModel.State;

/** The window's smaller features, each as a user reaches it: keys, menus, context menus, drops. */
@ExtendWith(ApplicationExtension.class)
class WindowFeaturesTest {
    private static final Path SAMPLE = WindowTestSupport.SAMPLE.toAbsolutePath().normalize();
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WindowTestSupport.show(stage);
    }

    private void openSample() {
        fx(() -> {
            window.open(SAMPLE);
            return null;
        });
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
    }

    private int selectedNumber() {
        return fx(() -> window.table().getSelectedItem() == null ? -1 : window.table().getSelectedItem().number());
    }

    @Test
    void findPacketSelectsTheFirstMatchingRow(FxRobot robot) throws Exception {
        openSample();
        int expected = Integer.parseInt(tshark("-r", SAMPLE.toString(), "-Y", "tls.handshake.type == 2",
                "-T", "fields", "-e", "frame.number").get(0));
        robot.interact(() -> window.table().requestFocus()); // a click would select a row, and Find starts after it
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil(5, () -> robot.lookup("#findField").query().isFocused());
        robot.write("tls.handshake.type == 2").type(KeyCode.ENTER);
        waitUntil(10, () -> selectedNumber() == expected);
        assertTrue(fx(() -> robot.lookup("#findMessage").queryLabeled().getText()).contains("Found packet " + expected));
        // The next Find goes on from the selection.
        int second = Integer.parseInt(tshark("-r", SAMPLE.toString(), "-Y", "tls.handshake.type == 2",
                "-T", "fields", "-e", "frame.number").get(1));
        robot.clickOn("#findField").type(KeyCode.ENTER);
        waitUntil(10, () -> selectedNumber() == second);
    }

    @Test
    void goToPacketSelectsFrameN(FxRobot robot) {
        openSample();
        robot.clickOn("#packetTable");
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        waitUntil(5, () -> robot.lookup("#goToField").query().isFocused());
        robot.write("42").type(KeyCode.ENTER);
        waitUntil(5, () -> selectedNumber() == 42);
        int index = fx(() -> window.table().getSelectedIndex());
        assertTrue(fx(() -> window.table().firstVisibleIndex() <= index && index <= window.table().lastVisibleIndex()),
                "frame 42 is scrolled into view");
        // A frame that does not exist says so and leaves the selection alone.
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        robot.write("999").type(KeyCode.ENTER);
        waitUntil(5, () -> robot.lookup("#goToMessage").queryLabeled().getText().contains("no packet 999"));
        assertEquals(42, selectedNumber());
    }

    @Test
    void openRecentListsTheFileAndReopensIt(FxRobot robot) {
        openSample();
        // Close it (Ctrl+W): the welcome pane comes back with the file among the recent ones.
        robot.clickOn("#packetTable");
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitUntil(5, () -> window.sessionModel().state() == State.EMPTY);
        MenuItem item = fx(() -> recentItem(SAMPLE.toString()));
        assertNotNull(item, "File > Open Recent lists " + SAMPLE);
        robot.clickOn("File").clickOn("Open Recent").clickOn(SAMPLE.toString());
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        assertEquals(SAMPLE, fx(() -> window.currentFile().toAbsolutePath().normalize()));

        // The welcome pane's recent link opens it as well.
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitUntil(5, () -> window.sessionModel().state() == State.EMPTY);
        Hyperlink link = robot.lookup(".recent-link").match((Hyperlink h) -> h.getText().endsWith(SAMPLE.toString()))
                .queryAs(Hyperlink.class);
        robot.clickOn(link);
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
    }

    private MenuItem recentItem(String path) {
        MenuBar bar = (MenuBar) stage.getScene().lookup("#menuBar");
        for (Menu m : bar.getMenus()) {
            for (MenuItem i : m.getItems()) {
                if (i instanceof Menu sub && "Open _Recent".equals(sub.getText())) {
                    for (MenuItem r : sub.getItems()) if (path.equals(r.getText())) return r;
                }
            }
        }
        return null;
    }

    /**
     * An OS drag cannot be made under Xvfb (no drag source), so the drop is simulated: the same
     * DRAG_OVER and DRAG_DROPPED events a real drop delivers, with a Dragboard holding the file,
     * fired at the window's root, whose handlers are the ones a real drop reaches.
     */
    @Test
    void droppingACaptureFileOpensIt(FxRobot robot) {
        Node root = fx(() -> stage.getScene().getRoot());
        boolean[] accepted = new boolean[1];
        boolean[] completed = new boolean[1];
        robot.interact(() -> {
            Dragboard db = FileDragboard.of(List.of(SAMPLE.toFile()));
            DragEvent over = new DragEvent(root, root, DragEvent.DRAG_OVER, db, 300, 300, 300, 300,
                    TransferMode.COPY, null, root, null);
            Event.fireEvent(root, over);
            accepted[0] = over.isAccepted();
            DragEvent drop = new DragEvent(root, root, DragEvent.DRAG_DROPPED, db, 300, 300, 300, 300,
                    TransferMode.COPY, null, root, null);
            Event.fireEvent(root, drop);
            completed[0] = true;
        });
        assertTrue(accepted[0] && completed[0]);
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        assertEquals(SAMPLE, fx(() -> window.currentFile().toAbsolutePath().normalize()));
    }

    @Test
    void applyAsFilterFromTheTreeWritesFieldEqualsValue(FxRobot robot) {
        openSample();
        robot.interact(() -> window.table().select(3)); // frame 4, the first Client Hello
        FrameInspector inspector = window.inspector().inspector();
        waitUntil(10, () -> inspector.selectField("tls.handshake.extensions_server_name"));
        ProtoNode sni = fx(() -> inspector.selectedNodeProperty().get());
        assertEquals("localhost", String.valueOf(sni.value()));
        TreeCell<?> cell = robot.lookup(".detail-cell").match((TreeCell<?> c) -> c.isSelected()).query();
        robot.clickOn(cell, MouseButton.SECONDARY);
        waitUntil(5, () -> Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu && w.isShowing()));
        robot.clickOn("Apply as Filter");
        String expected = "tls.handshake.extensions_server_name == \"localhost\"";
        waitUntil(5, () -> expected.equals(window.filterField().getText()));
        waitUntil(10, () -> !window.tableModel().filteringProperty().get()
                && window.tableModel().filterProperty().get() != null);
        assertTrue(fx(() -> window.table().getItems().size()) >= 1);
        assertTrue(fx(() -> window.table().getItems().stream()
                .allMatch(r -> r.summary().info().contains("Client Hello"))));
    }

    @Test
    void splitPaneDividersAreRememberedAcrossARestart(FxRobot robot) throws Exception {
        openSample();
        SplitPane main = robot.lookup("#mainSplit").queryAs(SplitPane.class);
        robot.interact(() -> {
            main.setDividerPositions(0.31);
            window.inspector().setDividerPosition(0.72);
        });
        waitUntil(5, () -> Math.abs(main.getDividerPositions()[0] - 0.31) < 0.01);
        robot.interact(() -> {
            window.shutdown();
            stage.close();
        });
        // A new window, as after a restart: the same preferences node.
        Stage[] second = new Stage[1];
        MainWindowController[] again = new MainWindowController[1];
        robot.interact(() -> {
            second[0] = new Stage();
            try {
                again[0] = WindowTestSupport.show(second[0]);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        try {
            fx(() -> {
                again[0].open(SAMPLE);
                return null;
            });
            waitLoaded(again[0], WindowTestSupport.SAMPLE_FRAMES);
            SplitPane main2 = (SplitPane) fx(() -> second[0].getScene().lookup("#mainSplit"));
            waitUntil(5, () -> main2.getDividerPositions().length == 1);
            assertEquals(0.31, fx(() -> main2.getDividerPositions()[0]), 0.01);
            assertEquals(0.72, fx(() -> again[0].inspector().dividerPosition()), 0.01);
        } finally {
            robot.interact(() -> {
                again[0].shutdown();
                second[0].close();
            });
        }
    }
}
