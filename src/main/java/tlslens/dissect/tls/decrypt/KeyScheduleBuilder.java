package tlslens.dissect.tls.decrypt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlslens.dissect.tls.base.FinishedCheck;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.decrypt.KeySchedule.Source;
import tlslens.dissect.tls.decrypt.KeySchedule.Step;
import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * Builds a {@link KeySchedule} from what a {@link ConnectionDecryptor} saw: the hellos, the handshake
 * messages in order (decrypted ones included) and the key log. A key log holds TLS 1.3's traffic
 * secrets and TLS 1.2's master secret; everything before them in the schedule needs the (EC)DHE
 * secret or the PSK, which no key log holds, so it is named and said missing, while everything after
 * them (keys, IVs, finished keys, verify_data) is computed here.
 */
final class KeyScheduleBuilder {
    /** A handshake message with its 4-byte header, and who sent it. */
    record Message(boolean fromServer, byte[] bytes) {
        int type() { return bytes.length == 0 ? -1 : bytes[0] & 0xff; }
    }

    private static final String RFC8446 = "RFC 8446 ";
    private static final String NO_DHE = "the (EC)DHE shared secret is in neither side's key log: each side keeps its "
            + "private key share to itself";

    private final TlsSecrets secrets;
    private final int version;
    private final CipherSuiteInfo suite;
    private final byte[] clientRandom;
    private final byte[] serverRandom;
    private final HelloInfo clientHello;
    private final HelloInfo serverHello;
    private final boolean helloRetry;
    private final KeyLog.Secret master;
    private final List<Message> messages;
    private final List<Step> steps = new ArrayList<>();
    private int handshakes = 1;

    KeyScheduleBuilder(TlsSecrets secrets, int version, CipherSuiteInfo suite, byte[] clientRandom, byte[] serverRandom,
                       HelloInfo clientHello, HelloInfo serverHello, boolean helloRetry, KeyLog.Secret master,
                       List<Message> messages) {
        this.secrets = secrets;
        this.version = version;
        this.suite = suite;
        this.clientRandom = clientRandom;
        this.serverRandom = serverRandom;
        this.clientHello = clientHello;
        this.serverHello = serverHello;
        this.helloRetry = helloRetry;
        this.master = master;
        this.messages = messages;
    }

    KeyScheduleBuilder handshakes(int n) {
        handshakes = Math.max(1, n);
        return this;
    }

    KeySchedule build() {
        int code = suite == null ? -1 : suite.code();
        if (serverHello == null || clientRandom == null) {
            return KeySchedule.failed(version, code, "no ClientHello and ServerHello in the capture");
        }
        if (suite == null) return KeySchedule.failed(version, code, "the cipher suite is unknown");
        if (version == TlsVersions.TLS13) {
            if (!ConnectionDecryptor.supports13(suite)) {
                return KeySchedule.failed(version, code, "cipher suite " + suite.name() + " is not supported");
            }
            tls13();
        } else if (version == TlsVersions.TLS12 || version == TlsVersions.TLS11 || version == TlsVersions.TLS10) {
            if (!RecordCipher.supports(suite)) {
                return KeySchedule.failed(version, code, "cipher suite " + suite.name() + " is not supported");
            }
            tls12();
        } else {
            return KeySchedule.failed(version, code, TlsVersions.wiresharkName(version) + "'s key schedule is not shown");
        }
        String problem = messages.isEmpty() ? "the handshake messages were not kept (too large), so no Finished is checked" : null;
        if (problem == null && handshakes > 1) {
            problem = "this connection had " + handshakes + " handshakes (renegotiation): the last one is shown";
        }
        return new KeySchedule(version, code, steps, problem, handshakes);
    }

    // ---- TLS 1.3 --------------------------------------------------------------------------------

    private void tls13() {
        String h = RecordCipher.prfHmac(suite);
        String hash = h.endsWith("384") ? "SHA-384" : "SHA-256";
        int n = Hkdf.hashLength(h);
        boolean psk = serverHello.pskSelected >= 0;
        boolean dhe = !serverHello.keyShareGroups.isEmpty();
        byte[] emptyHash = digest(hash).digest();

        String stage = "Early secret";
        byte[] early = null;
        if (psk) {
            add(stage, "PSK", "§4.6.1", "HKDF-Expand-Label(resumption_master_secret, \"resumption\", ticket_nonce, Hash.length)"
                    + " of the connection that issued the ticket", null, Source.NOT_IN_KEY_LOG, null, true,
                    "the PSK takes the place of the zeros of a full handshake; it comes from an earlier connection's "
                            + "resumption_master_secret, which no key log holds");
            add(stage, "early_secret", "§7.1", "HKDF-Extract(salt: 0, IKM: PSK)", null, Source.NOT_IN_KEY_LOG, null, true,
                    "made from the PSK instead of zeros");
            add(stage, "binder_key", "§7.1", "Derive-Secret(early_secret, \"res binder\", \"\")", null,
                    Source.NOT_IN_KEY_LOG, null, true, "keys the PSK binder in the ClientHello (§4.2.11.2), which proves "
                            + "the client holds the PSK");
            KeyLog.Secret e = secrets.secret(KeyLog.Label.CLIENT_EARLY_TRAFFIC_SECRET, clientRandom);
            if (e != null || clientHello != null && clientHello.earlyData) {
                add(stage, "client_early_traffic_secret", "§7.1", "Derive-Secret(early_secret, \"c e traffic\", ClientHello)",
                        e == null ? null : e.value(), e == null ? Source.NOT_IN_KEY_LOG : Source.KEY_LOG,
                        e == null ? null : e.origin(), true, "protects 0-RTT early data");
            }
        } else {
            byte[] zeros = new byte[n];
            add(stage, "PSK", "§7.1", "0 (Hash.length zero bytes): no PSK", zeros, Source.CONSTANT, null, true,
                    "a full handshake: zeros stand where a resumption's PSK would go");
            early = Hkdf.extract(h, new byte[0], zeros);
            add(stage, "early_secret", "§7.1", "HKDF-Extract(salt: 0, IKM: 0)", early, Source.DERIVED, null, true,
                    "the same for every full handshake with this hash");
        }

        stage = "Handshake secret";
        byte[] derived = early == null ? null : Hkdf.expandLabel(h, early, "derived", emptyHash, n);
        add(stage, "derived (early)", "§7.1", "Derive-Secret(early_secret, \"derived\", \"\")", derived,
                derived == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED, null, psk, null);
        if (dhe) {
            add(stage, "(EC)DHE shared secret", "§7.4", "the " + groupText() + " key exchange of the two key_share entries",
                    null, Source.NOT_IN_KEY_LOG, null, false, NO_DHE);
        } else {
            add(stage, "(EC)DHE shared secret", "§7.1", "0: psk_ke, no key exchange", new byte[n], Source.CONSTANT, null,
                    true, "psk_ke: the handshake secret comes from the PSK alone (no forward secrecy)");
        }
        add(stage, "handshake_secret", "§7.1", "HKDF-Extract(salt: derived, IKM: (EC)DHE)", null, Source.NOT_IN_KEY_LOG,
                null, false, dhe ? "needs the (EC)DHE shared secret" : "needs the PSK");
        int sh = lastIndex(true, HandshakeTypes.SERVER_HELLO);
        byte[] helloHash = sh < 0 ? null : transcriptHash(hash, sh + 1);
        add(stage, "Transcript-Hash(ClientHello..ServerHello)", "§4.4.1", hash + " of the messages"
                + (helloRetry ? " (the first ClientHello replaced by its message_hash)" : ""), helloHash,
                helloHash == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED, null, false, null);
        KeyLog.Secret chs = secret(KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET);
        KeyLog.Secret shs = secret(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        logged(stage, "client_handshake_traffic_secret", "§7.1",
                "Derive-Secret(handshake_secret, \"c hs traffic\", ClientHello..ServerHello)", chs);
        logged(stage, "server_handshake_traffic_secret", "§7.1",
                "Derive-Secret(handshake_secret, \"s hs traffic\", ClientHello..ServerHello)", shs);

        stage = "Master secret";
        add(stage, "derived (handshake)", "§7.1", "Derive-Secret(handshake_secret, \"derived\", \"\")", null,
                Source.NOT_IN_KEY_LOG, null, false, null);
        add(stage, "master_secret", "§7.1", "HKDF-Extract(salt: derived, IKM: 0)", null, Source.NOT_IN_KEY_LOG, null, false,
                null);
        int sf = firstIndex(true, HandshakeTypes.FINISHED, sh);
        byte[] serverFinishedHash = sf < 0 ? null : transcriptHash(hash, sf + 1);
        add(stage, "Transcript-Hash(ClientHello..server Finished)", "§4.4.1", hash + " of the messages", serverFinishedHash,
                serverFinishedHash == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED, null, false, null);
        KeyLog.Secret cap = secret(KeyLog.Label.CLIENT_TRAFFIC_SECRET_0);
        KeyLog.Secret sap = secret(KeyLog.Label.SERVER_TRAFFIC_SECRET_0);
        logged(stage, "client_application_traffic_secret_0", "§7.1",
                "Derive-Secret(master_secret, \"c ap traffic\", ClientHello..server Finished)", cap);
        logged(stage, "server_application_traffic_secret_0", "§7.1",
                "Derive-Secret(master_secret, \"s ap traffic\", ClientHello..server Finished)", sap);
        logged(stage, "exporter_master_secret", "§7.1",
                "Derive-Secret(master_secret, \"exp master\", ClientHello..server Finished)", secret(KeyLog.Label.EXPORTER_SECRET));
        add(stage, "resumption_master_secret", "§7.1", "Derive-Secret(master_secret, \"res master\", ClientHello..client Finished)",
                null, Source.NOT_IN_KEY_LOG, null, false, "the PSKs of this connection's tickets come from it (§4.6.1)");

        stage = "Traffic keys";
        KeyLog.Secret cet = secret(KeyLog.Label.CLIENT_EARLY_TRAFFIC_SECRET);
        if (psk && cet != null) keys(stage, "client early", h, cet.value());
        keys(stage, "client handshake", h, chs == null ? null : chs.value());
        keys(stage, "server handshake", h, shs == null ? null : shs.value());
        keys(stage, "client application", h, cap == null ? null : cap.value());
        keys(stage, "server application", h, sap == null ? null : sap.value());

        stage = "Finished";
        int cf = firstIndex(false, HandshakeTypes.FINISHED, sf);
        finished13(stage, "server", h, hash, n, shs, sf, psk ? "ClientHello..EncryptedExtensions" : "ClientHello..CertificateVerify");
        finished13(stage, "client", h, hash, n, chs, cf, "ClientHello..server Finished");
    }

    private void finished13(String stage, String who, String h, String hash, int n, KeyLog.Secret base, int at, String range) {
        byte[] key = base == null ? null : Hkdf.expandLabel(h, base.value(), "finished", new byte[0], n);
        add(stage, who + " finished_key", RFC8446 + "§4.4.4",
                "HKDF-Expand-Label(" + who + "_handshake_traffic_secret, \"finished\", \"\", Hash.length)", key,
                key == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED, null, false, null);
        byte[] th = at < 0 ? null : transcriptHash(hash, at);
        add(stage, who + " Transcript-Hash(" + range + ")", RFC8446 + "§4.4.1", hash + " of the messages before the " + who
                + " Finished", th, th == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED, null, false,
                at < 0 ? "the " + who + " Finished is not in the capture (or was not decrypted)" : null);
        byte[] expected = key == null || th == null ? null : Hkdf.hmac(h, key, th);
        verifyData(stage, who, RFC8446 + "§4.4.4", "HMAC(finished_key, Transcript-Hash(" + range + "))", expected, at,
                base == null ? null : base.origin());
    }

    private void keys(String stage, String which, String h, byte[] secret) {
        String from = which.replace(' ', '_') + "_traffic_secret" + (which.endsWith("application") ? "_0" : "");
        byte[] key = secret == null ? null : Hkdf.expandLabel(h, secret, "key", new byte[0], suite.keyLength());
        byte[] iv = secret == null ? null : Hkdf.expandLabel(h, secret, "iv", new byte[0], 12);
        Source src = secret == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED;
        add(stage, which + " write_key", RFC8446 + "§7.3", "HKDF-Expand-Label(" + from + ", \"key\", \"\", " + suite.keyLength()
                + ")", key, src, null, which.endsWith("early"), null);
        add(stage, which + " write_iv", RFC8446 + "§7.3", "HKDF-Expand-Label(" + from + ", \"iv\", \"\", 12)", iv, src, null,
                which.endsWith("early"), "XORed with the record sequence number to make each record's nonce (§5.3)");
    }

    private void logged(String stage, String name, String section, String formula, KeyLog.Secret s) {
        add(stage, name, section, formula, s == null ? null : s.value(), s == null ? Source.NOT_IN_KEY_LOG : Source.KEY_LOG,
                s == null ? null : s.origin(), false, null);
    }

    private String groupText() {
        String g = tlslens.dissect.tls.names.NamedGroups.name(serverHello.keyShareGroups.get(0));
        return g == null ? "key share" : g;
    }

    // ---- TLS 1.0-1.2 ----------------------------------------------------------------------------

    private void tls12() {
        boolean v12 = version == TlsVersions.TLS12;
        String rfc = v12 ? "RFC 5246 " : version == TlsVersions.TLS11 ? "RFC 4346 " : "RFC 2246 ";
        String stage = "Master secret";
        boolean resumed = firstIndex(false, HandshakeTypes.CLIENT_KEY_EXCHANGE, -1) < 0 && !messages.isEmpty();
        boolean ems = serverHello.extendedMasterSecret;
        add(stage, "pre_master_secret", rfc + "§8.1", preMasterFormula(), null, Source.NOT_IN_KEY_LOG, null, false,
                resumed ? "a resumed session has none of its own: it reuses the master secret of the session (§7.3)"
                        : "a CLIENT_RANDOM line gives the master secret, not the pre-master secret");
        add(stage, "ClientHello.random", rfc + "§7.4.1.2", "from the Client Hello", clientRandom, Source.WIRE, null, false, null);
        add(stage, "ServerHello.random", rfc + "§7.4.1.3", "from the Server Hello", serverRandom, Source.WIRE, null, false, null);
        if (ems) {
            int cke = firstIndex(false, HandshakeTypes.CLIENT_KEY_EXCHANGE, -1);
            byte[] sessionHash = cke < 0 ? null : v12 ? plainHash(prfHash(), cke + 1)
                    : Prf.concat(plainHash("MD5", cke + 1), plainHash("SHA-1", cke + 1));
            add(stage, "session_hash", "RFC 7627 §3", "Hash(handshake messages up to and including the Client Key Exchange)",
                    sessionHash, sessionHash == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED, null, false,
                    sessionHash == null ? "no Client Key Exchange in this handshake" : null);
        }
        String masterFormula = ems ? "PRF(pre_master_secret, \"extended master secret\", session_hash)[0..47]"
                : "PRF(pre_master_secret, \"master secret\", ClientHello.random + ServerHello.random)[0..47]";
        String note = ems ? "extended master secret (RFC 7627): bound to this handshake's transcript" : null;
        if (master != null && resumed) note = "resumed: the session's master secret" + (note == null ? "" : "; " + note);
        add(stage, "master_secret", ems ? "RFC 7627 §4" : rfc + "§8.1", masterFormula, master == null ? null : master.value(),
                master == null ? Source.NOT_IN_KEY_LOG : Source.KEY_LOG, master == null ? null : master.origin(), false, note);

        stage = "Key block";
        KeyBlock k = master == null || serverRandom == null ? null
                : KeyBlock.derive(suite, version, master.value(), clientRandom, serverRandom);
        Source src = k == null ? Source.NOT_IN_KEY_LOG : Source.DERIVED;
        byte[] block = k == null ? null : Prf.concat(k.clientMac(), k.serverMac(), k.clientKey(), k.serverKey(), k.clientIv(),
                k.serverIv());
        add(stage, "key_block", rfc + "§6.3", "PRF(master_secret, \"key expansion\", ServerHello.random + ClientHello.random)",
                block, src, null, false, block == null ? null : block.length + " bytes, cut in order into the keys below");
        boolean aead = suite.isAead();
        if (!aead && suite.macLength() > 0) {
            add(stage, "client_write_MAC_key", rfc + "§6.3", "key_block, first " + suite.macLength() + " bytes",
                    k == null ? null : k.clientMac(), src, null, false, null);
            add(stage, "server_write_MAC_key", rfc + "§6.3", "key_block, next " + suite.macLength() + " bytes",
                    k == null ? null : k.serverMac(), src, null, false, null);
        }
        add(stage, "client_write_key", rfc + "§6.3", "key_block, next " + suite.keyLength() + " bytes",
                k == null ? null : k.clientKey(), src, null, false, aead ? "AEAD suite: no MAC keys" : null);
        add(stage, "server_write_key", rfc + "§6.3", "key_block, next " + suite.keyLength() + " bytes",
                k == null ? null : k.serverKey(), src, null, false, null);
        if (k == null || k.clientIv().length > 0) {
            String ivNote = aead ? "the implicit part of each record's nonce (RFC 5288 §3)" : null;
            add(stage, "client_write_IV", rfc + "§6.3", "key_block, next bytes", k == null ? null : k.clientIv(), src, null,
                    false, ivNote);
            add(stage, "server_write_IV", rfc + "§6.3", "key_block, next bytes", k == null ? null : k.serverIv(), src, null,
                    false, ivNote);
        }

        stage = "Finished";
        // An abbreviated handshake has the server finish first.
        int cf = firstIndex(false, HandshakeTypes.FINISHED, -1);
        int sf = firstIndex(true, HandshakeTypes.FINISHED, -1);
        boolean serverFirst = sf >= 0 && (cf < 0 || sf < cf);
        if (serverFirst) {
            finished12(stage, rfc, true, sf);
            finished12(stage, rfc, false, cf);
        } else {
            finished12(stage, rfc, false, cf);
            finished12(stage, rfc, true, sf);
        }
    }

    private String preMasterFormula() {
        return switch (suite.keyExchange()) {
            case RSA -> "chosen by the client, sent encrypted to the server's RSA key in the Client Key Exchange";
            case ECDHE, ECDH -> "the ECDH shared secret of the two key shares (RFC 8422 §5.10)";
            case DHE, DH -> "the Diffie-Hellman shared secret, leading zeros stripped (§8.1.2)";
            default -> "from the key exchange";
        };
    }

    private void finished12(String stage, String rfc, boolean server, int at) {
        String who = server ? "server" : "client";
        String label = who + " finished";
        byte[] expected = null;
        if (master != null && at >= 0) {
            if (version == TlsVersions.TLS12) {
                expected = Prf.tls12(RecordCipher.prfHmac(suite), master.value(), label, plainHash(prfHash(), at), 12);
            } else {
                expected = Prf.tls10(master.value(), label, Prf.concat(plainHash("MD5", at), plainHash("SHA-1", at)), 12);
            }
        }
        String hashText = version == TlsVersions.TLS12 ? "Hash" : "MD5(handshake_messages) + SHA-1";
        verifyData(stage, who, rfc + "§7.4.9", "PRF(master_secret, \"" + label + "\", " + hashText + "(handshake_messages))[0..11]",
                expected, at, master == null ? null : master.origin());
    }

    private String prfHash() { return RecordCipher.prfHmac(suite).endsWith("384") ? "SHA-384" : "SHA-256"; }

    // ---- both -----------------------------------------------------------------------------------

    /** A Finished's verify_data: recomputed, and checked against the one on the wire when both are known. */
    private void verifyData(String stage, String who, String rfc, String formula, byte[] expected, int at, String keyOrigin) {
        byte[] wire = at < 0 ? null : Arrays.copyOfRange(messages.get(at).bytes(), 4, messages.get(at).bytes().length);
        FinishedCheck check = expected == null || wire == null ? null
                : new FinishedCheck(Arrays.equals(expected, wire), expected, keyOrigin);
        String note = check == null ? (wire == null ? "the " + who + " Finished is not in the capture (or was not decrypted)"
                : "needs the " + who + " secret, which is not in the key log")
                : check.correct() ? "equals the verify_data on the wire" : "differs from the verify_data on the wire";
        steps.add(new Step(stage, who + " verify_data", rfc, formula, expected, expected == null ? Source.NOT_IN_KEY_LOG
                : Source.DERIVED, null, false, check, wire, note));
    }

    private void add(String stage, String name, String section, String formula, byte[] value, Source source, String origin,
                     boolean psk, String note) {
        String rfc = section.startsWith("RFC") ? section : RFC8446 + section;
        steps.add(new Step(stage, name, rfc, formula, value, source, origin, psk, null, null, note));
    }

    private KeyLog.Secret secret(KeyLog.Label label) { return secrets.secret(label, clientRandom); }

    /** TLS 1.3's Transcript-Hash of the first {@code count} messages (RFC 8446 4.4.1, HelloRetryRequest included). */
    private byte[] transcriptHash(String alg, int count) {
        MessageDigest md = digest(alg);
        for (int i = 0; i < count && i < messages.size(); i++) {
            byte[] m = messages.get(i).bytes();
            if (helloRetry && i == 0 && m.length > 0 && m[0] == HandshakeTypes.CLIENT_HELLO) {
                byte[] h = digest(alg).digest(m);
                md.update(new byte[] {(byte) HandshakeTypes.MESSAGE_HASH, 0, 0, (byte) h.length});
                md.update(h);
            } else {
                md.update(m);
            }
        }
        return md.digest();
    }

    private byte[] plainHash(String alg, int count) {
        MessageDigest md = digest(alg);
        for (int i = 0; i < count && i < messages.size(); i++) md.update(messages.get(i).bytes());
        return md.digest();
    }

    private int firstIndex(boolean fromServer, int type, int after) {
        for (int i = Math.max(after + 1, 0); i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.fromServer() == fromServer && m.type() == type) return i;
        }
        return -1;
    }

    private int lastIndex(boolean fromServer, int type) {
        int found = -1;
        // The real ServerHello is the last one before the encrypted flight (a HelloRetryRequest comes earlier).
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.fromServer() == fromServer && m.type() == type) found = i;
            if (m.type() == HandshakeTypes.FINISHED) break;
        }
        return found;
    }

    private static MessageDigest digest(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg, e);
        }
    }
}
