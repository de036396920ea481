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

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ColorPicker;
import javafx.scene.image.WritableImage;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.ui.model.ColouringRule;
import tlslens.ui.model.PacketRow;

/**
 * View &gt; Colouring Rules as a user reaches it: the default colours on screen, a rule added in
 * the dialog and moved to the top, OK: the loaded rows recolour, the legend follows, and the
 * rule is saved with the preferences.
 */
@ExtendWith(ApplicationExtension.class)
class ColouringRulesWindowTest {
    private static final Path SAMPLE = WindowTestSupport.SAMPLE.toAbsolutePath().normalize();
    private MainWindowController window;

    private static Preferences node() {
        return Preferences.userRoot().node(WindowTestSupport.PREFS + "/colouring");
    }

    @Start
    void start(Stage stage) throws Exception {
        node().removeNode(); // the default rules, whatever an earlier run left
        window = WindowTestSupport.show(stage);
    }

    @AfterEach
    void forgetRules() throws Exception {
        node().removeNode();
    }

    @Test
    void addingARuleRecoloursTheLoadedRows(FxRobot robot) throws Exception {
        fx(() -> {
            window.open(SAMPLE);
            return null;
        });
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        List<Integer> hellos = tshark("-r", SAMPLE.toString(), "-Y", "tls.handshake.type == 1", "-T", "fields", "-e", "frame.number")
                .stream().map(Integer::parseInt).toList();
        assertTrue(hellos.size() >= 2, "the sample has Client Hellos");
        int first = hellos.get(0);
        // By default a Client Hello is a handshake row, drawn in the Handshake rule's colour.
        assertEquals("Handshake", fx(() -> ruleName(window.tableModel().row(first))));
        assertEquals(Color.web("#d9e8fd"), rowBackground(robot, first));

        robot.clickOn("View").clickOn("Colouring Rules…");
        waitUntil(5, () -> robot.lookup("#ruleList").tryQuery().isPresent());
        ListView<?> list = robot.lookup("#ruleList").queryAs(ListView.class);
        int defaults = fx(() -> list.getItems().size());
        robot.clickOn("Add");
        waitUntil(5, () -> list.getItems().size() == defaults + 1);
        robot.clickOn("#nameField").eraseText(8).write("Client Hello");
        // The main window has a #filterField too: the dialog's own.
        Node dialogFilter = robot.from(fx(() -> list.getScene().getRoot())).lookup("#filterField").query();
        robot.clickOn(dialogFilter).write("tls.handshake.type == 1");
        fx(() -> {
            robot.lookup("#backgroundPicker").queryAs(ColorPicker.class).setValue(Color.web("#ffd700"));
            return null;
        });
        while (fx(() -> list.getSelectionModel().getSelectedIndex()) > 0) robot.clickOn("Move Up");
        assertEquals("Client Hello", fx(() -> ((ColouringRule) list.getItems().get(0)).name()));
        WritableImage shot = fx(() -> list.getScene().snapshot(null));
        assertTrue(fx(() -> list.isVisible() && list.getHeight() > 100), "the rule list shows");
        Files.createDirectories(Path.of("target/screenshots"));
        ImageIO.write(MainWindowScreenshotTest.toBuffered(shot), "png", Path.of("target/screenshots/colouring-rules.png").toFile());
        robot.clickOn("OK");

        waitUntil(10, () -> hellos.stream().allMatch(n -> window.tableModel().row(n).colour() == 0));
        for (int n = 1; n <= WindowTestSupport.SAMPLE_FRAMES; n++) {
            int number = n;
            assertEquals(hellos.contains(n), fx(() -> window.tableModel().row(number).colour() == 0), "frame " + n);
        }
        assertEquals(Color.web("#ffd700"), rowBackground(robot, first));
        HBox legend = fx(() -> window.colouringLegend());
        assertEquals("Client Hello", fx(() -> ((Labeled) legend.getChildren().get(0)).getText()), "the legend follows the rules");
        assertEquals(defaults + 1, fx(() -> legend.getChildren().size()));
        assertEquals(defaults + 1, node().getInt("count", -1), "saved with the preferences");
        assertTrue(node().get("rule0", "").startsWith("@Client Hello@tls.handshake.type == 1@"), node().get("rule0", ""));
        assertFalse(robot.lookup("#ruleList").tryQuery().isPresent(), "the dialog closed");
    }

    private String ruleName(PacketRow r) {
        ColouringRule rule = window.colouringRules().rule(r.colour());
        return rule == null ? "" : rule.name();
    }

    /** The background of the row node showing frame {@code number}, once the table shows it unselected. */
    private Color rowBackground(FxRobot robot, int number) {
        fx(() -> {
            window.table().clearSelection();
            window.table().scrollTo(Math.max(0, number - 2));
            return null;
        });
        Region[] row = new Region[1];
        waitUntil(5, () -> {
            row[0] = robot.lookup(".packet-row").queryAll().stream().filter(Node::isVisible)
                    .filter(n -> showsFrame((Parent) n, number)).map(Region.class::cast).findFirst().orElse(null);
            return row[0] != null && row[0].getBackground() != null;
        });
        return fx(() -> (Color) row[0].getBackground().getFills().get(0).getFill());
    }

    private static boolean showsFrame(Parent row, int number) {
        for (Node c : row.getChildrenUnmodifiable()) {
            if (c.getStyleClass().contains("col-number") && Integer.toString(number).equals(((Labeled) c).getText())) return true;
        }
        return false;
    }

}
