package tlslens.ui;

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

    /** Shows {@code next} (read from or captured into {@code source}) instead of the current capture. */
    void replace(RowFeed next, Path source) {
        RowFeed old = feed.get();
        file = source;
        feed.set(next);
        if (old != null) release(old);
    }

    /** Forgets the current capture. */
    void close() { replace(null, null); }

    /** Stops its producer and frees its index in the background (closing it is I/O: a mapped file). */
    private static void release(RowFeed f) {
        f.cancel();
        Background.submit(() -> {
            CaptureIndex idx = f.index();
            if (idx != null) idx.close();
        });
    }
}
