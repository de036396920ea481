package tlslens.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import javafx.application.Platform;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.ui.decrypt.CaptureKeys;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.HeapGuard;
import tlslens.ui.model.RecentFiles;
import tlslens.ui.model.UnsavedPackets;

/**
 * Opens and closes capture files: a thread of its own reads and dissects the whole file into a
 * {@link RowFeed} (whose second thread records the frames and makes their rows), giving way to the window now and then ({@link LoadPacer}), and reports into the
 * capture session (loading, the file's damage, the failure to open it). Rows reach the table
 * through {@link RowPump}.
 */
final class CaptureFileLoader {
    /** The bundled sample capture (File &gt; Open the Sample Capture; also the warm-up's input). */
    static final String SAMPLE = "/sample/tls-sample.pcapng";

    private final OpenCapture capture;
    private final CaptureSessionModel session;
    /** A new feed, filtered and coloured as the window is now. */
    private final Supplier<RowFeed> feeds;
    private final RecentFiles recent;
    private final BiFunction<Path, List<String>, CaptureKeys> keys;
    private final CaptureFileChooser chooser;
    private final Dialogs dialogs;
    private final LoadPacer pacer = new LoadPacer();

    /** {@code keys}: called on the loading thread, the secrets to dissect a file with. */
    CaptureFileLoader(OpenCapture capture, CaptureSessionModel session, Supplier<RowFeed> feeds, RecentFiles recent,
            BiFunction<Path, List<String>, CaptureKeys> keys, CaptureFileChooser chooser, Dialogs dialogs) {
        this.capture = capture;
        this.session = session;
        this.feeds = feeds;
        this.recent = recent;
        this.keys = keys;
        this.chooser = chooser;
        this.dialogs = dialogs;
    }

    /** Every pulse: the window is drawing (the loader need not give way); the load's progress is redrawn. */
    void pulse(long now) {
        pacer.pulse(System.nanoTime());
        LoadProgress p = progress;
        progressView.pulse(now, p != null && p.feed == capture.feed() && session.state() == State.LOADING ? p : null);
    }

    /** The progress of the last load that opened its file (the loading thread sets it). */
    private volatile LoadProgress progress;
    private final LoadProgressView progressView = new LoadProgressView();

    /** The status bar's progress bar, text and Cancel while a file loads. */
    javafx.scene.Node progressIndicator() { return progressView.node(); }

    private UnsavedGuard guard;

    /** Asked before a file replaces packets captured live and not saved. */
    void setGuard(UnsavedGuard guard) { this.guard = guard; }

    private void unlessCancelled(UnsavedPackets.Action action, Runnable then) {
        if (guard == null) then.run();
        else guard.confirm(action, then);
    }

    /** File &gt; Open…: the chosen file. */
    void chooseAndOpen() {
        unlessCancelled(UnsavedPackets.Action.OPEN, () -> {
            Path file = chooser.chooseToOpen(dialogs.owner());
            if (file != null) open(file, file.getFileName().toString(), true);
        });
    }

    /** Opens a capture file (menu, recent list, drag and drop) and remembers it among the recent ones. */
    void open(Path file) {
        unlessCancelled(UnsavedPackets.Action.OPEN, () -> open(file, file.getFileName().toString(), true));
    }

    void openSample() { unlessCancelled(UnsavedPackets.Action.OPEN, this::openSampleNow); }

    private void openSampleNow() {
        // Copying a 20 kB resource is I/O: off the FX thread like the rest.
        Background.run(() -> {
            Path tmp = Files.createTempFile("tls-sample-", ".pcapng");
            tmp.toFile().deleteOnExit();
            try (InputStream in = CaptureFileLoader.class.getResourceAsStream(SAMPLE)) {
                if (in == null) throw new IOException("the sample capture is missing from this build");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        }, p -> open(p, "tls-sample.pcapng", false), e -> dialogs.error("Can't open the sample capture", e.getMessage()));
    }

    /**
     * Reads the open capture file again (with the keys now set), so that the table's Info and the
     * trees show what decryption reveals; false when there is no file or a capture is running.
     */
    boolean reopen() {
        Path file = capture.file();
        if (file == null || session.isCapturing()) return false;
        String name = session.fileProperty().get();
        open(file, name == null || name.isEmpty() ? file.getFileName().toString() : name, false);
        return true;
    }

    private void open(Path file, String displayName, boolean remember) {
        if (session.isCapturing()) {
            session.messageProperty().set("Stop the capture before opening a file.");
            return;
        }
        // The file is opened on the loading thread first; the window shows it only once it opened,
        // so a file that is no capture leaves the one shown (as Wireshark does).
        RowFeed f = feeds.get();
        if (pending != null) pending.cancel();
        pending = f;
        session.messageProperty().set("Opening " + displayName + "…");
        // A thread of its own, at a lower priority than the window's (LowPriority says why).
        Thread loader = new Thread(() -> {
            LowPriority.lowerCurrentThread();
            load(f, file, displayName, remember);
        }, "tlslens-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** Loading stops when what the window keeps fills this much of the heap (the rest is for the views). */
    private static final double HEAP_LIMIT = 0.85;

    /** The feed of the last file asked for, until it opened or failed to; null when none is pending. */
    private RowFeed pending;

    /** The loading thread: open the file, then (once the window shows it) read and dissect it into the feed. */
    private void load(RowFeed f, Path file, String name, boolean remember) {
        CaptureFileReader reader;
        try {
            reader = CaptureFileReader.open(file);
        } catch (Exception e) {
            boolean gone = !Files.exists(file); // asked here: the FX thread does no I/O
            Platform.runLater(() -> failedToOpen(f, file, name, remember && gone, e));
            return;
        }
        LoadProgress p = new LoadProgress(f, sizeOf(file));
        progress = p;
        try (reader) {
            f.attach(new CaptureIndex(reader.linkType(), keys.apply(file, reader.decryptionSecrets()).secrets()).interfaces(reader.interfaces()));
            f.onRowThread(LowPriority::lowerCurrentThread); // the feed's second stage gives way to the window as this thread does
            Platform.runLater(() -> opened(f, file, name, remember));
            RawFrame raw;
            long n = 0;
            HeapGuard heap = new HeapGuard(HEAP_LIMIT);
            boolean full = false;
            while (!f.isCancelled() && !p.stopRequested() && (raw = reader.next()) != null) {
                f.publish(raw);
                if ((++n & 255) == 0) p.update(reader.bytesRead(), n);
                if ((n & 4095) == 0 && heap.nearlyFull()) {
                    full = true;
                    break;
                }
                pacer.giveWay();
            }
            p.update(reader.bytesRead(), n);
            f.endOfFrames(); // every frame read is recorded and has its row (or the second stage's failure is thrown here)
            f.index().finishReading(); // a file: no frame follows (the engine's per-connection state goes)
            if (full && !f.isCancelled()) {
                // Stopped like a cancel, what was read kept: the window stays usable instead of running out of memory.
                String stopped = String.format(java.util.Locale.ROOT, "Reading stopped: memory is nearly full (%s in use) "
                        + "after the first %,d packets of the file; the rest was not read.", heap.describe(), n);
                f.experts().addCaptureWarning(stopped);
                Platform.runLater(() -> warn(f, stopped));
            }
            if (p.stopRequested() && !f.isCancelled()) {
                // Cancel keeps what was read: a partial capture, said as a warning until the next load.
                String stopped = String.format(java.util.Locale.ROOT, "Loading cancelled: the first %,d packets of the file "
                        + "are shown (%s read); the rest was not read.", n,
                        tlslens.ui.model.LoadProgressText.of(p.bytes(), p.totalBytes, n, 0).replaceFirst(" · .*", ""));
                Platform.runLater(() -> warn(f, stopped));
            }
            String warning = reader.warning();
            if (warning != null) {
                f.experts().addCaptureWarning(warning);
                Platform.runLater(() -> warn(f, warning));
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // A dissector bug must not leave the window "loading" forever: say where it stopped.
            if (!f.isCancelled()) {
                e.printStackTrace();
                f.experts().addCaptureWarning("Reading stopped: " + e);
                Platform.runLater(() -> warn(f, "Reading stopped: " + e));
            }
        } finally {
            p.finish();
            f.finish();
        }
        try {
            f.completeExperts(pacer::giveWay); // after the rows: the load is done when they are, the notes follow
        } catch (RuntimeException | StackOverflowError e) {
            e.printStackTrace(); // the notes of the light pass stay
        } finally {
            f.expertsSettled();
        }
    }

    /** The file's size for the progress bar; 0 for a pipe or standard input (the bar then only moves). */
    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    /** The file opened: the window now shows it instead of what it showed (unless another was asked for since). */
    private void opened(RowFeed f, Path file, String name, boolean remember) {
        boolean current = pending == f;
        if (current) pending = null;
        if (!current || f.isCancelled() || session.isCapturing()) { // another file, or a capture, came since
            discard(f);
            return;
        }
        capture.replace(f, file);
        session.startLoading(name);
        chooser.opened(file);
        if (remember) recent.add(file);
    }

    private void warn(RowFeed f, String warning) {
        if (capture.feed() == f) session.warningProperty().set(warning);
    }

    /** Stops a load the window will not show, and frees its index in the background. */
    private static void discard(RowFeed f) {
        f.cancel();
        Background.submit(() -> {
            CaptureIndex idx = f.index();
            if (idx != null) idx.close();
        });
    }

    /**
     * The file did not open: what was open stays, and the user reads why. {@code forget}: the
     * file is gone, so it leaves the recent files.
     */
    private void failedToOpen(RowFeed f, Path file, String name, boolean forget, Exception e) {
        if (forget) recent.remove(file.toAbsolutePath().normalize().toString());
        if (pending != f) return;
        pending = null;
        session.messageProperty().set("");
        dialogs.error("Can't open " + name, e.getMessage());
    }

    /** File &gt; Close: back to the welcome pane, once packets captured live are saved or let go. */
    void close() { unlessCancelled(UnsavedPackets.Action.CLOSE, this::closeNow); }

    private void closeNow() {
        if (session.isCapturing()) return;
        if (pending != null) pending.cancel();
        pending = null;
        capture.close();
        session.stateProperty().set(State.EMPTY);
        session.fileProperty().set("");
        session.warningProperty().set("");
    }
}
