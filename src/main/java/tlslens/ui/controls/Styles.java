package tlslens.ui.controls;

import java.net.URL;

/** Where the controls' stylesheet is. */
final class Styles {
    private static final String PATH = "/tlslens/ui/controls.css";

    private Styles() {}

    /** The URL of controls.css as a string, or null if the resource is missing. */
    static String controls() {
        URL u = Styles.class.getResource(PATH);
        return u == null ? null : u.toExternalForm();
    }
}
