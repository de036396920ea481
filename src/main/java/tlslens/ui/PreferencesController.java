package tlslens.ui;

import javafx.fxml.FXML;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/** fxml/preferences.fxml: the key log file, typed, browsed for or cleared. */
public final class PreferencesController {
    @FXML private TextField keyLogPathField;

    /** The key log path as shown ("" for none). */
    void setKeyLogPath(String path) { keyLogPathField.setText(path == null ? "" : path); }

    /** The key log path the user left in the field, trimmed ("" for none). */
    String keyLogPath() {
        String t = keyLogPathField.getText();
        return t == null ? "" : t.trim();
    }

    @FXML
    private void onBrowse() {
        FileChooser c = new FileChooser();
        c.setTitle("TLS Key Log File");
        java.io.File f = c.showOpenDialog(keyLogPathField.getScene().getWindow());
        if (f != null) keyLogPathField.setText(f.getAbsolutePath());
    }

    @FXML
    private void onClear() { keyLogPathField.setText(""); }
}
