package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.engine.Transport;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;

/**
 * Issue 15: a key log loaded while a QUIC capture is open (kwik's full handshake, then its 0-RTT
 * resumption) opens its Handshake, 0-RTT and 1-RTT packets in place, as it does TCP's TLS: the
 * packet table's Protocol and Info, the selected packet's tree, the connections and their ladders.
 * Compared with tshark 4.0 reading the same capture with the same key log: its Info column (run
 * here) and its fields (golden/quic_kwik_zero_rtt.udp.keys.fields.tsv, made by make-golden.sh).
 */
@ExtendWith(ApplicationExtension.class)
class QuicKeyLogInPlaceWindowTest {
    private static final Path CAPTURE = DecryptionWindowTest.CAPTURES.resolve("quic_kwik_zero_rtt.pcap");
    private static final Path KEYLOG = DecryptionWindowTest.CAPTURES.resolve("quic_kwik_zero_rtt.keylog");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/quic_kwik_zero_rtt.udp.keys.fields.tsv");
    private MainWindowController window;

    @Start
    void start(Stage stage) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    /** tshark's "Protocol | Info" per frame, with or without the key log. */
    private static List<String> tsharkRows(boolean keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", CAPTURE.toString()));
        if (keys) args.addAll(List.of("-o", "tls.keylog_file:" + KEYLOG));
        args.addAll(List.of("-T", "fields", "-E", "separator=|", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"));
        return WindowTestSupport.tshark(args.toArray(String[]::new)).stream().map(l -> l.replace("|", " | ").strip()).toList();
    }

    private List<String> rows() {
        return fx(() -> window.tableModel().shown().stream()
                .map(r -> r.summary().protocol() + " | " + r.summary().info()).toList());
    }

    /** The golden file's columns {@code field} per frame (frame.number order), tshark's comma-joined values. */
    private static List<String> golden(String field) throws Exception {
        List<String> lines = Files.readAllLines(GOLDEN);
        int col = Arrays.asList(lines.get(0).split("\t", -1)).indexOf(field);
        assertTrue(col >= 0, field + " in " + GOLDEN);
        List<String> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) out.add(l.split("\t", -1)[col]);
        return out;
    }

    private ProtoNode shownRoot() {
        return fx(() -> window.inspector().inspector().treeView().getRoot() == null ? null
                : (ProtoNode) window.inspector().inspector().treeView().getRoot().getValue());
    }

    /** The values of {@code abbrev} in the shown tree of frame {@code frame}, comma-joined as tshark does; null if not shown. */
    private String shownValues(int frame, String abbrev) {
        ProtoNode root = shownRoot();
        if (root == null || root.first("frame.number") == null
                || ((Number) root.first("frame.number").value()).intValue() != frame) return null;
        return String.join(",", root.find(abbrev).stream().map(n -> String.valueOf(n.value())).toList());
    }

    @Test
    void aKeyLogLoadedWithAQuicCaptureOpenOpensItsPacketsInPlace(FxRobot robot) throws Exception {
        List<String> without = tsharkRows(false);
        List<String> with = tsharkRows(true);
        assertNotEquals(without, with, "the key log changes tshark's rows");
        robot.interact(() -> window.open(CAPTURE));
        waitLoaded(window, with.size());
        assertEquals(without, rows(), "without keys: tshark's rows");

        // A 1-RTT packet whose frames only the key log shows (tshark: STREAM frames): selected before the keys come.
        List<String> frameTypes = golden("quic.frame_type");
        int selected = 0;
        for (int i = 0; i < with.size() && selected == 0; i++) {
            if (with.get(i).contains("Protected Payload") && with.get(i).contains("STREAM")) selected = i + 1;
        }
        assertTrue(selected > 0, "a 1-RTT packet with STREAM frames");
        int frame = selected;
        robot.interact(() -> window.select(frame));
        waitUntil("the selected packet's tree", 10, () -> shownValues(frame, "quic.remaining_payload") != null
                && !shownValues(frame, "quic.remaining_payload").isEmpty());
        assertEquals("", shownValues(frame, "quic.frame_type"), "no frame read without keys");
        waitUntil("the connection model", 10, () -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.transport() == Transport.QUIC).count() == 2);
        assertTrue(fx(() -> window.timeline().snapshot().connections().stream()
                .noneMatch(c -> c.decryption() != null && c.decryption().state() == DecryptionStatus.State.DECRYPTED)));

        robot.interact(() -> window.decryption().useKeyLog(KEYLOG));

        // The packet table: every row as tshark shows it with the key log.
        waitUntil("the rows decrypted", 20, () -> rows().equals(with));
        // The selected packet stays selected, and its tree shows its frames as tshark's fields do.
        assertEquals(frame, (int) fx(() -> window.table().getSelectedItem().number()));
        waitUntil("the tree decrypted", 20, () -> frameTypes.get(frame - 1).equals(shownValues(frame, "quic.frame_type")));
        assertEquals(golden("quic.stream.stream_id").get(frame - 1), shownValues(frame, "quic.stream.stream_id"));

        // The connections: each QUIC connection's handshake messages are tshark's tls.handshake.type of its frames.
        List<String> numbers = golden("quic.connection.number");
        List<String> types = golden("tls.handshake.type");
        waitUntil("the connections decrypted", 20, () -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.transport() == Transport.QUIC)
                .allMatch(c -> c.decryption() != null && c.decryption().state() == DecryptionStatus.State.DECRYPTED));
        List<Connection> quic = fx(() -> window.timeline().snapshot().connections().stream()
                .filter(c -> c.transport() == Transport.QUIC).toList());
        assertEquals(2, quic.size());
        for (Connection c : quic) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                if (types.get(i).isEmpty() || !Arrays.asList(numbers.get(i).split(",")).contains(String.valueOf(c.index()))) {
                    continue;
                }
                for (String t : types.get(i).split(",")) expected.add(Integer.parseInt(t));
            }
            List<Integer> ours = c.handshake().stream().map(HandshakeStep::handshakeType)
                    .filter(t -> t != HandshakeStep.NONE).toList();
            assertEquals(expected, ours, c.label() + ": handshake messages as tshark reads them with the key log");
            assertTrue(ours.contains(8), c.label() + ": Encrypted Extensions, which only keys show");
        }
        // The 0-RTT resumption: accepted, and its ladder draws the 0-RTT, Handshake and 1-RTT packets opened.
        Connection resumed = quic.get(1);
        assertTrue(resumed.earlyDataOffered(), "the resumption offers 0-RTT");
        LadderModel ladder = fx(() -> window.timeline().snapshot().ladder(resumed.key()));
        List<LadderRow> rows = ladder.rows();
        assertTrue(rows.stream().anyMatch(r -> r.quicPacketType() == QuicPacketTypes.ZERO_RTT), "0-RTT rows");
        for (LadderRow r : rows) {
            if (r.ghost() || !r.quic() || r.quicPacketType() == QuicPacketTypes.INITIAL) continue;
            assertTrue(r.decrypted(), r.packetTypeText() + " row opened: " + r.label());
        }
        assertFalse(rows.stream().anyMatch(r -> r.quic() && r.locked() && !r.decrypted() && !r.ghost()), "no row left encrypted");
        // The status bar: the keys, and no verdict that they opened nothing.
        waitUntil("the key status", 10, () -> window.decryption().statusLabel().getText()
                .matches("\\d+ keys loaded from quic_kwik_zero_rtt\\.keylog"));
        assertFalse(fx(() -> window.decryption().statusLabel().getStyleClass().contains("keys-problem")));
    }
}
