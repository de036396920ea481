package tlslens.ui.model;

import java.util.prefs.Preferences;

/**
 * The window's place and split-pane dividers, remembered across runs. The place is remembered per
 * screen (keyed by the screen's bounds: a laptop alone and the same laptop with a monitor are two
 * places) and given back only while it is still visible there; otherwise the window opens at a
 * size that fits the screen's visible area, centred in it.
 */
public final class WindowLayout {
    /** The size the window opens at on a screen that has room for it. */
    static final double DEFAULT_WIDTH = 1360;
    static final double DEFAULT_HEIGHT = 860;
    /** Of the screen's visible area, what a first window takes at most. */
    static final double DEFAULT_SHARE = 0.92;
    /** How much of a remembered window (its title bar) must be on the screen for it to be given back. */
    static final double MIN_VISIBLE_WIDTH = 200;
    static final double MIN_VISIBLE_HEIGHT = 60;

    /** A rectangle in screen coordinates. */
    public record Box(double x, double y, double width, double height) {
        /** "1366x768+0+0": a screen's bounds as a preferences key. */
        String key() { return String.format("%.0fx%.0f%+.0f%+.0f", width, height, x, y).replace('+', '_'); }

        double overlapWidth(Box o) { return Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x)); }

        double overlapHeight(Box o) { return Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y)); }
    }

    /** Where and how large the window opens. */
    public record Placement(Box box, boolean maximized) {}

    private final Preferences node;

    public WindowLayout(Preferences node) { this.node = node; }

    /**
     * The window's place on a screen whose bounds are {@code screen} and whose visible area
     * (without task bars and docks) is {@code visible}: the one remembered for that screen if its
     * title bar is still visible, clipped to the visible area; else a size that fits, centred.
     */
    public Placement placement(Box screen, Box visible) {
        Placement saved = saved(screen, visible);
        if (saved != null) return saved;
        boolean max = screenNode(screen).getBoolean("maximized", false);
        double fw = Math.min(DEFAULT_WIDTH, Math.floor(visible.width() * DEFAULT_SHARE));
        double fh = Math.min(DEFAULT_HEIGHT, Math.floor(visible.height() * DEFAULT_SHARE));
        return new Placement(new Box(visible.x() + Math.floor((visible.width() - fw) / 2),
                visible.y() + Math.floor((visible.height() - fh) / 2), fw, fh), max);
    }

    /** True when the window was last closed on the screen whose bounds are {@code screen}. */
    public boolean wasLastOn(Box screen) { return screen.key().equals(node.get("lastScreen", "")); }

    /** The place remembered for that screen, clipped to its visible area; null when none, or when no longer visible. */
    public Placement saved(Box screen, Box visible) {
        Preferences p = screenNode(screen);
        double w = p.getDouble("width", Double.NaN);
        double h = p.getDouble("height", Double.NaN);
        double x = p.getDouble("x", Double.NaN);
        double y = p.getDouble("y", Double.NaN);
        boolean max = p.getBoolean("maximized", false);
        if (!Double.isNaN(w) && !Double.isNaN(h) && !Double.isNaN(x) && !Double.isNaN(y)) {
            Box saved = new Box(x, y, w, h);
            Box titleBar = new Box(x, y, w, Math.min(h, MIN_VISIBLE_HEIGHT));
            if (titleBar.overlapWidth(visible) >= Math.min(w, MIN_VISIBLE_WIDTH)
                    && titleBar.overlapHeight(visible) >= Math.min(h, MIN_VISIBLE_HEIGHT) / 2) {
                return new Placement(fit(saved, visible), max);
            }
        }
        return null;
    }

    /** {@code b} made no larger than {@code area} and moved inside it. */
    static Box fit(Box b, Box area) {
        double w = Math.min(b.width(), area.width());
        double h = Math.min(b.height(), area.height());
        double x = Math.max(area.x(), Math.min(b.x(), area.x() + area.width() - w));
        double y = Math.max(area.y(), Math.min(b.y(), area.y() + area.height() - h));
        return new Box(x, y, w, h);
    }

    /** Divider between the packet table and the inspector, 0..1. */
    public double tableDivider() { return clamp(node.getDouble("tableDivider", 0.48)); }
    /** Divider inside the inspector (tree | bytes), 0..1. */
    public double inspectorDivider() { return clamp(node.getDouble("inspectorDivider", 0.58)); }

    /** Remembers the window's place on the screen whose bounds are {@code screen}. */
    public void saveWindow(Box screen, double x, double y, double w, double h, boolean max) {
        Preferences p = screenNode(screen);
        if (!max) {
            p.putDouble("x", x);
            p.putDouble("y", y);
            p.putDouble("width", Math.max(400, w));
            p.putDouble("height", Math.max(300, h));
        }
        p.putBoolean("maximized", max);
        node.put("lastScreen", screen.key());
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

    private Preferences screenNode(Box screen) { return node.node("screen-" + screen.key()); }

    private static double clamp(double d) { return Double.isNaN(d) ? 0.5 : Math.max(0.1, Math.min(0.9, d)); }
}
