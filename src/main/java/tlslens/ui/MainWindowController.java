package tlslens.ui;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import tlslens.engine.CaptureIndex;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.FieldStatus;
import tlslens.ui.model.FilterBarModel;
import tlslens.ui.model.FindQuery;
import tlslens.ui.model.PacketTableModel;
import tlslens.ui.model.RecentFiles;
import tlslens.ui.model.StatusBarModel;
import tlslens.ui.model.UnsavedPackets;
import tlslens.ui.model.WindowLayout;

/**
 * The main window's FXML controller: creates the window's parts, each owning one concern (loading
 * files, the row pump, the filter bar, find and go-to, save, live capture, decryption, the
 * timeline, the status bar), and wires them to main_window.fxml's nodes. The parts hold none of
 * this class: they share the view models, the {@link OpenCapture} (whose changes they listen to)
 * and the {@link PacketSelector}. The menu and toolbar handlers only hand over to a part.
 */
public final class MainWindowController {
    /** Tests point this at their own node ("tlslens.prefs" system property) to leave the user's alone. */
    private static final String PREFS = System.getProperty("tlslens.prefs", "tlslens");

    @FXML private BorderPane root;
    @FXML private Menu recentMenu;
    @FXML private MenuItem saveAsItem;
    @FXML private MenuItem closeItem;
    @FXML private MenuItem startItem;
    @FXML private CheckMenuItem followItem;
    @FXML private CheckMenuItem embedKeysItem;
    @FXML private CheckMenuItem explainItem;
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
    private final RecentFiles recent = new RecentFiles(Preferences.userRoot().node(PREFS + "/recent"));
    private final WindowLayout layout = new WindowLayout(Preferences.userRoot().node(PREFS + "/window"));
    private final OpenCapture capture = new OpenCapture();
    private final InspectorBridge inspector = new InspectorBridge();
    private final ExplainControl explain = new ExplainControl();
    private final ColouringControl colouring = new ColouringControl(Preferences.userRoot().node(PREFS + "/colouring"));
    private final Dialogs dialogs = new Dialogs(() -> root.getScene() == null ? null : root.getScene().getWindow());
    private Stage stage;
    private PacketSelector selector;
    private FilterBarControl filterBar;
    private FindBarControl find;
    private CaptureFileLoader loader;
    private SaveAsControl saver;
    private LiveCaptureControl live;
    private DecryptionControl decryption;
    private TimelineBridge timeline;
    private WindowPulse pulse;
    private UnsavedGuard guard;
    private CaptureFileChooser chooser;
    private boolean shutDown;
    private ExpertInfoControl expertInfo;

    @FXML
    private void initialize() {
        Icons.toolButton(openButton, "open", "Open a capture file (Ctrl+O)");
        Icons.toolButton(saveButton, "save", "Save the packets as pcap or pcapng (Ctrl+S)");
        Icons.toolButton(startButton, "start", "Start capturing on the chosen interface (Ctrl+E)");
        Icons.toolButton(findButton, "find", "Find a packet (Ctrl+F)");
        Icons.toolButton(goToButton, "goto", "Go to a packet by number (Ctrl+G)");
        Icons.toolButton(applyFilterButton, "apply", "Apply this display filter (Enter)");
        Icons.toolButton(clearFilterButton, "clear", "Clear the display filter");
        filterIconHolder.getChildren().add(Icons.icon("filter"));

        // The table and the bars above it.
        selector = new PacketSelector(packetTable);
        filterBar = new FilterBarControl(filterModel, tableModel, capture, session, selector, dialogs, filterField);
        filterBar.bind(filterMessage, filterUnderlineLayer);
        PacketTableSetup.configure(packetTable, tableModel, filterBar::applyText);
        CustomColumns customColumns = new CustomColumns(packetTable, Preferences.userRoot().node(PREFS + "/columns"),
                capture::index, tableModel.totalProperty());
        followItem.selectedProperty().bindBidirectional(tableModel.followNewestProperty());
        find = new FindBarControl(capture, tableModel, packetTable, selector);
        find.bindFind(findBar, findMode, findField, findMessage);
        find.bindGoTo(goToBar, goToField, goToMessage);

        // Where rows come from: files, interfaces; the keys both are dissected with. Decryption
        // reopens the file with new keys through the loader, made next.
        chooser = new CaptureFileChooser();
        decryption = new DecryptionControl(capture, session, selector, () -> loader.reopen(), dialogs);
        decryption.initialize(packetTable, embedKeysItem);
        Supplier<RowFeed> feeds = () -> new RowFeed(filterModel.appliedFilter(), colouring.rules());
        loader = new CaptureFileLoader(capture, session, feeds, recent, decryption::keysFor, chooser, dialogs);
        saver = new SaveAsControl(capture, tableModel, session, recent, decryption::embedKeys, chooser, dialogs);
        live = new LiveCaptureControl(capture, session, feeds, decryption::live, dialogs);
        live.initialize(interfaceBox, captureFilterField, interfacesBox);
        live.bindStartStop(startButton, startItem);
        RowPump pump = new RowPump(capture, tableModel, packetTable, session, filterModel);
        guard = new UnsavedGuard(capture, session, live, chooser, (t, then) -> saver.saveAs(t.file(), t.asPcap(), then), dialogs);
        loader.setGuard(guard);
        live.setGuard(guard);

        // The lower pane: the selected packet's tree and bytes, the timeline.
        FrameTreeLoader tree = new FrameTreeLoader(capture, packetTable, session);
        timeline = new TimelineBridge(capture, session, selector, node -> inspector.inspector().selectNode(node), dialogs);
        // "What is this?" beside the detail tree and bytes, in their tab: the ladder keeps its width (its arrows'
        // tooltips carry the notes, and a clicked arrow's note waits in the pane).
        inspectorHolder.getChildren().add(timeline.wrap(explain.wrap(inspector.node())));
        timeline.initialize(packetTable);
        timeline.setOnAnalysed(s -> {
            decryption.connectionsAnalysed(s);
            explain.connectionsAnalysed(s);
        });
        // "What is this?" follows the tree's selection and the ladder's clicks.
        explain.initialize(capture, timeline::snapshot, inspector.inspector(), timeline.pane().ladder(), explainItem);
        timeline.setOnArrowClicked(explain::arrowClicked);
        tree.shownProperty().addListener((o, a, fd) -> {
            explain.frameShown(fd);
            inspector.show(fd);
            if (fd != null) timeline.treeShown(fd.number, fd);
        });
        inspector.setOnApplyFilter(filterBar::applyText, filterBar::prepareText);
        inspector.inspector().setOnApplyAsColumn(customColumns::apply);
        // The tree item selected: its label, filter name and size in the status bar, as Wireshark's.
        inspector.inspector().selectedNodeProperty().addListener((o, a, node) -> {
            if (node != null) session.messageProperty().set(FieldStatus.of(node));
        });

        // What the window says about the session, and which actions it allows.
        StatusBarModel status = new StatusBarModel(session, tableModel);
        StatusBarView.bind(statusBar, status, colouring.legend(), decryption.statusLabel());
        expertInfo = new ExpertInfoControl(() -> capture.feed() == null ? null : capture.feed().experts(), selector::select,
                dialogs::owner);
        statusBar.getRightItems().add(0, expertInfo.indicator());
        statusBar.getRightItems().add(0, loader.progressIndicator());
        colouring.attach(packetTable, tableModel, capture::feed);
        tablePlaceholder.textProperty().bind(status.placeholderTextProperty());
        welcomePane.visibleProperty().bind(session.stateProperty().isEqualTo(State.EMPTY));
        RecentFilesView.bind(recent, recentMenu, recentBox, loader::open);
        saveAsItem.disableProperty().bind(saver.disabled());
        saveButton.disableProperty().bind(saveAsItem.disableProperty());
        closeItem.disableProperty().bind(Bindings.createBooleanBinding(
                () -> session.state() == State.EMPTY || session.state() == State.STOPPING, session.stateProperty()));
        FileDrop.install(root, loader::open);

        pulse = new WindowPulse(loader::pulse, timeline::onPulse, pump::pulse, live::pulse, expertInfo::pulse);
        pulse.start();
        Background.submit(Warmup::run);
    }

    void setStage(Stage stage) {
        this.stage = stage;
        // Set, not bound: the stage may outlive this controller (the tests load several windows into one).
        stage.setTitle(session.titleProperty().get());
        session.titleProperty().addListener((o, was, now) -> stage.setTitle(now));
        new LayoutMemory(layout, mainSplit, inspector).restoreDividers();
        // The window's close box: as File > Quit, packets captured live are saved or let go first.
        stage.setOnCloseRequest(e -> {
            e.consume();
            guard.confirm(UnsavedPackets.Action.QUIT, () -> {
                shutdown();
                stage.close();
            });
        });
    }

    WindowLayout layout() { return layout; }

    /** Saves the layout, stops a capture, and drops the temp files (once, whoever asks first: the window or the application). */
    void shutdown() {
        if (shutDown) return;
        shutDown = true;
        new LayoutMemory(layout, mainSplit, inspector).save(stage);
        pulse.stop();
        live.shutdown(guard.unsavedFile());
        capture.close();
    }

    // ---- menu and toolbar actions (main_window.fxml's onAction), by menu: each hands over to one part

    @FXML private void onOpen() { loader.chooseAndOpen(); }
    @FXML private void onOpenSample() { loader.openSample(); }
    @FXML private void onNewLesson() {
        // Issue 13: the lesson opens on the ladder of its first resumed connection.
        LessonLabDialog.open(dialogs.owner(), r -> {
            tlslens.lab.LabConnection first = r.firstResumed();
            if (first != null) {
                // Each transport numbers its connections (tcp.stream, quic.connection.number): the key says which.
                tlslens.engine.Transport t = first.scenario().transport().equals(tlslens.engine.Transport.QUIC.label())
                        ? tlslens.engine.Transport.QUIC : tlslens.engine.Transport.TCP;
                timeline.openWhenAnalysed(r.capture(), tlslens.analysis.Connection.key(t, first.index()));
            }
            loader.open(r.capture());
        });
    }
    @FXML private void onLoadKeyLog() { decryption.chooseKeyLog(); }
    @FXML private void onSaveAs() { saver.chooseAndSave(); }
    @FXML private void onClose() { loader.close(); }
    @FXML private void onQuit() {
        guard.confirm(UnsavedPackets.Action.QUIT, () -> {
            shutdown();
            Platform.exit();
        });
    }

    @FXML private void onFind() { find.openFind(); }
    @FXML private void onFindNext() { find.findNext(); }
    @FXML private void onCloseFind() { find.closeFind(); }
    @FXML private void onGoTo() { find.openGoTo(); }
    @FXML private void onGoToNumber() { find.goTo(); }
    @FXML private void onCloseGoTo() { find.closeGoTo(); }
    @FXML private void onPreferences() { decryption.showPreferences(); }
    @FXML private void onApplyFilter() { filterBar.apply(); }
    @FXML private void onClearFilter() { filterBar.clear(); }

    @FXML private void onExpandAll() { inspector.expandAll(); }
    @FXML private void onCollapseAll() { inspector.collapseAll(); }
    @FXML private void onShowTimeline() { timeline.showTimeline(); }

    /** View > Present (F11): the ladder or the side-by-side full screen, for a class. */
    @FXML private void onPresent() { timeline.present(); }
    @FXML private void onLegend() { dialogs.colourLegend(colouring.legendItems()); }

    @FXML private void onColouringRules() { colouring.showDialog(stage, root.getScene().getStylesheets()); }

    @FXML private void onStartStop() { live.startOrStop(); }
    @FXML private void onFollowTlsStream() { decryption.followSelected(); }
    @FXML private void onExpertInfo() { expertInfo.show(); }
    @FXML private void onAbout() { dialogs.about(); }

    // ---- for the application and the tests -------------------------------------------------

    /** Opens a capture file (menu, recent list, drag and drop). */
    public void open(Path file) { loader.open(file); }

    /** Writes every frame loaded so far to {@code file} (pcap or pcapng), in the background. */
    public void saveAs(Path file, boolean asPcap) { saver.saveAs(file, asPcap); }

    /** Selects frame {@code number} if shown; false if the filter hides it. */
    boolean select(int number) { return selector.select(number); }

    PacketTable table() { return packetTable; }
    PacketTableModel tableModel() { return tableModel; }

    ColouringRules colouringRules() { return colouring.rules(); }

    HBox colouringLegend() { return colouring.legend(); }
    FilterBarModel filterModel() { return filterModel; }
    CaptureSessionModel sessionModel() { return session; }
    InspectorBridge inspector() { return inspector; }
    DecryptionControl decryption() { return decryption; }
    TimelineBridge timeline() { return timeline; }
    ExplainControl explain() { return explain; }
    CheckMenuItem explainItem() { return explainItem; }
    ExpertInfoControl expertInfo() { return expertInfo; }
    Path currentFile() { return capture.file(); }
    CaptureIndex index() { return capture.index(); }
    TextField filterField() { return filterField; }
    Label filterMessage() { return filterMessage; }
    SplitPane mainSplit() { return mainSplit; }
    CaptureFileChooser chooser() { return chooser; }
    FilterCompletionPopup filterCompletion() { return filterBar.completion(); }
    FilterBarControl filterBar() { return filterBar; }
    RowFeed feed() { return capture.feed(); }
    String statusText() { return statusBar.getText(); }
}
