package tlslens.dissect.tls.decrypt;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The secrets one capture is dissected with: the key log(s) (file, embedded Decryption Secrets
 * Blocks, a live-watched file), the servers' RSA private keys (Wireshark's RSA keys list) and, as Wireshark's session cache, the TLS &lt;= 1.2 master secrets
 * learned per session id and ticket, so that a resumed session without its own key-log line
 * decrypts with the master secret of the session it resumes. Shared by every engine of a capture
 * (a replay of one connection finds what the first pass learned); thread-safe.
 */
public final class TlsSecrets {
    private final KeyLog keyLog = new KeyLog();
    private final RsaKeys rsaKeys = new RsaKeys();
    private final Map<String, KeyLog.Secret> bySessionId = new HashMap<>();
    private final Map<String, KeyLog.Secret> byTicket = new HashMap<>();
    /** Master secrets an RSA key gave, by ClientHello random (hex): exported like key log lines. */
    private final Map<String, KeyLog.Secret> derived = new HashMap<>();
    private static final int MAX_SESSIONS = 100_000;

    public TlsSecrets() {}

    public TlsSecrets(KeyLog log) { keyLog.addAll(log); }

    /** Adds secrets (a reloaded key log file, a capture's embedded secrets). */
    public void add(KeyLog more) { keyLog.addAll(more); }

    public KeyLog keyLog() { return keyLog; }

    /** Adds servers' RSA private keys (Wireshark's RSA keys list), for RSA key exchange. */
    public void addRsaKeys(java.util.List<RsaServerKey> keys) { rsaKeys.add(keys); }

    /** The RSA keys list (empty when none was given). */
    public RsaKeys rsaKeys() { return rsaKeys; }

    /** The master secret for a TLS &lt;= 1.2 ClientHello random, from the key log. */
    public KeyLog.Secret masterSecret(byte[] clientRandom) {
        return keyLog.get(KeyLog.Label.CLIENT_RANDOM, clientRandom);
    }

    public KeyLog.Secret secret(KeyLog.Label label, byte[] clientRandom) { return keyLog.get(label, clientRandom); }

    public synchronized void rememberSessionId(byte[] sessionId, KeyLog.Secret master) {
        if (sessionId != null && sessionId.length > 0 && master != null && bySessionId.size() < MAX_SESSIONS) {
            bySessionId.put(HexFormat.of().formatHex(sessionId), master);
        }
    }

    public synchronized void rememberTicket(byte[] ticket, KeyLog.Secret master) {
        if (ticket != null && ticket.length > 0 && master != null && byTicket.size() < MAX_SESSIONS) {
            byTicket.put(HexFormat.of().formatHex(ticket), master);
        }
    }

    /** A master secret derived for a connection (RSA key exchange, or the session it resumed). */
    public synchronized void rememberDerived(byte[] clientRandom, KeyLog.Secret master) {
        if (clientRandom != null && clientRandom.length == 32 && master != null && derived.size() < MAX_SESSIONS) {
            derived.put(HexFormat.of().formatHex(clientRandom), master);
        }
    }

    /**
     * The NSS key log lines for these ClientHello randoms: the key log's, and a CLIENT_RANDOM line
     * for each master secret an RSA key gave (as Wireshark's "Export TLS Session Keys"), so a file
     * saved with its keys embedded decrypts without the private key.
     */
    public String linesFor(java.util.List<byte[]> clientRandoms) {
        StringBuilder sb = new StringBuilder(keyLog.linesFor(clientRandoms));
        synchronized (this) {
            for (byte[] cr : clientRandoms) {
                if (cr == null || cr.length != 32 || masterSecret(cr) != null) continue;
                KeyLog.Secret m = derived.get(HexFormat.of().formatHex(cr));
                if (m != null) sb.append("CLIENT_RANDOM ").append(HexFormat.of().formatHex(cr)).append(' ')
                        .append(HexFormat.of().formatHex(m.value())).append('\n');
            }
        }
        return sb.toString();
    }

    public synchronized KeyLog.Secret bySessionId(byte[] sessionId) {
        return sessionId == null || sessionId.length == 0 ? null : bySessionId.get(HexFormat.of().formatHex(sessionId));
    }

    public synchronized KeyLog.Secret byTicket(byte[] ticket) {
        return ticket == null || ticket.length == 0 ? null : byTicket.get(HexFormat.of().formatHex(ticket));
    }

    @Override public String toString() { return "TlsSecrets[" + keyLog + ", " + rsaKeys.size() + " RSA keys]"; }
}
