package tlslens.dissect.tls.decrypt;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.LongSupplier;

/**
 * Watches a key log file during a live capture (browsers append to SSLKEYLOGFILE as they
 * connect): {@link #poll()} reads what was appended since the last time and adds its secrets to
 * the capture's {@link TlsSecrets}, so connections whose keys appear later decrypt from then on.
 * Only whole lines are taken (a writer may be in the middle of one); a file that shrank was
 * replaced and is read again from its start. Cheap to call often (one stat at most every
 * {@link #MIN_INTERVAL_NANOS}, and a browser's key log of thousands of lines is not re-read).
 */
public final class KeyLogWatcher {
    static final long MIN_INTERVAL_NANOS = 200_000_000L;
    private final Path file;
    private final TlsSecrets secrets;
    private final LongSupplier nanoClock;
    /** Bytes consumed: up to the end of the last whole line read. */
    private long consumed;
    /** Lines consumed (secrets name their line). */
    private int lines;
    private long size = -1;
    private long modified = -1;
    private long lastCheck;
    private int skipped;
    private String error;

    public KeyLogWatcher(Path file, TlsSecrets secrets) {
        this(file, secrets, System::nanoTime);
    }

    /** With the clock that spaces the checks (a test's, which it advances instead of sleeping). */
    KeyLogWatcher(Path file, TlsSecrets secrets, LongSupplier nanoClock) {
        this.file = file;
        this.secrets = secrets;
        this.nanoClock = nanoClock;
    }

    /** Reads what was appended if the file changed; true when new secrets may have arrived. */
    public boolean poll() {
        long now = nanoClock.getAsLong();
        if (lastCheck != 0 && now - lastCheck < MIN_INTERVAL_NANOS) return false;
        lastCheck = now;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            long m = a.lastModifiedTime().toMillis();
            if (a.size() == size && m == modified) return false;
            size = a.size();
            modified = m;
            if (size < consumed) {
                // Shorter than what we read: a new file under the same name. Secrets already
                // added stay (the connections they opened are decrypted); the new lines add to them.
                consumed = 0;
                lines = 0;
                skipped = 0;
            }
            error = null;
            return readAppended();
        } catch (IOException e) {
            // Not there yet (the browser creates it on its first connection): try again later.
            error = e.getClass().getSimpleName();
            return false;
        }
    }

    private boolean readAppended() throws IOException {
        if (size <= consumed) return false;
        // Streamed, whole lines only (the writer may be mid-line), at most KeyLog.MAX_BYTES a poll.
        KeyLog log = new KeyLog();
        KeyLog.Consumed c;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(consumed);
            c = log.read(Channels.newInputStream(ch), file.getFileName().toString(), lines + 1, KeyLog.MAX_BYTES, true);
        }
        if (c.bytes() == 0) return false; // no complete line yet
        secrets.add(log);
        skipped += log.skipped();
        lines += c.lines();
        consumed += c.bytes();
        return true;
    }

    /** Lines so far that were neither a secret we use, a comment nor blank (each line counted once). */
    public int skipped() { return skipped; }

    /** Why the last read failed, or null (never any file content). */
    public String error() { return error; }
}
