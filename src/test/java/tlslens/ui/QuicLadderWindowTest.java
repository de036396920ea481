package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.isOnScreen;
import static tlslens.ui.WindowTestSupport.waitForPulses;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.engine.Transport;
import tlslens.ui.model.LadderRow;
import tlslens.ui.timeline.HandshakeComparison;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * QUIC connections and DTLS associations in the window: listed in the connections pane (as
 * "QUIC #0", "DTLS #0"), their ladders drawn from the connection model (QUIC's packet types as
 * shaded lanes, the HelloVerifyRequest round trip), and a QUIC 0-RTT resumption side by side with
 * the full handshake before it. Saves target/screenshots/timeline-quic.png and side-by-side-quic.png.
 */
@ExtendWith(ApplicationExtension.class)
class QuicLadderWindowTest {
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/recent").clear();
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    /** Opens the file and waits until the model has a connection of {@code transport} matching what is asked. */
    private Connection open(FxRobot robot, Path file, Transport transport, java.util.function.Predicate<Connection> which) {
        robot.interact(() -> window.open(file));
        waitUntil("a " + transport + " connection in the model", 30, () -> window.timeline().snapshot() != null
                && window.timeline().snapshot().connections().stream().anyMatch(c -> c.transport() == transport && which.test(c)));
        robot.clickOn("Handshake timeline");
        Connection c = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(x -> x.transport() == transport && which.test(x)).findFirst().orElseThrow());
        // Selecting its Client Hello's packet shows its ladder (the packet's QUIC or DTLS connection).
        long hello = c.handshake().get(0).frame();
        robot.interact(() -> {
            window.mainSplit().setDividerPositions(0.16);
            window.select((int) hello);
        });
        robot.interact(() -> window.table().scrollTo(Math.max(0, window.table().getSelectedIndex() - 1)));
        HandshakeLadder ladder = window.timeline().pane().ladder();
        waitUntil("the ladder of " + c.label(), 10, () -> ladder.getModel() != null
                && ladder.getModel().connection().key() == c.key()
                && ladder.lookupAll(".ladder-row").size() == ladder.getModel().rows().size() && isOnScreen(ladder.rowNode(0)));
        return c;
    }

    @Test
    @UsesPublicCaptures
    void quicLadderHasItsPacketTypesAsLanes(FxRobot robot) throws Exception {
        // Chrome to Cloudflare over HTTP/3, with its secrets: every handshake message is readable.
        Connection c = open(robot, PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng"), Transport.QUIC,
                Connection::established);
        HandshakeLadder ladder = window.timeline().pane().ladder();
        List<LadderRow> rows = fx(() -> ladder.getModel().rows());
        // One lane per run of one packet type, named as the rows' packet types are.
        List<String> expected = new java.util.ArrayList<>();
        for (LadderRow r : rows) {
            if (!r.quic()) continue;
            String name = QuicPacketTypes.name(r.quicPacketType());
            if (expected.isEmpty() || !expected.get(expected.size() - 1).equals(name)) expected.add(name);
        }
        List<String> lanes = fx(() -> ladder.lookupAll(".ladder-lane-label").stream().map(n -> ((Label) n).getText()).toList());
        assertEquals(expected, lanes, "the lanes follow the packet types of the rows");
        assertTrue(lanes.containsAll(List.of("Initial", "Handshake", "1-RTT")), "Initial, Handshake and 1-RTT: " + lanes);
        // The connections pane names it by transport and number.
        assertTrue(fx(() -> window.timeline().pane().items().stream().anyMatch(x -> x.label().equals("QUIC #" + c.index()))));
        assertTrue(fx(() -> window.timeline().pane().countLabel().getText().contains("1 QUIC connection")),
                fx(() -> window.timeline().pane().countLabel().getText()));
        // The row of a message split over two packets says which frames carried its CRYPTO data.
        boolean split = c.handshake().stream().anyMatch(s -> s.cryptoFrames().size() > 1);
        if (split) {
            assertTrue(fx(() -> ladder.lookupAll(".ladder-detail").stream()
                    .anyMatch(n -> ((Label) n).getText().contains("CRYPTO in frames"))), "a split message's frames");
        }
        waitForPulses(2);
        save(Path.of("target/screenshots/timeline-quic.png"));
    }

    @Test
    @UsesPublicCaptures
    void quicZeroRttResumptionSideBySideWithTheFirstConnection(FxRobot robot) throws Exception {
        // quic-go's interop run: a full handshake, then a resumption sending 0-RTT packets (no keys).
        Connection resumed = open(robot, PublicCaptures.of("zeek_quic_interop_quic-go_zerortt.pcap"), Transport.QUIC,
                x -> x.resumption() != tlslens.analysis.Resumption.NONE);
        assertTrue(resumed.earlyDataOffered(), "the resumption offers early data");
        HandshakeLadder ladder = window.timeline().pane().ladder();
        assertTrue(fx(() -> ladder.lookupAll(".ladder-row.early-data").size()) > 0, "0-RTT packets drawn");
        Set<String> lanes = fx(() -> new TreeSet<>(ladder.lookupAll(".ladder-lane-label").stream()
                .map(n -> ((Label) n).getText()).toList()));
        assertTrue(lanes.contains("0-RTT"), "a 0-RTT lane: " + lanes);
        String link = fx(() -> ((javafx.scene.control.Hyperlink) ladder.lookup("#ladderCompareLink")).getText());
        assertTrue(link.startsWith("Compare with QUIC #") && link.endsWith("(likely origin)"), link);
        robot.clickOn("#ladderCompareLink");
        waitUntil("the side-by-side tab", 10, () -> robot.lookup("#handshakeComparison").tryQuery().isPresent());
        HandshakeComparison comparison = robot.lookup("#handshakeComparison").query();
        waitUntil("the comparison's rows drawn", 10, () -> isOnScreen(comparison)
                && !comparison.lookupAll(".ladder-row").isEmpty()
                && comparison.lookupAll(".ladder-row").stream().anyMatch(WindowTestSupport::isOnScreen));
        String savings = fx(() -> ((Label) comparison.lookup("#comparisonSavings")).getText());
        assertTrue(savings.startsWith("QUIC #" + resumed.index() + " vs QUIC #"), savings);
        assertTrue(savings.contains("0-RTT early data sent with the Client Hello"), savings);
        waitForPulses(2);
        save(Path.of("target/screenshots/side-by-side-quic.png"));
    }

    @Test
    void dtlsLadderShowsTheHelloVerifyRequestRoundTrip(FxRobot robot) throws Exception {
        Connection c = open(robot, Path.of("src/test/resources/captures/dtls12_hello_verify.pcap"), Transport.DTLS,
                Connection::established);
        HandshakeLadder ladder = window.timeline().pane().ladder();
        List<LadderRow> rows = fx(() -> ladder.getModel().rows());
        int hvr = -1;
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).is(tlslens.dissect.tls.names.HandshakeTypes.HELLO_VERIFY_REQUEST)) hvr = i;
        assertTrue(hvr > 0, "a Hello Verify Request row");
        assertTrue(!rows.get(hvr).fromClient() && rows.get(hvr - 1).is(tlslens.dissect.tls.names.HandshakeTypes.CLIENT_HELLO)
                && rows.get(hvr + 1).is(tlslens.dissect.tls.names.HandshakeTypes.CLIENT_HELLO), "Client Hello, HVR, Client Hello");
        assertTrue(c.findings().stream().anyMatch(f -> f.startsWith("HelloVerifyRequest")), c.findings().toString());
        assertEquals(c.handshake().stream().filter(s -> s.kind() == HandshakeStep.Kind.MESSAGE).count(),
                rows.stream().filter(r -> r.kind() == LadderRow.Kind.MESSAGE || r.kind() == LadderRow.Kind.ENCRYPTED).count());
        assertTrue(fx(() -> window.timeline().pane().items().stream().anyMatch(x -> x.label().equals("DTLS #" + c.index()))));
    }

    private void save(Path file) throws IOException {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(MainWindowScreenshotTest.toBuffered(img), "png", file.toFile());
    }
}
