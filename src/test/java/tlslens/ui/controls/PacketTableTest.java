package tlslens.ui.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tlslens.dissect.FrameSummary;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketRow;

/** The packet table control on its own, in a real window: rows, sorting, selection, keys, following. */
@ExtendWith(ApplicationExtension.class)
class PacketTableTest {
    private final ObservableList<PacketRow> source = FXCollections.observableArrayList();
    private PacketTable table;

    @Start
    void start(Stage stage) {
        table = new PacketTable();
        table.setSource(source);
        stage.setScene(new Scene(table, 900, 24 + 10 * PacketTable.ROW_HEIGHT)); // header + 10 rows
        stage.getScene().getStylesheets().add(PacketTableTest.class.getResource("/tlslens/ui/main.css").toExternalForm());
        stage.show();
        stage.sizeToScene(); // the stage may come from an earlier test class with its own size
    }

    /** Rows the viewport shows. */
    private int screenRows() { return (int) Math.ceil((table.getHeight() - 24) / PacketTable.ROW_HEIGHT); }

    private static PacketRow row(int n, int length, String info) {
        FrameSummary s = new FrameSummary(n, Instant.ofEpochSecond(1000, n * 1000L), length, "10.0.0.1", "10.0.0.2",
                n % 2 == 0 ? "TLSv1.3" : "TCP", info, 0);
        return new PacketRow(s, ColouringRules.NONE, n * 1000L, null, true);
    }

    private static List<PacketRow> rows(int from, int to) {
        List<PacketRow> out = new ArrayList<>();
        for (int n = from; n <= to; n++) out.add(row(n, 1000 - n, "info " + n));
        return out;
    }

    private void fx(Runnable r) {
        WaitForAsyncUtils.asyncFx(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void appendsMirrorTheSourceAndTheViewFollowsTheNewestRow() {
        fx(() -> source.addAll(rows(1, 100)));
        assertEquals(100, table.getItems().size());
        fx(() -> table.scrollToBottom());
        assertEquals(99, table.lastVisibleIndex());
        assertTrue(table.isAtBottom());
        // The pool holds about a screen of rows, not one node per row. It keeps what a taller table once needed
        // (the stage can come from an earlier test class at its size), so the bound is the screen's height.
        int pool = ((PacketTableSkin) table.getSkin()).pool().size();
        int screenful = (int) Math.ceil(Screen.getPrimary().getVisualBounds().getHeight() / PacketTable.ROW_HEIGHT) + 2;
        assertTrue(pool >= screenRows() && pool <= screenful && pool < 100,
                "row nodes: " + pool + " for " + screenRows() + " rows on screen, at most " + screenful + " fit the screen");
        fx(() -> source.addAll(rows(101, 150)));
        assertEquals(150, table.getItems().size());
        // A replaced source (a display filter) rebuilds the view.
        fx(() -> source.setAll(rows(1, 5)));
        assertEquals(5, table.getItems().size());
        assertEquals(0, table.positionProperty().get());
    }

    @Test
    void headerClickSortsAndAppendsKeepTheOrderAndTheSelection(FxRobot robot) {
        fx(() -> source.addAll(rows(1, 30)));
        fx(() -> table.select(4)); // frame 5
        robot.clickOn(".column-header.col-length"); // ascending length: frame 30 first (length 970)
        assertEquals(PacketColumn.LENGTH, table.sortColumnProperty().get());
        assertEquals(30, table.getItems().get(0).number());
        assertEquals(5, table.getSelectedItem().number());
        assertEquals(25, table.getSelectedIndex());
        fx(() -> source.addAll(List.of(row(31, 1, "tiny"), row(32, 5000, "huge"))));
        assertEquals(31, table.getItems().get(0).number());
        assertEquals(32, table.getItems().get(31).number());
        assertEquals(5, table.getSelectedItem().number());
        assertEquals(26, table.getSelectedIndex());
        robot.clickOn(".column-header.col-length"); // descending
        assertEquals(32, table.getItems().get(0).number());
        robot.clickOn(".column-header.col-length"); // back to frame order
        assertNull(table.sortColumnProperty().get());
        assertEquals(1, table.getItems().get(0).number());
        assertEquals(4, table.getSelectedIndex());
    }

    @Test
    void keysMoveTheSelectionAndScrollingUpStopsFollowing(FxRobot robot) {
        fx(() -> source.addAll(rows(1, 200)));
        robot.clickOn(table, MouseButton.PRIMARY); // selects the row under the mouse
        int clicked = table.getSelectedIndex();
        assertTrue(clicked >= 0);
        robot.type(KeyCode.DOWN);
        assertEquals(clicked + 1, table.getSelectedIndex());
        robot.type(KeyCode.END);
        assertEquals(199, table.getSelectedIndex());
        assertTrue(table.isAtBottom());
        assertTrue(table.followNewestProperty().get());
        robot.type(KeyCode.PAGE_UP);
        assertTrue(table.getSelectedIndex() < 199 && table.getSelectedIndex() >= 199 - screenRows(),
                "page up from 199 to " + table.getSelectedIndex());
        robot.type(KeyCode.HOME);
        assertEquals(0, table.getSelectedIndex());
        assertEquals(0, table.firstVisibleIndex());
        assertFalse(table.followNewestProperty().get(), "looking at the top stops following");
    }
}
