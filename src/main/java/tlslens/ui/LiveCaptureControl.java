package tlslens.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import tlslens.capture.CaptureException;
import tlslens.capture.CaptureStats;
import tlslens.capture.InterfaceInfo;
import tlslens.capture.LiveCapture;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.CaptureSessionModel;

/**
 * Live capture from the window: the interface chooser, the BPF check, start and stop (both off
 * the FX thread), and the one dissection thread that drains the capture's queue into a
 * {@link RowFeed}, which becomes the window's {@link OpenCapture}.
 */
final class LiveCaptureControl {
    /** Frames that wait in memory for the dissector; more wait in the capture file and are read back. */
    static final int QUEUE = 100_000;
    /** DLT_EN10MB, DLT_LINUX_SLL: the BPF check needs a link type before the interface is open. */
    private static final int ETHERNET = 1;
    private static final int LINUX_SLL = 113;

    /** How often the counters are read from the capture. */
    private static final long STATS_INTERVAL_NS = 250_000_000L;

    private final OpenCapture open;
    private final CaptureSessionModel session;
    /** A new feed, filtered and coloured as the window is now. */
    private final Supplier<RowFeed> feeds;
    private final Supplier<DecryptionControl.LiveKeys> keys;
    private final Dialogs dialogs;
    private ComboBox<Object> interfaces;
    private TextField bpf;
    private LiveCapture capture;
    private Thread dissector;
    private long lastStatsPoll;
    /** A stopped capture's frames still waiting for the dissector: the status bar counts them down. */
    private tlslens.capture.PacketQueue draining;

    /** {@code keys}: asked as each capture starts, the key log to watch. */
    LiveCaptureControl(OpenCapture open, CaptureSessionModel session, Supplier<RowFeed> feeds,
            Supplier<DecryptionControl.LiveKeys> keys, Dialogs dialogs) {
        this.open = open;
        this.session = session;
        this.feeds = feeds;
        this.keys = keys;
        this.dialogs = dialogs;
    }

    void initialize(ComboBox<Object> box, TextField bpfField, VBox welcomeList) {
        this.interfaces = box;
        this.bpf = bpfField;
        box.setCellFactory(l -> new InterfaceCell(true));
        box.setButtonCell(new InterfaceCell(false));
        Label loading = new Label("Looking for interfaces…");
        loading.getStyleClass().add("welcome-hint");
        welcomeList.getChildren().setAll(loading);
        Background.run(LiveCapture::interfaces, list -> {
            box.getItems().setAll(list);
            box.getSelectionModel().select(defaultInterface(list));
            welcomeList.getChildren().clear();
            for (InterfaceInfo i : list) {
                Hyperlink h = new Hyperlink(describe(i, true));
                h.setMnemonicParsing(false);
                h.setGraphic(Icons.icon("iface"));
                h.getStyleClass().add("iface-link");
                h.setId("iface-" + i.name());
                h.setOnAction(e -> {
                    box.getSelectionModel().select(i);
                    start();
                });
                welcomeList.getChildren().add(h);
            }
        }, e -> {
            Label l = new Label("Can't list the interfaces: " + e.getMessage());
            l.setWrapText(true);
            l.getStyleClass().add("welcome-hint");
            welcomeList.getChildren().setAll(l);
            box.setDisable(true);
        });
    }

    private static int defaultInterface(List<InterfaceInfo> list) {
        for (int i = 0; i < list.size(); i++) {
            InterfaceInfo f = list.get(i);
            if (f.up() && !f.loopback() && !f.name().equals("any") && !f.addresses().isEmpty()) return i;
        }
        return list.isEmpty() ? -1 : 0;
    }

    static String describe(InterfaceInfo i, boolean long_) {
        StringBuilder sb = new StringBuilder(i.name());
        if (i.description() != null && !i.description().isBlank()) sb.append(" — ").append(i.description());
        if (long_ && !i.addresses().isEmpty()) sb.append("   ").append(String.join(", ", i.addresses()));
        if (!i.up()) sb.append("  (down)");
        return sb.toString();
    }

    private static final class InterfaceCell extends ListCell<Object> {
        private final boolean long_;

        InterfaceCell(boolean long_) { this.long_ = long_; }

        @Override protected void updateItem(Object o, boolean empty) {
            super.updateItem(o, empty);
            setText(empty || !(o instanceof InterfaceInfo i) ? null : describe(i, long_));
        }
    }

    /** The start/stop button and menu item say what they would do; stopping takes a moment. */
    void bindStartStop(Button button, MenuItem item) {
        Runnable update = () -> {
            boolean capturing = session.isCapturing();
            button.setGraphic(Icons.icon(capturing ? "stop" : "start"));
            button.getTooltip().setText(capturing ? "Stop the capture (Ctrl+E)" : "Start capturing on the chosen interface (Ctrl+E)");
            item.setText(capturing ? "_Stop" : "_Start");
            button.setDisable(session.state() == State.STOPPING);
        };
        session.stateProperty().addListener((o, a, s) -> update.run());
        update.run();
    }

    /** Capture &gt; Start or Stop. */
    void startOrStop() {
        if (session.isCapturing()) stop();
        else start();
    }

    /** Selected interface, or null. */
    InterfaceInfo selected() {
        return interfaces.getValue() instanceof InterfaceInfo i ? i : null;
    }

    private UnsavedGuard guard;

    /** Asked before a new capture drops the packets of the last one. */
    void setGuard(UnsavedGuard guard) { this.guard = guard; }

    /** Starts capturing on the chosen interface, once the packets of the last capture are saved or let go. */
    void start() {
        if (session.isCapturing() || capture != null) return;
        if (guard != null) guard.confirm(tlslens.ui.model.UnsavedPackets.Action.NEW_CAPTURE, this::startNow);
        else startNow();
    }

    private void startNow() {
        if (session.isCapturing() || capture != null) return;
        InterfaceInfo iface = selected();
        if (iface == null) {
            dialogs.error("No interface chosen", "Choose an interface in the toolbar to capture on.");
            return;
        }
        String filter = bpf.getText() == null ? "" : bpf.getText().trim();
        int linkType = iface.name().equals("any") ? LINUX_SLL : ETHERNET;
        session.messageProperty().set("Starting the capture on " + iface.name() + "…");
        Background.run(() -> {
            String bad = LiveCapture.checkFilter(filter, linkType);
            if (bad != null) throw new BadFilter(filter, bad);
            Path file = Files.createTempFile("tlslens-" + iface.name() + "-", ".pcapng");
            try {
                return LiveCapture.start(iface.name(), filter, file, QUEUE);
            } catch (CaptureException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }, cap -> begin(cap, iface.name()), e -> {
            session.messageProperty().set("");
            if (e instanceof BadFilter b) {
                dialogs.error("Invalid capture filter", "The capture filter \"" + b.filter + "\" is not valid:\n" + b.getMessage());
                bpf.requestFocus();
            } else {
                dialogs.error("Can't capture on " + iface.name(), e.getMessage());
            }
        });
    }

    private static final class BadFilter extends Exception {
        final String filter;

        BadFilter(String filter, String message) {
            super(message);
            this.filter = filter;
        }
    }

    private void begin(LiveCapture cap, String iface) {
        capture = cap;
        draining = null;
        RowFeed feed = feeds.get();
        DecryptionControl.LiveKeys keys = this.keys.get();
        feed.attach(new CaptureIndex(cap.linkType(), keys.secrets()));
        open.replace(feed, cap.file(), true);
        session.startCapture(iface, cap.file().getFileName().toString());
        // One thread dissects in arrival order; rows reach the table on the next pulse.
        Thread t = new Thread(() -> {
            try {
                while (!feed.isCancelled()) {
                    keys.poll(feed); // keys that appear in the watched key log: their connections are dissected again
                    RawFrame f = cap.queue().poll(20, TimeUnit.MILLISECONDS);
                    if (f != null) feed.publish(f);
                    else if (!cap.isRunning() && cap.queue().isEmpty()) break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                e.printStackTrace();
            } finally {
                feed.finish();
            }
        }, "tlslens-capture-dissect");
        t.setDaemon(true);
        t.start();
        dissector = t;
    }

    void stop() { stop(() -> { }); }

    /** Stops the capture, then runs {@code then} on the FX thread (at once when none is running). */
    void stop(Runnable then) {
        LiveCapture cap = capture;
        if (cap == null) {
            then.run();
            return;
        }
        session.stateProperty().set(State.STOPPING);
        Background.run(() -> {
            cap.stop();
            return cap.stats();
        }, stats -> {
            update(session, stats);
            if (stats.waiting() > 0) draining = cap.queue();
            capture = null;
            session.stateProperty().set(State.STOPPED);
            session.messageProperty().set("Capture stopped; saved in " + cap.file());
            then.run();
        }, e -> {
            capture = null;
            session.stateProperty().set(State.STOPPED);
            session.warningProperty().set("Stopping failed: " + e.getMessage());
            then.run();
        });
    }

    /** Every pulse: the counters, a few times a second; a capture that ended by itself is stopped. */
    void pulse(long now) {
        if (now - lastStatsPoll <= STATS_INTERVAL_NS) return;
        lastStatsPoll = now;
        LiveCapture cap = capture;
        if (cap == null && draining != null) {
            long waiting = draining.size();
            session.waitingProperty().set(waiting);
            if (waiting == 0) draining = null;
        }
        if (cap == null || session.state() != State.CAPTURING) return;
        update(session, cap.stats());
        if (!cap.isRunning() && session.state() == State.CAPTURING) stop();
    }

    private static void update(CaptureSessionModel session, CaptureStats s) {
        session.capturedProperty().set(s.captured());
        session.droppedByKernelProperty().set(s.droppedByKernel());
        session.waitingProperty().set(s.waiting());
        if (s.started() != null) session.elapsedProperty().set(Duration.between(s.started(), Instant.now()));
        if (s.error() != null && !s.error().isEmpty()) session.warningProperty().set(s.error());
    }

    boolean isRunning() { return capture != null; }

    /** At exit: stops a capture still running, then deletes {@code unsavedFile} (a temp file nobody saved), if any. */
    void shutdown(Path unsavedFile) {
        LiveCapture cap = capture;
        capture = null;
        Runnable delete = () -> {
            try {
                if (unsavedFile != null) Files.deleteIfExists(unsavedFile);
            } catch (java.io.IOException e) {
                // Left in the temp folder.
            }
        };
        if (cap == null) {
            delete.run();
        } else {
            Thread t = new Thread(() -> {
                cap.stop();
                delete.run();
            }, "tlslens-capture-stop");
            t.setDaemon(false); // let the file be closed properly before the JVM exits
            t.start();
        }
    }
}
