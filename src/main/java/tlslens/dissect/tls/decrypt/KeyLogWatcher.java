package tlslens.dissect.tls.decrypt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Watches a key log file during a live capture (browsers append to SSLKEYLOGFILE as they
 * connect): {@link #poll()} re-reads it when its size or time changed and adds its secrets to the
 * capture's {@link TlsSecrets}, so connections whose keys appear later decrypt from then on.
 * Cheap to call often (one stat at most every {@link #MIN_INTERVAL_NANOS}).
 */
public final class KeyLogWatcher {
    static final long MIN_INTERVAL_NANOS = 200_000_000L;
    private final Path file;
    private final TlsSecrets secrets;
    private long size = -1;
    private long modified = -1;
    private long lastCheck;
    private String error;

    public KeyLogWatcher(Path file, TlsSecrets secrets) {
        this.file = file;
        this.secrets = secrets;
    }

    /** Re-reads the file if it changed; true when new secrets may have arrived. */
    public boolean poll() {
        long now = System.nanoTime();
        if (lastCheck != 0 && now - lastCheck < MIN_INTERVAL_NANOS) return false;
        lastCheck = now;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            long m = a.lastModifiedTime().toMillis();
            if (a.size() == size && m == modified) return false;
            size = a.size();
            modified = m;
            secrets.add(KeyLog.read(file));
            error = null;
            return true;
        } catch (IOException e) {
            // Not there yet (the browser creates it on its first connection): try again later.
            error = e.getClass().getSimpleName();
            return false;
        }
    }

    /** Why the last read failed, or null (never any file content). */
    public String error() { return error; }
}
