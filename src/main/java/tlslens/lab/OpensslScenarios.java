package tlslens.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lessons made with openssl s_client and s_server: each runs a server with the options the
 * lesson needs and one client per connection, and says what each connection was from what the
 * client reported.
 */
final class OpensslScenarios {
    private static final String CIPHER12 = "ECDHE-RSA-AES128-GCM-SHA256";
    private static final String RSA_CIPHER = "AES128-GCM-SHA256";

    private final OpensslPeers peers;
    private final Path work;

    OpensslScenarios(OpensslPeers peers, Path work) {
        this.peers = peers;
        this.work = work;
    }

    List<MadeConnection> run(LabScenario s) throws IOException, InterruptedException {
        List<MadeConnection> out = new ArrayList<>();
        Path sess = work.resolve(s.id() + ".sess");
        switch (s) {
            case TLS12_SESSION_ID -> {
                peers.startServer("-tls1_2", "-cipher", CIPHER12, "-no_ticket");
                add(out, s, "full", peers.client(null, sess, null, "-tls1_2"), -1, "full handshake; the server issues a session id");
                add(out, s, "resumed", peers.client(sess, null, null, "-tls1_2"), 0, "abbreviated handshake: the server echoes the session id");
            }
            case TLS12_TICKET -> {
                peers.startServer("-tls1_2", "-cipher", CIPHER12);
                add(out, s, "full", peers.client(null, sess, null, "-tls1_2"), -1, "full handshake; the server sends a NewSessionTicket");
                add(out, s, "resumed", peers.client(sess, null, null, "-tls1_2"), 0, "abbreviated handshake with the ticket");
            }
            case TLS12_EMS -> {
                peers.startServer("-tls1_2", "-cipher", CIPHER12);
                add(out, s, "ems", peers.client(null, null, null, "-tls1_2"), -1,
                        "extended_master_secret in both hellos: the master secret covers the handshake transcript");
                peers.clientEnvironment(Map.of("OPENSSL_CONF", noEmsConfig().toString()));
                add(out, s, "no-ems", peers.client(null, null, null, "-tls1_2"), -1,
                        "no extended_master_secret: the master secret depends only on the randoms and the pre-master secret");
            }
            case TLS12_REFUSED -> {
                peers.startServer("-tls1_2", "-cipher", CIPHER12);
                add(out, s, "full", peers.client(null, sess, null, "-tls1_2"), -1, "full handshake; NewSessionTicket");
                // A new server: new ticket keys and an empty session cache, so the offer cannot be taken.
                peers.startServer("-tls1_2", "-cipher", CIPHER12);
                add(out, s, "refused", peers.client(sess, null, null, "-tls1_2"), 0,
                        "the server restarted and forgot the session: full handshake despite the offered ticket");
            }
            case TLS13_PSK -> {
                peers.startServer("-tls1_3", "-num_tickets", "1", "-allow_no_dhe_kex");
                add(out, s, "full", peers.client(null, sess, null, "-tls1_3"), -1, "full handshake; one NewSessionTicket");
                add(out, s, "resumed", peers.client(sess, null, null, "-tls1_3", "-allow_no_dhe_kex"), 0,
                        "PSK resumption: no Certificate, no CertificateVerify (the client offered psk_ke too)");
            }
            case TLS13_HRR -> {
                peers.startServer("-tls1_3", "-groups", "P-256");
                add(out, s, "hrr", peers.client(null, null, null, "-tls1_3", "-groups", "X25519:P-256"), -1,
                        "the client's key share is X25519, the server takes only P-256: HelloRetryRequest, one more round trip");
            }
            case TLS13_0RTT -> {
                Path early = work.resolve("early.txt");
                Files.writeString(early, "0-RTT early data from openssl s_client in the lesson lab\n");
                peers.startServer("-tls1_3", "-early_data", "-num_tickets", "1");
                add(out, s, "full", peers.client(null, sess, null, "-tls1_3"), -1, "full handshake; the ticket allows early data");
                add(out, s, "early", peers.client(sess, null, early, "-tls1_3"), 0,
                        "PSK resumption with 0-RTT data sent before the server's first flight");
            }
            case PQ_HYBRID -> {
                peers.startServer("-tls1_3", "-groups", "X25519MLKEM768");
                add(out, s, "hybrid", peers.client(null, null, null, "-tls1_3", "-groups", "X25519MLKEM768"), -1,
                        "X25519MLKEM768 key share: a Client Hello larger than one segment");
            }
            case RSA_VS_ECDHE -> {
                peers.startServer("-tls1_2", "-cipher", RSA_CIPHER + ":" + CIPHER12);
                add(out, s, "rsa", peers.client(null, null, null, "-tls1_2", "-cipher", RSA_CIPHER), -1,
                        "RSA key exchange: the pre-master secret travels encrypted with the server's key; the key decrypts it");
                add(out, s, "ecdhe", peers.client(null, null, null, "-tls1_2", "-cipher", CIPHER12), -1,
                        "ECDHE: the server's key only signs; nothing in the capture and the key gives the secret");
            }
        }
        peers.stopServer();
        return out;
    }

    /** An OpenSSL configuration that turns the extended master secret off (no s_client option does). */
    private Path noEmsConfig() throws IOException {
        Path conf = work.resolve("no-ems.cnf");
        Files.writeString(conf, """
                openssl_conf = lab_init
                [lab_init]
                ssl_conf = lab_ssl
                [lab_ssl]
                system_default = lab_no_ems
                [lab_no_ems]
                Options = -ExtendedMasterSecret
                """);
        return conf;
    }

    private void add(List<MadeConnection> out, LabScenario s, String role, OpensslPeers.ClientRun r, int origin,
                     String note) {
        String version = r.version();
        boolean resumed = r.resumed();
        String resumption = "none";
        String pskMode = null;
        if (resumed && "TLS 1.3".equals(version)) {
            resumption = "psk";
            // s_client prints the server's key share only when (EC)DHE was part of the key exchange.
            pskMode = r.group() != null ? "psk_dhe_ke" : "psk_ke";
        } else if (resumed) {
            // The client offers the ticket its session came with; without one, the session id.
            resumption = origin >= 0 && out.get(origin).gotTicket() ? "session_ticket" : "session_id";
        }
        boolean helloRetry = s == LabScenario.TLS13_HRR && r.group() != null && !r.group().equalsIgnoreCase("X25519");
        boolean rsaKeys = s == LabScenario.RSA_VS_ECDHE;
        LabConnection facts = new LabConnection(out.size(), s, role, peers.implementation(), version, r.cipher(),
                r.group(), resumed, resumption, r.offered(), r.offered() || resumed ? origin : -1, pskMode, helloRetry,
                r.ems(), r.earlyAccepted(), r.earlyOffered(), !rsaKeys, note);
        out.add(new MadeConnection(r.wire(), facts, r.keyLog(), r.gotTicket()));
    }
}
