package tlslens.ui;

import javafx.application.Platform;
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

    void save(Stage stage) {
        if (stage != null) {
            layout.saveWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        }
        double[] d = mainSplit.getDividerPositions();
        layout.saveDividers(d.length > 0 ? d[0] : layout.tableDivider(), inspector.dividerPosition());
        layout.flush();
    }
}
