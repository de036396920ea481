package tlslens.ui.model;

import java.util.Locale;

import tlslens.analysis.Connection;
import tlslens.analysis.Resumption;
import tlslens.dissect.tls.decrypt.DecryptionStatus;

/** The cells of the connections table, as text: what each column shows for a connection. */
public final class ConnectionColumns {
    private ConnectionColumns() {}

    /** "#3" for TCP stream 3, "QUIC #0", "DTLS #1". */
    public static String index(Connection c) { return c.label(); }

    /** "TCP", "QUIC", "DTLS". */
    public static String transport(Connection c) { return c.transport().name(); }

    public static String sni(Connection c) { return c.sni() == null ? "" : c.sni(); }

    public static String version(Connection c) { return c.version() != null ? c.version() : c.tls() ? "?" : "(no TLS)"; }

    public static String suite(Connection c) { return c.cipherSuite() == null ? "" : c.cipherSuite(); }

    /** "none", "session ticket", "PSK (psk_dhe_ke)"; empty for a connection without TLS. */
    public static String resumption(Connection c) {
        if (!c.tls()) return "";
        return switch (c.resumption()) {
            case NONE -> c.resumptionOffered().isEmpty() ? "none" : "none (offered " + String.join(", ", c.resumptionOffered()) + ")";
            case SESSION_ID -> "session id";
            case SESSION_TICKET -> "session ticket";
            case PSK -> "PSK" + (c.pskMode() != null ? " (" + c.pskMode() + ")" : "");
        };
    }

    /** "#3", "? (ticket issued inside encrypted records; ...)" for an unknown origin, empty for a full handshake. */
    public static String resumedFrom(Connection c) {
        if (c.resumedFrom() != null) {
            return (c.transport() == tlslens.engine.Transport.TCP ? "#" : c.transport().name() + " #") + c.resumedFrom();
        }
        if (c.resumption() == Resumption.NONE) return "";
        return "? " + (c.resumedFromReason() == null ? "" : "(" + c.resumedFromReason() + ")");
    }

    /** "12.348 ms", "incomplete", empty without TLS. */
    public static String handshakeTime(Connection c) {
        if (!c.tls()) return "";
        return c.handshakeMs() == null ? "incomplete" : String.format(Locale.ROOT, "%.3f ms", c.handshakeMs());
    }

    /** "decrypted", "no keys", "keys did not match"...: the short state; the reason goes in the tooltip. */
    public static String decryption(Connection c) {
        if (!c.tls() || c.decryption() == null) return "";
        var v = c.decryption().keyExchange();
        if (v != null && v.decryptedWithRsaKey() && c.decryption().state() == DecryptionStatus.State.DECRYPTED) {
            return c.decryption().state().text + " (RSA key)";
        }
        if (v != null && v.forwardSecret() && c.decryption().state() == DecryptionStatus.State.NO_KEYS) {
            return c.decryption().state().text + " (forward secret)";
        }
        return c.decryption().state().text;
    }

    /** The whole reason ("no keys: no CLIENT_RANDOM line for this connection"), never key material. */
    public static String decryptionDetail(Connection c) {
        return !c.tls() || c.decryption() == null ? "" : c.decryption().describe();
    }
}
