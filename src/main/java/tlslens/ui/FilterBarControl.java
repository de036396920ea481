package tlslens.ui;

import java.util.concurrent.atomic.AtomicBoolean;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.FilterBarModel;
import tlslens.ui.model.PacketRow;
import tlslens.ui.model.PacketTableModel;

/**
 * The display filter: applying the bar's text (Enter, the apply button, "Apply as Filter" from the
 * tree or the table) runs a pass over the frames loaded so far in the background; the feed tests
 * frames that arrive later as they are dissected. The selected packet stays selected if it passes.
 */
final class FilterBarControl {
    private final FilterBarModel model;
    private final PacketTableModel table;
    private final OpenCapture capture;
    private final CaptureSessionModel session;
    private final PacketSelector selector;
    private final Dialogs dialogs;
    private final TextField field;
    private AtomicBoolean passCancel = new AtomicBoolean();

    FilterBarControl(FilterBarModel model, PacketTableModel table, OpenCapture capture, CaptureSessionModel session,
            PacketSelector selector, Dialogs dialogs, TextField field) {
        this.model = model;
        this.table = table;
        this.capture = capture;
        this.session = session;
        this.selector = selector;
        this.dialogs = dialogs;
        this.field = field;
        capture.feedProperty().addListener((o, a, b) -> passCancel.set(true));
    }

    private FilterCompletionPopup completion;

    void bind(Label message, Pane underlineLayer) {
        FilterBarView.bind(model, field, message, underlineLayer);
        completion = FilterCompletionPopup.install(field); // its key filter runs before Enter applies
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) apply();
            else if (e.getCode() == KeyCode.ESCAPE) model.revert();
        });
    }

    /** Applies the bar's text; an invalid text is not applied, and the caret goes to the error. */
    void apply() {
        if (model.apply() == null) {
            int pos = model.errorPositionProperty().get();
            field.requestFocus();
            if (pos >= 0) field.positionCaret(Math.min(pos, field.getLength()));
            return;
        }
        run(model.appliedFilter());
    }

    void clear() { applyText(""); }

    FilterCompletionPopup completion() { return completion; }

    /** "Apply as Filter" (tree, table): this text, applied now. */
    void applyText(String text) {
        model.textProperty().set(text);
        apply();
    }

    /** "Prepare as Filter" (tree): this text in the bar, to be edited and applied. */
    void prepareText(String text) {
        model.textProperty().set(text);
        field.requestFocus();
        field.end();
    }

    private void run(DisplayFilter df) {
        passCancel.set(true);
        RowFeed f = capture.feed();
        if (f != null) f.setFilter(df); // before the pass snapshots the frame count
        PacketRow selected = selector.selected();
        if (df == null) {
            table.clearFilter();
            selector.reselect(selected);
            return;
        }
        table.beginFilter(df);
        CaptureIndex idx = f == null ? null : f.index();
        if (idx == null) {
            table.finishFilter(df, new int[0], 0);
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        passCancel = cancel;
        session.messageProperty().set("Filtering…");
        long t0 = System.nanoTime();
        Background.run(() -> {
            int scanned = idx.frameCount();
            // Every core: the connections are tested at once (the helpers at the loader's lower priority);
            // the background pass that completes the expert notes waits meanwhile.
            f.foregroundPass(true);
            try {
                int[] m = idx.matching(df, scanned, Runtime.getRuntime().availableProcessors(), LowPriority::lowerCurrentThread,
                        cancel::get);
                return new Pass(m == null ? new int[0] : m, scanned);
            } finally {
                f.foregroundPass(false);
            }
        }, p -> {
            if (cancel.get()) return;
            table.finishFilter(df, p.matches, p.scanned);
            String applied = String.format("Filter applied in %.0f ms", (System.nanoTime() - t0) / 1e6);
            session.messageProperty().set(df.warning() == null ? applied : applied + ". " + df.warning());
            selector.reselect(selected);
        }, e -> dialogs.error("Filtering failed", String.valueOf(e)));
    }

    /** A pass's matching frame numbers among frames 1..scanned. */
    private record Pass(int[] matches, int scanned) {}
}
