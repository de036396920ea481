package tlslens.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.Preferences;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.CaptureIndex;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.FilterBarModel;
import tlslens.ui.model.FindQuery;
import tlslens.ui.model.PacketRow;
import tlslens.ui.model.PacketTableModel;
import tlslens.ui.model.RecentFiles;
import tlslens.ui.model.WindowLayout;

/**
 * The main window: binds the toolbar, filter bar, packet table, inspector and status bar to the
 * view models, and moves all parsing and I/O to {@link Background}. Rows reach the table once per
 * pulse from a {@link RowFeed}.
 */
public final class MainWindowController {
    /** Rows taken from the feed per pulse at most, so one pulse never holds the FX thread long. */
    private static final int ROWS_PER_PULSE = 20_000;
    static final String SAMPLE = "/sample/tls-sample.pcapng";

    @FXML private BorderPane root;
    @FXML private Menu recentMenu;
    @FXML private MenuItem saveAsItem;
    @FXML private MenuItem closeItem;
    @FXML private MenuItem startItem;
    @FXML private CheckMenuItem followItem;
    @FXML private CheckMenuItem embedKeysItem;
    @FXML private Button openButton;
    @FXML private Button saveButton;
    @FXML private Button startButton;
    @FXML private Button findButton;
    @FXML private Button goToButton;
    @FXML private Button applyFilterButton;
    @FXML private Button clearFilterButton;
    @FXML private ComboBox<Object> interfaceBox;
    @FXML private TextField captureFilterField;
    @FXML private StackPane filterIconHolder;
    @FXML private TextField filterField;
    @FXML private Pane filterUnderlineLayer;
    @FXML private Label filterMessage;
    @FXML private HBox findBar;
    @FXML private ChoiceBox<FindQuery.Mode> findMode;
    @FXML private TextField findField;
    @FXML private Label findMessage;
    @FXML private HBox goToBar;
    @FXML private TextField goToField;
    @FXML private Label goToMessage;
    @FXML private SplitPane mainSplit;
    @FXML private StackPane tableArea;
    @FXML private PacketTable packetTable;
    @FXML private Label tablePlaceholder;
    @FXML private ScrollPane welcomePane;
    @FXML private VBox interfacesBox;
    @FXML private VBox recentBox;
    @FXML private StackPane inspectorHolder;
    @FXML private StatusBar statusBar;

    private final PacketTableModel tableModel = new PacketTableModel();
    private final FilterBarModel filterModel = new FilterBarModel();
    private final CaptureSessionModel session = new CaptureSessionModel();
    /** Tests point this at their own node ("tlslens.prefs" system property) to leave the user's alone. */
    private static final String PREFS = System.getProperty("tlslens.prefs", "tlslens");
    private final RecentFiles recent = new RecentFiles(Preferences.userRoot().node(PREFS + "/recent"));
    private final WindowLayout layout = new WindowLayout(Preferences.userRoot().node(PREFS + "/window"));
    private final ColouringControl colouring = new ColouringControl(Preferences.userRoot().node(PREFS + "/colouring"));
    private final InspectorBridge inspector = new InspectorBridge();
    private final LiveCaptureControl live = new LiveCaptureControl(this);
    private final TimelineBridge timeline = new TimelineBridge(this);
    private final DecryptionControl decryption = new DecryptionControl(this);
    private Stage stage;
    private Path lastDirectory;

    /** The current source of rows (file load or capture); null when nothing is open. */
    private RowFeed feed;
    private Path currentFile;
    private DisplayFilter appliedFilter;
    private AtomicBoolean filterCancel = new AtomicBoolean();
    private AtomicBoolean findCancel = new AtomicBoolean();
    private Future<?> treeTask;
    private int treeGeneration;
    private int shownTreeFrame;
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override public void handle(long now) { onPulse(now); }
    };
    private long lastStatsPoll;
    private final LoadPacer pacer = new LoadPacer();

    // ---- set-up --------------------------------------------------------------------------

    @FXML
    private void initialize() {
        icon(openButton, "open", "Open a capture file (Ctrl+O)");
        icon(saveButton, "save", "Save the packets as pcap or pcapng (Ctrl+S)");
        icon(startButton, "start", "Start capturing on the chosen interface (Ctrl+E)");
        icon(findButton, "find", "Find a packet (Ctrl+F)");
        icon(goToButton, "goto", "Go to a packet by number (Ctrl+G)");
        icon(applyFilterButton, "apply", "Apply this display filter (Enter)");
        icon(clearFilterButton, "clear", "Clear the display filter");
        filterIconHolder.getChildren().add(Icons.icon("filter"));

        PacketTableSetup.configure(packetTable, tableModel, this::applyFilterText);
        packetTable.selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) requestTree(row.number());
        });
        followItem.selectedProperty().bindBidirectional(tableModel.followNewestProperty());

        inspectorHolder.getChildren().add(timeline.wrap(inspector.node()));
        timeline.initialize(packetTable);
        inspector.setOnApplyFilter(this::applyFilterText, t -> {
            filterModel.textProperty().set(t);
            filterField.requestFocus();
            filterField.end();
        });

        FilterBarView.bind(filterModel, filterField, filterMessage, filterUnderlineLayer);
        filterField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) onApplyFilter();
            else if (e.getCode() == KeyCode.ESCAPE) filterModel.textProperty().set(filterModel.appliedProperty().get());
        });
        findMode.getItems().setAll(FindQuery.Mode.values());
        findMode.setValue(FindQuery.Mode.DISPLAY_FILTER);
        findField.setOnAction(e -> onFindNext());
        findField.setOnKeyPressed(e -> { if (e.getCode() == KeyCode.ESCAPE) onCloseFind(); });
        goToField.setOnAction(e -> onGoToNumber());
        goToField.setOnKeyPressed(e -> { if (e.getCode() == KeyCode.ESCAPE) onCloseGoTo(); });

        bindStatusBar();
        bindWelcome();
        recent.files().addListener((ListChangeListener<String>) c -> refreshRecent());
        refreshRecent();
        live.initialize(interfaceBox, captureFilterField, interfacesBox);

        saveAsItem.disableProperty().bind(Bindings.createBooleanBinding(
                () -> feed == null || tableModel.total() == 0, tableModel.totalProperty(), session.stateProperty()));
        saveButton.disableProperty().bind(saveAsItem.disableProperty());
        closeItem.disableProperty().bind(Bindings.createBooleanBinding(
                () -> session.state() == State.EMPTY || session.isCapturing(), session.stateProperty()));
        session.stateProperty().addListener((o, a, s) -> updateCaptureButton());
        updateCaptureButton();

        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<java.io.File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) open(files.get(0).toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
        pulse.start();
        Background.submit(Warmup::run);
        decryption.initialize(statusBar, packetTable, embedKeysItem);
    }

    private static void icon(Button b, String name, String tip) {
        b.setGraphic(Icons.icon(name));
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
    }

    void setStage(Stage stage) {
        this.stage = stage;
        Platform.runLater(() -> {
            mainSplit.setDividerPositions(layout.tableDivider());
            inspector.setDividerPosition(layout.inspectorDivider());
        });
        stage.setOnCloseRequest(e -> shutdown());
    }

    WindowLayout layout() { return layout; }

    /** Saves the layout, stops a capture, and drops the temp files. */
    void shutdown() {
        if (stage != null) {
            layout.saveWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        }
        double[] d = mainSplit.getDividerPositions();
        layout.saveDividers(d.length > 0 ? d[0] : layout.tableDivider(), inspector.dividerPosition());
        layout.flush();
        pulse.stop();
        live.shutdown();
        closeFeed();
    }

    private void bindStatusBar() {
        Label file = new Label();
        file.getStyleClass().add("status-file");
        file.setGraphic(Icons.icon("open"));
        file.textProperty().bind(Bindings.createStringBinding(() -> {
            String f = session.fileProperty().get();
            if (f == null || f.isEmpty()) return "Ready";
            String iface = session.ifaceProperty().get();
            return (iface.isEmpty() ? "" : iface + " → ") + f;
        }, session.fileProperty(), session.ifaceProperty()));
        Label counters = new Label();
        counters.getStyleClass().add("status-counters");
        counters.textProperty().bind(session.countersProperty());
        statusBar.getLeftItems().setAll(file);
        statusBar.getRightItems().setAll(counters, colouring.legend());
        colouring.attach(packetTable, tableModel, () -> feed);
        statusBar.textProperty().bind(Bindings.createStringBinding(() -> {
            String w = session.warningProperty().get();
            return w != null && !w.isEmpty() ? "⚠ " + w : session.messageProperty().get();
        }, session.warningProperty(), session.messageProperty()));
        statusBar.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("warning"), false);
        session.warningProperty().addListener((o, a, w) -> statusBar.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("warning"), w != null && !w.isEmpty()));
        tableModel.shownCountProperty().addListener((o, a, n) -> session.shownProperty().set(n.longValue()));
        tableModel.totalProperty().addListener((o, a, n) -> session.totalProperty().set(n.longValue()));
        tablePlaceholder.textProperty().bind(Bindings.createStringBinding(() -> {
            if (tableModel.filteringProperty().get()) return "Filtering…";
            if (session.state() == State.LOADING) return "Loading…";
            if (session.isCapturing()) return "Waiting for packets…";
            return tableModel.total() > 0 ? "No packets match the display filter" : "No packets";
        }, tableModel.filteringProperty(), session.stateProperty(), tableModel.totalProperty()));
    }

    private void bindWelcome() {
        Runnable r = () -> welcomePane.setVisible(session.state() == State.EMPTY);
        session.stateProperty().addListener((o, a, b) -> r.run());
        r.run();
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        recentBox.getChildren().clear();
        for (String f : recent.files()) {
            MenuItem mi = new MenuItem(f);
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> open(Path.of(f)));
            recentMenu.getItems().add(mi);
            Hyperlink h = new Hyperlink(Path.of(f).getFileName() + "   " + f);
            h.setMnemonicParsing(false);
            h.setGraphic(Icons.icon("recent"));
            h.getStyleClass().add("recent-link");
            h.setOnAction(e -> open(Path.of(f)));
            recentBox.getChildren().add(h);
        }
        if (recent.files().isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
            Label l = new Label("No recent files yet.");
            l.getStyleClass().add("welcome-hint");
            recentBox.getChildren().add(l);
        } else {
            recentMenu.getItems().add(new SeparatorMenuItem());
            MenuItem clear = new MenuItem("Clear Recent Files");
            clear.setOnAction(e -> recent.clear());
            recentMenu.getItems().add(clear);
        }
    }

    // ---- the pulse: rows, counters ---------------------------------------------------------

    private void onPulse(long now) {
        pacer.pulse(System.nanoTime());
        timeline.onPulse(now);
        RowFeed f = feed;
        if (f == null) return;
        List<PacketRow> batch = f.drain(ROWS_PER_PULSE);
        if (!batch.isEmpty()) {
            tableModel.append(batch);
            if (session.isCapturing() && tableModel.isFollowingNewest() && packetTable.comparator() == null) {
                packetTable.scrollToBottom();
            }
        }
        if (session.state() == State.LOADING && f.isDone()) {
            session.stateProperty().set(State.LOADED);
        }
        if (now - lastStatsPoll > 250_000_000L) {
            lastStatsPoll = now;
            live.pollStats(session);
        }
    }

    // ---- files -----------------------------------------------------------------------------

    @FXML
    private void onOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Capture File");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Capture files (*.pcap, *.pcapng, *.cap)", "*.pcap", "*.pcapng", "*.cap"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDirectory != null && Files.isDirectory(lastDirectory)) chooser.setInitialDirectory(lastDirectory.toFile());
        java.io.File file = chooser.showOpenDialog(stage);
        if (file != null) open(file.toPath());
    }

    @FXML
    private void onOpenSample() {
        // Copying a 20 kB resource is I/O: off the FX thread like the rest.
        Background.run(() -> {
            Path tmp = Files.createTempFile("tls-sample-", ".pcapng");
            tmp.toFile().deleteOnExit();
            try (InputStream in = MainWindowController.class.getResourceAsStream(SAMPLE)) {
                if (in == null) throw new IOException("the sample capture is missing from this build");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        }, p -> openFile(p, "tls-sample.pcapng", false), e -> error("Can't open the sample capture", e.getMessage()));
    }

    /** Opens a capture file (menu, recent list, drag and drop). */
    public void open(Path file) { openFile(file, file.getFileName().toString(), true); }

    private void openFile(Path file, String displayName, boolean remember) {
        if (session.isCapturing()) {
            session.messageProperty().set("Stop the capture before opening a file.");
            return;
        }
        closeFeed();
        RowFeed f = new RowFeed(appliedFilter, colouring.rules());
        feed = f;
        currentFile = file;
        tableModel.clear();
        if (appliedFilter != null) tableModel.beginFilter(appliedFilter);
        if (appliedFilter != null) tableModel.finishFilter(appliedFilter, new int[0], 0);
        session.startLoading(displayName);
        shownTreeFrame = 0;
        if (file.getParent() != null) lastDirectory = file.getParent();
        // A thread of its own, at a lower priority than the window's (LowPriority says why).
        Thread loader = new Thread(() -> {
            LowPriority.lowerCurrentThread();
            load(f, file, displayName, remember);
        }, "tlslens-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** Background: read and dissect the whole file into the feed. */
    private void load(RowFeed f, Path file, String name, boolean remember) {
        CaptureFileReader reader;
        try {
            reader = CaptureFileReader.open(file);
        } catch (Exception e) {
            Platform.runLater(() -> {
                if (feed != f) return;
                feed = null;
                session.stateProperty().set(State.EMPTY);
                session.fileProperty().set("");
                if (remember && !Files.exists(file)) recent.remove(file.toAbsolutePath().normalize().toString());
                error("Can't open " + name, e.getMessage());
            });
            return;
        }
        try (reader) {
            f.attach(new CaptureIndex(reader.linkType(), decryption.keysFor(file).secrets()).interfaces(reader.interfaces()));
            if (remember) Platform.runLater(() -> recent.add(file));
            RawFrame raw;
            while (!f.isCancelled() && (raw = reader.next()) != null) {
                f.publish(raw);
                pacer.giveWay();
            }
            String warning = reader.warning();
            if (warning != null) Platform.runLater(() -> { if (feed == f) session.warningProperty().set(warning); });
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // A dissector bug must not leave the window "loading" forever: say where it stopped.
            if (!f.isCancelled()) {
                e.printStackTrace();
                Platform.runLater(() -> { if (feed == f) session.warningProperty().set("Reading stopped: " + e); });
            }
        } finally {
            f.finish();
        }
    }

    /** Forgets the current rows and frees the index (in the background). */
    private void closeFeed() {
        RowFeed f = feed;
        feed = null;
        currentFile = null;
        filterCancel.set(true);
        findCancel.set(true);
        if (treeTask != null) treeTask.cancel(false);
        treeGeneration++;
        if (f != null) {
            f.cancel();
            Background.submit(() -> {
                CaptureIndex idx = f.index();
                if (idx != null) idx.close();
            });
        }
    }

    @FXML
    private void onClose() {
        if (session.isCapturing()) return;
        closeFeed();
        tableModel.clear();
        if (appliedFilter != null) tableModel.beginFilter(appliedFilter);
        session.stateProperty().set(State.EMPTY);
        session.fileProperty().set("");
        session.warningProperty().set("");
    }

    @FXML
    private void onSaveAs() {
        RowFeed f = feed;
        if (f == null || f.index() == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Packets As");
        FileChooser.ExtensionFilter ng = new FileChooser.ExtensionFilter("pcapng (*.pcapng)", "*.pcapng");
        FileChooser.ExtensionFilter pcap = new FileChooser.ExtensionFilter("pcap (*.pcap)", "*.pcap");
        chooser.getExtensionFilters().addAll(ng, pcap);
        if (lastDirectory != null && Files.isDirectory(lastDirectory)) chooser.setInitialDirectory(lastDirectory.toFile());
        java.io.File file = chooser.showSaveDialog(stage);
        if (file == null) return;
        boolean asPcap = chooser.getSelectedExtensionFilter() == pcap || file.getName().endsWith(".pcap");
        saveAs(file.toPath(), asPcap);
    }

    /** Writes every frame loaded so far to {@code file} (pcap or pcapng), in the background. */
    public void saveAs(Path file, boolean asPcap) {
        RowFeed f = feed;
        if (f == null || f.index() == null) return;
        int count = tableModel.total();
        session.messageProperty().set("Saving " + count + " packets…");
        // Keys only when asked, only pcapng, only the connections shown (read on the FX thread, replayed in the background).
        List<PacketRow> shown = !asPcap && decryption.embedKeys() ? List.copyOf(tableModel.shown()) : null;
        Background.run(() -> {
            CaptureSaver.save(f.index(), count, file, asPcap,
                    shown == null ? null : DecryptionControl.keysOfShown(f.index(), shown));
            return count;
        }, n -> {
            session.messageProperty().set("Saved " + n + " packets to " + file);
            recent.add(file);
        }, e -> error("Can't save " + file.getFileName(), e.getMessage()));
    }

    /**
     * Reads the open capture file again (with the keys now set), so that the table's Info and the
     * trees show what decryption reveals; false when there is no file or a capture is running.
     */
    boolean reopenWithKeys() {
        Path file = currentFile;
        if (file == null || session.isCapturing()) return false;
        String name = session.fileProperty().get();
        openFile(file, name == null || name.isEmpty() ? file.getFileName().toString() : name, false);
        return true;
    }

    @FXML private void onLoadKeyLog() { decryption.chooseKeyLog(stage); }

    @FXML private void onColouringRules() { colouring.showDialog(stage, root.getScene().getStylesheets()); }

    @FXML private void onPreferences() { decryption.showPreferences(stage, root.getScene().getStylesheets()); }

    @FXML private void onFollowTlsStream() { decryption.followSelected(); }

    DecryptionControl decryption() { return decryption; }

    @FXML
    private void onQuit() {
        shutdown();
        Platform.exit();
    }

    // ---- selection -> tree -----------------------------------------------------------------

    /** Builds frame {@code number}'s tree in the background; a newer selection supersedes it. */
    private void requestTree(int number) {
        RowFeed f = feed;
        if (f == null || f.index() == null || number == shownTreeFrame) return;
        CaptureIndex idx = f.index();
        int gen = ++treeGeneration;
        // frame.time_delta_displayed: the row above in the table is the previous displayed frame.
        int at = packetTable.getSelectedIndex();
        boolean selected = at >= 0 && at < packetTable.getItems().size() && packetTable.getItems().get(at).number() == number;
        java.time.Instant previousShown = selected && at > 0 ? packetTable.getItems().get(at - 1).summary().time() : null;
        if (treeTask != null) treeTask.cancel(false);
        treeTask = Background.run(() -> {
            FrameDissection fd = idx.dissect(number);
            if (selected) fd.displayedAfter(previousShown);
            return fd;
        }, (FrameDissection fd) -> {
            if (gen != treeGeneration) return;
            shownTreeFrame = number;
            inspector.show(fd);
            timeline.treeShown(number, fd);
        }, e -> {
            if (gen == treeGeneration) session.messageProperty().set("Can't show packet " + number + ": " + e);
        });
    }

    // ---- display filter --------------------------------------------------------------------

    @FXML
    private void onApplyFilter() {
        DisplayFilter df = filterModel.apply();
        if (df == null) {
            int pos = filterModel.errorPositionProperty().get();
            filterField.requestFocus();
            if (pos >= 0) filterField.positionCaret(Math.min(pos, filterField.getLength()));
            return;
        }
        applyFilter(filterModel.isBlank() ? null : df);
    }

    @FXML
    private void onClearFilter() {
        filterModel.textProperty().set("");
        onApplyFilter();
    }

    /** "Apply as filter" from the tree. */
    private void applyFilterText(String text) {
        filterModel.textProperty().set(text);
        onApplyFilter();
    }

    private void applyFilter(DisplayFilter df) {
        filterCancel.set(true);
        appliedFilter = df;
        RowFeed f = feed;
        if (f != null) f.setFilter(df); // before the pass snapshots the frame count
        PacketRow selected = packetTable.getSelectedItem();
        if (df == null) {
            tableModel.clearFilter();
            reselect(selected);
            return;
        }
        tableModel.beginFilter(df);
        CaptureIndex idx = f == null ? null : f.index();
        if (idx == null) {
            tableModel.finishFilter(df, new int[0], 0);
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        filterCancel = cancel;
        session.messageProperty().set("Filtering…");
        long t0 = System.nanoTime();
        Background.run(() -> {
            int scanned = idx.frameCount();
            int[] m = idx.matching(df, cancel::get);
            return new int[][] {m, {scanned}};
        }, r -> {
            if (cancel.get()) return;
            tableModel.finishFilter(df, r[0], r[1][0]);
            session.messageProperty().set(String.format("Filter applied in %.0f ms", (System.nanoTime() - t0) / 1e6));
            reselect(selected);
        }, e -> error("Filtering failed", String.valueOf(e)));
    }

    private void reselect(PacketRow row) {
        if (row == null) return;
        int i = packetTable.getItems().indexOf(row);
        if (i >= 0) {
            packetTable.select(i);
            packetTable.scrollTo(Math.max(0, i - 3));
        }
    }

    // ---- find / go to ----------------------------------------------------------------------

    @FXML
    private void onFind() {
        showBar(goToBar, false);
        showBar(findBar, true);
        findField.requestFocus();
        findField.selectAll();
    }

    @FXML
    private void onCloseFind() { showBar(findBar, false); }

    @FXML
    private void onFindNext() {
        RowFeed f = feed;
        if (f == null || f.index() == null) {
            findMessage.setText("Nothing to search: open a capture first.");
            return;
        }
        FindQuery q;
        try {
            q = FindQuery.parse(findMode.getValue(), findField.getText());
        } catch (IllegalArgumentException e) {
            findMessage.setText(e.getMessage());
            return;
        }
        List<PacketRow> items = List.copyOf(packetTable.getItems());
        int[] order = items.stream().mapToInt(PacketRow::number).toArray();
        if (order.length == 0) {
            findMessage.setText("No packets shown.");
            return;
        }
        int from = Math.max(-1, packetTable.getSelectedIndex());
        findCancel.set(true);
        AtomicBoolean cancel = new AtomicBoolean();
        findCancel = cancel;
        findMessage.setText("Searching…");
        CaptureIndex idx = f.index();
        Background.run(() -> q.find(idx, order, from < 0 ? order.length - 1 : from, cancel::get), pos -> {
            if (cancel.get()) return;
            if (pos < 0) {
                findMessage.setText("No packet matched.");
                return;
            }
            findMessage.setText("Found packet " + order[pos] + ".");
            select(order[pos]);
        }, e -> findMessage.setText("Search failed: " + e.getMessage()));
    }

    @FXML
    private void onGoTo() {
        showBar(findBar, false);
        showBar(goToBar, true);
        goToField.requestFocus();
        goToField.selectAll();
    }

    @FXML
    private void onCloseGoTo() { showBar(goToBar, false); }

    @FXML
    private void onGoToNumber() {
        int n;
        try {
            n = Integer.parseInt(goToField.getText().trim());
        } catch (NumberFormatException e) {
            goToMessage.setText("Enter a packet number.");
            return;
        }
        if (tableModel.row(n) == null) {
            goToMessage.setText("There is no packet " + n + " (1–" + tableModel.total() + ").");
            return;
        }
        goToMessage.setText(select(n) ? "" : "Packet " + n + " is hidden by the display filter.");
    }

    /** Selects frame {@code number} if shown; false if the filter hides it. */
    boolean select(int number) {
        var items = packetTable.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).number() == number) {
                packetTable.select(i);
                packetTable.scrollTo(Math.max(0, i - 3));
                packetTable.requestFocus();
                return true;
            }
        }
        return false;
    }

    private static void showBar(HBox bar, boolean show) {
        bar.setVisible(show);
        bar.setManaged(show);
    }

    // ---- view ------------------------------------------------------------------------------

    @FXML private void onExpandAll() { inspector.expandAll(); }

    @FXML private void onCollapseAll() { inspector.collapseAll(); }

    @FXML private void onShowTimeline() { timeline.showTimeline(); }

    @FXML
    private void onLegend() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.setTitle("Colour Legend");
        a.setHeaderText("Packet table row colours");
        VBox box = new VBox(6);
        box.getStyleClass().add("legend-popup");
        box.getChildren().addAll(colouring.legendItems());
        a.getDialogPane().setContent(box);
        a.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        a.initOwner(stage);
        a.show();
    }

    @FXML
    private void onAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION,
                "TLS Lens — a TLS dissector with a tshark-compatible command line.\n"
                        + "Display filters, fields and labels follow Wireshark 4.0.", ButtonType.CLOSE);
        a.setTitle("About TLS Lens");
        a.setHeaderText("TLS Lens");
        a.initOwner(stage);
        a.show();
    }

    // ---- live capture ----------------------------------------------------------------------

    @FXML
    private void onStartStop() {
        if (session.isCapturing()) live.stop();
        else live.start();
    }

    private void updateCaptureButton() {
        boolean capturing = session.isCapturing();
        startButton.setGraphic(Icons.icon(capturing ? "stop" : "start"));
        startButton.getTooltip().setText(capturing ? "Stop the capture (Ctrl+E)" : "Start capturing on the chosen interface (Ctrl+E)");
        startItem.setText(capturing ? "_Stop" : "_Start");
        startButton.setDisable(session.state() == State.STOPPING);
    }

    /** Called by {@link LiveCaptureControl}: rows of a new capture come from {@code f}. */
    void beginCapture(RowFeed f, String iface, Path file) {
        closeFeed();
        feed = f;
        currentFile = file;
        tableModel.clear();
        if (appliedFilter != null) {
            tableModel.beginFilter(appliedFilter);
            tableModel.finishFilter(appliedFilter, new int[0], 0);
        }
        shownTreeFrame = 0;
        session.startCapture(iface, file.getFileName().toString());
    }

    DisplayFilter appliedFilter() { return appliedFilter; }

    ColouringRules colouringRules() { return colouring.rules(); }

    HBox colouringLegend() { return colouring.legend(); }

    CaptureSessionModel session() { return session; }

    RowFeed feed() { return feed; }

    void error(String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message == null ? "" : message, ButtonType.OK);
        a.setTitle("TLS Lens");
        a.setHeaderText(header);
        a.getDialogPane().setMinWidth(520);
        if (stage != null) a.initOwner(stage);
        a.show();
    }

    // ---- for tests -------------------------------------------------------------------------

    PacketTable table() { return packetTable; }

    PacketTableModel tableModel() { return tableModel; }

    FilterBarModel filterModel() { return filterModel; }

    InspectorBridge inspector() { return inspector; }

    Path currentFile() { return currentFile; }

    CaptureSessionModel sessionModel() { return session; }

    CaptureIndex index() { return feed == null ? null : feed.index(); }

    TextField filterField() { return filterField; }

    Label filterMessage() { return filterMessage; }

    TimelineBridge timeline() { return timeline; }

    SplitPane mainSplit() { return mainSplit; }
}
