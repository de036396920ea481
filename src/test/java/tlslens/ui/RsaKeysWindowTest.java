package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.analysis.Connection;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.dissect.tls.decrypt.KeyExchangeVerdict;
import tlslens.ui.model.ConnectionColumns;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * The forward secrecy lesson in the window (issue 13 section 5): Edit &gt; Preferences takes the
 * server's RSA key (PKCS#12 with its password; a wrong password or an EC key is said and not
 * added); the RSA key exchange connection then decrypts, and the ECDHE one says why it can't.
 */
@ExtendWith(ApplicationExtension.class)
class RsaKeysWindowTest {
    static final Path CAPTURES = Path.of("src/test/resources/captures");
    static final Path CAP = CAPTURES.resolve("tls12_rsa_keys.pcapng");
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
        this.stage = stage;
        window = WindowTestSupport.show(stage);
    }

    /** The RSA keys list is remembered: leave none behind for the window tests that follow. */
    @org.junit.jupiter.api.AfterEach
    void forgetKeys() throws Exception {
        java.util.prefs.Preferences.userRoot().node(WindowTestSupport.PREFS + "/decryption").clear();
    }

    /** target/screenshots/NAME.png of a scene, for README. */
    private static void save(javafx.scene.Scene scene, String name) throws java.io.IOException {
        javafx.scene.image.WritableImage img = fx(() -> scene.snapshot(null));
        Path file = Path.of("target/screenshots/" + name + ".png");
        java.nio.file.Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(MainWindowScreenshotTest.toBuffered(img), "png", file.toFile());
    }

    private HandshakeLadder ladder() { return window.timeline().pane().ladder(); }

    private void showConnection(FxRobot robot, int index) {
        robot.interact(() -> {
            var table = window.timeline().pane().table();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).index() == index) table.getSelectionModel().clearAndSelect(i);
            }
        });
        waitUntil(5, () -> ladder().getModel() != null && ladder().getModel().connection().index() == index
                && ladder().lookup("#ladderKeyExchange") != null);
    }

    private Connection connection(int index) { return fx(() -> window.timeline().snapshot().connection(index)); }

    private void add(FxRobot robot, Path file, String password, String expected) {
        robot.interact(() -> {
            robot.lookup("#rsaKeyPathField").queryAs(TextField.class).setText(file.toAbsolutePath().toString());
            robot.lookup("#rsaKeyPasswordField").queryAs(TextField.class).setText(password);
        });
        robot.clickOn("#rsaKeyAddButton");
        Label message = robot.lookup("#rsaKeyMessage").queryAs(Label.class);
        waitUntil(10, () -> message.getText().contains(expected));
    }

    @Test
    void anRsaKeyDecryptsTheRsaConnectionAndTheEcdheOneSaysWhyNot(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(CAP));
        waitLoaded(window, 120);
        robot.clickOn("Handshake timeline");
        waitUntil(20, () -> window.timeline().snapshot().frameCount() == 120);
        assertEquals(DecryptionStatus.State.NO_KEYS, connection(0).decryption().state(), "encrypted before the key");

        robot.clickOn("Edit").clickOn("Preferences…");
        waitUntil(5, () -> !robot.lookup("#rsaKeyAddButton").queryAll().isEmpty());
        @SuppressWarnings("unchecked") ListView<Object> list = robot.lookup("#rsaKeyList").queryAs(ListView.class);
        Label message = robot.lookup("#rsaKeyMessage").queryAs(Label.class);
        Path p12 = CAPTURES.resolve("tls12_rsa_keys.rsa-key.p12");
        // bad input: said under the list, not added
        add(robot, p12, "not-the-password", "Wrong password for the PKCS#12 file tls12_rsa_keys.rsa-key.p12");
        assertTrue(fx(() -> message.getStyleClass().contains("preferences-problem")));
        add(robot, CAPTURES.resolve("tls12_rsa_keys.ecdsa-key.pem"), "", "holds an EC private key, not an RSA key");
        add(robot, CAP, "", "is neither a PEM key nor a PKCS#12 file");
        assertTrue(fx(() -> list.getItems().isEmpty()), "nothing added");
        // the server's key, with its password
        add(robot, p12, "tlslens", "Added tls12_rsa_keys.rsa-key.p12: RSA private key, 2048 bits");
        assertEquals(1, (int) fx(() -> list.getItems().size()));
        assertTrue(fx(() -> !message.getStyleClass().contains("preferences-problem")));
        save(list.getScene(), "preferences-rsa-keys");
        robot.clickOn("OK");

        waitUntil(20, () -> window.decryption().statusLabel().getText().equals("RSA key from tls12_rsa_keys.rsa-key.p12"));
        waitUntil(20, () -> connection(0) != null && connection(0).decryption().state() == DecryptionStatus.State.DECRYPTED
                && connection(4) != null && connection(4).decryption().keyExchange() != null);
        // RSA key exchange: decrypted, said so in the pane and on the ladder
        Connection rsa = connection(0);
        assertEquals(KeyExchangeVerdict.RSA_DECRYPTED, rsa.decryption().keyExchange());
        assertEquals("decrypted (RSA key)", ConnectionColumns.decryption(rsa));
        assertTrue(ConnectionColumns.decryptionDetail(rsa).contains("the RSA key tls12_rsa_keys.rsa-key.p12"),
                ConnectionColumns.decryptionDetail(rsa));
        showConnection(robot, 0);
        Label note = fx(() -> (Label) ladder().lookup("#ladderKeyExchange"));
        assertEquals(KeyExchangeVerdict.RSA_DECRYPTED.text, fx(note::getText));
        assertTrue(fx(() -> note.getStyleClass().contains("rsa-decrypted")));
        // its resumption decrypts with the master secret the key gave
        assertEquals(KeyExchangeVerdict.RSA_SESSION_RESUMED, connection(1).decryption().keyExchange());
        assertEquals(DecryptionStatus.State.DECRYPTED, connection(1).decryption().state());
        // ECDHE: not decryptable with the key, and why
        Connection ecdhe = connection(4);
        assertEquals(DecryptionStatus.State.NO_KEYS, ecdhe.decryption().state());
        assertEquals(KeyExchangeVerdict.FORWARD_SECRET_ECDHE, ecdhe.decryption().keyExchange());
        assertEquals("no keys (forward secret)", ConnectionColumns.decryption(ecdhe));
        showConnection(robot, 4);
        Label why = fx(() -> (Label) ladder().lookup("#ladderKeyExchange"));
        assertEquals(KeyExchangeVerdict.FORWARD_SECRET_ECDHE.text, fx(why::getText));
        assertTrue(fx(why::getText).contains("never crossed the wire"));
        assertTrue(fx(() -> why.getStyleClass().contains("forward-secret")));
        save(stage.getScene(), "timeline-forward-secrecy");
    }

    /** The lesson lab saves the server key beside the capture: the window offers it, and it decrypts when taken. */
    @Test
    void theKeyBesideTheCaptureIsOfferedAndDecryptsWhenTaken(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path lesson = dir.resolve("lesson.pcapng");
        java.nio.file.Files.copy(CAP, lesson);
        java.nio.file.Files.copy(CAPTURES.resolve("tls12_rsa_keys.rsa-key.pem"), dir.resolve("lesson-rsa-key.pem"));
        robot.interact(() -> window.open(lesson));
        waitLoaded(window, 120);
        waitUntil(20, () -> window.timeline().snapshot().frameCount() == 120);
        waitUntil(10, () -> window.decryption().statusLabel().getGraphic() != null);
        assertEquals(DecryptionStatus.State.NO_KEYS, connection(0).decryption().state(), "offered, not used unasked");
        javafx.scene.control.Hyperlink link = (javafx.scene.control.Hyperlink) fx(() -> window.decryption().statusLabel().getGraphic());
        assertEquals("Use the RSA key beside the capture (lesson-rsa-key.pem)", fx(link::getText));
        robot.clickOn("#rsaKeyBesideLink");
        waitUntil(20, () -> window.decryption().statusLabel().getText().equals("RSA key from lesson-rsa-key.pem"));
        waitUntil(20, () -> connection(0) != null && connection(0).decryption().state() == DecryptionStatus.State.DECRYPTED);
        assertEquals(KeyExchangeVerdict.RSA_DECRYPTED, connection(0).decryption().keyExchange());
        assertEquals(KeyExchangeVerdict.FORWARD_SECRET_ECDHE, connection(4).decryption().keyExchange());
        assertEquals(null, fx(() -> window.decryption().statusLabel().getGraphic()), "the offer is gone once taken");
    }
}
