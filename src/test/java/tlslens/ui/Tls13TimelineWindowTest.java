package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.shape.SVGPath;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
import tlslens.ui.model.ComparisonModel;
import tlslens.ui.model.LadderRow;
import tlslens.ui.timeline.HandshakeComparison;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * Issue 12, items 4 to 6 in the window: the sample opened with its key log, as a teacher would. The
 * resumed TLS 1.3 connection's decrypted messages keep their lock and say they travelled in Application
 * Data records, its ghosts sit between EncryptedExtensions and Finished with the origin's sizes, and the
 * side-by-side marks the grown ClientHello "changed" and does not colour a slower handshake as a saving.
 */
@ExtendWith(ApplicationExtension.class)
class Tls13TimelineWindowTest {
    private MainWindowController window;

    @Start
    void start(Stage stage) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    @AfterEach
    void forgetKeys(FxRobot robot) {
        robot.interact(() -> window.decryption().useKeyLog(null));
    }

    /** The sample's key log: the keys it embeds, written out as a file. */
    static Path sampleKeyLog(Path dir) throws Exception {
        return tlslens.SampleCapture.keyLog(dir); // the keys the sample embeds, as a file
    }

    private HandshakeLadder ladder() { return window.timeline().pane().ladder(); }

    private static Label child(Node row, String styleClass) {
        for (Node n : ((Parent) row).getChildrenUnmodifiable()) {
            if (n instanceof Label l && l.getStyleClass().contains(styleClass)) return l;
        }
        return null;
    }

    /**
     * Issue 13 §2: the bundled sample, opened fresh without any key log, decrypts and names every
     * TLS 1.3 message with the keys it embeds, and the PSK banner names the connection that issued
     * the ticket, as the lab that made the sample recorded it.
     */
    @Test
    void theSampleOpenedFreshDecryptsEveryTls13MessageAndNamesThePskOrigin(FxRobot robot) throws Exception {
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                WindowTestSupport.SAMPLE.resolveSibling("tls-sample.manifest.json").toFile());
        int origin = -1;
        for (var c : manifest.get("connections")) {
            if ("psk".equals(c.get("resumption").asText())) origin = c.get("origin").asInt();
        }
        assertTrue(origin >= 0, "the sample's manifest has a PSK resumption: " + manifest);
        robot.clickOn("#openSampleButton");
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        waitUntil("the sample's connections analysed", 20,
                () -> window.timeline().snapshot().frameCount() == WindowTestSupport.SAMPLE_FRAMES);
        List<Connection> tls13 = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> "TLS 1.3".equals(c.version())).toList());
        assertEquals(2, tls13.size(), "the TLS 1.3 full handshake and its PSK resumption");
        for (Connection c : tls13) {
            for (HandshakeStep s : c.handshake()) {
                assertTrue(s.kind() != HandshakeStep.Kind.ENCRYPTED_HANDSHAKE_RECORD, "#" + c.index() + " " + s);
                assertTrue(!s.wireEncrypted() || s.decrypted(), "#" + c.index() + " " + s);
            }
            assertTrue(c.handshake().stream().anyMatch(s -> s.wireEncrypted() && s.message().equals("Finished")),
                    "#" + c.index() + ": the encrypted Finished named");
        }
        Connection psk = tls13.stream().filter(c -> c.resumption() == Resumption.PSK).findFirst().orElseThrow();
        assertEquals(origin, psk.resumedFrom(), "the PSK's origin as the lab recorded it");
        assertTrue(fx(() -> window.timeline().snapshot().provenOrigin(psk.index())), "proven by the ticket, not guessed");
        robot.interact(() -> window.timeline().openConnection(psk.index()));
        waitUntil("the PSK connection's banner", 5, () -> ladder().lookup("#ladderOriginLink") != null
                && ladder().getModel().connection().index() == psk.index());
        String link = fx(() -> ((javafx.scene.control.Hyperlink) ladder().lookup("#ladderOriginLink")).getText());
        assertTrue(link.contains("#" + origin), link);
    }

    @Test
    void decryptedTls13MessagesKeepTheirLockAndGhostsSitBeforeFinished(FxRobot robot, @TempDir Path dir) throws Exception {
        Path keylog = sampleKeyLog(dir);
        robot.interact(() -> window.decryption().useKeyLog(keylog));
        robot.clickOn("#openSampleButton");
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        // The packet list keeps the padlock too: on the Info of frames whose handshake messages were decrypted.
        waitUntil("a padlock before the Info of the decrypted frames on screen", 5, () -> fx(() -> window.table()
                .lookupAll(".packet-lock").stream().anyMatch(Node::isVisible)));
        List<String> lockedInfo = fx(() -> window.table().lookupAll(".packet-lock").stream()
                .map(n -> ((Label) n.getParent()).getText()).toList());
        for (String info : lockedInfo) {
            assertTrue(info.contains("Finished") || info.contains("Encrypted Extensions") || info.contains("Certificate")
                    || info.contains("Alert") || info.contains("New Session Ticket"), info);
        }
        assertFalse(lockedInfo.stream().anyMatch(i -> i.equals("Client Hello")), "a Client Hello travels in the clear");
        waitUntil("the PSK resumption linked to its origin (the key log shows the ticket)", 20,
                () -> window.timeline().snapshot().frameCount() == WindowTestSupport.SAMPLE_FRAMES && window.timeline().snapshot().connections().stream()
                        .anyMatch(c -> c.resumption() == Resumption.PSK && c.resumedFrom() != null));
        Connection psk = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.resumption() == Resumption.PSK).findFirst().orElseThrow());
        Connection full = fx(() -> window.timeline().snapshot().connection(psk.resumedFrom()));
        robot.clickOn("Handshake timeline");
        robot.interact(() -> {
            var table = window.timeline().pane().table();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).index() == psk.index()) table.getSelectionModel().clearAndSelect(i);
            }
        });
        int expected = psk.handshake().size() + psk.alerts().size() + psk.skipped().size();
        waitUntil("the PSK connection's ladder drawn", 5, () -> ladder().getModel() != null
                && ladder().getModel().connection().index() == psk.index()
                && ladder().lookupAll(".ladder-row").size() == expected);

        // Rows top to bottom, as drawn.
        List<Node> rows = fx(() -> {
            List<Node> out = new ArrayList<>(ladder().lookupAll(".ladder-row"));
            out.sort(Comparator.comparingDouble(n -> n.localToScene(n.getBoundsInLocal()).getMinY()));
            return out;
        });
        List<String> names = fx(() -> rows.stream().map(n -> (n.getStyleClass().contains("ghost") ? "ghost " : "")
                + child(n, "ladder-label").getText()).toList());
        int ee = names.indexOf("Encrypted Extensions");
        assertTrue(ee > names.indexOf("Change Cipher Spec") && ee > names.indexOf("Server Hello"), names.toString());
        assertEquals(List.of("ghost Certificate", "ghost Certificate Verify", "Finished"), names.subList(ee + 1, ee + 4));

        int locked = 0;
        for (Node row : rows) {
            Label name = fx(() -> child(row, "ladder-label"));
            Label detail = fx(() -> child(row, "ladder-detail"));
            boolean decrypted = row.getStyleClass().contains("decrypted");
            boolean lock = fx(() -> name.getGraphic() instanceof SVGPath p && p.getStyleClass().contains("ladder-lock"));
            String text = fx(name::getText);
            if (text.equals("Encrypted Extensions") || text.equals("Finished") || text.equals("New Session Ticket")) {
                assertTrue(decrypted, text);
                assertTrue(lock, text + " keeps its lock once decrypted");
                assertTrue(fx(detail::getText).startsWith("Application Data, decrypted · "), fx(detail::getText));
                locked++;
            } else if (text.equals("Client Hello") || text.equals("Server Hello") || text.equals("Change Cipher Spec")) {
                assertFalse(lock, text + " travelled in the clear");
            }
            if (row.getStyleClass().contains("ghost")) {
                assertTrue(lock, "TLS 1.3 would have sent " + text + " encrypted");
                HandshakeStep sent = full.handshake().stream().filter(s -> s.message().equals(text) && !s.fromClient())
                        .findFirst().orElseThrow();
                assertEquals("skipped · " + LadderRow.formatBytes(sent.bytes()), fx(detail::getText));
            }
        }
        assertTrue(locked >= 4, "EncryptedExtensions, both Finished and the ticket: " + locked);
        String banner = fx(() -> ladder().getModel().banner().text());
        for (SkippedMessage m : psk.skipped()) assertTrue(banner.contains(m.message() + " (" + LadderRow.formatBytes(m.bytes()) + ")"), banner);

        // Side by side: the grown ClientHello is "changed", each side keeps its order, the headline is not a green "slower".
        robot.clickOn("#ladderCompareLink");
        waitUntil("the side-by-side tab", 5, () -> robot.lookup("#handshakeComparison").tryQuery().isPresent());
        HandshakeComparison view = robot.lookup("#handshakeComparison").query();
        ComparisonModel cmp = fx(view::getModel);
        assertEquals(full.index(), cmp.left().connection().index());
        List<Object> marks = fx(() -> view.lookupAll(".comparison-mark-holder").stream().map(Node::getUserData).toList());
        assertEquals(cmp.rows().stream().map(ComparisonModel.Row::mark).toList(), marks);
        assertEquals(ComparisonModel.Mark.CHANGED, cmp.rows().get(0).mark());
        String change = fx(() -> view.lookupAll(".comparison-change-note").stream().map(n -> ((Label) n).getText()).findFirst().orElse(""));
        assertTrue(change.contains("pre_shared_key"), change);
        long lockedOnRight = fx(() -> view.lookupAll(".ladder-row.decrypted").stream()
                .filter(n -> child(n, "ladder-label").getGraphic() != null).count());
        assertTrue(lockedOnRight >= 4, "decrypted rows keep their lock side by side: " + lockedOnRight);
        Label savings = (Label) fx(() -> view.lookup("#comparisonSavings"));
        assertNotNull(savings);
        String headline = fx(savings::getText);
        assertFalse(headline.contains("slower"), headline);
        assertTrue(headline.contains("no signature to make or check"), headline);
        assertEquals(psk.handshakeMs() > full.handshakeMs(), fx(() -> savings.getStyleClass().contains("neutral")), headline);
    }
}
