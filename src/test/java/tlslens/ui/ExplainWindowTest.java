package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.assertOnScreen;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitForPulses;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.analysis.Connection;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.explain.Note;
import tlslens.explain.Notes;
import tlslens.ui.controls.FrameInspector;
import tlslens.ui.model.LadderRow;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * The "What is this?" pane follows the detail tree's selection and the ladder's clicks, and a ladder
 * arrow's tooltip carries its message's note; on our TLS 1.3 full handshake and PSK resumption with keys,
 * frames and connections taken from tshark. Saves target/screenshots/explain.png for the README.
 */
@ExtendWith(ApplicationExtension.class)
class ExplainWindowTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");
    private static final Path PCAP = CAPTURES.resolve("tls13_full_then_psk.pcap");
    private static final Path KEYS = CAPTURES.resolve("tls13_full_then_psk.keylog");
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    @Test
    void thePaneFollowsTheTreeAndTheLadderAndArrowsCarryTheirNotes(FxRobot robot) throws Exception {
        // tshark: the frame count, the resuming ClientHello and the NewSessionTicket whose ticket it offers.
        int frames = WindowTestSupport.tshark("-r", PCAP.toString()).size();
        String[] hello = WindowTestSupport.tshark("-r", PCAP.toString(), "-o", "tls.keylog_file:" + KEYS, "-Y",
                "tls.handshake.extensions.psk.identity.identity", "-T", "fields", "-E", "separator=|", "-e", "frame.number",
                "-e", "tcp.stream", "-e", "tls.handshake.extensions.psk.identity.identity").get(0).split("\\|");
        String issuer = null;
        for (String line : WindowTestSupport.tshark("-r", PCAP.toString(), "-o", "tls.keylog_file:" + KEYS, "-Y",
                "tls.handshake.type == 4", "-T", "fields", "-E", "separator=|", "-E", "aggregator=,", "-e", "frame.number",
                "-e", "tcp.stream", "-e", "tls.handshake.session_ticket")) {
            String[] t = line.split("\\|");
            if (List.of(t[2].split(",")).contains(hello[2])) issuer = "connection #" + t[1] + " at frame " + t[0];
        }
        assertNotNull(issuer, "tshark links the offered ticket to a NewSessionTicket");

        robot.interact(() -> window.decryption().useKeyLog(KEYS));
        robot.interact(() -> window.open(PCAP));
        waitLoaded(window, frames);
        ExplainPane pane = fx(() -> window.explain().pane());
        assertOnScreen("the What is this? pane", () -> pane);
        waitUntil("the connection model", 20, () -> window.timeline().snapshot().frameCount() == frames);

        // The tree: a field inside the pre_shared_key extension of the resuming ClientHello.
        int frame = Integer.parseInt(hello[0]);
        robot.interact(() -> window.select(frame));
        FrameInspector inspector = window.inspector().inspector();
        waitUntil("the ClientHello's tree", 10,
                () -> inspector.selectField("tls.handshake.extensions.psk.identity.obfuscated_ticket_age"));
        waitUntil("the pane on the ticket age", 5, () -> !pane.shown().notes().isEmpty()
                && pane.shown().notes().get(0).key().equals("tls.handshake.extensions.psk.identity.obfuscated_ticket_age"));
        assertEquals(List.of("tls.handshake.extensions.psk.identity.obfuscated_ticket_age",
                        Integer.toString(ExtensionTypes.PRE_SHARED_KEY), Integer.toString(HandshakeTypes.CLIENT_HELLO)),
                fx(() -> pane.shown().notes().stream().map(Note::key).toList()));
        String offer = "Offers the ticket issued in " + issuer + ", ";
        assertTrue(fx(() -> pane.shown().inContext().stream().anyMatch(s -> s.startsWith(offer))),
                () -> fx(() -> pane.shown().inContext().toString()));
        // The pane shows what it says: the note's text is on screen in the pane.
        String text = Notes.get().field("tls.handshake.extensions.psk.identity.obfuscated_ticket_age").text();
        assertOnScreen("the note's text", () -> pane.lookupAll(".explain-text").stream()
                .filter(n -> text.equals(((javafx.scene.control.Label) n).getText())).findFirst().orElse(null));
        waitForPulses(2);
        saveScreenshot(Path.of("target/screenshots/explain.png"));

        // Another item: the pane follows.
        robot.interact(() -> inspector.selectField("tls.handshake.random"));
        waitUntil("the pane on the random", 5, () -> pane.shown().notes().get(0).key().equals("tls.handshake.random"));
        // An item without a note (TCP's): the pane says so rather than keeping the last note.
        robot.interact(() -> inspector.selectField("tcp.srcport"));
        waitUntil("the pane on a TCP port", 5, () -> pane.shown().isEmpty()
                && pane.lookupAll(".explain-placeholder").stream()
                        .anyMatch(n -> ExplainPane.NO_NOTE.equals(((javafx.scene.control.Label) n).getText())));

        // The ladder of the resuming connection: each arrow's tooltip carries its message's note and context.
        Connection resumed = fx(() -> window.timeline().snapshot().connection(Integer.parseInt(hello[1])));
        robot.clickOn("Handshake timeline");
        HandshakeLadder ladder = window.timeline().pane().ladder();
        waitUntil("the resumed connection's ladder", 10,
                () -> ladder.getModel() != null && ladder.getModel().connection().index() == resumed.index()
                        && ladder.lookupAll(".ladder-row").size() == ladder.getModel().rows().size());
        int chRow = rowOf(ladder, HandshakeTypes.CLIENT_HELLO);
        String tip = fx(() -> tooltip(ladder.rowNode(chRow)));
        assertTrue(tip.contains(Notes.get().handshake(HandshakeTypes.CLIENT_HELLO).text()), tip);
        assertTrue(tip.contains("RFC 8446 §4.1.2"), tip);
        assertTrue(tip.contains(offer), tip);

        // Hovering shows it (target/screenshots/ladder-note.png: the tooltip is a window of its own, so the screen).
        Node chArrow = fx(() -> hit(ladder.rowNode(chRow)));
        Tooltip chTip = (Tooltip) fx(() -> chArrow.getProperties().get("javafx.scene.control.Tooltip"));
        javafx.geometry.Bounds cb = fx(() -> chArrow.localToScreen(chArrow.getBoundsInLocal()));
        robot.moveTo(new javafx.geometry.Point2D(cb.getMinX() + 40, cb.getCenterY()));
        waitUntil("the Client Hello arrow's tooltip showing", 10, chTip::isShowing);
        waitForPulses(3);
        javafx.geometry.Rectangle2D screen = fx(() -> javafx.stage.Screen.getPrimary().getBounds());
        javafx.scene.image.Image shot = robot.capture(new javafx.geometry.Rectangle2D(0, 0,
                Math.min(screen.getWidth(), 1500), Math.min(screen.getHeight(), 940))).getImage();
        ImageIO.write(MainWindowScreenshotTest.toBuffered(toWritable(shot)), "png",
                Path.of("target/screenshots/ladder-note.png").toFile());

        // A click on the ServerHello's arrow shows its note in the pane (on the details tab, beside the tree).
        int shRow = rowOf(ladder, HandshakeTypes.SERVER_HELLO);
        robot.interact(() -> ladder.scrollToRow(shRow));
        Node arrow = fx(() -> hit(ladder.rowNode(shRow)));
        waitUntil("the ServerHello's arrow on screen", 5, () -> WindowTestSupport.isOnScreen(arrow));
        // Near the client's end of the arrow: a narrow window may scroll the server's end out of the ladder's view.
        javafx.geometry.Bounds b = fx(() -> arrow.localToScreen(arrow.getBoundsInLocal()));
        robot.clickOn(new javafx.geometry.Point2D(b.getMinX() + 40, b.getCenterY()));
        waitUntil("the pane on the ServerHello", 5, () -> !pane.shown().notes().isEmpty()
                && pane.shown().notes().get(0).key().equals(Integer.toString(HandshakeTypes.SERVER_HELLO)));
        assertTrue(fx(() -> pane.shown().inContext().stream().anyMatch(s -> s.startsWith("The server accepted the PSK"))));

        // The pane sits beside the details: a double click on the arrow goes there, the note shown.
        robot.doubleClickOn(new javafx.geometry.Point2D(b.getMinX() + 40, b.getCenterY()));
        assertOnScreen("the pane with the ServerHello's note", () -> pane);
        // View → What Is This? Pane hides and shows it.
        robot.interact(() -> window.explainItem().setSelected(false));
        assertTrue(fx(() -> pane.getScene() == null || !WindowTestSupport.isOnScreen(pane)), "hidden");
        robot.interact(() -> window.explainItem().setSelected(true));
        assertOnScreen("the pane again", () -> pane);
        robot.interact(() -> window.decryption().useKeyLog(null));
    }

    private static int rowOf(HandshakeLadder ladder, int type) {
        return fx(() -> {
            List<LadderRow> rows = ladder.getModel().rows();
            for (int i = 0; i < rows.size(); i++) if (rows.get(i).is(type)) return i;
            throw new AssertionError("no row of type " + type);
        });
    }

    /** The row's hit area: what takes the mouse (hover, click) over the whole row. */
    private static Node hit(Node row) {
        for (Node n : ((Group) row).getChildren()) if (n.getStyleClass().contains("ladder-hit")) return n;
        throw new AssertionError("no hit area in the row");
    }

    /** The text of the tooltip installed on the row's hit area. */
    private static String tooltip(Node row) {
        if (hit(row).getProperties().get("javafx.scene.control.Tooltip") instanceof Tooltip t) return t.getText();
        throw new AssertionError("no tooltip on the row");
    }

    private static WritableImage toWritable(javafx.scene.image.Image img) {
        return img instanceof WritableImage w ? w : new WritableImage(img.getPixelReader(), (int) img.getWidth(),
                (int) img.getHeight());
    }

    private void saveScreenshot(Path file) throws Exception {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(MainWindowScreenshotTest.toBuffered(img), "png", file.toFile());
    }
}
