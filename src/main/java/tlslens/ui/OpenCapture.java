package tlslens.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import tlslens.engine.CaptureIndex;

/**
 * The capture the window shows (FX thread only): the {@link RowFeed} its rows come from, a file
 * load's or a live capture's, and the file behind it. The parts that run work on the capture
 * (filter passes, searches, trees, the timeline) listen to {@link #feedProperty} to drop work
 * begun on a capture that is gone.
 */
final class OpenCapture {
    private final ReadOnlyObjectWrapper<RowFeed> feed = new ReadOnlyObjectWrapper<>(this, "feed");
    private Path file;
    /** The file is a live capture's temp file, not saved elsewhere: ours to delete when the capture goes. */
    private boolean temporary;

    /** Null when nothing is open. */
    ReadOnlyObjectProperty<RowFeed> feedProperty() { return feed.getReadOnlyProperty(); }

    RowFeed feed() { return feed.get(); }

    /** Null until the producer has opened its source, and when nothing is open. */
    CaptureIndex index() {
        RowFeed f = feed.get();
        return f == null ? null : f.index();
    }

    /** The file being read or written by the capture; null when nothing is open. */
    Path file() { return file; }

    /**
     * Shows {@code next} (read from or captured into {@code source}) instead of the current capture.
     * A live capture's temp file goes with it, unless {@code next} is read from it again (new keys).
     */
    void replace(RowFeed next, Path source) { replace(next, source, source != null && temporary && source.equals(file)); }

    /** As {@link #replace(RowFeed, Path)}; {@code temp}: {@code source} is a live capture's temp file. */
    void replace(RowFeed next, Path source, boolean temp) {
        RowFeed old = feed.get();
        Path oldFile = file;
        boolean deleteOld = temporary && oldFile != null && !oldFile.equals(source);
        file = source;
        temporary = temp;
        feed.set(next);
        if (old != null) release(old, deleteOld ? oldFile : null);
        else if (deleteOld) Background.submit(() -> deleteQuietly(oldFile));
    }

    /** Forgets the current capture (and deletes a live capture's temp file). */
    void close() { replace(null, null, false); }

    /**
     * True when the packets shown exist only in a live capture's temp file: closing the window,
     * opening a file or starting a capture first asks whether to save them.
     */
    boolean unsaved() { return temporary && feed.get() != null; }

    /**
     * Every packet of the stopped capture was saved to {@code saved}: the window now shows that
     * file (keys read it again from there), and the temp file is deleted.
     */
    void savedAs(Path saved) {
        if (!temporary) return;
        Path tmp = file;
        file = saved;
        temporary = false;
        Background.submit(() -> deleteQuietly(tmp));
    }

    /** Stops its producer and frees its index in the background (closing it is I/O: a mapped file), then deletes {@code tmp}. */
    private static void release(RowFeed f, Path tmp) {
        f.cancel();
        Background.submit(() -> {
            CaptureIndex idx = f.index();
            if (idx != null) idx.close();
            if (tmp != null) deleteQuietly(tmp);
        });
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Left in the temp folder: the system cleans it.
        }
    }
}
