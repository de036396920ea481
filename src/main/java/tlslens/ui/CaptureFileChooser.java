package tlslens.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The open and save dialogs for capture files; both start in the folder of the file opened last. */
final class CaptureFileChooser {
    private Path lastDirectory;

    /** Where a save to {@code file} goes, and whether as pcap (else pcapng). */
    record SaveTarget(Path file, boolean asPcap) {}

    /** A capture file was opened: the next dialog starts in its folder. */
    void opened(Path file) {
        if (file.getParent() != null) lastDirectory = file.getParent();
    }

    /** The file chosen to open, or null. */
    Path chooseToOpen(Window owner) {
        FileChooser chooser = chooser("Open Capture File");
        chooser.getExtensionFilters().addAll(
                // Compressed ones too (gzip, zstd, lz4), as Wireshark lists them: the reader decompresses.
                new FileChooser.ExtensionFilter("Capture files (*.pcap, *.pcapng, *.cap, also .gz, .zst, .lz4)",
                        "*.pcap", "*.pcapng", "*.cap", "*.pcap.gz", "*.pcapng.gz", "*.cap.gz", "*.pcap.zst",
                        "*.pcapng.zst", "*.cap.zst", "*.pcap.lz4", "*.pcapng.lz4", "*.cap.lz4"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner);
        return file == null ? null : file.toPath();
    }

    /** Tests answer the save dialog here instead (a native dialog a robot can't fill in); null: ask the user. */
    java.util.function.Supplier<SaveTarget> saveAnswer;

    /** The file and format chosen to save to, or null. */
    SaveTarget chooseToSave(Window owner) {
        if (saveAnswer != null) return saveAnswer.get();
        FileChooser chooser = chooser("Save Packets As");
        FileChooser.ExtensionFilter ng = new FileChooser.ExtensionFilter("pcapng (*.pcapng)", "*.pcapng");
        FileChooser.ExtensionFilter pcap = new FileChooser.ExtensionFilter("pcap (*.pcap)", "*.pcap");
        chooser.getExtensionFilters().addAll(ng, pcap);
        File file = chooser.showSaveDialog(owner);
        if (file == null) return null;
        return new SaveTarget(file.toPath(), chooser.getSelectedExtensionFilter() == pcap || file.getName().endsWith(".pcap"));
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (lastDirectory != null && Files.isDirectory(lastDirectory)) chooser.setInitialDirectory(lastDirectory.toFile());
        return chooser;
    }
}
