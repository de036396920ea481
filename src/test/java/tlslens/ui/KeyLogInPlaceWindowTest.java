package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.ui.model.ComparisonModel;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;
import tlslens.ui.timeline.HandshakeComparison;

/**
 * Issue 12, items 1 to 3, on the TLS 1.3 full handshake then PSK resumption capture: a key log
 * loaded with the capture open reaches the table, the ladder, the banner and the open side-by-side
 * tab in place (keeping the tab, the selected packet and the scroll position); a key log whose
 * secrets are wrong, or that matches no connection, is said in the status bar and in the banner.
 */
@ExtendWith(ApplicationExtension.class)
class KeyLogInPlaceWindowTest {
    private static final Path CAPTURE = DecryptionWindowTest.CAPTURES.resolve("tls13_full_then_psk.pcap");
    private static final Path KEYLOG = DecryptionWindowTest.CAPTURES.resolve("tls13_full_then_psk.keylog");
    private MainWindowController window;
    @TempDir Path dir;

    @Start
    void start(Stage stage) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        window = WindowTestSupport.show(stage);
    }

    private TabPane lowerTabs(FxRobot robot) { return robot.lookup("#lowerTabs").queryAs(TabPane.class); }

    private Tab comparisonTab(FxRobot robot) {
        for (Tab t : lowerTabs(robot).getTabs()) if ("compare-0-1".equals(t.getId())) return t;
        return null;
    }

    private static List<String> labels(LadderModel m) { return m.rows().stream().map(LadderRow::label).toList(); }

    private String banner(int connection) {
        LadderModel m = window.timeline().snapshot().ladder(connection);
        return m == null || m.banner() == null ? null : m.banner().text();
    }

    @Test
    void aKeyLogLoadedWithTheCaptureOpenReachesEverythingInPlace(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(CAPTURE));
        waitLoaded(window, 35);
        waitUntil("the connection model", 10, () -> window.timeline().snapshot().ladder(1) != null);
        assertTrue(fx(() -> window.tableModel().row(6).summary().info()).contains("Application Data"));
        assertTrue(fx(() -> banner(1)).contains("load a key log"), fx(() -> banner(1)));
        robot.interact(() -> {
            window.timeline().showTimeline();
            window.timeline().compare(0, 1);
        });
        Tab tab = fx(() -> comparisonTab(robot));
        assertNotNull(tab, "the side-by-side tab is open");
        HandshakeComparison view = fx(() -> (HandshakeComparison) robot.lookup("#handshakeComparison").query());
        ComparisonModel before = fx(view::getModel);
        assertFalse(fx(() -> labels(before.left())).contains("Encrypted Extensions"));
        robot.interact(() -> window.select(23));
        double max = fx(() -> window.table().maxPosition());
        assertTrue(max > 0, "the table scrolls");
        double position = max / 2;
        robot.interact(() -> window.table().setPosition(position));

        robot.interact(() -> window.decryption().useKeyLog(KEYLOG));
        // Item 1 (a file's key log): rows, ladder, banner and side by side decrypt in place.
        waitUntil("row 6 decrypted", 10, () -> window.tableModel().row(6).summary().info().contains("Encrypted Extensions"));
        assertEquals(tshark(6), fx(() -> window.tableModel().row(6).summary().info()));
        assertEquals(tshark(23), fx(() -> window.tableModel().row(23).summary().info()));
        waitUntil("the banner names the ticket's origin", 10, () -> banner(1) != null && banner(1).contains("connection #0"));
        waitUntil("the side by side decrypted", 10,
                () -> view.getModel() != before && labels(view.getModel().left()).contains("Encrypted Extensions"));
        // Item 3: the tab, the selected packet and the scroll position stay.
        assertTrue(fx(() -> lowerTabs(robot).getTabs().contains(tab)), "the side-by-side tab stays open");
        assertEquals(23, (int) fx(() -> window.table().getSelectedItem().number()));
        assertEquals(position, fx(() -> window.table().positionProperty().get()), 0.5);
        assertEquals(35, (int) fx(() -> window.tableModel().total()));
        String status = fx(() -> window.decryption().statusLabel().getText());
        assertTrue(status.matches("\\d+ keys loaded from tls13_full_then_psk\\.keylog"), status);
    }

    /** Info column of frame {@code n} as tshark 4.0 gives it with the key log. */
    private static String tshark(int n) throws Exception {
        List<String> out = WindowTestSupport.tshark("-r", CAPTURE.toString(), "-o", "tls.keylog_file:" + KEYLOG,
                "-Y", "frame.number == " + n, "-T", "fields", "-e", "_ws.col.Info");
        return out.get(0).strip();
    }

    /** The key log with one hex digit of each secret (or of each client random) changed. */
    private Path altered(String name, boolean random) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(KEYLOG)) {
            String[] w = line.split(" ");
            if (w.length == 3 && !line.startsWith("#")) {
                String field = random ? w[1] : w[2];
                char c = field.charAt(field.length() - 1);
                field = field.substring(0, field.length() - 1) + (c == '0' ? '1' : '0');
                line = random ? w[0] + " " + field + " " + w[2] : w[0] + " " + w[1] + " " + field;
            }
            out.add(line);
        }
        Path p = dir.resolve(name);
        Files.write(p, out);
        return p;
    }

    @Test
    void wrongKeysAreSaidInTheStatusBarAndTheBanner(FxRobot robot) throws Exception {
        Path wrong = altered("wrong.keylog", false);
        robot.interact(() -> window.decryption().useKeyLog(wrong));
        robot.interact(() -> window.open(CAPTURE));
        waitLoaded(window, 35);
        Pattern said = Pattern.compile("Keys for connection #0 did not decrypt it \\(line (\\d+) of wrong\\.keylog\\)");
        waitUntil("the status bar says the keys did not decrypt", 10,
                () -> said.matcher(window.decryption().statusLabel().getText()).find());
        String status = fx(() -> window.decryption().statusLabel().getText());
        assertTrue(fx(() -> window.decryption().statusLabel().getStyleClass().contains("keys-problem")), "warning colour");
        Matcher m = said.matcher(status);
        assertTrue(m.find());
        String line = Files.readAllLines(wrong).get(Integer.parseInt(m.group(1)) - 1);
        assertTrue(line.matches("[A-Z_]+_SECRET [0-9a-f]{64} [0-9a-f]+"), "names a secret's line: " + line);
        String banner = fx(() -> banner(1));
        assertNotNull(banner);
        assertTrue(banner.contains("keys for connection #0 did not decrypt it (line " + m.group(1) + " of wrong.keylog)"), banner);
        assertFalse(banner.contains("load a key log"), banner);
    }

    @Test
    void aKeyLogThatMatchesNoConnectionIsSaid(FxRobot robot) throws Exception {
        Path other = altered("other.keylog", true);
        robot.interact(() -> window.decryption().useKeyLog(other));
        robot.interact(() -> window.open(CAPTURE));
        waitLoaded(window, 35);
        waitUntil("the status bar says no key matches", 10,
                () -> window.decryption().statusLabel().getText().matches("\\d+ keys loaded from other\\.keylog — None of the \\d+ keys matches a connection of this capture"));
        assertTrue(fx(() -> window.decryption().statusLabel().getStyleClass().contains("keys-problem")), "warning colour");
        String banner = fx(() -> banner(1));
        assertTrue(banner.contains("the key log has no keys for connection #0"), banner);
    }
}
