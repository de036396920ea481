package tlslens.ui;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import tlslens.ui.model.WindowLayout;

/** Puts the dividers where the user left them, and saves the window's place and dividers at exit. */
final class LayoutMemory {
    private final WindowLayout layout;
    private final SplitPane mainSplit;
    private final InspectorBridge inspector;

    LayoutMemory(WindowLayout layout, SplitPane mainSplit, InspectorBridge inspector) {
        this.layout = layout;
        this.mainSplit = mainSplit;
        this.inspector = inspector;
    }

    /** After the first layout pass: a divider set before it is moved again by the split's own sizing. */
    void restoreDividers() {
        Platform.runLater(() -> {
            mainSplit.setDividerPositions(layout.tableDivider());
            inspector.setDividerPosition(layout.inspectorDivider());
        });
    }

    /**
     * Puts {@code stage} where it was last if that screen is still there and the place visible on
     * it; else on the primary screen, where it was last there or at a size that fits it.
     */
    static void place(Stage stage, WindowLayout layout) {
        Screen screen = Screen.getPrimary();
        WindowLayout.Placement p = null;
        for (Screen s : Screen.getScreens()) {
            if (layout.wasLastOn(box(s.getBounds()))) {
                p = layout.saved(box(s.getBounds()), box(s.getVisualBounds()));
            }
        }
        if (p == null) p = layout.placement(box(screen.getBounds()), box(screen.getVisualBounds()));
        stage.setX(p.box().x());
        stage.setY(p.box().y());
        stage.setWidth(p.box().width());
        stage.setHeight(p.box().height());
        stage.setMaximized(p.maximized());
    }

    static WindowLayout.Box box(Rectangle2D r) {
        return new WindowLayout.Box(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    void save(Stage stage) {
        if (stage != null) {
            // Remembered for the screen the window is on now (the first one it overlaps).
            var screens = Screen.getScreensForRectangle(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            Screen screen = screens.isEmpty() ? Screen.getPrimary() : screens.get(0);
            layout.saveWindow(box(screen.getBounds()), stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                    stage.isMaximized());
        }
        double[] d = mainSplit.getDividerPositions();
        layout.saveDividers(d.length > 0 ? d[0] : layout.tableDivider(), inspector.dividerPosition());
        layout.flush();
    }
}
