package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;

import java.util.prefs.Preferences;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window opens inside the screen's visible area, whatever the screen (run under Xvfb screens
 * of 1366x768 and 1400x900 too), even when a larger place was remembered on another screen.
 */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementTest {
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Preferences window = Preferences.userRoot().node(WindowTestSupport.PREFS + "/window");
        window.removeNode();
        window = Preferences.userRoot().node(WindowTestSupport.PREFS + "/window");
        // As the previous version saved it on a 1600x1000 screen, and as this one saves it on another screen.
        window.putDouble("width", 1600);
        window.putDouble("height", 1000);
        window.putDouble("x", 0);
        window.putDouble("y", 0);
        window.node("screen-2560x1440_0_0").putDouble("width", 2400);
        window.node("screen-2560x1440_0_0").putDouble("height", 1400);
        window.node("screen-2560x1440_0_0").putDouble("x", 0);
        window.node("screen-2560x1440_0_0").putDouble("y", 0);
        TlsLensApp.load(stage);
        stage.show();
    }

    @Test
    void theWindowFitsTheScreen() {
        Rectangle2D visible = fx(() -> Screen.getPrimary().getVisualBounds());
        Rectangle2D window = fx(() -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        assertTrue(window.getMinX() >= visible.getMinX() && window.getMinY() >= visible.getMinY()
                && window.getMaxX() <= visible.getMaxX() && window.getMaxY() <= visible.getMaxY(),
                "window " + window + " is not inside the screen's visible area " + visible);
    }

    /** Closed at a place on this screen, the window opens there again. */
    @Test
    void thePlaceOnThisScreenIsRemembered() {
        Rectangle2D visible = fx(() -> Screen.getPrimary().getVisualBounds());
        Rectangle2D place = new Rectangle2D(visible.getMinX() + 20, visible.getMinY() + 30, 800, 500);
        Rectangle2D reopened = fx(() -> {
            stage.setX(place.getMinX());
            stage.setY(place.getMinY());
            stage.setWidth(place.getWidth());
            stage.setHeight(place.getHeight());
            // The window's close box: it saves its place (nothing captured, so nothing asked).
            stage.getOnCloseRequest().handle(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            Stage next = new Stage();
            TlsLensApp.load(next);
            next.show();
            Rectangle2D r = new Rectangle2D(next.getX(), next.getY(), next.getWidth(), next.getHeight());
            next.hide();
            return r;
        });
        assertEquals(place, reopened);
    }
}
