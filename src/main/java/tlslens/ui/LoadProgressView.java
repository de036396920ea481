package tlslens.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import tlslens.ui.model.LoadProgressText;

/**
 * The status bar's progress while a file loads: a bar of the bytes read, "34 of 221 MB · 150,000
 * packets · 12 s left", and Cancel (stops reading and keeps what was read). Hidden otherwise.
 * Redrawn from the pulse, at most four times a second (a label's new text costs a layout).
 */
final class LoadProgressView {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final ProgressBar bar = new ProgressBar(0);
    private final Label text = new Label();
    private final Button cancel = new Button("Cancel");
    private final HBox box = new HBox(6, bar, text, cancel);
    private LoadProgress shown;
    private long lastDrawn;

    LoadProgressView() {
        box.getStyleClass().add("load-progress");
        box.setAlignment(Pos.CENTER_LEFT);
        bar.setPrefWidth(110);
        bar.setId("loadProgressBar");
        text.setId("loadProgressText");
        text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancel.setId("loadCancelButton");
        // The status bar squeezes its items on a narrow window: the button keeps its word, the box its parts.
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancel.setFocusTraversable(false);
        cancel.setOnAction(e -> {
            if (shown != null) shown.requestStop();
            cancel.setDisable(true);
        });
        cancel.setTooltip(new javafx.scene.control.Tooltip("Stop reading the file; the packets read so far stay"));
        show(false);
    }

    Node node() { return box; }

    /** FX thread, every pulse: {@code p} is the load the window shows (null when none). */
    void pulse(long now, LoadProgress p) {
        boolean active = p != null && !p.done();
        if (!active) {
            if (shown != null) {
                shown = null;
                show(false);
            }
            return;
        }
        if (p != shown) {
            shown = p;
            cancel.setDisable(false);
            show(true);
            lastDrawn = 0;
        }
        if (now - lastDrawn < REDRAW_NANOS) return;
        lastDrawn = now;
        bar.setProgress(LoadProgressText.fraction(p.bytes(), p.totalBytes));
        text.setText(p.stopRequested() ? "Stopping…"
                : LoadProgressText.of(p.bytes(), p.totalBytes, p.packets(), System.nanoTime() - p.startNanos));
    }

    private void show(boolean on) {
        box.setVisible(on);
        box.setManaged(on);
    }
}
