package tlslens.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import tlslens.analysis.Connection;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.ComparisonModel;
import tlslens.ui.model.ConnectionsSnapshot;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;
import tlslens.ui.model.PacketRow;
import tlslens.ui.timeline.ConnectionsPane;
import tlslens.ui.timeline.HandshakeComparison;
import tlslens.ui.timeline.HandshakeLadder;
import tlslens.ui.timeline.HandshakeNodeFinder;
import tlslens.ui.timeline.LadderSvg;
import tlslens.ui.timeline.PngExport;

/**
 * The lower area's tabs [Packet details | Handshake timeline | side-by-side views] and the links
 * between the timeline and the rest of the window: the connection model is rebuilt off the FX
 * thread whenever frames arrived (at most once a second, and never more often than four times its
 * own cost, so a live capture or a file load fills the table as it goes; each time only the
 * connections with frames since are analysed again); selecting a packet shows its
 * connection's ladder with its arrows highlighted; clicking an arrow selects its packet and the
 * message's node in the detail tree (once {@link FrameTreeLoader} has built it: {@link #treeShown}).
 */
final class TimelineBridge {
    private static final long MIN_INTERVAL_NS = 1_000_000_000L;

    private final OpenCapture capture;
    private final CaptureSessionModel session;
    private final PacketSelector selector;
    private final Consumer<ProtoNode> showNode;
    private final Dialogs dialogs;
    private final ConnectionsPane pane = new ConnectionsPane();
    private final TabPane tabs = new TabPane();
    private final Tab detailsTab = new Tab("Packet details");
    private final Tab timelineTab = new Tab("Handshake timeline");

    private ConnectionsSnapshot snapshot = ConnectionsSnapshot.EMPTY;
    private boolean running;
    private long lastRun;
    private volatile long lastCost;
    /** The frame whose tree the inspector shows, and an arrow waiting for its frame's tree. */
    private int treeFrame;
    private PendingNode pending;
    private Integer shownConnection;
    private long selectedFrame = -1;
    /** Step-through of the shown ladder (also drives the presenter's copy of it). */
    private final tlslens.ui.model.LadderStepper stepper = new tlslens.ui.model.LadderStepper();

    private record PendingNode(long frame, LadderRow row, int ordinal) {}

    /** {@code showNode}: selects a node of the tree shown in the inspector. */
    TimelineBridge(OpenCapture capture, CaptureSessionModel session, PacketSelector selector, Consumer<ProtoNode> showNode,
            Dialogs dialogs) {
        this.capture = capture;
        this.session = session;
        this.selector = selector;
        this.showNode = showNode;
        this.dialogs = dialogs;
        capture.feedProperty().addListener((o, a, b) -> reset());
    }

    /** The lower area: the inspector in the first tab, the timeline in the second. */
    Node wrap(Node inspector) {
        tabs.getStyleClass().add("lower-tabs");
        tabs.setId("lowerTabs");
        detailsTab.setContent(inspector);
        detailsTab.setClosable(false);
        detailsTab.setId("detailsTab");
        timelineTab.setContent(pane);
        timelineTab.setClosable(false);
        timelineTab.setId("timelineTab");
        timelineTab.selectedProperty().addListener((o, was, now) -> {
            if (now && tableStale) apply(snapshot);
            if (now && ladderStale) packetSelected(selector.selected());
        });
        timelineTab.setTooltip(new Tooltip("Connections and the handshake ladder of the selected one"));
        tabs.getTabs().addAll(detailsTab, timelineTab);
        return tabs;
    }

    void initialize(tlslens.ui.controls.PacketTable packets) {
        packets.selectedItemProperty().addListener((o, a, row) -> packetSelected(row));
        session.stateProperty().addListener((o, a, b) -> stateChanged());
        TableView<Connection> table = pane.table();
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Connection>) c -> connectionSelected());
        HandshakeLadder ladder = pane.ladder();
        // The ladder keeps the keyboard after a click on an arrow: the next Space or → steps on from there.
        ladder.setOnRowClicked(i -> {
            arrowClicked(i);
            ladder.requestFocus();
        });
        ladder.setOnStep(this::step);
        ladder.setOnOpenConnection(this::openConnection);
        ladder.setOnCompare(target -> {
            Integer self = shownConnection;
            if (self != null) compare(target, self);
        });
        ladder.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            // A double click on an arrow shows its node: the tree is on the other tab.
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && onArrow(e.getPickResult().getIntersectedNode())) {
                tabs.getSelectionModel().select(detailsTab);
            }
        });
        pane.compareButton().setOnAction(e -> compareSelected());
        pane.keyScheduleButton().setOnAction(e -> showKeySchedule());
        pane.keyScheduleButton().disableProperty().bind(ladder.modelProperty().isNull());
        pane.pngButton().setOnAction(e -> exportPng());
        pane.svgButton().setOnAction(e -> exportSvg());
        pane.compareButton().disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> comparePair() == null, table.getSelectionModel().getSelectedItems()));
        pane.pngButton().disableProperty().bind(ladder.modelProperty().isNull());
        pane.svgButton().disableProperty().bind(ladder.modelProperty().isNull());
    }

    private static boolean onArrow(Node n) {
        for (; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("ladder-row")) return !n.getStyleClass().contains("ghost");
        }
        return false;
    }

    // ---- the model, rebuilt in the background --------------------------------------------------

    /** Called every pulse by the window. */
    void onPulse(long now) {
        RowFeed f = capture.feed();
        CaptureIndex idx = f == null ? null : f.index();
        if (idx == null || running) return;
        boolean lastFrames = f.isFinished() && idx.frameCount() != snapshot.frameCount();
        // A model remade at the loader's priority may take long on a busy machine: the last one does not wait for it.
        if (runningLow && !lastFrames) return;
        long revision = idx.revision();
        // Connections dissected again with new keys: the model is rebuilt at once (keys must show within a second).
        boolean rekeyed = revision != analysedRevision;
        if (idx.frameCount() == snapshot.frameCount() && !rekeyed) return;
        // While a file loads the model is remade as it goes, at the loader's priority: each time only
        // the connections with frames since the last one are analysed (ConnectionsSnapshot.of holds
        // the index for those alone), so the model made once the loader has read the last frame,
        // while the table takes the last rows, is quick: the pane is ready when loading ends.
        boolean loading = session.state() == CaptureSessionModel.State.LOADING && !f.isFinished();
        if (!lastFrames && now - lastRun < (rekeyed ? 4 * lastCost : Math.max(MIN_INTERVAL_NS, 4 * lastCost))) return;
        if (loading) runningLow = true;
        else running = true;
        lastRun = now;
        long seq = ++started;
        java.util.concurrent.Callable<ConnectionsSnapshot> work = () -> {
            long t0 = System.nanoTime();
            ConnectionsSnapshot s = ConnectionsSnapshot.of(idx);
            lastCost = System.nanoTime() - t0;
            return s;
        };
        Consumer<Throwable> failed = e -> {
            if (loading) runningLow = false;
            else running = false;
            session.messageProperty().set("Connection analysis failed: " + e);
        };
        Consumer<ConnectionsSnapshot> done = s -> {
            if (loading) runningLow = false;
            else running = false;
            if (seq < appliedSeq) return; // a later model is shown already
            appliedSeq = seq;
            analysedRevision = revision;
            if (capture.feed() != f) return;
            apply(s);
            if (onAnalysed != null) onAnalysed.accept(s);
        };
        if (loading) Background.runLow(work, done, failed);
        else Background.run(work, done, failed);
    }

    /** A model being remade at the loader's priority (Background.runLow). */
    private boolean runningLow;
    /** Models started, and the latest one shown (of two at once, the later one stands). */
    private long started, appliedSeq;

    /** The index's {@link CaptureIndex#revision()} the snapshot was built at. */
    private long analysedRevision;
    private Consumer<ConnectionsSnapshot> onAnalysed;

    /** Called with each new connection model, after the window shows it (the key log's verdict follows it). */
    void setOnAnalysed(Consumer<ConnectionsSnapshot> c) { onAnalysed = c; }

    private void reset() {
        analysedRevision = 0;
        snapshot = ConnectionsSnapshot.EMPTY;
        running = false;
        runningLow = false;
        appliedSeq = started + 1; // a model of the capture before, still being made, is not shown
        lastRun = 0;
        treeFrame = 0;
        pending = null;
        shownConnection = null;
        selectedFrame = -1;
        stepper.reset(null);
        tableStale = false;
        pane.items().clear();
        pane.ladder().setModel(null);
        pane.countLabel().setText("No connections");
        tabs.getTabs().removeIf(t -> t != detailsTab && t != timelineTab);
    }

    /** The connections table is behind its snapshot (it is only refreshed while its tab is shown). */
    private boolean tableStale;

    private void apply(ConnectionsSnapshot s) {
        snapshot = s;
        refreshComparisons();
        // Refilling a hidden table still restyles and lays out its cells: during a 100k-packet
        // load that was most of the window's slow pulses. The tab catches up when it is shown.
        if (!timelineTab.isSelected()) {
            tableStale = true;
            return;
        }
        tableStale = false;
        TableView<Connection> table = pane.table();
        List<Integer> selected = table.getSelectionModel().getSelectedItems().stream().map(Connection::key).toList();
        Integer keep = shownConnection;
        pane.items().setAll(s.connections());
        for (int i = 0; i < pane.items().size(); i++) {
            if (selected.contains(pane.items().get(i).key())) table.getSelectionModel().select(i);
        }
        pane.countLabel().setText(countText(s));
        if (openFile != null && openFile.equals(capture.file()) && s.ladder(openIndex) != null) {
            openFile = null;
            show(openIndex, true);
            return;
        }
        // A live capture: the shown ladder grows with its connection.
        if (keep != null) show(keep, false);
        else if (selectedFrame > 0) packetSelected(selector.selected());
    }

    /** "3 TCP connections · 3 with TLS · 1 resumed", and "· live" only while capturing. */
    private String countText(ConnectionsSnapshot s) {
        long tls = s.connections().stream().filter(Connection::tls).count();
        long resumed = s.connections().stream().filter(c -> c.resumption() != tlslens.analysis.Resumption.NONE).count();
        return connectionCount(s) + " · " + tls + " with TLS · " + resumed + " resumed"
                + (session.isCapturing() ? " · live" : "");
    }

    /** "3 TCP connections", "0 TCP connections, 2 QUIC connections, 1 DTLS association". */
    private static String connectionCount(ConnectionsSnapshot s) {
        int[] n = new int[tlslens.engine.Transport.values().length];
        for (Connection c : s.connections()) n[c.transport().ordinal()]++;
        List<String> parts = new java.util.ArrayList<>();
        String[] names = {"TCP connection", "QUIC connection", "DTLS association"};
        for (int i = 0; i < n.length; i++) {
            // TCP's count always shows, worded as before QUIC and DTLS were counted; the others when there are any.
            if (n[i] > 0 || i == 0) parts.add(n[i] + " " + names[i] + (n[i] == 1 && i > 0 ? "" : "s"));
        }
        return String.join(", ", parts);
    }

    /** The capture stopped (or started): the count's "· live" follows at once, not with the next snapshot. */
    private void stateChanged() {
        if (snapshot != null && !tableStale && !pane.countLabel().getText().equals("No connections")) {
            pane.countLabel().setText(countText(snapshot));
        }
    }

    ConnectionsSnapshot snapshot() { return snapshot; }

    // ---- selection, both ways ------------------------------------------------------------------

    private void connectionSelected() {
        var sel = pane.table().getSelectionModel().getSelectedItems();
        if (sel.size() != 1 || sel.get(0) == null) return;
        int index = sel.get(0).key();
        if (shownConnection == null || shownConnection != index) show(index, false);
    }

    /** Shows connection {@code index}'s ladder (and selects its row when asked). */
    void show(int index, boolean selectRow) {
        LadderModel m = snapshot.ladder(index);
        if (m == null) return;
        HandshakeLadder ladder = pane.ladder();
        Integer target = snapshot.compareTarget(index);
        boolean unchanged = shownConnection != null && shownConnection == index && m.sameAs(ladder.getModel())
                && java.util.Objects.equals(target, ladder.compareTargetProperty().get());
        boolean same = shownConnection != null && shownConnection == index;
        shownConnection = index;
        // A live refresh that changed nothing keeps the drawing (and where the user scrolled to).
        if (!unchanged) {
            if (same) stepper.update(m);
            else stepper.reset(m);
            ladder.setRevealedRows(revealedRows());
            ladder.setCompareTarget(target, snapshot.provenOrigin(index));
            ladder.setModel(m);
        }
        ladder.setHighlightedFrames(selectedFrame > 0 ? Set.of(selectedFrame) : Set.of());
        if (selectRow) {
            TableView<Connection> table = pane.table();
            for (int i = 0; i < pane.items().size(); i++) {
                if (pane.items().get(i).key() == index) {
                    table.getSelectionModel().clearAndSelect(i);
                    table.scrollTo(Math.max(0, i - 2));
                }
            }
        }
    }

    /** View > Handshake Timeline: the tab, with the selected packet's connection. */
    void showTimeline() {
        tabs.getSelectionModel().select(timelineTab);
    }

    /** Back to the packet details tab. */
    void showDetails() {
        tabs.getSelectionModel().select(detailsTab);
    }

    /** A connection to show once the file being opened has it: the file and the connection's index. */
    private Path openFile;
    private int openIndex;

    /**
     * Shows connection {@code index} of {@code file} (about to be opened) in the timeline as soon as
     * the analysis has it: the lesson lab opens its capture on the first resumed connection.
     */
    void openWhenAnalysed(Path file, int index) {
        openFile = file;
        openIndex = index;
        tabs.getSelectionModel().select(timelineTab); // analysed as it loads while the tab is shown
    }

    /** The banner's link: the origin connection's ladder, its row selected. */
    void openConnection(int index) {
        tabs.getSelectionModel().select(timelineTab); // first: a hidden table may be behind
        show(index, true);
    }

    private boolean ladderStale;

    private void packetSelected(PacketRow row) {
        if (row == null) return;
        selectedFrame = row.number();
        // A hidden ladder is not redrawn on every selection (that cost a slow pulse per click while
        // scrolling); it catches up with the selected packet when its tab is shown.
        if (!timelineTab.isSelected()) {
            ladderStale = true;
            return;
        }
        ladderStale = false;
        int stream = row.tcpStream();
        Connection c = stream >= 0 ? snapshot.forStream(stream) : snapshot.forUdpFrame(selectedFrame);
        if (c == null) {
            pane.ladder().setHighlightedFrames(Set.of());
            return;
        }
        if (shownConnection == null || shownConnection != c.key()) show(c.key(), true);
        pane.ladder().setHighlightedFrames(Set.of(selectedFrame));
    }

    /**
     * A step-through key on the ladder: reveal or hide a row, and let the packet table and the detail tree
     * follow the row revealed last, as a click on its arrow would (a ghost has no packet: the selection stays).
     */
    void step(tlslens.ui.model.LadderStepper.Move move) {
        if (pane.ladder().getModel() == null || !stepper.apply(move)) return;
        pane.ladder().setRevealedRows(revealedRows());
        int row = stepper.current();
        if (row < 0) return;
        pane.ladder().scrollToRow(row);
        if (presenter != null && presenter.view() instanceof HandshakeLadder l) l.scrollToRow(row);
        LadderRow r = pane.ladder().getModel().rows().get(row);
        boolean keys = pane.ladder().isFocused();
        if (!r.ghost() && r.frame() > 0) arrowClicked(row);
        // Selecting the packet focuses the table; the next key is for the ladder again.
        if (keys) pane.ladder().requestFocus();
    }

    private int revealedRows() { return stepper.stepping() ? stepper.revealed() : Integer.MAX_VALUE; }

    tlslens.ui.model.LadderStepper stepper() { return stepper; }

    /** An arrow: select its packet, then (once the tree is built) its node. */
    private java.util.function.ObjIntConsumer<LadderModel> onArrowClicked;

    /** Called with the ladder and the row of each arrow clicked, before its packet is selected ("What is this?"). */
    void setOnArrowClicked(java.util.function.ObjIntConsumer<LadderModel> c) { onArrowClicked = c; }

    private void arrowClicked(int rowIndex) {
        LadderModel m = pane.ladder().getModel();
        if (m == null) return;
        if (onArrowClicked != null) onArrowClicked.accept(m, rowIndex);
        LadderRow r = m.rows().get(rowIndex);
        if (r.ghost() || r.frame() < 1) return;
        pending = new PendingNode(r.frame(), r, m.ordinalInFrame(rowIndex));
        if (!selector.select((int) r.frame())) {
            pending = null;
            session.messageProperty().set("Packet " + r.frame() + " is hidden by the display filter.");
            return;
        }
        if (treeFrame == r.frame()) selectPendingNode(lastTree);
    }

    private FrameDissection lastTree;

    /** The inspector shows frame {@code frame}'s tree ({@link FrameTreeLoader}). */
    void treeShown(int frame, FrameDissection fd) {
        treeFrame = frame;
        lastTree = fd;
        if (pending != null && pending.frame == frame) selectPendingNode(fd);
    }

    private void selectPendingNode(FrameDissection fd) {
        PendingNode p = pending;
        pending = null;
        if (p == null || fd == null) return;
        ProtoNode node = HandshakeNodeFinder.find(fd.root, p.row, p.ordinal);
        if (node != null) showNode.accept(node);
    }

    // ---- presenting ------------------------------------------------------------------------------

    private tlslens.ui.timeline.PresenterStage presenter;

    /**
     * View > Present (F11): the ladder, or the side-by-side when its tab is shown, full screen and larger.
     * The presenter's copy follows the window's: same model, steps, highlight; its arrows select packets.
     */
    void present() {
        if (presenter != null && presenter.isShowing()) {
            presenter.close();
            return;
        }
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        javafx.scene.layout.Region view;
        String title;
        if (tab != null && tab.getUserData() instanceof OpenComparison c) {
            HandshakeComparison copy = new HandshakeComparison();
            copy.modelProperty().bind(c.view().modelProperty());
            copy.setOnFrameClicked(frame -> selector.select((int) frame));
            view = copy;
            title = "Connection #" + c.left() + " and #" + c.right();
        } else {
            if (tab != timelineTab) showTimeline();
            HandshakeLadder ladder = pane.ladder();
            if (ladder.getModel() == null) {
                session.messageProperty().set("Select a connection to present its handshake.");
                return;
            }
            HandshakeLadder copy = new HandshakeLadder();
            copy.setId("presenterLadder");
            copy.modelProperty().bind(ladder.modelProperty());
            copy.revealedRowsProperty().bind(ladder.revealedRowsProperty());
            copy.highlightedFramesProperty().bind(ladder.highlightedFramesProperty());
            copy.compareTargetProperty().bind(ladder.compareTargetProperty());
            copy.compareProvenProperty().bind(ladder.compareProvenProperty());
            copy.setOnStep(this::step);
            copy.setOnRowClicked(this::arrowClicked);
            copy.setOnOpenConnection(this::openConnection);
            view = copy;
            title = ladder.getModel().title();
        }
        presenter = tlslens.ui.timeline.PresenterStage.show(tabs.getScene() == null ? null : tabs.getScene().getWindow(), view,
                title);
        presenter.stage().setOnHidden(e -> {
            if (presenter != null && presenter.view() instanceof HandshakeLadder l) {
                l.modelProperty().unbind();
                l.revealedRowsProperty().unbind();
            }
            presenter = null;
        });
    }

    tlslens.ui.timeline.PresenterStage presenter() { return presenter; }

    // ---- key schedule ----------------------------------------------------------------------------

    /**
     * "Key schedule": a tab with the shown connection's schedule, computed off the FX thread from a
     * replay of its frames with the key log (pressed again, computed again: keys may have come since).
     */
    void showKeySchedule() {
        Integer index = shownConnection;
        RowFeed f = capture.feed();
        CaptureIndex idx = f == null ? null : f.index();
        Connection c = index == null ? null : snapshot.connection(index);
        if (c == null || idx == null) return;
        String id = "keys-" + index;
        tlslens.ui.timeline.KeyScheduleView view = null;
        for (Tab t : tabs.getTabs()) {
            if (id.equals(t.getId()) && t.getContent() instanceof tlslens.ui.timeline.KeyScheduleView v) {
                view = v;
                tabs.getSelectionModel().select(t);
            }
        }
        if (view == null) {
            view = new tlslens.ui.timeline.KeyScheduleView();
            view.setId("keyScheduleView");
            Tab tab = new Tab("Keys " + c.label(), view);
            tab.setId(id);
            tab.setTooltip(new Tooltip("The key schedule of connection " + c.label()));
            tabs.getTabs().add(tab);
            tabs.getSelectionModel().select(tab);
        }
        tlslens.ui.timeline.KeyScheduleView target = view;
        Background.run(() -> {
            // QUIC: its Initial secrets (from the DCID) and packet keys per space, from the capture's own state.
            if (c.transport() == tlslens.engine.Transport.QUIC) return tlslens.ui.model.KeyScheduleModel.of(c, idx.quicKeySchedule(c.index()));
            tlslens.dissect.tls.TlsConnection tls = c.tls() && c.transport() == tlslens.engine.Transport.TCP
                    ? idx.followTls(c.index()) : null;
            return tlslens.ui.model.KeyScheduleModel.of(c, tls == null ? null : tls.keySchedule());
        }, target::setModel, e -> session.messageProperty().set("Key schedule failed: " + e));
    }

    // ---- side by side --------------------------------------------------------------------------

    /** The two connections the "Side by side" button would compare (left, right), or null. */
    private int[] comparePair() {
        var sel = pane.table().getSelectionModel().getSelectedItems();
        if (sel.size() == 2 && sel.get(0) != null && sel.get(1) != null) {
            Connection a = sel.get(0);
            Connection b = sel.get(1);
            // The origin (or the earlier one) on the left.
            boolean swap = a.resumedFrom() != null && a.resumedFromKey() == b.key()
                    || !(b.resumedFrom() != null && b.resumedFromKey() == a.key()) && a.key() > b.key();
            return swap ? new int[] {b.key(), a.key()} : new int[] {a.key(), b.key()};
        }
        if (sel.size() == 1 && sel.get(0) != null) {
            Integer t = snapshot.compareTarget(sel.get(0).key());
            if (t != null) return new int[] {t, sel.get(0).key()};
        }
        return null;
    }

    private void compareSelected() {
        int[] p = comparePair();
        if (p != null) compare(p[0], p[1]);
    }

    /** Opens (or brings forward) the side-by-side tab of {@code left} (the full handshake) and {@code right}. */
    void compare(int left, int right) {
        LadderModel l = snapshot.ladder(left);
        LadderModel r = snapshot.ladder(right);
        if (l == null || r == null) return;
        String id = "compare-" + left + "-" + right;
        for (Tab t : tabs.getTabs()) {
            if (id.equals(t.getId())) {
                tabs.getSelectionModel().select(t);
                return;
            }
        }
        HandshakeComparison view = new HandshakeComparison();
        view.setId("handshakeComparison");
        view.setModel(ComparisonModel.of(l, r));
        view.setOnFrameClicked(frame -> selector.select((int) frame));
        Button png = new Button("Export PNG…");
        png.setOnAction(e -> savePng(view.snapshotDiagram(), "side-by-side-" + left + "-" + right + ".png"));
        HBox bar = new HBox(png);
        bar.getStyleClass().add("connections-toolbar");
        BorderPane box = new BorderPane(view);
        box.setTop(bar);
        String css = HandshakeLadder.stylesheet();
        if (css != null) box.getStylesheets().add(css);
        Tab tab = new Tab(l.connection().label() + " ↔ " + r.connection().label(), box);
        tab.setId(id);
        tab.setUserData(new OpenComparison(left, right, view));
        tab.setTooltip(new Tooltip("Connection #" + left + " and connection #" + right + " side by side"));
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    private record OpenComparison(int left, int right, HandshakeComparison view) {}

    /** The open side-by-side tabs follow the model (a live capture, keys that arrived later). */
    private void refreshComparisons() {
        for (Tab t : tabs.getTabs()) {
            if (!(t.getUserData() instanceof OpenComparison c)) continue;
            LadderModel l = snapshot.ladder(c.left());
            LadderModel r = snapshot.ladder(c.right());
            if (l != null && r != null) c.view().setModel(ComparisonModel.of(l, r));
        }
    }

    // ---- export ----------------------------------------------------------------------------------

    private void exportPng() {
        LadderModel m = pane.ladder().getModel();
        if (m != null) savePng(pane.ladder().snapshotDiagram(), "connection-" + fileName(m.connection()) + ".png");
    }

    /** "3" for TCP stream 3, "quic-0", "dtls-1": a saved drawing's file name. */
    private static String fileName(Connection c) {
        return c.transport() == tlslens.engine.Transport.TCP ? String.valueOf(c.index())
                : c.transport().label() + "-" + c.index();
    }

    private void savePng(javafx.scene.image.WritableImage img, String name) {
        Path file = choose(name, "PNG image (*.png)", "*.png");
        if (file == null || img == null) return;
        PngExport.Pixels px = PngExport.pixels(img);
        Background.run(() -> {
            PngExport.write(px, file);
            return file;
        }, f -> session.messageProperty().set("Saved " + f), e -> dialogs.error("Can't save " + file, e.getMessage()));
    }

    private void exportSvg() {
        LadderModel m = pane.ladder().getModel();
        if (m == null) return;
        Path file = choose("connection-" + fileName(m.connection()) + ".svg", "SVG drawing (*.svg)", "*.svg");
        if (file == null) return;
        Background.run(() -> {
            Files.writeString(file, LadderSvg.write(m), StandardCharsets.UTF_8);
            return file;
        }, f -> session.messageProperty().set("Saved " + f), e -> dialogs.error("Can't save " + file, e.getMessage()));
    }

    /** Tests set this to skip the file dialog. */
    java.util.function.Function<String, Path> chooser;

    private Path choose(String name, String what, String pattern) {
        if (chooser != null) return chooser.apply(name);
        FileChooser fc = new FileChooser();
        fc.setTitle("Export");
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        java.io.File f = fc.showSaveDialog(tabs.getScene() == null ? null : tabs.getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    // ---- for tests -------------------------------------------------------------------------------

    ConnectionsPane pane() { return pane; }

    TabPane tabs() { return tabs; }

    Tab timelineTab() { return timelineTab; }

    Tab detailsTab() { return detailsTab; }

    Integer shownConnection() { return shownConnection; }
}
