package tlslens.ui.decrypt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;

/**
 * The RSA keys list setting (Preferences dialog): the key files are remembered with java.util.prefs
 * like the key log's path; PKCS#12 passwords are kept for this session only, never written to disk
 * (a PKCS#12 file remembered from an earlier session asks for its password again).
 */
public final class RsaKeySettings {
    private static final String KEY = "rsaKeyFiles";
    private final Preferences prefs;
    private final List<Path> files = new ArrayList<>();
    private final Map<Path, String> passwords = new HashMap<>();

    public RsaKeySettings(Preferences prefs) {
        this.prefs = prefs;
        for (String f : prefs.get(KEY, "").split("\n")) if (!f.isBlank()) files.add(Path.of(f));
    }

    /** The entries in the order given (password "" where none is known). */
    public synchronized List<RsaKeyEntry> entries() {
        List<RsaKeyEntry> out = new ArrayList<>();
        for (Path f : files) out.add(new RsaKeyEntry(f, passwords.getOrDefault(f, "")));
        return out;
    }

    public synchronized void setEntries(List<RsaKeyEntry> entries) {
        files.clear();
        passwords.clear();
        StringBuilder sb = new StringBuilder();
        for (RsaKeyEntry e : entries) {
            Path f = e.file().toAbsolutePath().normalize();
            if (files.contains(f)) continue;
            files.add(f);
            if (!e.password().isEmpty()) passwords.put(f, e.password());
            sb.append(f).append('\n');
        }
        if (sb.length() == 0) prefs.remove(KEY);
        else prefs.put(KEY, sb.toString());
        try {
            prefs.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // The setting still holds for this session.
        }
    }
}
