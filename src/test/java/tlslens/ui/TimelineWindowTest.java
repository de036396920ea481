package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.analysis.Resumption;
import tlslens.analysis.SkippedMessage;
import tlslens.dissect.ProtoNode;
import tlslens.ui.model.ComparisonModel;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;
import tlslens.ui.timeline.HandshakeComparison;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * The handshake timeline in the real window under Xvfb, on the bundled sample: the resumed TLS 1.2
 * connection's ghosts, the banner's link to the origin, arrows selecting packets and tree nodes and
 * packets highlighting arrows, the side-by-side tab and its totals, export.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineWindowTest {
    private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
    private MainWindowController window;

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.show(stage);
    }

    /** Opens the sample and waits for the connection model of all its frames. */
    private Connection openSampleAndFindResumed(FxRobot robot) {
        robot.clickOn("#openSampleButton");
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        waitUntil(20, () -> window.timeline().snapshot().frameCount() == WindowTestSupport.SAMPLE_FRAMES);
        robot.clickOn("Handshake timeline");
        return fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == Resumption.SESSION_TICKET).findFirst().orElseThrow());
    }

    private void showConnection(FxRobot robot, int index) {
        robot.interact(() -> {
            var table = window.timeline().pane().table();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).index() == index) table.getSelectionModel().clearAndSelect(i);
            }
        });
        waitUntil(5, () -> ladder().getModel() != null && ladder().getModel().connection().index() == index);
    }

    private HandshakeLadder ladder() { return window.timeline().pane().ladder(); }

    /** The arrows (row groups) of the ladder and their names. */
    private List<Node> rows(String styleClass) {
        return fx(() -> new ArrayList<>(ladder().lookupAll(".ladder-row" + (styleClass == null ? "" : "." + styleClass))));
    }

    private static String label(Node row) {
        for (Node n : ((Parent) row).getChildrenUnmodifiable()) {
            if (n instanceof Label l && l.getStyleClass().contains("ladder-label")) return l.getText();
        }
        return null;
    }

    private Node rowNamed(String name, boolean ghost) {
        for (Node n : rows(null)) {
            if (name.equals(label(n)) && n.getStyleClass().contains("ghost") == ghost) return n;
        }
        throw new AssertionError("no row " + name);
    }

    @Test
    void resumedConnectionShowsGhostsAndItsBannerLinksToTheOrigin(FxRobot robot) {
        Connection resumed = openSampleAndFindResumed(robot);
        showConnection(robot, resumed.index());
        List<String> ghosts = rows("ghost").stream().map(TimelineWindowTest::label).toList();
        assertEquals(resumed.skipped().stream().map(SkippedMessage::message).toList(), ghosts);
        assertTrue(ghosts.contains("Certificate") && ghosts.contains("Server Key Exchange"), ghosts.toString());
        // One arrow per handshake message and alert, besides the ghosts.
        assertEquals(resumed.handshake().size() + resumed.alerts().size(), rows(null).size() - ghosts.size());

        robot.clickOn("#ladderOriginLink");
        int origin = resumed.resumedFrom();
        waitUntil(5, () -> ladder().getModel().connection().index() == origin);
        assertEquals(origin, fx(() -> window.timeline().pane().table().getSelectionModel().getSelectedItem().index()));
        assertTrue(rows("ghost").isEmpty(), "the full handshake has no ghosts");
        assertNotNull(fx(() -> window.timeline().pane().lookup(".ladder-row")));
    }

    @Test
    void clickingAnArrowSelectsItsPacketAndTreeNode(FxRobot robot) {
        Connection resumed = openSampleAndFindResumed(robot);
        int origin = resumed.resumedFrom();
        showConnection(robot, origin);
        Connection full = fx(() -> window.timeline().snapshot().connection(origin));
        HandshakeStep ske = full.handshake().stream().filter(s -> s.message().equals("Server Key Exchange")).findFirst().orElseThrow();
        Node skeRow = rowNamed("Server Key Exchange", false);
        robot.interact(() -> ladder().scrollToRow((Integer) skeRow.getUserData()));
        robot.clickOn(skeRow);
        waitUntil(10, () -> {
            var row = window.table().getSelectedItem();
            ProtoNode n = window.inspector().inspector().selectedNodeProperty().get();
            return row != null && row.number() == ske.frame() && n != null
                    && n.text().equals("Handshake Protocol: Server Key Exchange");
        });
        // The arrow of the packet just selected is highlighted, and every arrow of that frame with it.
        for (Node n : rows(null)) {
            boolean inFrame = fx(() -> {
                LadderModel m = ladder().getModel();
                return m.rows().get((Integer) n.getUserData()).frame() == ske.frame();
            });
            assertEquals(inFrame, n.getPseudoClassStates().contains(HIGHLIGHTED), label(n));
        }
        // The Finished of the client (it travelled encrypted; the sample's embedded keys decrypt it) selects its own node.
        List<Node> encrypted = rows("decrypted");
        robot.interact(() -> ladder().scrollToRow((Integer) encrypted.get(0).getUserData()));
        robot.clickOn(encrypted.get(0));
        long fin = fx(() -> ladder().getModel().rows().get((Integer) encrypted.get(0).getUserData()).frame());
        waitUntil(10, () -> {
            var row = window.table().getSelectedItem();
            ProtoNode n = window.inspector().inspector().selectedNodeProperty().get();
            return row != null && row.number() == fin && n != null
                    && n.text().equals("Handshake Protocol: Finished");
        });
        // A double click shows the tree, on the other tab.
        robot.doubleClickOn(encrypted.get(0));
        waitUntil(5, () -> window.timeline().tabs().getSelectionModel().getSelectedItem() == window.timeline().detailsTab());
    }

    @Test
    void selectingAPacketShowsItsConnectionWithItsArrowsHighlighted(FxRobot robot) {
        Connection resumed = openSampleAndFindResumed(robot);
        HandshakeStep sh = resumed.handshake().stream().filter(s -> s.message().equals("Server Hello")).findFirst().orElseThrow();
        assertTrue(fx(() -> window.select((int) sh.frame())));
        waitUntil(5, () -> ladder().getModel() != null && ladder().getModel().connection().index() == resumed.index());
        List<String> highlighted = new ArrayList<>();
        for (Node n : rows(null)) if (n.getPseudoClassStates().contains(HIGHLIGHTED)) highlighted.add(label(n));
        List<String> expected = resumed.handshake().stream().filter(s -> s.frame() == sh.frame()).map(HandshakeStep::message).toList();
        assertEquals(expected, highlighted);
        assertEquals(resumed.index(), fx(() -> window.timeline().pane().table().getSelectionModel().getSelectedItem().index()));
    }

    @Test
    void sideBySideFromTheBannerShowsSameAndSkippedWithTotals(FxRobot robot, @TempDir Path dir) throws Exception {
        Connection resumed = openSampleAndFindResumed(robot);
        showConnection(robot, resumed.index());
        robot.clickOn("#ladderCompareLink");
        waitUntil(5, () -> window.timeline().tabs().getSelectionModel().getSelectedItem().getId().startsWith("compare-"));
        HandshakeComparison view = fx(() -> (HandshakeComparison) window.timeline().tabs().getSelectionModel()
                .getSelectedItem().getContent().lookup("#handshakeComparison"));
        ComparisonModel cmp = fx(view::getModel);
        Connection full = fx(() -> window.timeline().snapshot().connection(resumed.resumedFrom()));
        assertEquals(full.index(), cmp.left().connection().index());
        assertEquals(resumed.index(), cmp.right().connection().index());
        // Marks on screen, one per aligned row.
        List<Object> marks = fx(() -> view.lookupAll(".comparison-mark-holder").stream().map(Node::getUserData).toList());
        assertEquals(cmp.rows().stream().map(ComparisonModel.Row::mark).toList(), marks);
        assertEquals(resumed.skipped().size(), marks.stream().filter(m -> m == ComparisonModel.Mark.SKIPPED).count());
        assertTrue(marks.contains(ComparisonModel.Mark.SAME));
        // Totals: the handshake's bytes from the connection model's own steps, up to the last Finished.
        long fullBytes = full.handshake().stream().filter(s -> s.timeMs() <= full.handshakeMs()).mapToLong(HandshakeStep::bytes).sum();
        long resumedBytes = resumed.handshake().stream().filter(s -> s.timeMs() <= resumed.handshakeMs())
                .mapToLong(HandshakeStep::bytes).sum();
        List<String> cells = fx(() -> view.lookup("#comparisonTotals").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertTrue(cells.contains(LadderRow.formatBytes(fullBytes)), cells.toString());
        assertTrue(cells.contains(LadderRow.formatBytes(resumedBytes)), cells.toString());
        assertTrue(cells.contains(LadderRow.formatBytes(fullBytes - resumedBytes)), cells.toString());
        assertTrue(cells.contains(String.valueOf(full.roundTrips() - resumed.roundTrips())), cells.toString());
        String savings = fx(() -> ((Label) view.lookup("#comparisonSavings")).getText());
        assertTrue(savings.contains(LadderRow.formatBytes(fullBytes - resumedBytes)), savings);

        // Export of the ladder: PNG and SVG.
        robot.clickOn("Handshake timeline");
        window.timeline().chooser = name -> dir.resolve(name);
        robot.clickOn("#exportPngButton");
        robot.clickOn("#exportSvgButton");
        Path png = dir.resolve("connection-" + resumed.index() + ".png");
        Path svg = dir.resolve("connection-" + resumed.index() + ".svg");
        waitUntil(10, () -> Files.exists(png) && Files.size(png) > 1000 && Files.exists(svg) && Files.size(svg) > 1000);
        String text = Files.readString(svg);
        assertTrue(text.contains("Server Key Exchange") && text.contains("class=\"row ghost\""), "SVG has the ghosts");
        assertFalse(text.contains("NaN"));

        // Two connections picked in the table: the earlier on the left.
        robot.interact(() -> {
            var sm = window.timeline().pane().table().getSelectionModel();
            sm.clearSelection();
            sm.select(3);
            sm.select(2);
        });
        robot.clickOn("#compareButton");
        int a = fx(() -> window.timeline().pane().table().getItems().get(2).index());
        int b = fx(() -> window.timeline().pane().table().getItems().get(3).index());
        waitUntil(5, () -> ("compare-" + a + "-" + b).equals(window.timeline().tabs().getSelectionModel().getSelectedItem().getId()));
    }
}
