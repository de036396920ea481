package tlslens.ui;

import java.io.IOException;
import java.net.URL;

import javafx.fxml.FXMLLoader;

/** The window's FXML files (the top-level fxml/ folder, on the classpath as /fxml/), each with its controller. */
public enum FxmlFile {
    MAIN_WINDOW("main_window.fxml"),
    FOLLOW_STREAM("follow_stream.fxml"),
    PREFERENCES("preferences.fxml"),
    COLOURING_RULES("colouring_rules.fxml");

    private final String name;

    FxmlFile(String name) { this.name = name; }

    /** A loader for this file; a clear message when a broken build left it out. */
    public FXMLLoader loader() throws IOException {
        URL url = FxmlFile.class.getResource("/fxml/" + name);
        if (url == null) throw new IOException("fxml/" + name + " is missing from the classpath");
        return new FXMLLoader(url);
    }
}
