package tlslens.ui;

import java.io.File;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** Menu actions of the main window. Opening only remembers the file until the capture view exists. */
public final class MainWindowController {
    @FXML private Label placeholder;
    private Stage stage;
    private File lastDirectory;

    void setStage(Stage stage) { this.stage = stage; }

    @FXML
    private void onOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Capture File");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Capture files (*.pcap, *.pcapng, *.cap)", "*.pcap", "*.pcapng", "*.cap"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDirectory != null && lastDirectory.isDirectory()) chooser.setInitialDirectory(lastDirectory);
        File file = chooser.showOpenDialog(stage);
        if (file == null) return;
        lastDirectory = file.getParentFile();
        placeholder.setText("Opened " + file.getName() + ".\nThe capture view is not built yet; for now use: "
                + "tlslens -r " + file.getPath());
    }

    @FXML
    private void onQuit() {
        Platform.exit();
    }
}
