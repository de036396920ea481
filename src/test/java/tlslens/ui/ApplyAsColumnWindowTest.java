package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.tshark;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import javax.imageio.ImageIO;

import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.ui.controls.FrameInspector;
import tlslens.ui.controls.PacketColumn;
import tlslens.ui.controls.PacketTable;

/**
 * Right-click a tree item → Apply as Column: the packet table gets a column of that field whose
 * cells (filled in the background) are tshark's values for every frame; the column is remembered
 * with the window's preferences and goes away from its header's menu.
 */
@ExtendWith(ApplicationExtension.class)
class ApplyAsColumnWindowTest {
    private static final Path SAMPLE = WindowTestSupport.SAMPLE.toAbsolutePath().normalize();
    private static final String SNI = "tls.handshake.extensions_server_name";
    private MainWindowController window;
    private Stage stage;
    private Preferences columnsNode;

    @Start
    void start(Stage stage) throws Exception {
        columnsNode = Preferences.userRoot().node(WindowTestSupport.PREFS + "/columns");
        columnsNode.clear(); // the default columns, whatever an earlier run left
        this.stage = stage;
        window = WindowTestSupport.show(stage);
    }

    private PacketColumn sniColumn() {
        return fx(() -> window.table().getColumns().stream()
                .filter(c -> c.isCustom() && c.spec().field().equals(SNI)).findFirst().orElse(null));
    }

    @Test
    void applyAsColumnShowsTheFieldInEveryRow(FxRobot robot) throws Exception {
        fx(() -> {
            window.open(SAMPLE);
            return null;
        });
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        robot.interact(() -> window.table().select(3)); // frame 4, the first Client Hello
        FrameInspector inspector = window.inspector().inspector();
        waitUntil(10, () -> inspector.selectField(SNI));
        TreeCell<?> cell = robot.lookup(".detail-cell").match((TreeCell<?> c) -> c.isSelected()).query();
        robot.clickOn(cell, MouseButton.SECONDARY);
        waitUntil(5, () -> Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu && w.isShowing()));
        robot.clickOn("Apply as Column");

        waitUntil(5, () -> sniColumn() != null);
        PacketColumn column = sniColumn();
        assertEquals("Server Name", column.header());
        // Before Info, which keeps the rest of the width.
        List<PacketColumn> columns = fx(() -> List.copyOf(window.table().getColumns()));
        assertEquals(PacketColumn.INFO, columns.get(columns.size() - 1));
        assertEquals(column, columns.get(columns.size() - 2));

        // Every row's cell is tshark's value for that frame, once the background walk got there.
        List<String> expected = tshark("-r", SAMPLE.toString(), "-T", "fields", "-e", SNI);
        assertTrue(expected.stream().anyMatch(s -> !s.isEmpty()), "the sample has SNIs");
        waitUntil(20, () -> window.tableModel().shown().stream().map(column::text).toList().equals(expected));
        // ... and the rows on screen show it.
        waitUntil(5, () -> robot.lookup(".packet-cell.col-custom").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().equals(expected.get(3))));

        Path shot = Path.of("target/screenshots/custom-column.png");
        Files.createDirectories(shot.getParent());
        ImageIO.write(MainWindowScreenshotTest.toBuffered(fx(() -> stage.getScene().snapshot(null))), "png", shot.toFile());

        // Remembered with the window's preferences, in Wireshark's gui.column.format form.
        String saved = columnsNode.get(CustomColumns.KEY, "");
        assertTrue(saved.contains("\"Server Name\",\"%Cus:" + SNI + ":0:R\""), saved);
        List<String> restored = fx(() -> {
            PacketTable fresh = new PacketTable();
            new CustomColumns(fresh, columnsNode, () -> null, new SimpleIntegerProperty());
            return fresh.getColumns().stream().map(PacketColumn::header).toList();
        });
        assertEquals(List.of("No.", "Time", "Source", "Destination", "Protocol", "Length", "Server Name", "Info"), restored);

        // The column header's menu removes it, and the preferences forget it.
        Label header = robot.lookup(".column-header.col-custom").queryAs(Label.class);
        robot.clickOn(header, MouseButton.SECONDARY);
        waitUntil(5, () -> Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu && w.isShowing()));
        robot.clickOn("Remove This Column");
        waitUntil(5, () -> sniColumn() == null);
        assertEquals(PacketColumn.defaults(), fx(() -> List.copyOf(window.table().getColumns())));
        assertFalse(columnsNode.get(CustomColumns.KEY, "").contains("%Cus:"), columnsNode.get(CustomColumns.KEY, ""));
    }
}
