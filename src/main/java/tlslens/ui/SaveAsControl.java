package tlslens.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.PacketRow;
import tlslens.ui.model.PacketTableModel;
import tlslens.ui.model.RecentFiles;

/**
 * File &gt; Save As: every frame loaded so far, as pcap or pcapng, written in the background; with
 * the keys of the connections shown when asked (pcapng only).
 */
final class SaveAsControl {
    private final OpenCapture capture;
    private final PacketTableModel rows;
    private final CaptureSessionModel session;
    private final RecentFiles recent;
    private final BooleanSupplier embedKeys;
    private final CaptureFileChooser chooser;
    private final Dialogs dialogs;

    SaveAsControl(OpenCapture capture, PacketTableModel rows, CaptureSessionModel session, RecentFiles recent,
            BooleanSupplier embedKeys, CaptureFileChooser chooser, Dialogs dialogs) {
        this.capture = capture;
        this.rows = rows;
        this.session = session;
        this.recent = recent;
        this.embedKeys = embedKeys;
        this.chooser = chooser;
        this.dialogs = dialogs;
    }

    /** True while there is nothing to save. */
    BooleanBinding disabled() {
        return Bindings.createBooleanBinding(() -> capture.feed() == null || rows.total() == 0,
                rows.totalProperty(), capture.feedProperty());
    }

    void chooseAndSave() {
        if (capture.index() == null) return;
        CaptureFileChooser.SaveTarget t = chooser.chooseToSave(dialogs.owner());
        if (t != null) saveAs(t.file(), t.asPcap());
    }

    /** Writes every frame loaded so far to {@code file} (pcap or pcapng), in the background. */
    void saveAs(Path file, boolean asPcap) { saveAs(file, asPcap, () -> { }); }

    /**
     * As {@link #saveAs(Path, boolean)}, then {@code then} once written (not when the save failed).
     * A stopped live capture saved whole is from then on that file, and its temp file goes.
     */
    void saveAs(Path file, boolean asPcap, Runnable then) {
        CaptureIndex idx = capture.index();
        if (idx == null) return;
        int count = rows.total();
        session.messageProperty().set("Saving " + count + " packets…");
        // Keys only when asked, only pcapng, only the connections shown (read on the FX thread, replayed in the background).
        List<PacketRow> shown = !asPcap && embedKeys.getAsBoolean() ? List.copyOf(rows.shown()) : null;
        Background.run(() -> {
            CaptureSaver.save(idx, count, file, asPcap, shown == null ? null : DecryptionControl.keysOfShown(idx, shown));
            return count;
        }, n -> {
            session.messageProperty().set("Saved " + n + " packets to " + file);
            recent.add(file);
            if (capture.index() == idx && !session.isCapturing() && n == rows.total()) {
                capture.savedAs(file);
                session.fileProperty().set(file.getFileName().toString());
                session.ifaceProperty().set("");
            }
            then.run();
        }, e -> dialogs.error("Can't save " + file.getFileName(), e.getMessage()));
    }
}
