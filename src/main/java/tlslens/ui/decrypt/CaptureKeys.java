package tlslens.ui.decrypt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import tlslens.capture.DecryptionSecrets;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.RsaKeyException;
import tlslens.dissect.tls.decrypt.RsaKeyFile;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * The secrets one capture is opened with: the key log file of the settings (if any) and the
 * capture's own Decryption Secrets Blocks, used without being asked as tshark does. Built in the
 * background (it reads files); {@link #status()} is the status bar's text. A key log that can't be
 * read is reported by file name and error kind only, never by content.
 */
public final class CaptureKeys {
    private final TlsSecrets secrets;
    private final String status;
    private final String problem;
    private final int keys;
    private final int skipped;

    private CaptureKeys(TlsSecrets secrets, String status, String problem, int keys, int skipped) {
        this.secrets = secrets;
        this.status = status;
        this.problem = problem;
        this.keys = keys;
        this.skipped = skipped;
    }

    /**
     * Reads the key log (null: none) and the capture's embedded secrets (null capture: a live
     * capture, nothing embedded). Secrets are non-null when a key log is set, so that lines appended
     * later by a watched file apply.
     */
    public static CaptureKeys load(Path keyLog, Path capture) { return load(keyLog, List.of(), capture); }

    /**
     * As {@link #load(Path, Path)}, with the RSA keys list: each file's keys, or the first file's
     * problem ("Wrong password for the PKCS#12 file server.p12") as the status's problem.
     */
    public static CaptureKeys load(Path keyLog, List<RsaKeyEntry> rsaKeys, Path capture) {
        return load(keyLog, rsaKeys, capture, capture == null ? List.of() : DecryptionSecrets.tlsKeyLogs(capture));
    }

    /**
     * As {@link #load(Path, List, Path)} with the capture's embedded key logs as its reader found them
     * ({@code CaptureFileReader.decryptionSecrets()}: a FIFO or pipe can't be opened a second time).
     */
    public static CaptureKeys load(Path keyLog, List<RsaKeyEntry> rsaKeys, Path capture, List<String> embeddedKeyLogs) {
        TlsSecrets secrets = keyLog == null && rsaKeys.isEmpty() ? null : new TlsSecrets();
        String problem = null;
        int fileKeys = 0;
        int skipped = 0;
        if (keyLog != null) {
            try {
                KeyLog log = KeyLog.read(keyLog);
                secrets.add(log);
                fileKeys = log.size();
                skipped = log.skipped();
                if (log.cut()) {
                    problem = "The key log " + keyLog.getFileName() + " is larger than " + (KeyLog.MAX_BYTES >> 20)
                            + " MiB: only its first " + (KeyLog.MAX_BYTES >> 20) + " MiB were read";
                }
            } catch (IOException | RuntimeException e) {
                problem = "Can't read the key log " + keyLog.getFileName() + " (" + e.getClass().getSimpleName() + ")";
            }
        }
        List<String> rsaFiles = new java.util.ArrayList<>();
        int rsa = 0;
        for (RsaKeyEntry e : rsaKeys) {
            try {
                var keys = RsaKeyFile.read(e.file(), e.password());
                secrets.addRsaKeys(keys);
                rsa += keys.size();
                rsaFiles.add(e.file().getFileName().toString());
            } catch (RsaKeyException ex) {
                if (problem == null) problem = ex.getMessage();
            }
        }
        int embedded = 0;
        int blocks = 0;
        if (capture != null) {
            for (String text : embeddedKeyLogs) {
                KeyLog log = new KeyLog();
                log.add(text, "Decryption Secrets Block #" + (++blocks) + " of " + capture.getFileName());
                if (secrets == null) secrets = new TlsSecrets();
                secrets.add(log);
                embedded += log.size();
                skipped += log.skipped();
            }
        }
        int total = secrets == null ? 0 : secrets.keyLog().size() + rsa;
        String text = text(keyLog, fileKeys, embedded, blocks, skipped, problem);
        if (problem == null && rsa > 0) {
            String r = (rsa == 1 ? "RSA key from " : rsa + " RSA keys from ") + String.join(", ", rsaFiles);
            text = text.equals("No key log") ? r : text + ", " + r;
        }
        return new CaptureKeys(secrets, text, problem, total, skipped);
    }

    /** The status bar's text for a key log file's counts (also used when a watched file grows). */
    public static String text(Path keyLog, int fileKeys, int embedded, int blocks, int skipped, String problem) {
        if (problem != null) return problem;
        StringBuilder sb = new StringBuilder();
        if (keyLog != null) sb.append(plural(fileKeys, "key")).append(" loaded from ").append(keyLog.getFileName());
        if (blocks > 0) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(plural(embedded, "key")).append(" embedded in the capture");
        }
        if (sb.length() == 0) return "No key log";
        if (skipped > 0) sb.append(" (").append(plural(skipped, "line")).append(" skipped)");
        return sb.toString();
    }

    private static String plural(int n, String what) { return n + " " + what + (n == 1 ? "" : "s"); }

    /** What to decrypt with, or null when there is nothing. */
    public TlsSecrets secrets() { return secrets; }

    /** "12 keys loaded from keys.log (2 lines skipped)", "No key log", ... */
    public String status() { return status; }

    /** Why the key log could not be used, or null. */
    public String problem() { return problem; }

    public int keys() { return keys; }

    public int skipped() { return skipped; }
}
