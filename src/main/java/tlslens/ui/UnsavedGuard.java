package tlslens.ui;

import java.nio.file.Path;
import java.util.function.BiConsumer;

import tlslens.ui.model.CaptureSessionModel;
import tlslens.ui.model.UnsavedPackets;
import tlslens.ui.model.UnsavedPackets.Action;

/**
 * Asks Save / Don't save / Cancel before packets captured live are dropped, as Wireshark does:
 * a running capture is stopped first; "Save" asks where, and the action goes on once the file is
 * written; "Don't save" deletes the temp file; "Cancel" (or Escape) does nothing.
 */
final class UnsavedGuard {
    private final OpenCapture capture;
    private final CaptureSessionModel session;
    private final LiveCaptureControl live;
    private final CaptureFileChooser chooser;
    private final Saver save;
    private final Dialogs dialogs;

    /** Saves the capture to a file and then runs the callback (only if the save succeeded). */
    interface Saver extends BiConsumer<CaptureFileChooser.SaveTarget, Runnable> {}

    UnsavedGuard(OpenCapture capture, CaptureSessionModel session, LiveCaptureControl live, CaptureFileChooser chooser,
            Saver save, Dialogs dialogs) {
        this.capture = capture;
        this.session = session;
        this.live = live;
        this.chooser = chooser;
        this.save = save;
        this.dialogs = dialogs;
    }

    /** Runs {@code then} at once when nothing would be lost, else once the user answered Save or Don't save. */
    void confirm(Action action, Runnable then) {
        if (!capture.unsaved()) {
            then.run();
            return;
        }
        boolean capturing = session.isCapturing();
        dialogs.askToSave(UnsavedPackets.question(action, capturing), UnsavedPackets.detail(), answer -> {
            switch (answer) {
                case CANCEL -> { }
                case DONT_SAVE -> live.stop(() -> {
                    capture.close(); // deletes the temp file
                    then.run();
                });
                case SAVE -> live.stop(() -> {
                    CaptureFileChooser.SaveTarget t = chooser.chooseToSave(dialogs.owner());
                    if (t != null) save.accept(t, then);
                });
            }
        });
    }

    /** For the exit path (no dialog left to answer): the temp file of a capture nobody saved. */
    Path unsavedFile() { return capture.unsaved() ? capture.file() : null; }
}
