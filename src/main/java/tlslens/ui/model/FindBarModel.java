package tlslens.ui.model;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Edit &gt; Find Packet and Edit &gt; Go to Packet: which of the two bars is open (one at a time),
 * and what each says about the last request.
 */
public final class FindBarModel {
    public enum Bar { NONE, FIND, GO_TO }

    private final ObjectProperty<Bar> open = new SimpleObjectProperty<>(this, "open", Bar.NONE);
    private final StringProperty findMessage = new SimpleStringProperty(this, "findMessage", "");
    private final StringProperty goToMessage = new SimpleStringProperty(this, "goToMessage", "");

    public ObjectProperty<Bar> openProperty() { return open; }

    public StringProperty findMessageProperty() { return findMessage; }

    public StringProperty goToMessageProperty() { return goToMessage; }

    /** Opens {@code bar}, closing the other one. */
    public void show(Bar bar) { open.set(bar); }

    /** Closes {@code bar} if it is open. */
    public void close(Bar bar) {
        if (open.get() == bar) open.set(Bar.NONE);
    }

    // ---- find ------------------------------------------------------------------------------

    /**
     * The query for the find bar's text, or null (and the message says why) when there is
     * nothing to search or the text is not a valid query of its mode.
     */
    public FindQuery query(FindQuery.Mode mode, String text, boolean captureOpen, int rowsShown) {
        if (!captureOpen) {
            findMessage.set("Nothing to search: open a capture first.");
            return null;
        }
        FindQuery q;
        try {
            q = FindQuery.parse(mode, text);
        } catch (IllegalArgumentException e) {
            findMessage.set(e.getMessage());
            return null;
        }
        if (rowsShown == 0) {
            findMessage.set("No packets shown.");
            return null;
        }
        findMessage.set("Searching…");
        return q;
    }

    /** The search ended: {@code frame} found, or -1 for none. */
    public void found(int frame) { findMessage.set(frame < 0 ? "No packet matched." : "Found packet " + frame + "."); }

    public void searchFailed(Throwable e) { findMessage.set("Search failed: " + e.getMessage()); }

    // ---- go to -----------------------------------------------------------------------------

    /**
     * The frame number typed in the go-to bar, if {@code table} has that frame; otherwise -1 and
     * the message says why.
     */
    public int goToTarget(String text, PacketTableModel table) { return goToTarget(text, true, table); }

    /** As {@link #goToTarget(String, PacketTableModel)}; {@code captureOpen}: a file or a capture is shown. */
    public int goToTarget(String text, boolean captureOpen, PacketTableModel table) {
        if (!captureOpen) {
            goToMessage.set("There is no capture open: open a file or start a capture first.");
            return -1;
        }
        int n;
        try {
            n = Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            goToMessage.set("Enter a packet number.");
            return -1;
        }
        if (table.row(n) == null) {
            if (table.total() == 0) {
                goToMessage.set("There are no packets yet.");
                return -1;
            }
            goToMessage.set("There is no packet " + n + " (1–" + table.total() + ").");
            return -1;
        }
        return n;
    }

    /** Going to frame {@code n} selected it, or found it hidden by the display filter. */
    public void wentTo(int n, boolean selected) {
        goToMessage.set(selected ? "" : "Packet " + n + " is hidden by the display filter.");
    }
}
