package tlslens.ui;

import java.nio.file.Path;
import java.util.List;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import tlslens.dissect.tls.decrypt.RsaKeyException;
import tlslens.dissect.tls.decrypt.RsaKeyFile;
import tlslens.dissect.tls.decrypt.RsaServerKey;
import tlslens.ui.decrypt.RsaKeyEntry;

/**
 * fxml/preferences.fxml: the key log file, typed, browsed for or cleared; the RSA keys list, whose
 * entries are checked when added (read in the background: a wrong password, an EC key or a file
 * that is no key is said under the list and not added).
 */
public final class PreferencesController {
    @FXML private TextField keyLogPathField;
    @FXML private ListView<RsaKeyEntry> rsaKeyList;
    @FXML private TextField rsaKeyPathField;
    @FXML private PasswordField rsaKeyPasswordField;
    @FXML private Button rsaKeyAddButton;
    @FXML private Button rsaKeyRemoveButton;
    @FXML private Label rsaKeyMessage;

    @FXML
    private void initialize() {
        rsaKeyList.setCellFactory(v -> new ListCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override protected void updateItem(RsaKeyEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.label());
                if (e != null) tip.setText(e.file().toString());
                setTooltip(empty || e == null ? null : tip);
            }
        });
        rsaKeyRemoveButton.disableProperty().bind(rsaKeyList.getSelectionModel().selectedItemProperty().isNull());
        rsaKeyList.setPlaceholder(new Label("No RSA keys"));
    }

    /** The key log path as shown ("" for none). */
    void setKeyLogPath(String path) { keyLogPathField.setText(path == null ? "" : path); }

    /** The key log path the user left in the field, trimmed ("" for none). */
    String keyLogPath() {
        String t = keyLogPathField.getText();
        return t == null ? "" : t.trim();
    }

    void setRsaKeys(List<RsaKeyEntry> entries) { rsaKeyList.getItems().setAll(entries); }

    /** The RSA keys list as left in the dialog. */
    List<RsaKeyEntry> rsaKeys() { return List.copyOf(rsaKeyList.getItems()); }

    @FXML
    private void onBrowse() {
        FileChooser c = new FileChooser();
        c.setTitle("TLS Key Log File");
        java.io.File f = c.showOpenDialog(keyLogPathField.getScene().getWindow());
        if (f != null) keyLogPathField.setText(f.getAbsolutePath());
    }

    @FXML
    private void onClear() { keyLogPathField.setText(""); }

    @FXML
    private void onBrowseRsaKey() {
        FileChooser c = new FileChooser();
        c.setTitle("Server RSA Private Key");
        c.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Key files (*.pem, *.key, *.p12, *.pfx)", "*.pem", "*.key", "*.p12", "*.pfx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = c.showOpenDialog(rsaKeyPathField.getScene().getWindow());
        if (f != null) rsaKeyPathField.setText(f.getAbsolutePath());
    }

    /** Add: reads the key in the background; adds it when it gives an RSA key, else says why. */
    @FXML
    private void onAddRsaKey() {
        String t = rsaKeyPathField.getText() == null ? "" : rsaKeyPathField.getText().trim();
        if (t.isEmpty()) {
            message("Type or browse for the server's private key file first.", true);
            return;
        }
        Path file = Path.of(t).toAbsolutePath().normalize();
        RsaKeyEntry entry = new RsaKeyEntry(file, rsaKeyPasswordField.getText());
        rsaKeyAddButton.setDisable(true);
        message("Reading " + file.getFileName() + "…", false);
        Background.run(() -> {
            try {
                return RsaKeyFile.read(entry.file(), entry.password());
            } catch (RsaKeyException e) {
                return e;
            }
        }, r -> {
            rsaKeyAddButton.setDisable(false);
            if (r instanceof RsaKeyException e) {
                message(e.getMessage(), true);
                return;
            }
            @SuppressWarnings("unchecked") List<RsaServerKey> keys = (List<RsaServerKey>) r;
            rsaKeyList.getItems().removeIf(e -> e.file().equals(entry.file()));
            rsaKeyList.getItems().add(entry);
            rsaKeyPathField.clear();
            rsaKeyPasswordField.clear();
            RsaServerKey k = keys.get(0);
            message("Added " + file.getFileName() + ": RSA private key, " + k.key().getModulus().bitLength() + " bits"
                    + (keys.size() > 1 ? " (and " + (keys.size() - 1) + " more)" : "") + ".", false);
        }, e -> {
            rsaKeyAddButton.setDisable(false);
            message("Can't read " + file.getFileName() + " (" + e.getClass().getSimpleName() + ")", true);
        });
    }

    @FXML
    private void onRemoveRsaKey() {
        RsaKeyEntry e = rsaKeyList.getSelectionModel().getSelectedItem();
        if (e != null) rsaKeyList.getItems().remove(e);
    }

    private void message(String text, boolean problem) {
        rsaKeyMessage.setText(text);
        rsaKeyMessage.getStyleClass().remove("preferences-problem");
        if (problem) rsaKeyMessage.getStyleClass().add("preferences-problem");
    }
}
