package tlslens.ui.timeline;

import java.net.URL;
import java.util.Set;
import java.util.function.IntConsumer;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderStepper;

/**
 * A ladder diagram of one connection's handshake: client and server lifelines, one arrow per
 * handshake message with its name, size and time since the ClientHello, flights shaded, encrypted
 * messages with a lock, ChangeCipherSpec and alerts drawn apart, ghosts where a resumption skipped
 * messages, and a banner naming the connection that issued the resumed session. Drawn by
 * {@link HandshakeLadderSkin} from a {@link LadderModel}; styled by timeline.css
 * (.handshake-ladder, .ladder-row.ghost, .ladder-row:highlighted, ...).
 */
public final class HandshakeLadder extends Control {
    private static final String CSS = "/tlslens/ui/timeline.css";

    private final ObjectProperty<LadderModel> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Set<Long>> highlightedFrames = new SimpleObjectProperty<>(this, "highlightedFrames", Set.of());
    private final ObjectProperty<IntConsumer> onRowClicked = new SimpleObjectProperty<>(this, "onRowClicked");
    private final ObjectProperty<IntConsumer> onOpenConnection = new SimpleObjectProperty<>(this, "onOpenConnection");
    private final ObjectProperty<IntConsumer> onCompare = new SimpleObjectProperty<>(this, "onCompare");
    /** What row i's message is for, appended to its tooltip; null for none. */
    private final ObjectProperty<java.util.function.IntFunction<String>> rowNotes = new SimpleObjectProperty<>(this, "rowNotes");
    /** The connection "Compare with" offers (null: no link), and whether it is the proven origin. */
    private final ObjectProperty<Integer> compareTarget = new SimpleObjectProperty<>(this, "compareTarget");
    private final ObjectProperty<Boolean> compareProven = new SimpleObjectProperty<>(this, "compareProven", Boolean.TRUE);

    /** How many rows are drawn (step-through); the rest keep their place, hidden. */
    private final IntegerProperty revealedRows = new SimpleIntegerProperty(this, "revealedRows", Integer.MAX_VALUE);
    private final ObjectProperty<java.util.function.Consumer<LadderStepper.Move>> onStep =
            new SimpleObjectProperty<>(this, "onStep");

    public HandshakeLadder() {
        getStyleClass().add("handshake-ladder");
        setFocusTraversable(true);
        // A filter: the scroll pane inside would take the arrows, Home and End to scroll.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            LadderStepper.Move move = switch (e.getCode()) {
                case SPACE, RIGHT -> LadderStepper.Move.NEXT;
                case LEFT -> LadderStepper.Move.PREVIOUS;
                case HOME -> LadderStepper.Move.FIRST;
                case END -> LadderStepper.Move.ALL;
                default -> null;
            };
            if (move == null || onStep.get() == null || getModel() == null || e.isShortcutDown() || e.isAltDown()) return;
            onStep.get().accept(move);
            e.consume();
        });
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> requestFocus());
    }

    /** Rows drawn: the first {@code n} (step-through); {@link Integer#MAX_VALUE} for all. */
    public IntegerProperty revealedRowsProperty() { return revealedRows; }

    public void setRevealedRows(int n) { revealedRows.set(n); }

    public int getRevealedRows() { return revealedRows.get(); }

    /** Called with a step-through key's move (Space / →, ←, Home, End) while the ladder has the focus. */
    public ObjectProperty<java.util.function.Consumer<LadderStepper.Move>> onStepProperty() { return onStep; }

    public void setOnStep(java.util.function.Consumer<LadderStepper.Move> c) { onStep.set(c); }

    @Override
    protected Skin<?> createDefaultSkin() { return new HandshakeLadderSkin(this); }

    @Override
    public String getUserAgentStylesheet() { return stylesheet(); }

    /** timeline.css, for panes that hold the timeline's controls. */
    public static String stylesheet() {
        URL u = HandshakeLadder.class.getResource(CSS);
        return u == null ? null : u.toExternalForm();
    }

    public ObjectProperty<LadderModel> modelProperty() { return model; }

    public LadderModel getModel() { return model.get(); }

    public void setModel(LadderModel m) { model.set(m); }

    /** Frames whose arrows are drawn highlighted (the packet selected in the table). */
    public ObjectProperty<Set<Long>> highlightedFramesProperty() { return highlightedFrames; }

    public void setHighlightedFrames(Set<Long> frames) { highlightedFrames.set(frames == null ? Set.of() : Set.copyOf(frames)); }

    public Set<Long> getHighlightedFrames() { return highlightedFrames.get(); }

    /** Called with the model row index when an arrow (not a ghost) is clicked. */
    public ObjectProperty<IntConsumer> onRowClickedProperty() { return onRowClicked; }

    public void setOnRowClicked(IntConsumer c) { onRowClicked.set(c); }

    /** Called with a connection index when the banner's link is clicked. */
    public ObjectProperty<IntConsumer> onOpenConnectionProperty() { return onOpenConnection; }

    public void setOnOpenConnection(IntConsumer c) { onOpenConnection.set(c); }

    /** Called with the connection to compare with when "Compare with #n" is clicked. */
    public ObjectProperty<IntConsumer> onCompareProperty() { return onCompare; }

    /** The note of each row's message, for its tooltip (read when the rows are drawn). */
    public ObjectProperty<java.util.function.IntFunction<String>> rowNotesProperty() { return rowNotes; }

    public void setRowNotes(java.util.function.IntFunction<String> notes) { rowNotes.set(notes); }

    public void setOnCompare(IntConsumer c) { onCompare.set(c); }

    public ObjectProperty<Integer> compareTargetProperty() { return compareTarget; }

    public ObjectProperty<Boolean> compareProvenProperty() { return compareProven; }

    public void setCompareTarget(Integer index, boolean proven) {
        compareProven.set(proven);
        compareTarget.set(index);
    }

    /** The whole diagram (title, banner, ladder) as an image, also the parts scrolled out of view. */
    public WritableImage snapshotDiagram() {
        return getSkin() instanceof HandshakeLadderSkin s ? s.snapshotContent() : null;
    }

    /** Scrolls the diagram so row {@code i} is in view. */
    public void scrollToRow(int i) {
        if (getSkin() instanceof HandshakeLadderSkin s && s.rowNode(i) != null) s.reveal(s.rowNode(i));
    }

    /** The node of row {@code i} (for tests and the scroll-to-highlight), or null. */
    public Node rowNode(int i) {
        return getSkin() instanceof HandshakeLadderSkin s ? s.rowNode(i) : null;
    }
}
