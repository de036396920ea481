package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitUntil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.analysis.Connection;
import tlslens.analysis.Resumption;
import tlslens.lab.Lab;
import tlslens.lab.LabPeers;
import tlslens.lab.LabScenario;
import tlslens.ui.model.LadderModel;

/**
 * Issue 13 §1 in the window: the welcome pane's "Make a lesson capture…" opens the lab dialog,
 * which greys out the lessons without peers and says why, makes the chosen lessons in the
 * background, and opens the capture on the ladder of its first resumed connection.
 */
@ExtendWith(ApplicationExtension.class)
class LessonLabWindowTest {
    private static final Set<LabScenario> CHOSEN = Set.of(LabScenario.TLS12_TICKET, LabScenario.TLS13_PSK);
    private MainWindowController window;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.show(stage);
    }

    @Test
    void theDialogMakesTheLessonsAndOpensTheFirstResumedConnection(FxRobot robot) throws Exception {
        robot.clickOn("#newLessonButton");
        waitUntil("the lab dialog", 20, () -> robot.lookup("#lessonLabDialog").tryQuery().isPresent());
        for (LabPeers.Availability a : LabPeers.all()) {
            CheckBox box = robot.lookup("#lab-" + a.scenario().id()).queryAs(CheckBox.class);
            assertEquals(!a.available(), fx(box::isDisabled), a.scenario().id());
            if (!a.available()) {
                assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains(a.reason()))
                        .tryQuery().isPresent(), "the reason for " + a.scenario().id() + " is shown");
            } else {
                assertTrue(robot.lookup((Label l) -> a.implementation().equals(l.getText())).tryQuery().isPresent(),
                        "the implementation of " + a.scenario().id() + " is shown");
            }
            robot.interact(() -> box.setSelected(CHOSEN.contains(a.scenario()) && a.available()));
        }
        save(robot.lookup("#lessonLabDialog").query().getScene(), "lesson-lab-dialog.png");
        Path out = dir.resolve("lesson.pcapng");
        robot.interact(() -> robot.lookup("#labFile").queryAs(TextField.class).setText(out.toString()));
        robot.interact(() -> robot.lookup("#labRtt").queryAs(TextField.class).setText("40"));
        robot.clickOn("#labMake");

        waitUntil("the lesson capture written", 60, () -> Files.exists(Lab.manifestFor(out)));
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(Lab.manifestFor(out)));
        int firstResumed = -1;
        for (JsonNode c : manifest.get("connections")) {
            assertTrue(CHOSEN.contains(LabScenario.byId(c.get("scenario").asText())), c.toString());
            if (firstResumed < 0 && c.get("resumed").asBoolean()) firstResumed = c.get("index").asInt();
        }
        assertTrue(firstResumed >= 0, "the lessons resumed a session: " + manifest);
        int expected = firstResumed;
        waitUntil("the capture opened on the first resumed connection's ladder", 30, () -> {
            LadderModel m = window.timeline().pane().ladder().getModel();
            return out.equals(window.currentFile()) && m != null && m.connection().index() == expected;
        });
        // The ladder shows as soon as the analysis has the connection, possibly before its Server Hello
        // (resumption not known yet); the file loaded, it follows the complete analysis.
        waitUntil("the capture loaded", 30,
                () -> window.sessionModel().state() == tlslens.ui.model.CaptureSessionModel.State.LOADED);
        waitUntil("the ladder's connection analysed to its Server Hello", 10,
                () -> window.timeline().pane().ladder().getModel().connection().resumption() != Resumption.NONE);
        Connection shown = fx(() -> window.timeline().pane().ladder().getModel().connection());
        assertEquals(Resumption.SESSION_TICKET, shown.resumption(), "tls12-ticket comes first and resumes by ticket");
        assertEquals(expected, fx(() -> window.timeline().pane().table().getSelectionModel().getSelectedItem().index()));
        assertTrue(fx(() -> window.timeline().tabs().getSelectionModel().getSelectedItem().getText())
                .equals("Handshake timeline"));
        assertNotNull(fx(() -> window.timeline().pane().ladder().lookup("#ladderOriginLink")),
                "the banner links to the connection that issued the ticket");
        save(window.table().getScene(), "lesson-lab-opened.png");
    }

    /** Issue 15: the QUIC lesson alone opens on its 0-RTT resumption's ladder (QUIC #1, not TCP #1). */
    @Test
    void theQuicLessonOpensOnItsZeroRttResumption(FxRobot robot) throws Exception {
        robot.clickOn("#newLessonButton");
        waitUntil("the lab dialog", 20, () -> robot.lookup("#lessonLabDialog").tryQuery().isPresent());
        for (LabPeers.Availability a : LabPeers.all()) {
            CheckBox box = robot.lookup("#lab-" + a.scenario().id()).queryAs(CheckBox.class);
            robot.interact(() -> box.setSelected(a.scenario() == LabScenario.QUIC_0RTT));
        }
        Path out = dir.resolve("quic.pcapng");
        robot.interact(() -> robot.lookup("#labFile").queryAs(TextField.class).setText(out.toString()));
        robot.interact(() -> robot.lookup("#labRtt").queryAs(TextField.class).setText("40"));
        robot.clickOn("#labMake");
        waitUntil("the lesson capture written", 90, () -> Files.exists(Lab.manifestFor(out)));
        JsonNode resumed = new ObjectMapper().readTree(Files.readString(Lab.manifestFor(out))).get("connections").get(1);
        assertTrue(resumed.get("resumed").asBoolean(), resumed.toString());
        waitUntil("the capture loaded", 30, () -> out.equals(window.currentFile())
                && window.sessionModel().state() == tlslens.ui.model.CaptureSessionModel.State.LOADED);
        waitUntil("the resumption's ladder", 30, () -> {
            LadderModel m = window.timeline().pane().ladder().getModel();
            return m != null && m.connection().transport() == tlslens.engine.Transport.QUIC
                    && m.connection().index() == resumed.get("index").asInt() && m.connection().resumption() == Resumption.PSK;
        });
        Connection shown = fx(() -> window.timeline().pane().ladder().getModel().connection());
        assertEquals(resumed.get("early_data").asBoolean(), Boolean.TRUE.equals(shown.earlyData()), "0-RTT as kwik said");
        assertTrue(fx(() -> window.timeline().pane().ladder().lookupAll(".ladder-row.early-data").size()) > 0,
                "0-RTT packets drawn");
        save(window.table().getScene(), "lesson-lab-quic.png");
    }

    /**
     * "Capture the lab on lo" is offered where loopback may be captured (here, as root), never chosen
     * by default; chosen, the simulated round trip is off and the file holds loopback's packets.
     */
    @Test
    void captureOnLoopbackIsAnOptionThatTakesTheRoundTripsPlace(FxRobot robot) throws Exception {
        String refusal = Lab.loopbackCaptureRefusal();
        robot.clickOn("#newLessonButton");
        waitUntil("the lab dialog", 20, () -> robot.lookup("#lessonLabDialog").tryQuery().isPresent());
        CheckBox lo = robot.lookup("#labCaptureLo").queryAs(CheckBox.class);
        TextField rtt = robot.lookup("#labRtt").queryAs(TextField.class);
        assertEquals(refusal != null, fx(lo::isDisabled), "enabled exactly where the probe may capture: " + refusal);
        assertFalse(fx(lo::isSelected), "not the default");
        if (refusal != null) {
            assertTrue(fx(() -> robot.lookup("#labCaptureLoNote").queryAs(Label.class).getText()).contains(refusal));
            return;
        }
        assertFalse(fx(rtt::isDisabled));
        robot.interact(() -> lo.setSelected(true));
        assertTrue(fx(rtt::isDisabled), "no simulated round trip over real timing");
        // Issue 15: the loopback capture follows TCP only; the QUIC lesson is greyed with the reason, and back after.
        CheckBox quic = robot.lookup("#lab-" + LabScenario.QUIC_0RTT.id()).queryAs(CheckBox.class);
        assertTrue(fx(quic::isDisabled), "the QUIC lesson greyed with the loopback capture");
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains(Lab.LOOPBACK_TCP_ONLY))
                .tryQuery().isPresent(), "and why");
        robot.interact(() -> lo.setSelected(false));
        assertFalse(fx(quic::isDisabled), "offered again without it");
        robot.interact(() -> lo.setSelected(true));
        for (LabPeers.Availability a : LabPeers.all()) {
            CheckBox box = robot.lookup("#lab-" + a.scenario().id()).queryAs(CheckBox.class);
            robot.interact(() -> box.setSelected(a.scenario() == LabScenario.TLS12_SESSION_ID));
        }
        Path out = dir.resolve("lesson-lo.pcapng");
        robot.interact(() -> robot.lookup("#labFile").queryAs(TextField.class).setText(out.toString()));
        robot.clickOn("#labMake");
        waitUntil("the loopback lesson written", 60, () -> Files.exists(Lab.manifestFor(out)));
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(Lab.manifestFor(out)));
        assertTrue(manifest.get("packets").asText().contains("loopback"), manifest.toString());
        assertEquals(0, manifest.get("simulated_rtt_ms").asInt());
        waitUntil("the capture opened", 30, () -> out.equals(window.currentFile()));
    }

    /** The README's screenshots, in target/screenshots/ as the other window tests leave theirs. */
    private static void save(javafx.scene.Scene scene, String name) throws java.io.IOException {
        javafx.scene.image.WritableImage img = fx(() -> scene.snapshot(null));
        Path file = Path.of("target/screenshots", name);
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(MainWindowScreenshotTest.toBuffered(img), "png", file.toFile());
    }
}
