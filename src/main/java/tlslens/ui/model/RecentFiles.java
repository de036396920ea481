package tlslens.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The File > Open Recent list, newest first, kept in java.util.prefs across runs. */
public final class RecentFiles {
    public static final int MAX = 10;
    private final Preferences node;
    private final ObservableList<String> files = FXCollections.observableArrayList();

    public RecentFiles(Preferences node) {
        this.node = node;
        for (int i = 0; i < MAX; i++) {
            String f = node.get("file" + i, null);
            if (f != null && !f.isBlank() && !files.contains(f)) files.add(f);
        }
    }

    /** Newest first; absolute paths. */
    public ObservableList<String> files() { return files; }

    public void add(Path file) {
        String f = file.toAbsolutePath().normalize().toString();
        files.remove(f);
        files.add(0, f);
        if (files.size() > MAX) files.remove(MAX, files.size());
        save();
    }

    public void remove(String file) {
        if (files.remove(file)) save();
    }

    public void clear() {
        files.clear();
        save();
    }

    private void save() {
        List<String> copy = new ArrayList<>(files);
        for (int i = 0; i < MAX; i++) {
            if (i < copy.size()) node.put("file" + i, copy.get(i));
            else node.remove("file" + i);
        }
        // No flush here: the JDK writes changed preferences every 30 s and at exit, on its own
        // thread. Flushing at once cost an 80 ms stall on the FX thread when a capture opened,
        // and on a background thread it still took a core in the middle of loading that capture.
    }
}
