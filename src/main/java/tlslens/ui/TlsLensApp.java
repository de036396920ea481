package tlslens.ui;

import java.io.IOException;
import java.net.URL;

import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The TLS Lens window. For now an empty main window; the capture view comes later. */
public final class TlsLensApp extends Application {
    static final String TITLE = "TLS Lens";

    @Override
    public void start(Stage stage) throws IOException {
        URL fxml = TlsLensApp.class.getResource("/fxml/main_window.fxml");
        if (fxml == null) throw new IOException("fxml/main_window.fxml is missing from the classpath");
        FXMLLoader loader = new FXMLLoader(fxml);
        Parent root = loader.load();
        MainWindowController controller = loader.getController();
        controller.setStage(stage);
        stage.setTitle(TITLE);
        stage.setScene(new Scene(root, 1000, 700));
        stage.show();
    }
}
