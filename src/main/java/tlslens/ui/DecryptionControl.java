package tlslens.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import tlslens.dissect.tls.decrypt.KeyLogWatcher;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.CaptureIndex;
import tlslens.ui.decrypt.CaptureKeys;
import tlslens.ui.decrypt.EmbeddedKeys;
import tlslens.ui.decrypt.KeyLogSettings;
import tlslens.ui.follow.FollowStreamController;
import tlslens.ui.follow.FollowStreamModel;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.PacketRow;

/**
 * The window's half of decryption (issue 5): the key log setting (File &gt; Load Key Log…,
 * Edit &gt; Preferences), reopening the capture with keys, the key count in the status bar, the
 * key log watched during a live capture, Save As with embedded keys, and Follow TLS Stream.
 * Reading key logs and replaying connections happen in the background; reading the capture again
 * with new keys is the loader's ({@code reopen}).
 */
final class DecryptionControl {
    /** How often the live capture looks at the key log file. */
    static final long WATCH_INTERVAL_NANOS = 250_000_000L;

    private final OpenCapture capture;
    private final CaptureSessionModel session;
    private final PacketSelector selector;
    private final BooleanSupplier reopen;
    private final Dialogs dialogs;
    private final KeyLogSettings settings = new KeyLogSettings(
            Preferences.userRoot().node(System.getProperty("tlslens.prefs", "tlslens") + "/decryption"));
    private final Label status = new Label("No key log");
    private CheckMenuItem embedKeysItem;
    private int reselectAfterLoad;
    private FollowStreamController lastFollow;
    private Stage lastFollowStage;

    /** {@code reopen}: reads the open capture file again with the keys now set; false if there is none. */
    DecryptionControl(OpenCapture capture, CaptureSessionModel session, PacketSelector selector, BooleanSupplier reopen,
            Dialogs dialogs) {
        this.capture = capture;
        this.session = session;
        this.selector = selector;
        this.reopen = reopen;
        this.dialogs = dialogs;
        status.getStyleClass().add("status-keys");
        status.setId("keyStatus");
    }

    /** Adds Follow TLS Stream to the table's context menu; Save As embeds keys while {@code embedKeys} is checked. */
    void initialize(tlslens.ui.controls.PacketTable table, CheckMenuItem embedKeys) {
        this.embedKeysItem = embedKeys;
        if (settings.file() != null) status.setText("Key log: " + settings.file().getFileName());
        MenuItem follow = new MenuItem("Follow TLS Stream");
        follow.setOnAction(e -> followSelected());
        follow.setId("followTlsContextItem");
        ContextMenu menu = table.getContextMenu();
        if (menu == null) table.setContextMenu(menu = new ContextMenu());
        menu.getItems().add(follow);
        session.stateProperty().addListener((o, a, s) -> {
            if (s == State.LOADED && reselectAfterLoad > 0) {
                int n = reselectAfterLoad;
                reselectAfterLoad = 0;
                selector.select(n);
            }
        });
    }

    KeyLogSettings settings() { return settings; }

    /** The key log's state, for the status bar. */
    Label statusLabel() { return status; }

    /** Background (file load): the secrets for this capture; the status bar follows. */
    CaptureKeys keysFor(Path capture) {
        CaptureKeys k = CaptureKeys.load(settings.file(), capture);
        Platform.runLater(() -> showStatus(k.status(), k.problem() != null, k.keys() > 0));
        return k;
    }

    private void showStatus(String text, boolean problem, boolean loaded) {
        status.setText(text);
        status.getStyleClass().removeAll("keys-loaded", "keys-problem");
        if (problem) status.getStyleClass().add("keys-problem");
        else if (loaded) status.getStyleClass().add("keys-loaded");
    }

    // ---- key log setting -------------------------------------------------------------------

    /** File &gt; Load Key Log…: choose a key log; the open capture is dissected again with it. */
    void chooseKeyLog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load TLS Key Log");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Key log files (*.keylog, *.log, *.txt)", "*.keylog", "*.log", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = settings.file();
        if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        java.io.File f = chooser.showOpenDialog(dialogs.owner());
        if (f != null) useKeyLog(f.toPath());
    }

    /** Sets (null: clears) the key log and reopens the capture with it. */
    void useKeyLog(Path file) {
        settings.setFile(file);
        if (file == null) showStatus("No key log", false, false);
        else showStatus("Key log: " + file.getFileName(), false, false);
        reopen();
    }

    /** Dissects the open capture again with the current keys, keeping the selected packet. */
    private void reopen() {
        PacketRow row = selector.selected();
        if (reopen.getAsBoolean()) reselectAfterLoad = row == null ? 0 : row.number();
    }

    /** Edit &gt; Preferences (fxml/preferences.fxml): the key log file (browse, clear). */
    void showPreferences() {
        FXMLLoader loader;
        Parent content;
        try {
            loader = FxmlFile.PREFERENCES.loader();
            content = loader.load();
        } catch (IOException e) {
            dialogs.error("Can't show the preferences", e.getMessage());
            return;
        }
        PreferencesController prefs = loader.getController();
        prefs.setKeyLogPath(settings.fileProperty().get());
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Preferences");
        d.setHeaderText("TLS decryption");
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Window owner = dialogs.owner();
        if (owner != null && owner.getScene() != null) d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        if (owner != null) d.initOwner(owner);
        d.setResultConverter(b -> b);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            String t = prefs.keyLogPath();
            Path p = t.isEmpty() ? null : Path.of(t);
            if (!java.util.Objects.equals(p == null ? null : p.toAbsolutePath().normalize(), settings.file())) useKeyLog(p);
        });
    }

    // ---- live capture ----------------------------------------------------------------------

    /** The keys of a live capture: the key log file, watched for lines appended while capturing. */
    final class LiveKeys {
        private final TlsSecrets secrets;
        private final KeyLogWatcher watcher;
        private final Path file;
        private long lastPoll;

        LiveKeys(Path file) {
            this.file = file;
            this.secrets = file == null ? null : new TlsSecrets();
            this.watcher = file == null ? null : new KeyLogWatcher(file, secrets);
        }

        TlsSecrets secrets() { return secrets; }

        /**
         * Capture thread: looks at the file at most every 250 ms; new keys apply from then on, and
         * the connections they open are dissected again at once (on this thread, between two
         * frames, so the live dissection goes on in order from their new state).
         */
        void poll(RowFeed feed) {
            if (watcher == null) return;
            long now = System.nanoTime();
            if (lastPoll != 0 && now - lastPoll < WATCH_INTERVAL_NANOS) return;
            lastPoll = now;
            if (!watcher.poll()) return;
            feed.rekey(false);
            int keys = secrets.keyLog().size();
            int skipped = watcher.skipped();
            String text = CaptureKeys.text(file, keys, 0, 0, skipped, null) + " (watching)";
            Platform.runLater(() -> showStatus(text, false, keys > 0));
        }
    }

    /** Called when a live capture starts (on the FX thread; the first read happens on the capture thread). */
    LiveKeys live() {
        Path f = settings.file();
        if (f != null) showStatus("Watching " + f.getFileName() + " for keys", false, false);
        return new LiveKeys(f);
    }

    // ---- Save As with keys -----------------------------------------------------------------

    /** True when Save As should embed the shown connections' keys (pcapng only; off by default). */
    boolean embedKeys() { return embedKeysItem != null && embedKeysItem.isSelected(); }

    /** Background: the key log lines of the connections whose packets are shown. */
    static String keysOfShown(CaptureIndex index, java.util.List<PacketRow> shown) {
        Set<Integer> streams = new LinkedHashSet<>();
        for (PacketRow r : shown) if (r.summary().tcpStream() >= 0) streams.add(r.summary().tcpStream());
        return EmbeddedKeys.linesFor(index, streams);
    }

    // ---- Follow TLS Stream -----------------------------------------------------------------

    /** Opens the decrypted conversation of the selected packet's connection in its own window. */
    void followSelected() {
        PacketRow row = selector.selected();
        CaptureIndex idx = capture.index();
        if (row == null || idx == null) {
            session.messageProperty().set("Select a packet of a TLS connection to follow its stream.");
            return;
        }
        int stream = row.summary().tcpStream();
        session.messageProperty().set("Following TLS stream " + stream + "…");
        Background.run(() -> stream < 0 ? FollowStreamModel.notTls(stream) : FollowStreamModel.of(stream, idx.followTls(stream)),
                m -> {
                    session.messageProperty().set("");
                    showFollow(m);
                }, e -> dialogs.error("Can't follow the TLS stream", e.getClass().getSimpleName()));
    }

    private void showFollow(FollowStreamModel m) {
        try {
            FXMLLoader loader = FxmlFile.FOLLOW_STREAM.loader();
            Parent root = loader.load();
            FollowStreamController c = loader.getController();
            c.show(m);
            c.setOnGoToFrame(n -> selector.select((int) n));
            Stage s = new Stage();
            s.setTitle(m.title() + " — TLS Lens");
            Scene scene = new Scene(root);
            Window owner = dialogs.owner();
            if (owner != null && owner.getScene() != null) scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            s.setScene(scene);
            if (owner != null) s.initOwner(owner);
            s.show();
            lastFollow = c;
            lastFollowStage = s;
        } catch (IOException e) {
            dialogs.error("Can't show the TLS stream", e.getMessage());
        }
    }

    /** For tests: the last Follow TLS Stream window opened. */
    FollowStreamController lastFollow() { return lastFollow; }

    Stage lastFollowStage() { return lastFollowStage; }
}
