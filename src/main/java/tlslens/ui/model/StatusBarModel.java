package tlslens.ui.model;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import tlslens.ui.model.CaptureSessionModel.State;

/**
 * The texts of the status bar and of the empty table, made from the capture session and the
 * table's rows; the session's counters follow the table.
 */
public final class StatusBarModel {
    private final StringBinding fileText;
    private final StringBinding statusText;
    private final BooleanBinding warning;
    private final StringBinding placeholderText;
    private final StringBinding countersText;

    public StatusBarModel(CaptureSessionModel session, PacketTableModel table) {
        table.shownCountProperty().addListener((o, a, n) -> session.shownProperty().set(n.longValue()));
        table.totalProperty().addListener((o, a, n) -> session.totalProperty().set(n.longValue()));
        fileText = Bindings.createStringBinding(() -> {
            String f = session.fileProperty().get();
            if (f == null || f.isEmpty()) return "Ready";
            String iface = session.ifaceProperty().get();
            return (iface.isEmpty() ? "" : iface + " → ") + f;
        }, session.fileProperty(), session.ifaceProperty());
        warning = Bindings.createBooleanBinding(() -> !isBlank(session.warningProperty().get()), session.warningProperty());
        statusText = Bindings.createStringBinding(() -> {
            String w = session.warningProperty().get();
            return !isBlank(w) ? "⚠ " + w : session.messageProperty().get();
        }, session.warningProperty(), session.messageProperty());
        countersText = session.countersProperty();
        placeholderText = Bindings.createStringBinding(() -> {
            if (table.filteringProperty().get()) return "Filtering…";
            if (session.state() == State.LOADING) return "Loading…";
            if (session.isCapturing()) return "Waiting for packets…";
            return table.total() > 0 ? "No packets match the display filter" : "No packets";
        }, table.filteringProperty(), session.stateProperty(), table.totalProperty());
    }

    /** "Ready", the file's name, or "interface → file" during a capture. */
    public StringBinding fileTextProperty() { return fileText; }

    /** Packets loaded and shown, or a capture's counters. */
    public StringBinding countersTextProperty() { return countersText; }

    /** The warning (marked ⚠) while there is one, else the last message. */
    public StringBinding statusTextProperty() { return statusText; }

    /** True while the session has a warning (the bar turns to its warning colour). */
    public BooleanBinding warningProperty() { return warning; }

    /** What the packet table says when it shows no row. */
    public StringBinding placeholderTextProperty() { return placeholderText; }

    private static boolean isBlank(String s) { return s == null || s.isEmpty(); }
}
