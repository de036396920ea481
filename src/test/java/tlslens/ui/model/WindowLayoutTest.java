package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tlslens.ui.model.WindowLayout.Box;

/** Where the window opens: inside the screen's visible area, at the place remembered for that screen. */
class WindowLayoutTest {
    private final Preferences node = Preferences.userRoot().node("tlslens-test/window-layout-test");
    private final WindowLayout layout = new WindowLayout(node);

    @AfterEach
    void clean() throws Exception {
        node.removeNode();
    }

    private static final Box LAPTOP = new Box(0, 0, 1366, 768);
    private static final Box LAPTOP_VISIBLE = new Box(0, 27, 1366, 741);
    private static final Box MONITOR = new Box(0, 0, 1920, 1080);

    private static void inside(Box b, Box area) {
        assertTrue(b.x() >= area.x() && b.y() >= area.y() && b.x() + b.width() <= area.x() + area.width()
                && b.y() + b.height() <= area.y() + area.height(), b + " is not inside " + area);
    }

    @Test
    void aFirstWindowFitsASmallScreen() {
        WindowLayout.Placement p = layout.placement(LAPTOP, LAPTOP_VISIBLE);
        inside(p.box(), LAPTOP_VISIBLE);
        Box big = new Box(0, 0, 2560, 1440);
        assertEquals(WindowLayout.DEFAULT_WIDTH, layout.placement(big, big).box().width());
    }

    @Test
    void thePlaceIsRememberedPerScreen() {
        layout.saveWindow(MONITOR, 100, 50, 1600, 1000, false);
        layout.saveWindow(LAPTOP, 10, 40, 1200, 700, false);
        assertEquals(new Box(100, 50, 1600, 1000), layout.placement(MONITOR, MONITOR).box());
        assertEquals(new Box(10, 40, 1200, 700), layout.placement(LAPTOP, LAPTOP_VISIBLE).box());
    }

    @Test
    void theScreenClosedOnLastIsKnown() {
        layout.saveWindow(LAPTOP, 10, 40, 1200, 700, false);
        layout.saveWindow(MONITOR, 100, 50, 1600, 1000, false);
        assertTrue(layout.wasLastOn(MONITOR));
        assertTrue(!layout.wasLastOn(LAPTOP));
        assertEquals(null, new WindowLayout(node.node("other")).saved(LAPTOP, LAPTOP_VISIBLE));
    }

    @Test
    void aPlaceNoLongerVisibleIsNotGivenBack() {
        layout.saveWindow(LAPTOP, 3000, 40, 1200, 700, false); // was on a monitor to the right
        Box b = layout.placement(LAPTOP, LAPTOP_VISIBLE).box();
        inside(b, LAPTOP_VISIBLE);
        assertTrue(b.x() < 1366, b.toString());
    }

    @Test
    void aPlaceLargerThanTheScreenIsClipped() {
        layout.saveWindow(LAPTOP, 0, 27, 1600, 1000, false);
        inside(layout.placement(LAPTOP, LAPTOP_VISIBLE).box(), LAPTOP_VISIBLE);
    }
}
