package tlslens.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
import tlslens.analysis.Connection;
import tlslens.dissect.tls.decrypt.KeyLogWatcher;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.CaptureIndex;
import tlslens.ui.decrypt.CaptureKeys;
import tlslens.ui.decrypt.EmbeddedKeys;
import tlslens.ui.decrypt.KeyLogSettings;
import tlslens.ui.decrypt.RsaKeyBeside;
import tlslens.ui.decrypt.RsaKeyEntry;
import tlslens.ui.decrypt.RsaKeySettings;
import tlslens.ui.follow.FollowStreamController;
import tlslens.ui.follow.FollowStreamModel;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.ConnectionsSnapshot;
import tlslens.ui.model.DecryptionTally;
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
    private final RsaKeySettings rsaKeys = new RsaKeySettings(
            Preferences.userRoot().node(System.getProperty("tlslens.prefs", "tlslens") + "/decryption"));
    private final Label status = new Label("No key log");

    {
        // One tooltip with the whole text, whatever it grows to: the status bar cuts a long verdict.
        status.setTooltip(StatusBarView.tooltip(status));
    }
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
        capture.feedProperty().addListener((o, a, b) -> lastModel = null);
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

    RsaKeySettings rsaKeys() { return rsaKeys; }

    /** The key log's state, for the status bar. */
    Label statusLabel() { return status; }

    /** Background (file load): the secrets for this capture, with those its reader found in it; the status bar follows. */
    CaptureKeys keysFor(Path capture, List<String> embeddedKeyLogs) {
        CaptureKeys k = CaptureKeys.load(settings.file(), rsaKeys.entries(), capture, embeddedKeyLogs);
        Path beside = RsaKeyBeside.find(capture);
        Platform.runLater(() -> {
            showStatus(k.status(), k.problem() != null, k.keys());
            offerKeyBeside(beside);
        });
        return k;
    }

    /**
     * A server key saved beside the capture (the lesson lab's NAME-rsa-key.pem) that is not in the
     * RSA keys list: a link after the key status offers it; the capture stays as it is until clicked.
     */
    private void offerKeyBeside(Path key) {
        boolean listed = key != null && rsaKeys.entries().stream().anyMatch(e -> e.file().equals(key));
        if (key == null || listed) {
            status.setGraphic(null);
            return;
        }
        javafx.scene.control.Hyperlink use = new javafx.scene.control.Hyperlink("Use the RSA key beside the capture ("
                + key.getFileName() + ")");
        use.setId("rsaKeyBesideLink");
        use.setFocusTraversable(false);
        use.setOnAction(e -> {
            status.setGraphic(null);
            List<RsaKeyEntry> entries = new ArrayList<>(rsaKeys.entries());
            entries.add(new RsaKeyEntry(key, ""));
            useRsaKeys(entries);
        });
        status.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        status.setGraphic(use);
    }

    /** The key log's own state (the text before a verdict on the connections). */
    private String baseText = "No key log";
    private boolean baseProblem;
    private int keysShown;

    private void showStatus(String text, boolean problem, int keys) {
        baseText = text;
        baseProblem = problem;
        keysShown = keys;
        status.setText(text);
        status.getStyleClass().removeAll("keys-loaded", "keys-problem");
        if (problem) status.getStyleClass().add("keys-problem");
        else if (keys > 0) status.getStyleClass().add("keys-loaded");
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

    /**
     * Sets (null: clears) the key log; the open capture's TLS connections are dissected again with
     * it in place (the rows, the open side-by-side tabs, the selected packet and the scroll
     * position stay), or the capture is read again when that can't be done (nothing indexed yet).
     */
    void useKeyLog(Path file) {
        settings.setFile(file);
        if (file == null) showStatus("No key log", false, 0);
        else showStatus("Key log: " + file.getFileName(), false, 0);
        if (!rekeyInPlace()) reopen();
    }

    /**
     * Sets the RSA keys list (Preferences); the open capture's connections are dissected again with
     * it in place, as for a key log.
     */
    void useRsaKeys(List<RsaKeyEntry> entries) {
        rsaKeys.setEntries(entries);
        if (!rekeyInPlace()) reopen();
    }

    /** Background: the open file's keys again, and its TLS connections dissected with them. */
    private boolean rekeyInPlace() {
        RowFeed feed = capture.feed();
        Path source = capture.file();
        CaptureIndex idx = feed == null ? null : feed.index();
        if (idx == null || source == null || session.isCapturing()) return false;
        Path keyLog = settings.file();
        List<RsaKeyEntry> rsa = rsaKeys.entries();
        Background.run(() -> {
            CaptureKeys k = CaptureKeys.load(keyLog, rsa, source);
            idx.useSecrets(k.secrets());
            feed.rekey(true);
            return k;
        }, k -> {
            if (capture.feed() == feed) showKeys(k);
        }, e -> dialogs.error("Can't use the key log", e.getClass().getSimpleName()));
        return true;
    }

    private void showKeys(CaptureKeys k) {
        showStatus(k.status(), k.problem() != null, k.keys());
        if (lastModel != null) connectionsAnalysed(lastModel); // already rebuilt with these keys; else the next one says
    }

    private ConnectionsSnapshot lastModel;

    // ---- whether the keys decrypted anything -----------------------------------------------

    /**
     * The connection model was rebuilt: a key log whose keys did not decrypt their connection
     * (wrong secrets: records fail to authenticate), or that matches no connection at all, is said
     * in the status bar in the warning colour, after the key count.
     */
    void connectionsAnalysed(ConnectionsSnapshot s) {
        lastModel = s;
        String verdict = verdict(s.decryptionTally(), keysShown);
        String text = verdict == null ? baseText : baseText + " \u2014 " + verdict;
        if (text.equals(status.getText())) return;
        status.setText(text);
        status.getStyleClass().removeAll("keys-loaded", "keys-problem");
        if (verdict != null || baseProblem) status.getStyleClass().add("keys-problem");
        else if (keysShown > 0) status.getStyleClass().add("keys-loaded");
    }

    /**
     * "Keys for connection #2 did not decrypt it (line 5 of keys.log)" when a connection's records
     * did not authenticate with the keys found for it; "None of the 12 keys matches a connection"
     * when connections stayed encrypted for want of keys and no key was used; null otherwise.
     */
    static String verdict(List<Connection> connections, int keys) { return verdict(DecryptionTally.of(connections), keys); }

    /** As above, from the model's tally (made with it, off the FX thread). */
    static String verdict(DecryptionTally t, int keys) {
        List<Connection> failed = t.failed();
        boolean used = t.used(), encrypted = t.encrypted(), forwardSecret = t.forwardSecret(), rsaUnmatched = t.rsaUnmatched();
        if (!failed.isEmpty()) {
            Connection c = failed.get(0);
            var d = c.decryption();
            String origin = d.keyOrigin();
            // Most of it opened (a QUIC connection's stray packet, as tshark shows it too): say how much did not.
            String what = d.recordsDecrypted() == 0 ? "it"
                    : d.recordsFailed() + " of its " + (d.recordsDecrypted() + d.recordsFailed())
                    + (c.transport() == tlslens.engine.Transport.QUIC ? " protected packets" : " records");
            return "Keys for connection " + c.label() + " did not decrypt " + what + (origin == null ? "" : " (" + origin + ")")
                    + (failed.size() > 1 ? ", nor " + (failed.size() - 1) + " other connection" + (failed.size() > 2 ? "s" : "") : "");
        }
        if (keys > 0 && encrypted && !used && rsaUnmatched) {
            return "The RSA key matches no server certificate of this capture";
        }
        if (keys > 0 && encrypted && !used && forwardSecret) {
            return "The RSA key opens no connection here: they used (EC)DHE, whose secret never crossed the wire (forward secrecy)";
        }
        if (keys > 0 && encrypted && !used) {
            return "None of the " + keys + " key" + (keys == 1 ? "" : "s") + " matches a connection of this capture";
        }
        return null;
    }

    /** Dissects the open capture again with the current keys, keeping the selected packet. */
    private void reopen() {
        PacketRow row = selector.selected();
        if (reopen.getAsBoolean()) reselectAfterLoad = row == null ? 0 : row.number();
    }

    /** Edit &gt; Preferences (fxml/preferences.fxml): the key log file (browse, clear) and the RSA keys list. */
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
        prefs.setRsaKeys(rsaKeys.entries());
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
            boolean rsaChanged = !prefs.rsaKeys().equals(rsaKeys.entries());
            if (rsaChanged) rsaKeys.setEntries(prefs.rsaKeys());
            if (!java.util.Objects.equals(p == null ? null : p.toAbsolutePath().normalize(), settings.file())) useKeyLog(p);
            else if (rsaChanged && !rekeyInPlace()) reopen();
        });
    }

    // ---- live capture ----------------------------------------------------------------------

    /** The keys of a live capture: the key log file, watched for lines appended while capturing. */
    final class LiveKeys {
        private final TlsSecrets secrets;
        private final KeyLogWatcher watcher;
        private final Path file;
        private long lastPoll;

        private List<RsaKeyEntry> rsaToLoad;

        LiveKeys(Path file, List<RsaKeyEntry> rsa) {
            this.file = file;
            this.secrets = file == null && rsa.isEmpty() ? null : new TlsSecrets();
            this.watcher = file == null ? null : new KeyLogWatcher(file, secrets);
            this.rsaToLoad = rsa.isEmpty() ? null : rsa;
        }

        TlsSecrets secrets() { return secrets; }

        /**
         * Capture thread: looks at the file at most every 250 ms; new keys apply from then on, and
         * the connections they open are dissected again at once (on this thread, between two
         * frames, so the live dissection goes on in order from their new state).
         */
        void poll(RowFeed feed) {
            if (rsaToLoad != null) {
                // the RSA keys list, read once on the capture thread (a bad file is said in the status bar)
                CaptureKeys k = CaptureKeys.load(null, rsaToLoad, null);
                rsaToLoad = null;
                if (k.secrets() != null) secrets.addRsaKeys(k.secrets().rsaKeys().all());
                if (watcher == null) Platform.runLater(() -> showStatus(k.status(), k.problem() != null, k.keys()));
            }
            if (watcher == null) return;
            long now = System.nanoTime();
            if (lastPoll != 0 && now - lastPoll < WATCH_INTERVAL_NANOS) return;
            lastPoll = now;
            if (!watcher.poll()) return;
            feed.rekey(false);
            int keys = secrets.keyLog().size();
            int skipped = watcher.skipped();
            String text = CaptureKeys.text(file, keys, 0, 0, skipped, null) + " (watching)";
            Platform.runLater(() -> showStatus(text, false, keys));
        }
    }

    /** Called when a live capture starts (on the FX thread; the first read happens on the capture thread). */
    LiveKeys live() {
        Path f = settings.file();
        if (f != null) showStatus("Watching " + f.getFileName() + " for keys", false, 0);
        return new LiveKeys(f, rsaKeys.entries());
    }

    // ---- Save As with keys -----------------------------------------------------------------

    /** True when Save As should embed the shown connections' keys (pcapng only; off by default). */
    boolean embedKeys() { return embedKeysItem != null && embedKeysItem.isSelected(); }

    /** Background: the key log lines of the connections whose packets are shown. */
    static String keysOfShown(CaptureIndex index, List<PacketRow> shown) {
        Set<Integer> streams = new LinkedHashSet<>();
        for (PacketRow r : shown) if (r.tcpStream() >= 0) streams.add(r.tcpStream());
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
        int stream = row.tcpStream();
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
