package tlslens.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.input.TransferMode;

/** A file dropped on a node (the window's root) is opened. */
final class FileDrop {
    private FileDrop() {}

    static void install(Node target, Consumer<Path> open) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        target.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) open.accept(files.get(0).toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
