package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitUntil;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.analysis.Connection;
import tlslens.capture.InterfaceInfo;
import tlslens.capture.LocalTls;
import tlslens.ui.model.CaptureSessionModel.State;

/** The connections pane fills during a live capture on lo: each new TLS connection shows up while capturing. */
@ExtendWith(ApplicationExtension.class)
class TimelineLiveTest {
    private MainWindowController window;

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.show(stage);
    }

    private long establishedTls() {
        return fx(() -> window.timeline().pane().items().stream().filter(Connection::established).count());
    }

    @Test
    @SuppressWarnings("unchecked")
    void connectionsAppearWhileCapturing(FxRobot robot) throws Exception {
        try (LocalTls tls = LocalTls.start()) {
            ComboBox<Object> box = robot.lookup("#interfaceBox").queryAs(ComboBox.class);
            waitUntil(10, () -> !box.getItems().isEmpty());
            robot.interact(() -> {
                for (Object o : box.getItems()) if (o instanceof InterfaceInfo i && i.name().equals("lo")) box.setValue(o);
                robot.lookup("#captureFilterField").queryAs(TextField.class).setText("tcp port " + tls.port());
            });
            robot.clickOn("#startButton");
            waitUntil(10, () -> window.sessionModel().state() == State.CAPTURING);
            robot.clickOn("Handshake timeline");
            assertEquals("echo one", tls.exchange("one"));
            waitUntil(5, () -> establishedTls() >= 1);
            assertEquals(State.CAPTURING, fx(() -> window.sessionModel().state()));
            assertEquals("echo two", tls.exchange("two"));
            waitUntil(5, () -> establishedTls() >= 2);
            assertEquals(State.CAPTURING, fx(() -> window.sessionModel().state()));
            assertTrue(fx(() -> window.timeline().pane().countLabel().getText()).contains("live"));
            // The ladder of a connection captured live, with its Client Hello.
            robot.interact(() -> window.timeline().pane().table().getSelectionModel().clearAndSelect(0));
            waitUntil(5, () -> window.timeline().pane().ladder().getModel() != null && window.timeline().pane().ladder()
                    .getModel().rows().stream().anyMatch(r -> r.label().equals("Client Hello")));
            robot.clickOn("#startButton");
            waitUntil(5, () -> window.sessionModel().state() == State.STOPPED);
        }
    }
}
