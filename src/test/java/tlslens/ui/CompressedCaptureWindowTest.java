package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.tshark;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.capture.CaptureCraft;
import tlslens.ui.model.CaptureSessionModel.State;

/**
 * Compressed captures open in the window as in Wireshark (issue 12, item 18): the sample
 * compressed by Debian's gzip, zstd and lz4 commands, opened the ways a user opens a file (File
 * &gt; Open's path, a drop, the recent files), shows the rows and Info texts tshark prints for the
 * same compressed file, with no warning.
 */
@ExtendWith(ApplicationExtension.class)
class CompressedCaptureWindowTest {
    @TempDir Path dir;
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WindowTestSupport.show(stage);
    }

    private Path compressed(String ext) throws Exception {
        Path copy = dir.resolve("tls-sample.pcapng");
        Files.copy(WindowTestSupport.SAMPLE, copy, StandardCopyOption.REPLACE_EXISTING);
        switch (ext) {
            case ".gz" -> CaptureCraft.run("gzip", "-kf", copy.toString());
            case ".zst" -> CaptureCraft.run("zstd", "-qf", copy.toString(), "-o", copy + ".zst");
            default -> CaptureCraft.run("lz4", "-qf", copy.toString(), copy + ".lz4");
        }
        return Path.of(copy + ext);
    }

    /** The loaded rows equal tshark's frames of the same compressed file, Info text included. */
    private void assertShowsWhatTsharkReads(Path file) throws Exception {
        List<String> info = tshark("-r", file.toString(), "-T", "fields", "-e", "_ws.col.Info");
        waitLoaded(window, info.size());
        assertEquals("", fx(() -> window.sessionModel().warningProperty().get()));
        for (int i : new int[] {0, 3, info.size() - 1}) {
            String ours = fx(() -> window.tableModel().shown().get(i).summary().info());
            assertEquals(info.get(i).replace("\\t", "\t").split(",")[0].trim(), ours.split(",")[0].trim(),
                    "frame " + (i + 1));
        }
    }

    @Test
    void aGzipFileOpensFromFileOpen() throws Exception {
        Path gz = compressed(".gz");
        fx(() -> {
            window.open(gz); // what File > Open does with the chosen file
            return null;
        });
        assertShowsWhatTsharkReads(gz);
    }

    @Test
    void aZstdFileOpensWhenDropped(FxRobot robot) throws Exception {
        Path zst = compressed(".zst");
        Node root = fx(() -> stage.getScene().getRoot());
        robot.interact(() -> {
            Dragboard db = FileDragboard.of(List.of(zst.toFile()));
            Event.fireEvent(root, new DragEvent(root, root, DragEvent.DRAG_OVER, db, 300, 300, 300, 300,
                    TransferMode.COPY, null, root, null));
            Event.fireEvent(root, new DragEvent(root, root, DragEvent.DRAG_DROPPED, db, 300, 300, 300, 300,
                    TransferMode.COPY, null, root, null));
        });
        assertShowsWhatTsharkReads(zst);
        assertEquals(zst, fx(() -> window.currentFile()));
    }

    @Test
    void anLz4FileReopensFromTheRecentFiles(FxRobot robot) throws Exception {
        Path lz4 = compressed(".lz4").toAbsolutePath().normalize();
        fx(() -> {
            window.open(lz4);
            return null;
        });
        assertShowsWhatTsharkReads(lz4);
        robot.clickOn("#packetTable");
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitUntil(5, () -> window.sessionModel().state() == State.EMPTY);
        robot.clickOn("File").clickOn("Open Recent").clickOn(lz4.toString());
        assertShowsWhatTsharkReads(lz4);
        assertTrue(fx(() -> window.currentFile().toAbsolutePath().normalize().equals(lz4)));
    }
}
