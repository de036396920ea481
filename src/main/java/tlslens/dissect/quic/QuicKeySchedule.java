package tlslens.dissect.quic;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.tls.decrypt.Hkdf;
import tlslens.dissect.tls.decrypt.KeySchedule;
import tlslens.dissect.tls.decrypt.KeySchedule.Source;
import tlslens.dissect.tls.decrypt.KeySchedule.Step;

/**
 * A QUIC connection's key schedule as a lesson shows it (RFC 9001 5): the Initial secrets every
 * observer can derive from the client's first Destination Connection ID and the version's salt
 * (RFC 9001 5.2; RFC 9369 3.3 for v2), their packet protection key, IV and header protection key;
 * the TLS 1.3 schedule of the handshake inside (RFC 8446 7.1, from the key log), whose traffic
 * secrets then give each packet number space its "quic key", "quic iv" and "quic hp" ("quicv2 ..."
 * for v2) instead of TLS's record keys; the 0-RTT keys with the resumed session's suite; and a key
 * update's next secrets ("quic ku", RFC 9001 6.1) when the connection updated its keys.
 */
public final class QuicKeySchedule {
    private static final String RFC9001 = "RFC 9001 ";
    private final List<Step> steps = new ArrayList<>();
    private final QuicConnection conn;
    private final boolean v2;

    private QuicKeySchedule(QuicConnection conn) {
        this.conn = conn;
        this.v2 = conn.version == QuicKeys.V2;
    }

    /** The connection's schedule: its Initial secrets always, the rest as far as the key log goes. */
    public static KeySchedule of(QuicConnection conn) {
        QuicKeySchedule s = new QuicKeySchedule(conn);
        return s.build();
    }

    /**
     * The Initial secrets and keys of a connection whose client's first DCID is {@code clientDcid}
     * (RFC 9001 5.2, Appendix A.1 for v1's example).
     */
    public static List<Step> initial(long version, byte[] clientDcid, String stage) {
        QuicKeySchedule s = new QuicKeySchedule(null, version);
        s.initialSteps(stage, clientDcid, "the Destination Connection ID of the client's first Initial packet");
        return List.copyOf(s.steps);
    }

    private QuicKeySchedule(QuicConnection conn, long version) {
        this.conn = conn;
        this.v2 = version == QuicKeys.V2;
    }

    private KeySchedule build() {
        initialSteps("QUIC Initial secrets", conn.originalDcid,
                "the Destination Connection ID of the client's first Initial packet, on the wire");
        if (conn.retryDcid != null) {
            initialSteps("QUIC Initial secrets after the Retry", conn.retryDcid,
                    "the Source Connection ID of the server's Retry, which the client's next Initials go to (RFC 9001 §5.2)");
        }
        KeySchedule tls = conn.tls.keySchedule();
        int suite = conn.tls.cipherSuite();
        if (tls == null) {
            return new KeySchedule(tls13(), suite, steps,
                    "no key log for this connection: the Initial keys come from the wire alone; Handshake, 0-RTT and"
                            + " 1-RTT keys need its traffic secrets (--keylog FILE)", 1);
        }
        // TLS's own record keys ("key", "iv") protect nothing in QUIC: the packet keys below replace them.
        for (Step s : tls.steps()) if (!s.stage().equals("Traffic keys")) steps.add(s);
        String stage = "QUIC packet protection";
        int earlySuite = conn.earlySuite >= 0 ? conn.earlySuite : suite;
        packetKeys(stage, "client 0-RTT", "client_early_traffic_secret", value(tls, "client_early_traffic_secret"),
                earlySuite, conn.earlySuite >= 0 ? "the resumed session's suite, the one whose AEAD opened the 0-RTT packets"
                        : null, true);
        packetKeys(stage, "client Handshake", "client_handshake_traffic_secret",
                value(tls, "client_handshake_traffic_secret"), suite, null, false);
        packetKeys(stage, "server Handshake", "server_handshake_traffic_secret",
                value(tls, "server_handshake_traffic_secret"), suite, null, false);
        byte[] c0 = value(tls, "client_application_traffic_secret_0");
        byte[] s0 = value(tls, "server_application_traffic_secret_0");
        packetKeys(stage, "client 1-RTT", "client_application_traffic_secret_0", c0, suite, null, false);
        packetKeys(stage, "server 1-RTT", "server_application_traffic_secret_0", s0, suite, null, false);
        if (conn.keyUpdates > 0) {
            stage = "QUIC key update";
            keyUpdate(stage, "client", c0, suite);
            keyUpdate(stage, "server", s0, suite);
        }
        return new KeySchedule(tls.version(), suite, steps, tls.problem(), tls.handshakes());
    }

    private static int tls13() { return tlslens.dissect.tls.names.TlsVersions.TLS13; }

    private static byte[] value(KeySchedule tls, String name) {
        Step s = tls.step(name);
        return s == null ? null : s.value();
    }

    private String prefix() { return v2 ? "quicv2 " : "quic "; }

    private void initialSteps(String stage, byte[] dcid, String dcidNote) {
        String saltRfc = v2 ? "RFC 9369 §3.3.1" : RFC9001 + "§5.2";
        byte[] salt = QuicKeys.initialSalt(v2 ? QuicKeys.V2 : conn == null ? QuicKeys.V1 : conn.version);
        add(stage, "initial_salt", saltRfc, "the version's constant (" + (v2 ? "QUIC v2" : "QUIC v1") + ")", salt,
                Source.CONSTANT, null);
        add(stage, "client_dst_connection_id", RFC9001 + "§5.2", dcidNote, dcid, Source.WIRE, null);
        byte[] initial = Hkdf.extract("HmacSHA256", salt, dcid);
        add(stage, "initial_secret", RFC9001 + "§5.2", "HKDF-Extract(initial_salt, client_dst_connection_id)", initial,
                Source.DERIVED, "anyone who sees the first Initial can compute it: Initial packets hide nothing from an observer");
        byte[] client = Hkdf.expandLabel("HmacSHA256", initial, "client in", new byte[0], 32);
        byte[] server = Hkdf.expandLabel("HmacSHA256", initial, "server in", new byte[0], 32);
        add(stage, "client_initial_secret", RFC9001 + "§5.2", "HKDF-Expand-Label(initial_secret, \"client in\", \"\", 32)",
                client, Source.DERIVED, null);
        add(stage, "server_initial_secret", RFC9001 + "§5.2", "HKDF-Expand-Label(initial_secret, \"server in\", \"\", 32)",
                server, Source.DERIVED, null);
        keys(stage, "client Initial", "client_initial_secret", client, "HmacSHA256", 16, false);
        keys(stage, "server Initial", "server_initial_secret", server, "HmacSHA256", 16, false);
    }

    private void packetKeys(String stage, String which, String from, byte[] secret, int suite, String note, boolean early) {
        if (early && secret == null) return; // no 0-RTT in this connection (or no line for it): nothing to show
        String hmac = QuicDissector.hmac(suite);
        keys(stage, which, from, secret, hmac, QuicDissector.keyLength(suite), early);
        if (note != null) steps.set(steps.size() - 1, withNote(steps.get(steps.size() - 1), note));
    }

    private void keys(String stage, String which, String from, byte[] secret, String hmac, int keyLength, boolean psk) {
        String p = prefix();
        Source src = secret == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED;
        byte[] key = secret == null ? null : Hkdf.expandLabel(hmac, secret, p + "key", new byte[0], keyLength);
        byte[] iv = secret == null ? null : Hkdf.expandLabel(hmac, secret, p + "iv", new byte[0], 12);
        byte[] hp = secret == null ? null : Hkdf.expandLabel(hmac, secret, p + "hp", new byte[0], keyLength);
        steps.add(new Step(stage, which + " key", RFC9001 + "§5.1", "HKDF-Expand-Label(" + from + ", \"" + p + "key\", \"\", "
                + keyLength + ")", key, src, null, psk, null, null, "the AEAD key of its packets' payloads (§5.3)"));
        steps.add(new Step(stage, which + " iv", RFC9001 + "§5.1", "HKDF-Expand-Label(" + from + ", \"" + p + "iv\", \"\", 12)",
                iv, src, null, psk, null, null, "XORed with the packet number to make each packet's nonce (§5.3)"));
        steps.add(new Step(stage, which + " hp", RFC9001 + "§5.1", "HKDF-Expand-Label(" + from + ", \"" + p + "hp\", \"\", "
                + keyLength + ")", hp, src, null, psk, null, null,
                "header protection: masks the packet number and the first byte's low bits (§5.4)"));
    }

    private void keyUpdate(String stage, String who, byte[] secret0, int suite) {
        String hmac = QuicDissector.hmac(suite);
        int n = hmac.equals("HmacSHA384") ? 48 : 32;
        byte[] next = secret0 == null ? null : Hkdf.expandLabel(hmac, secret0, prefix() + "ku", new byte[0], n);
        Source src = next == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED;
        String name = who + "_application_traffic_secret_1";
        steps.add(new Step(stage, name, RFC9001 + "§6.1", "HKDF-Expand-Label(" + who + "_application_traffic_secret_0, \""
                + prefix() + "ku\", \"\", " + n + ")", next, src, null, false, null, null,
                "the next key phase: the Key Phase bit flips when packets use it"));
        byte[] key = next == null ? null : Hkdf.expandLabel(hmac, next, prefix() + "key", new byte[0], QuicDissector.keyLength(suite));
        byte[] iv = next == null ? null : Hkdf.expandLabel(hmac, next, prefix() + "iv", new byte[0], 12);
        steps.add(new Step(stage, who + " 1-RTT key (phase 1)", RFC9001 + "§6.1", "HKDF-Expand-Label(" + name + ", \""
                + prefix() + "key\", \"\", " + QuicDissector.keyLength(suite) + ")", key, src, null, false, null, null, null));
        steps.add(new Step(stage, who + " 1-RTT iv (phase 1)", RFC9001 + "§6.1", "HKDF-Expand-Label(" + name + ", \""
                + prefix() + "iv\", \"\", 12)", iv, src, null, false, null, null,
                "the header protection key is not updated (§6.1): hp stays the phase 0 one"));
    }

    private void add(String stage, String name, String rfc, String formula, byte[] value, Source source, String note) {
        steps.add(new Step(stage, name, rfc, formula, value, source, null, false, null, null, note));
    }

    private static Step withNote(Step s, String note) {
        return new Step(s.stage(), s.name(), s.rfc(), s.formula(), s.value(), s.source(), s.origin(), s.psk(), s.check(),
                s.wire(), s.note() == null ? note : s.note() + "; " + note);
    }
}
