package tlslens.dissect.tls.decrypt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The NSS key log format (SSLKEYLOGFILE: browsers, curl, openssl -keylogfile, Python's keylog_filename):
 * {@code LABEL <client_random hex> <secret hex>} per line. Comments, blank lines and lines we can't use
 * (RSA pre-master lines, malformed hex) are skipped and counted, never fatal. Each secret remembers
 * where it came from, for "Decrypted with key from line N of FILE". Secrets are never printed:
 * {@link Secret#toString()} names the origin only. Files are streamed line by line (LF, CR or CRLF,
 * RFC 9850), a line longer than {@link #MAX_LINE} is skipped without being kept, and a read stops
 * after {@link #MAX_BYTES} ({@link #cut()}): {@code /dev/zero} or a runaway file costs bounded memory.
 */
public final class KeyLog {
    /** The labels we use. */
    public enum Label {
        CLIENT_RANDOM, CLIENT_EARLY_TRAFFIC_SECRET, CLIENT_HANDSHAKE_TRAFFIC_SECRET,
        SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0, EXPORTER_SECRET
    }

    /**
     * One secret and where it came from (source = file name or "embedded DSB #n"). Line 0: not a
     * key log line but derived, e.g. a master secret from an RSA key exchange (source names the key).
     */
    public record Secret(Label label, byte[] value, String source, int line) {
        @Override public String toString() { return label + " from " + origin(); }

        /** "line 3 of keys.log", for the tree; a derived secret's source as it is. */
        public String origin() { return line > 0 ? "line " + line + " of " + source : source; }

        /** Whether the secret was derived with an RSA private key rather than read from a key log. */
        public boolean derived() { return line <= 0; }
    }

    private record Key(Label label, String clientRandom) {}

    private final Map<Key, Secret> secrets = new HashMap<>();
    private final List<String> sources = new ArrayList<>();
    private int skipped;
    private int comments;
    private boolean cut;

    /** The longest line read (a key log line is about 230 characters); longer ones are skipped unkept. */
    public static final int MAX_LINE = 4096;
    /** What one read of a file takes at most: some 600,000 lines, far beyond any capture's connections. */
    public static final long MAX_BYTES = 128L << 20;

    /** What {@link #read(InputStream, String, int, long, boolean)} consumed: bytes up to the end of its last line, lines. */
    public record Consumed(long bytes, int lines) {}

    /** An empty key log. */
    public KeyLog() {}

    /** Reads a key log file; lines that can't be used are counted in {@link #skipped()}. */
    public static KeyLog read(Path file) throws IOException {
        KeyLog k = new KeyLog();
        try (InputStream in = Files.newInputStream(file)) {
            k.read(in, file.getFileName().toString(), 1, MAX_BYTES, false);
        }
        return k;
    }

    /** Whether a read stopped at {@link #MAX_BYTES} with more to come (its secrets so far are kept). */
    public synchronized boolean cut() { return cut; }

    /**
     * Reads lines of {@code in} (first one numbered {@code firstLine}) until its end or {@code maxBytes};
     * {@code wholeLinesOnly} leaves a last line without its end unread (a file being written).
     */
    public synchronized Consumed read(InputStream in, String source, int firstLine, long maxBytes, boolean wholeLinesOnly)
            throws IOException {
        if (!sources.contains(source)) sources.add(source);
        byte[] buf = new byte[64 << 10];
        byte[] line = new byte[MAX_LINE];
        int len = 0;
        boolean tooLong = false, afterCr = false;
        long read = 0, endOfLast = 0;
        int n = firstLine - 1;
        for (int r; read < maxBytes && (r = in.read(buf, 0, (int) Math.min(buf.length, maxBytes - read))) > 0; read += r) {
            for (int i = 0; i < r; i++) {
                byte b = buf[i];
                if (b == '\n' && afterCr) { // the LF of a CRLF
                    afterCr = false;
                    endOfLast = read + i + 1;
                    continue;
                }
                afterCr = b == '\r';
                if (b == '\n' || b == '\r') {
                    n++;
                    line(tooLong ? null : new String(line, 0, len, StandardCharsets.ISO_8859_1), source, n);
                    len = 0;
                    tooLong = false;
                    endOfLast = read + i + 1;
                } else if (len < MAX_LINE) {
                    line[len++] = b;
                } else {
                    tooLong = true;
                }
            }
        }
        if (read >= maxBytes && in.read() >= 0) cut = true;
        else if (!wholeLinesOnly && (len > 0 || tooLong)) {
            n++;
            line(tooLong ? null : new String(line, 0, len, StandardCharsets.ISO_8859_1), source, n);
            endOfLast = read;
        }
        return new Consumed(endOfLast, n - (firstLine - 1));
    }

    /** Adds the lines of {@code text}; {@code source} names it in the tree. Later lines win, as in Wireshark. */
    public synchronized void add(String text, String source) { add(text, source, 1); }

    /** As {@link #add(String, String)}, for text whose first line is line {@code firstLine} of its source. */
    public synchronized void add(String text, String source, int firstLine) {
        if (text == null) return;
        try {
            read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), source, firstLine, Long.MAX_VALUE,
                    false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not from a byte array
        }
    }

    /** One line (null: longer than MAX_LINE, skipped). */
    private void line(String raw, String source, int n) {
        if (raw == null) {
            skipped++;
            return;
        }
        String line = raw.strip();
        if (line.isEmpty()) return;
        if (line.startsWith("#")) {
            comments++;
            return;
        }
        {
            String[] w = line.split("\\s+");
            Label label = label(w[0]);
            if (label == null || w.length != 3 || w[1].length() != 64 || !isHex(w[1]) || !isHex(w[2])
                    || w[2].length() % 2 != 0 || w[2].isEmpty()
                    || (label == Label.CLIENT_RANDOM && w[2].length() != 96)) {
                skipped++;
                return;
            }
            secrets.put(new Key(label, w[1].toLowerCase()),
                    new Secret(label, HexFormat.of().parseHex(w[2]), source, n));
        }
    }

    /** Adds every secret of another key log (e.g. a file's and a capture's embedded ones). */
    public synchronized void addAll(KeyLog other) {
        if (other == null || other == this) return;
        synchronized (other) {
            secrets.putAll(other.secrets);
            for (String s : other.sources) if (!sources.contains(s)) sources.add(s);
            skipped += other.skipped;
            comments += other.comments;
        }
    }

    /** The secret for a label and a ClientHello random (32 bytes), or null. */
    public synchronized Secret get(Label label, byte[] clientRandom) {
        if (clientRandom == null || clientRandom.length != 32) return null;
        return secrets.get(new Key(label, HexFormat.of().formatHex(clientRandom)));
    }

    /** Number of secrets held. */
    public synchronized int size() { return secrets.size(); }

    /** Lines that were neither a secret we use, a comment nor blank. */
    public synchronized int skipped() { return skipped; }

    public synchronized int comments() { return comments; }

    /** The names of the key logs added (file names, "embedded DSB #1"). */
    public synchronized List<String> sources() { return Collections.unmodifiableList(new ArrayList<>(sources)); }

    /** True when there is nothing to decrypt with. */
    public synchronized boolean isEmpty() { return secrets.isEmpty(); }

    /** The NSS key log lines for these client randoms (for embedding into pcapng on request). */
    public synchronized String linesFor(List<byte[]> clientRandoms) {
        StringBuilder sb = new StringBuilder();
        for (byte[] cr : clientRandoms) {
            if (cr == null || cr.length != 32) continue;
            String hex = HexFormat.of().formatHex(cr);
            for (Label l : Label.values()) {
                Secret s = secrets.get(new Key(l, hex));
                if (s != null) sb.append(l).append(' ').append(hex).append(' ')
                        .append(HexFormat.of().formatHex(s.value())).append('\n');
            }
        }
        return sb.toString();
    }

    private static Label label(String s) {
        for (Label l : Label.values()) if (l.name().equals(s)) return l;
        return null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        }
        return true;
    }

    @Override public synchronized String toString() {
        return "KeyLog[" + secrets.size() + " secrets from " + sources + ", " + skipped + " lines skipped]";
    }
}
