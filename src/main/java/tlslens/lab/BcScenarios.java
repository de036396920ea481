package tlslens.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.tls.CipherSuite;

/**
 * The TLS 1.2 lessons Bouncy Castle makes inside the program (no external tool): resumption by
 * session id, with and without the extended master secret, a refused resumption and RSA key
 * exchange vs ECDHE. Its server issues no session tickets and it offers no TLS 1.3 resumption the
 * lab could use, so those lessons are openssl's.
 */
final class BcScenarios {
    /** The lessons these peers make. */
    static final Set<LabScenario> MADE = Set.of(LabScenario.TLS12_SESSION_ID, LabScenario.TLS12_EMS,
            LabScenario.TLS12_REFUSED, LabScenario.RSA_VS_ECDHE);
    private static final int ECDHE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    private static final int RSA = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

    private final BcPeers peers;

    BcScenarios(BcPeers peers) { this.peers = peers; }

    List<MadeConnection> run(LabScenario s) throws IOException, InterruptedException {
        List<MadeConnection> out = new ArrayList<>();
        switch (s) {
            case TLS12_SESSION_ID -> {
                BcPeers.Run full = add(out, s, "full", peers.connect(ECDHE, true, null), -1,
                        "full handshake; the server issues a session id");
                add(out, s, "resumed", peers.connect(ECDHE, true, full.session()), 0,
                        "abbreviated handshake: the server echoes the session id");
            }
            case TLS12_EMS -> {
                add(out, s, "ems", peers.connect(ECDHE, true, null), -1,
                        "extended_master_secret in both hellos: the master secret covers the handshake transcript");
                add(out, s, "no-ems", peers.connect(ECDHE, false, null), -1,
                        "no extended_master_secret: the master secret depends only on the randoms and the pre-master secret");
            }
            case TLS12_REFUSED -> {
                BcPeers.Run full = add(out, s, "full", peers.connect(ECDHE, true, null), -1,
                        "full handshake; the server issues a session id");
                peers.forgetSessions();
                add(out, s, "refused", peers.connect(ECDHE, true, full.session()), 0,
                        "the server forgot the session: full handshake despite the offered session id");
            }
            case RSA_VS_ECDHE -> {
                add(out, s, "rsa", peers.connect(RSA, true, null), -1,
                        "RSA key exchange: the pre-master secret travels encrypted with the server's key; the key decrypts it");
                add(out, s, "ecdhe", peers.connect(ECDHE, true, null), -1,
                        "ECDHE: the server's key only signs; nothing in the capture and the key gives the secret");
            }
            default -> throw new IllegalArgumentException(s.id() + " is not made with Bouncy Castle");
        }
        return out;
    }

    private static BcPeers.Run add(List<MadeConnection> out, LabScenario s, String role, BcPeers.Run r, int origin,
                                   String note) {
        LabConnection facts = new LabConnection(out.size(), s, role, BcPeers.IMPLEMENTATION, "TLS 1.2", r.cipher(),
                null, r.resumed(), r.resumed() ? "session_id" : "none", r.offered(), r.offered() ? origin : -1, null,
                false, r.ems(), false, false, s != LabScenario.RSA_VS_ECDHE, note);
        out.add(new MadeConnection(r.wire(), facts, r.keyLog(), false));
        return r;
    }
}
