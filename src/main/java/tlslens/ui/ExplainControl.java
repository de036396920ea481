package tlslens.ui;

import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.SplitPane;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.explain.Explainer;
import tlslens.explain.Notes;
import tlslens.ui.controls.FrameInspector;
import tlslens.ui.model.ConnectionsSnapshot;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderNotes;
import tlslens.ui.timeline.HandshakeLadder;

/**
 * The "What is this?" pane beside the detail tree and the bytes: it follows the tree's selected item and
 * the ladder's clicked arrow (shown when the details tab is), and gives each arrow's tooltip its note. The
 * notes are read off the FX thread at start; the connection model is the timeline's current
 * snapshot (empty again when another capture is opened, so no note names another file's connections).
 */
final class ExplainControl {
    /** The pane's first width: a quarter of the window, within what reads well and leaves the tree its room. */
    private static final double MIN_WIDTH = 300, MAX_WIDTH = 380, SHARE = 0.24;

    private final ExplainPane pane = new ExplainPane();
    private final SplitPane split = new SplitPane();
    private java.util.function.Supplier<ConnectionsSnapshot> snapshots = () -> ConnectionsSnapshot.EMPTY;
    private boolean notesLoaded;
    private Explainer explainer;
    private ConnectionsSnapshot explained;
    private FrameDissection frame;
    private ProtoNode node;
    private double divider = 1 - SHARE;
    private boolean placed;

    /** The packet details (tree and bytes) with the pane on their right. */
    Node wrap(Node lower) {
        split.getStyleClass().add("explain-split");
        split.getItems().addAll(lower, pane);
        split.setDividerPositions(divider);
        SplitPane.setResizableWithParent(pane, false);
        split.widthProperty().addListener((o, a, w) -> {
            if (placed || w.doubleValue() <= 0) return;
            placed = true;
            double px = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w.doubleValue() * SHARE));
            divider = 1 - px / w.doubleValue();
            split.setDividerPositions(divider);
        });
        return split;
    }

    void initialize(OpenCapture capture, java.util.function.Supplier<ConnectionsSnapshot> snapshots, FrameInspector inspector,
                    HandshakeLadder ladder, CheckMenuItem toggle) {
        this.snapshots = snapshots;
        Background.run(Notes::get, n -> {
            notesLoaded = true;
            refresh();
        }, e -> pane.show(null));
        capture.feedProperty().addListener((o, a, b) -> {
            frame = null;
            node = null;
            pane.show(null);
        });
        inspector.selectedNodeProperty().addListener((o, a, n) -> {
            node = n;
            if (n != null) refresh();
        });
        ladder.setRowNotes(i -> LadderNotes.text(LadderNotes.of(ladder.getModel(), i, explainer())));
        toggle.setSelected(true);
        toggle.selectedProperty().addListener((o, was, on) -> setShown(on));
    }

    /** The tree now shows {@code fd}: its items are what the pane explains next. */
    void frameShown(FrameDissection fd) {
        frame = fd;
        node = null;
    }

    /** A new connection model: the shown item's sentences are made again from it. */
    void connectionsAnalysed(ConnectionsSnapshot s) { refresh(); }

    /** An arrow of the ladder was clicked: its note at once (the tree item follows once its packet's tree is built). */
    void arrowClicked(LadderModel m, int row) {
        Explainer e = explainer();
        if (e != null) pane.show(LadderNotes.of(m, row, e));
    }

    /** The notes with the timeline's current connection model; null until the notes are read. */
    private Explainer explainer() {
        if (!notesLoaded) return null;
        ConnectionsSnapshot s = snapshots.get();
        if (explainer == null || s != explained) {
            explainer = new Explainer(s.connections());
            explained = s;
        }
        return explainer;
    }

    private void refresh() {
        // Nothing shown, nothing to explain: no Explainer made (a map of every connection, on the FX
        // thread, each time the model is remade while a large file loads).
        if (frame == null || node == null) return;
        Explainer e = explainer();
        if (e != null) pane.show(e.explain(frame, node), true);
    }

    private void setShown(boolean on) {
        if (on == split.getItems().contains(pane)) return;
        if (on) {
            split.getItems().add(pane);
            split.setDividerPositions(divider);
        } else {
            divider = split.getDividerPositions()[0];
            split.getItems().remove(pane);
        }
    }

    ExplainPane pane() { return pane; }
}
