package tlslens.ui.controls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12 item 10: after a short packet, then a longer one, and a drag of the divider above the
 * bytes, every row on screen shows its offset and its bytes (the view drew "0000-0040, a gap, then
 * 00b0-00d0": pooled rows hidden during the short packet kept their index and the bytes they last showed).
 */
@ExtendWith(ApplicationExtension.class)
@UsesPublicCaptures
class HexViewLayoutWindowTest {
    private static final String CAPTURE = "zeek_tls12-decryption.pcap";
    private SplitPane split;
    private HexView hex;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        hex = new HexView();
        Region table = new Region(); // where the packet table is in the window
        table.setMinHeight(0);
        split = new SplitPane(table, hex);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.1);
        stage.setScene(new Scene(split, 900, 600));
        stage.show();
    }

    @Test
    void everyRowOnScreenIsDrawnAfterShortPacketsDividerDragsAndResizes(FxRobot robot) {
        byte[] medium = CaptureFrames.frame(CAPTURE, 8).frameBytes; // 159 B: 10 rows
        byte[] small = CaptureFrames.frame(CAPTURE, 3).frameBytes; // 66 B: 5 rows
        byte[] big = CaptureFrames.frame(CAPTURE, 11).frameBytes; // 697 B: 44 rows
        show(robot, big);
        assertRowsDrawn(robot, big, "a long packet");
        show(robot, small);
        assertRowsDrawn(robot, small, "a short packet after a long one");
        show(robot, medium);
        assertRowsDrawn(robot, medium, "a longer packet after a short one");

        show(robot, small);
        Node divider = robot.lookup(".split-pane-divider").query();
        robot.drag(divider).moveBy(0, 380).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        show(robot, medium);
        assertRowsDrawn(robot, medium, "after dragging the divider down");
        robot.drag(divider).moveBy(0, -380).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertRowsDrawn(robot, medium, "after dragging the divider back up");

        show(robot, big);
        robot.interact(() -> stage.setHeight(300));
        assertRowsDrawn(robot, big, "after shrinking the window");
        robot.interact(() -> stage.setHeight(800));
        assertRowsDrawn(robot, big, "after growing the window");
    }

    private void show(FxRobot robot, byte[] data) {
        robot.interact(() -> hex.setBytes(data));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The rows on screen, top to bottom: consecutive offsets from 0000, each with its 16 bytes, filling the view. */
    private void assertRowsDrawn(FxRobot robot, byte[] data, String when) {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> problems = new ArrayList<>();
        int[] shown = new int[1];
        robot.interact(() -> {
            Region body = (Region) hex.lookup(".hex-body");
            double viewport = body.getHeight();
            List<Region> rows = new ArrayList<>();
            for (Node n : body.getChildrenUnmodifiable()) {
                if (n instanceof HexRow r && r.isVisible() && r.getLayoutY() < viewport && r.getLayoutY() + r.getHeight() > 0) rows.add(r);
            }
            rows.sort(Comparator.comparingDouble(Node::getLayoutY));
            shown[0] = rows.size();
            int totalRows = (data.length + 15) / 16;
            double bottom = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).getLayoutY() + rows.get(rows.size() - 1).getHeight();
            if (rows.size() < totalRows && bottom < viewport - 0.5) {
                problems.add(rows.size() + " of " + totalRows + " rows drawn, ending at y=" + bottom + " in a viewport of " + viewport);
            }
            double y = Double.NaN;
            for (int i = 0; i < rows.size(); i++) {
                Region r = rows.get(i);
                if (!Double.isNaN(y) && Math.abs(r.getLayoutY() - y) > 0.5) problems.add("row " + i + " at y=" + r.getLayoutY() + ", expected " + y);
                y = r.getLayoutY() + r.getHeight();
                String offset = text(r, "hex-offset").get(0);
                String expected = HexRow.offsetText(i * 16, 4);
                if (!offset.equals(expected)) problems.add("row " + i + " offset \"" + offset + "\", expected " + expected);
                StringBuilder want = new StringBuilder();
                for (int b = i * 16; b < Math.min(data.length, i * 16 + 16); b++) want.append(String.format("%02x", data[b] & 0xff));
                String got = String.join("", text(r, "hex-byte"));
                if (!got.equals(want.toString())) problems.add("row " + expected + " bytes \"" + got + "\", expected \"" + want + "\"");
            }
        });
        assertTrue(problems.isEmpty(), when + ": " + problems);
        assertTrue(shown[0] >= Math.min(3, (data.length + 15) / 16), when + ": only " + shown[0] + " rows on screen");
    }

    private static List<String> text(Region row, String styleClass) {
        List<String> out = new ArrayList<>();
        for (Node n : row.getChildrenUnmodifiable()) {
            if (n instanceof Text t && t.getStyleClass().contains(styleClass)) out.add(t.getText());
        }
        return out;
    }
}
