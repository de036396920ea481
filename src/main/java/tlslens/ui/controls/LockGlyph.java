package tlslens.ui.controls;

import javafx.scene.shape.SVGPath;

/**
 * The padlock of what travelled encrypted: the ladder's arrows and the packet list's Info cell keep it
 * once a key log has decrypted the message, because that it was encrypted is what a TLS 1.3 lesson shows.
 */
public final class LockGlyph {
    /** A 10x12 padlock: shackle and body. */
    private static final String PATH = "M2 6V4a3 3 0 0 1 6 0v2h1v6H1V6h1zm1.5 0h3V4a1.5 1.5 0 0 0-3 0v2z";

    private LockGlyph() {}

    /** A new padlock node with the given style class. */
    public static SVGPath create(String styleClass) {
        SVGPath lock = new SVGPath();
        lock.setContent(PATH);
        lock.getStyleClass().add(styleClass);
        return lock;
    }
}
