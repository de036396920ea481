package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.analysis.Connection;
import tlslens.analysis.Resumption;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.ui.model.LadderRow;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * Presenting a handshake in the real window under Xvfb, on the bundled sample: step-through with
 * the keyboard on the ladder (the packet table and the detail tree follow the revealed message) and
 * F11's full-screen, larger copy of the ladder that steps through alike.
 */
@ExtendWith(ApplicationExtension.class)
class PresenterWindowTest {
    private MainWindowController window;

    @Start
    void start(Stage stage) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    @org.junit.jupiter.api.AfterEach
    void forgetKeys(FxRobot robot) {
        robot.interact(() -> window.decryption().useKeyLog(null));
    }

    /** Opens the sample and shows the ladder of its full TLS 1.2 handshake (the origin of the ticket resumption). */
    private Connection openFullTls12(FxRobot robot) {
        robot.clickOn("#openSampleButton");
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        waitUntil(20, () -> window.timeline().snapshot().frameCount() == WindowTestSupport.SAMPLE_FRAMES);
        robot.clickOn("Handshake timeline");
        int origin = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == Resumption.SESSION_TICKET).findFirst().orElseThrow().resumedFrom());
        robot.interact(() -> window.timeline().show(origin, true));
        waitUntil(20, () -> ladder().getModel() != null && ladder().getModel().connection().index() == origin);
        return fx(() -> window.timeline().snapshot().connection(origin));
    }

    private HandshakeLadder ladder() { return window.timeline().pane().ladder(); }

    private static long visibleRows(HandshakeLadder l) {
        return fx(() -> l.lookupAll(".ladder-row").stream().filter(Node::isVisible).count());
    }

    private LadderRow row(int i) { return fx(() -> ladder().getModel().rows().get(i)); }

    /** The packet selected in the table and the tree item selected are those of row {@code i}. */
    private void selectionFollows(int i) {
        LadderRow r = row(i);
        waitUntil("packet " + r.frame() + " and its " + r.label() + " selected", 20, () -> {
            var sel = window.table().getSelectedItem();
            ProtoNode n = window.inspector().inspector().selectedNodeProperty().get();
            return sel != null && sel.number() == r.frame() && n != null && n.text().endsWith(r.label());
        });
    }

    @Test
    void spaceLeftHomeAndEndStepThroughTheLadderAndTheSelectionFollows(FxRobot robot) {
        Connection full = openFullTls12(robot);
        int rows = fx(() -> ladder().getModel().rows().size());
        assertEquals(rows, visibleRows(ladder()), "the ladder starts whole");
        robot.interact(() -> ladder().requestFocus());

        robot.type(KeyCode.HOME);
        waitUntil(20, () -> visibleRows(ladder()) == 1);
        assertTrue(row(0).is(HandshakeTypes.CLIENT_HELLO));
        selectionFollows(0);

        robot.type(KeyCode.SPACE);
        waitUntil(20, () -> visibleRows(ladder()) == 2);
        selectionFollows(1);
        robot.type(KeyCode.RIGHT);
        waitUntil(20, () -> visibleRows(ladder()) == 3);
        selectionFollows(2);
        robot.type(KeyCode.LEFT);
        waitUntil(20, () -> visibleRows(ladder()) == 2);
        selectionFollows(1);
        // The flights not reached yet are hidden with their rows.
        assertEquals(fx(() -> ladder().lookupAll(".ladder-flight").stream().filter(Node::isVisible).count()),
                (long) (row(0).flight() == row(1).flight() ? 1 : 2));

        robot.type(KeyCode.END);
        waitUntil(20, () -> visibleRows(ladder()) == rows);
        assertEquals(full.handshake().size() + full.alerts().size(), rows, "no ghosts on a full handshake");

        // A click on an arrow selects its packet and leaves the keys with the ladder: Home steps again at once.
        robot.interact(() -> ladder().scrollToRow(1));
        robot.clickOn(fx(() -> ladder().rowNode(1)));
        selectionFollows(1);
        waitUntil("the ladder keeps the keyboard", 20, () -> ladder().isFocused());
        robot.type(KeyCode.HOME);
        waitUntil(20, () -> visibleRows(ladder()) == 1);
    }

    @Test
    void f11PresentsTheLadderFullScreenLargerAndStepsThroughThere(FxRobot robot) {
        openFullTls12(robot);
        robot.interact(() -> ladder().requestFocus());
        robot.type(KeyCode.F11);
        waitUntil("the presenter is shown", 20, () -> window.timeline().presenter() != null
                && window.timeline().presenter().isShowing());
        var presenter = fx(() -> window.timeline().presenter());
        assertTrue(fx(() -> presenter.stage().isFullScreen()), "full screen");
        assertTrue(presenter.zoom() >= 1.3, "drawn larger: " + presenter.zoom());
        HandshakeLadder copy = (HandshakeLadder) presenter.view();
        waitUntil(20, () -> copy.getModel() == ladder().getModel() && visibleRows(copy) == copy.getModel().rows().size());
        // Its arrows are larger on the screen than the window's.
        double small = fx(() -> ladder().lookup(".ladder-label").localToScreen(ladder().lookup(".ladder-label")
                .getBoundsInLocal()).getHeight());
        double large = fx(() -> copy.lookup(".ladder-label").localToScreen(copy.lookup(".ladder-label").getBoundsInLocal())
                .getHeight());
        assertTrue(large > small * 1.25, "label height " + large + " vs " + small);

        waitUntil(20, copy::isFocused);
        robot.type(KeyCode.HOME);
        waitUntil(20, () -> visibleRows(copy) == 1 && visibleRows(ladder()) == 1);
        robot.type(KeyCode.SPACE);
        waitUntil(20, () -> visibleRows(copy) == 2);
        selectionFollows(1);

        robot.type(KeyCode.ESCAPE);
        waitUntil("Esc leaves", 20, () -> window.timeline().presenter() == null);
        assertFalse(fx(() -> presenter.isShowing()));
        assertEquals(2, visibleRows(ladder()), "the window keeps the step reached");
        List<Node> none = fx(() -> List.copyOf(robot.lookup("#presenterLadder").queryAll()));
        assertTrue(none.isEmpty());
    }

    /** F11 with a side-by-side tab shown presents the side-by-side, larger; Esc leaves. */
    @Test
    void f11PresentsTheSideBySideWhenItsTabIsShown(FxRobot robot) {
        openFullTls12(robot);
        int resumed = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == Resumption.SESSION_TICKET).findFirst().orElseThrow().index());
        robot.interact(() -> window.timeline().show(resumed, true));
        robot.clickOn("#ladderCompareLink");
        waitUntil("the side-by-side tab", 20, () -> robot.lookup("#handshakeComparison").tryQuery().isPresent());
        tlslens.ui.timeline.HandshakeComparison shown = robot.lookup("#handshakeComparison").query();
        robot.type(KeyCode.F11);
        waitUntil("the presenter is shown", 20, () -> window.timeline().presenter() != null
                && window.timeline().presenter().isShowing());
        var presenter = fx(() -> window.timeline().presenter());
        assertTrue(presenter.view() instanceof tlslens.ui.timeline.HandshakeComparison c && c.getModel() == shown.getModel(),
                "the side-by-side is presented");
        assertTrue(presenter.zoom() >= 1.3);
        robot.type(KeyCode.ESCAPE);
        waitUntil("Esc leaves", 20, () -> window.timeline().presenter() == null);
    }

    /**
     * The sample with its key log: "Key schedule" opens a tab with the PSK resumption's schedule, the early
     * secret marked PSK, and each Finished recomputed with a ✓; the verify_data shown are tshark's.
     */
    @Test
    void keyScheduleTabShowsTheConnectionsSecretsAndCheckedFinished(FxRobot robot, @org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path keylog = Tls13TimelineWindowTest.sampleKeyLog(dir);
        robot.interact(() -> window.decryption().useKeyLog(keylog));
        robot.clickOn("#openSampleButton");
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        waitUntil("the PSK resumption analysed with keys", 20, () -> window.timeline().snapshot().frameCount() == WindowTestSupport.SAMPLE_FRAMES
                && window.timeline().snapshot().connections().stream()
                .anyMatch(c -> c.resumption() == Resumption.PSK && c.resumedFrom() != null));
        int psk = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == Resumption.PSK).findFirst().orElseThrow().index());
        robot.clickOn("Handshake timeline");
        robot.interact(() -> window.timeline().show(psk, true));
        waitUntil(20, () -> ladder().getModel() != null && ladder().getModel().connection().index() == psk);
        robot.clickOn("#keyScheduleButton");
        waitUntil("the key schedule computed", 20, () -> {
            var v = (tlslens.ui.timeline.KeyScheduleView) window.timeline().tabs().lookup("#keyScheduleView");
            return v != null && v.getModel() != null && !v.getModel().sections().isEmpty() && v.isVisible();
        });
        var view = fx(() -> (tlslens.ui.timeline.KeyScheduleView) window.timeline().tabs().lookup("#keyScheduleView"));
        var model = fx(view::getModel);
        assertTrue(model.title().contains("#" + psk), model.title());
        assertTrue(model.summary().contains("server \u2713") && model.summary().contains("client \u2713"), model.summary());
        var early = model.sections().get(0).rows().stream().filter(r -> r.name().equals("early_secret")).findFirst().orElseThrow();
        assertTrue(early.psk() && early.value().equals("?"), "the early secret comes from the PSK, which no key log holds");
        // Drawn: ✓ labels, PSK tags, the key log's line as a source.
        List<String> checks = fx(() -> view.lookupAll(".ks-check").stream().map(n -> ((javafx.scene.control.Label) n).getText())
                .toList());
        assertEquals(2, checks.size(), checks.toString());
        assertTrue(checks.stream().allMatch(c -> c.startsWith("\u2713")), checks.toString());
        assertFalse(fx(() -> view.lookupAll(".ks-psk").isEmpty()));
        List<String> values = fx(() -> view.lookupAll(".ks-value").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText().replace(" ", "")).toList());
        List<String> tshark = WindowTestSupport.tshark("-r", WindowTestSupport.SAMPLE.toString(), "-o", "tls.keylog_file:" + keylog,
                "-Y", "tcp.stream == " + psk + " && tls.handshake.type == 20", "-T", "json", "-x");
        var m = java.util.regex.Pattern.compile("\"tls\\.handshake\\.verify_data_raw\": \\[\\s*\"([0-9a-f]+)\"")
                .matcher(String.join("\n", tshark));
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(values.contains(m.group(1)), "verify_data " + m.group(1) + " shown");
        }
        assertEquals(2, n);
    }
}
