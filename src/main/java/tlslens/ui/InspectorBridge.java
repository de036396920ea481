package tlslens.ui;

import java.util.function.Consumer;

import javafx.scene.Node;
import tlslens.dissect.FrameDissection;
import tlslens.ui.controls.FrameInspector;

/** The lower pane as the main window uses it: the tree and bytes of the selected frame. */
final class InspectorBridge {
    private final FrameInspector inspector = new FrameInspector();

    FrameInspector inspector() { return inspector; }

    Node node() { return inspector; }

    void show(FrameDissection fd) { inspector.show(fd); }

    void expandAll() { inspector.expandAll(); }

    void collapseAll() { inspector.collapseAll(); }

    void setOnApplyFilter(Consumer<String> apply, Consumer<String> prepare) {
        inspector.setOnApplyFilter(apply);
        inspector.setOnPrepareFilter(prepare);
    }

    void setDividerPosition(double d) { inspector.setDividerPositions(d); }

    double dividerPosition() {
        double[] d = inspector.getDividerPositions();
        return d.length > 0 ? d[0] : 0.6;
    }
}
