package tlslens.ui.model;

import java.util.prefs.Preferences;

/** The window's size, position and split-pane dividers, remembered across runs. */
public final class WindowLayout {
    private final Preferences node;

    public WindowLayout(Preferences node) { this.node = node; }

    public double width() { return node.getDouble("width", 1360); }
    public double height() { return node.getDouble("height", 860); }
    /** NaN when never saved (the window is centred). */
    public double x() { return node.getDouble("x", Double.NaN); }
    public double y() { return node.getDouble("y", Double.NaN); }
    public boolean maximized() { return node.getBoolean("maximized", false); }

    /** Divider between the packet table and the inspector, 0..1. */
    public double tableDivider() { return clamp(node.getDouble("tableDivider", 0.48)); }
    /** Divider inside the inspector (tree | bytes), 0..1. */
    public double inspectorDivider() { return clamp(node.getDouble("inspectorDivider", 0.58)); }

    public void saveWindow(double x, double y, double w, double h, boolean max) {
        if (!max) {
            node.putDouble("x", x);
            node.putDouble("y", y);
            node.putDouble("width", Math.max(400, w));
            node.putDouble("height", Math.max(300, h));
        }
        node.putBoolean("maximized", max);
    }

    public void saveDividers(double table, double inspector) {
        node.putDouble("tableDivider", clamp(table));
        node.putDouble("inspectorDivider", clamp(inspector));
    }

    public void flush() {
        try {
            node.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // Not worth bothering the user about.
        }
    }

    private static double clamp(double d) { return Double.isNaN(d) ? 0.5 : Math.max(0.1, Math.min(0.9, d)); }
}
