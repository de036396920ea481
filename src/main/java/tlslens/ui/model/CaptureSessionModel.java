package tlslens.ui.model;

import java.time.Duration;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the status bar says about the open capture: its state, the file, and the counters of a
 * load or a live capture. The texts are built here so they can be tested without a screen.
 */
public final class CaptureSessionModel {
    public enum State { EMPTY, LOADING, LOADED, CAPTURING, STOPPING, STOPPED }

    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.EMPTY);
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final StringProperty iface = new SimpleStringProperty(this, "iface", "");
    private final LongProperty total = new SimpleLongProperty(this, "total");
    private final LongProperty shown = new SimpleLongProperty(this, "shown");
    private final LongProperty captured = new SimpleLongProperty(this, "captured");
    private final LongProperty droppedByKernel = new SimpleLongProperty(this, "droppedByKernel");
    private final LongProperty waiting = new SimpleLongProperty(this, "waiting");
    private final ObjectProperty<Duration> elapsed = new SimpleObjectProperty<>(this, "elapsed", Duration.ZERO);
    private final StringProperty warning = new SimpleStringProperty(this, "warning", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringBinding counters;
    private final StringBinding title;

    public CaptureSessionModel() {
        counters = Bindings.createStringBinding(this::countersText, state, total, shown, captured, droppedByKernel,
                waiting, elapsed);
        title = Bindings.createStringBinding(this::titleText, state, file, iface);
    }

    /**
     * The window's title, as Wireshark's names what it shows: "tls-sample.pcapng — TLS Lens",
     * "Capturing from lo — TLS Lens" (a task bar or window list then tells windows apart).
     */
    public StringBinding titleProperty() { return title; }

    private String titleText() {
        if (isCapturing()) return "Capturing from " + iface.get() + " — TLS Lens";
        if (state.get() == State.EMPTY || file.get().isEmpty()) return "TLS Lens";
        return file.get() + " — TLS Lens";
    }

    public ObjectProperty<State> stateProperty() { return state; }
    public State state() { return state.get(); }
    public StringProperty fileProperty() { return file; }
    public StringProperty ifaceProperty() { return iface; }
    public LongProperty totalProperty() { return total; }
    public LongProperty shownProperty() { return shown; }
    public LongProperty capturedProperty() { return captured; }
    public LongProperty droppedByKernelProperty() { return droppedByKernel; }
    /** Packets captured that the dissector has not reached yet (they wait in memory or in the file). */
    public LongProperty waitingProperty() { return waiting; }
    public ObjectProperty<Duration> elapsedProperty() { return elapsed; }
    /** Damage found in a file, a capture error: shown until the next file or capture. */
    public StringProperty warningProperty() { return warning; }
    /** A transient note ("Saved 67 packets to ..."). */
    public StringProperty messageProperty() { return message; }

    /** The counters part of the status bar. */
    public StringBinding countersProperty() { return counters; }

    public boolean isCapturing() { return state.get() == State.CAPTURING || state.get() == State.STOPPING; }

    /** Starts a new file load: counters reset. */
    public void startLoading(String fileName) {
        reset();
        file.set(fileName);
        state.set(State.LOADING);
    }

    public void startCapture(String interfaceName, String fileName) {
        reset();
        iface.set(interfaceName);
        file.set(fileName);
        state.set(State.CAPTURING);
    }

    private void reset() {
        total.set(0);
        shown.set(0);
        captured.set(0);
        droppedByKernel.set(0);
        waiting.set(0);
        elapsed.set(Duration.ZERO);
        warning.set("");
        message.set("");
        iface.set("");
    }

    String countersText() {
        long t = total.get();
        long s = shown.get();
        StringBuilder sb = new StringBuilder();
        switch (state.get()) {
            case EMPTY -> { return "No capture"; }
            case CAPTURING, STOPPING, STOPPED -> {
                sb.append("Captured: ").append(captured.get());
                sb.append(" · Displayed: ").append(s);
                sb.append(" · Dropped (kernel): ").append(droppedByKernel.get());
                if (waiting.get() > 0) sb.append(" · Waiting to be dissected: ").append(waiting.get());
                sb.append(" · ").append(formatElapsed(elapsed.get()));
                if (state.get() == State.STOPPING) sb.append(" · stopping…");
                return sb.toString();
            }
            default -> {
                sb.append("Packets: ").append(t);
                sb.append(" · Displayed: ").append(s);
                if (t > 0 && s != t) sb.append(String.format(" (%.1f%%)", 100.0 * s / t));
                if (state.get() == State.LOADING) sb.append(" · loading…");
                return sb.toString();
            }
        }
    }

    /** "00:01:05" like Wireshark's capture duration. */
    public static String formatElapsed(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
