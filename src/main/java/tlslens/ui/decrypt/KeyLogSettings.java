package tlslens.ui.decrypt;

import java.nio.file.Path;
import java.util.prefs.Preferences;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The key log file setting (Preferences dialog, File &gt; Load Key Log…), remembered with
 * java.util.prefs like the window's other settings. Only the path is stored, never key material.
 */
public final class KeyLogSettings {
    private static final String KEY = "keylogFile";
    private final Preferences prefs;
    private final ReadOnlyStringWrapper file = new ReadOnlyStringWrapper(this, "file", "");

    public KeyLogSettings(Preferences prefs) {
        this.prefs = prefs;
        file.set(prefs.get(KEY, ""));
    }

    /** The key log path, "" when none. */
    public ReadOnlyStringProperty fileProperty() { return file.getReadOnlyProperty(); }

    /** The key log file, or null. */
    public Path file() {
        String f = file.get();
        return f == null || f.isBlank() ? null : Path.of(f);
    }

    public void setFile(Path p) {
        String v = p == null ? "" : p.toAbsolutePath().normalize().toString();
        file.set(v);
        if (v.isEmpty()) prefs.remove(KEY);
        else prefs.put(KEY, v);
        flush();
    }

    public void clear() { setFile(null); }

    private void flush() {
        try {
            prefs.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // The setting still holds for this session.
        }
    }
}
