package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.ExpertSummaryTest;

/**
 * Issue 12 item 9: Analyze &gt; Expert Information and its status-bar indicator against tshark -z expert;
 * a truncated file's warning in the dialog and whole in a tooltip; at 1366×768 every cut text has a tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class ExpertInfoWindowTest {
    private static final Path ALERT = Path.of("src/test/resources/captures/tls_alert.pcapng");
    private static final Path TRUNCATED = Path.of("src/test/resources/captures/truncated.pcap");
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WindowTestSupport.show(stage);
        stage.setWidth(1366);
        stage.setHeight(768);
    }

    private void open(Path file) {
        fx(() -> { window.open(file); return null; });
        waitUntil(file + " loaded", 20, () -> window.sessionModel().state() == CaptureSessionModel.State.LOADED);
    }

    /** The dialog's entries as "Severity/Group/Protocol/Summary" → count, frame-level ones only. */
    private Map<String, Integer> dialogCounts() {
        return fx(() -> {
            Map<String, Integer> out = new TreeMap<>();
            for (TreeItem<ExpertInfoControl.Line> i : window.expertInfo().table().getRoot().getChildren()) {
                ExpertInfoControl.Line l = i.getValue();
                if (i.getChildren().isEmpty()) continue; // capture-level
                out.put(l.severity() + "/" + l.group() + "/" + l.protocol() + "/" + l.summary(), Integer.parseInt(l.count()));
            }
            return out;
        });
    }

    @Test
    void theIndicatorAndTheDialogCountTheNotesAsTsharkAndAPacketIsSelectedFromIt(FxRobot robot) throws Exception {
        open(ALERT);
        Map<String, Integer> expected = ExpertSummaryTest.tshark(ALERT);
        // tshark's highest severity is Warning (a D-SACK): the dot says so.
        waitUntil("the indicator shows the warning", 20, () -> window.expertInfo().indicator().getGraphic()
                .getPseudoClassStates().contains(PseudoClass.getPseudoClass("warn")));
        long warns = expected.entrySet().stream().filter(e -> e.getKey().startsWith("Warning/")).mapToLong(Map.Entry::getValue).sum();
        assertEquals(Long.toString(warns), fx(() -> window.expertInfo().indicator().getText()));
        robot.clickOn(window.expertInfo().indicator());
        waitUntil("the dialog lists notes", 10, () -> window.expertInfo().table() != null
                && !window.expertInfo().table().getRoot().getChildren().isEmpty());
        Map<String, Integer> shown = dialogCounts();
        assertFalse(shown.isEmpty());
        for (Map.Entry<String, Integer> e : shown.entrySet()) {
            assertEquals(expected.get(e.getKey()), e.getValue(), e.getKey() + " (tshark: " + expected + ")");
        }
        assertEquals(ExpertSummaryTest.ours(ExpertSummaryTest.load(ALERT)), shown, "the dialog lists what the loader collected");

        // The D-SACK entry's packet, clicked, is the window's selected packet.
        int frame = fx(() -> {
            TreeItem<ExpertInfoControl.Line> warn = window.expertInfo().table().getRoot().getChildren().get(0);
            assertEquals("Warning", warn.getValue().severity());
            warn.setExpanded(true);
            return warn.getChildren().get(0).getValue().frame();
        });
        waitUntil("packet " + frame + " listed", 10, () -> !robot.lookup(".tree-table-cell")
                .match(n -> n instanceof Labeled l && ("Packet " + frame).equals(l.getText())).queryAll().isEmpty());
        Node cell = robot.lookup(".tree-table-cell").match(n -> n instanceof Labeled l && ("Packet " + frame).equals(l.getText())).query();
        robot.clickOn(cell);
        waitUntil("packet " + frame + " selected", 10, () -> {
            var sel = window.table().getSelectedItem();
            return sel != null && sel.number() == frame;
        });
    }

    @Test
    void aTruncatedFileWarnsInTheDialogAndTheStatusBarTooltipHoldsTheWholeWarning(FxRobot robot) {
        open(TRUNCATED);
        waitUntil("the warning", 10, () -> !window.sessionModel().warningProperty().get().isEmpty());
        String warning = fx(() -> window.sessionModel().warningProperty().get());
        StatusBar bar = robot.lookup(".main-status").queryAs(StatusBar.class);
        assertEquals("⚠ " + warning, fx(() -> bar.getTooltip().getText()));
        robot.clickOn("Analyze").clickOn("Expert Information");
        waitUntil("the dialog lists the warning", 10, () -> window.expertInfo().table().getRoot().getChildren().stream()
                .anyMatch(i -> i.getValue().summary().equals(warning) && i.getValue().severity().equals("Warning")));
    }

    @Test
    void at1366x768EveryCutTextHasATooltipWithTheWholeText(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        cut.addAll(cutWithoutTooltip("welcome"));
        open(WindowTestSupport.SAMPLE);
        WindowTestSupport.waitForPulses(3);
        cut.addAll(cutWithoutTooltip("sample"));
        waitUntil("the connections of the sample", 20, () -> window.timeline().snapshot().frameCount() == window.tableModel().total());
        robot.clickOn("Handshake timeline");
        WindowTestSupport.waitForPulses(3);
        waitUntil("the connections listed", 10, () -> !window.timeline().pane().table().getItems().isEmpty());
        WindowTestSupport.waitForPulses(3);
        cut.addAll(cutWithoutTooltip("timeline"));
        robot.clickOn("Packet details");
        open(TRUNCATED);
        WindowTestSupport.waitForPulses(3);
        cut.addAll(cutWithoutTooltip("truncated file"));
        assertTrue(cut.isEmpty(), "cut texts without a tooltip: " + cut);
    }

    /** Labeled nodes on screen whose drawn text is not their text (elided) and that no tooltip completes. */
    private List<String> cutWithoutTooltip(String state) {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            walk(stage.getScene().getRoot(), n -> {
                if (n instanceof javafx.scene.control.TextField f && WindowTestSupport.isOnScreen(f) && f.getText().isEmpty()
                        && f.getPromptText() != null && !f.getPromptText().isEmpty()) {
                    Text probe = new Text(f.getPromptText());
                    probe.setFont(f.getFont());
                    double room = f.getWidth() - f.getInsets().getLeft() - f.getInsets().getRight();
                    if (probe.getLayoutBounds().getWidth() > room + 0.5 && !hasTooltip(f, f.getPromptText())) {
                        out.add(state + ": prompt \"" + f.getPromptText() + "\" in " + room + " px");
                    }
                }
                if (!(n instanceof Labeled l) || !WindowTestSupport.isOnScreen(l) || l.getText() == null || l.getText().isEmpty()) return;
                String drawn = drawnText(l);
                String text = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
                if (drawn == null || drawn.equals(text)) return;
                if (!hasTooltip(l, l.getText())) out.add(state + ": \"" + drawn + "\" (" + l.getText() + ")");
            });
            return out;
        });
    }

    private static String drawnText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) if (c instanceof Text t && t.getStyleClass().contains("text")) return t.getText();
        return null;
    }

    private static boolean hasTooltip(Node n, String text) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof Control c && c.getTooltip() != null && c.getTooltip().getText() != null
                    && c.getTooltip().getText().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static void walk(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) walk(c, visit);
    }
}
