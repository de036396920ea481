package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.capture.InterfaceInfo;
import tlslens.capture.SystemCommands;
import tlslens.ui.model.CaptureSessionModel.State;

/**
 * The window captures on an interface that then goes away (a veth pair deleted; root, as in CI):
 * the capture stops by itself, the status bar says why and where the packets are, and every
 * packet captured is in the table.
 */
@ExtendWith(ApplicationExtension.class)
class LiveCaptureFaultsWindowTest {
    private static SystemCommands.Veth veth;
    private MainWindowController window;

    @BeforeAll
    static void link() throws Exception {
        veth = SystemCommands.veth(); // before the window lists the interfaces
    }

    @AfterAll
    static void unlink() throws Exception {
        veth.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.show(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInterfaceThatGoesAwayStopsTheCaptureAndKeepsItsRows(FxRobot robot) throws Exception {
        ComboBox<Object> box = robot.lookup("#interfaceBox").queryAs(ComboBox.class);
        waitUntil("the interfaces listed, " + veth.name() + " among them", 10, () -> box.getItems().stream()
                .anyMatch(o -> o instanceof InterfaceInfo i && i.name().equals(veth.name())));
        robot.interact(() -> {
            for (Object o : box.getItems()) if (o instanceof InterfaceInfo i && i.name().equals(veth.name())) box.setValue(o);
            robot.lookup("#captureFilterField").queryAs(TextField.class).setText("udp dst port 9");
        });
        robot.clickOn("#startButton");
        waitUntil(10, () -> window.sessionModel().state() == State.CAPTURING);
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(veth.address(), 0))) {
            out.setBroadcast(true);
            byte[] hello = "discard me".getBytes(StandardCharsets.US_ASCII);
            DatagramPacket broadcast = new DatagramPacket(hello, hello.length, InetAddress.getByName(veth.broadcast()), 9);
            waitUntil("five rows from " + veth.name(), 30, () -> {
                try {
                    out.send(broadcast);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                return window.table().getItems().size() >= 5;
            });
        }
        veth.delete();
        waitUntil("the capture to stop by itself", 20, () -> window.sessionModel().state() == State.STOPPED);
        String warning = fx(() -> window.sessionModel().warningProperty().get());
        long captured = fx(() -> window.sessionModel().capturedProperty().get());
        assertTrue(warning.startsWith("The capture on \"" + veth.name() + "\" stopped: "), warning);
        assertTrue(warning.contains("; the " + captured + " packets captured are kept in \""), warning);
        waitUntil("every captured packet in the table", 10, () -> window.table().getItems().size() == captured);
        assertEquals(captured, (long) fx(() -> window.table().getItems().size()));
        assertTrue(captured >= 5);
    }
}
