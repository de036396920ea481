package tlslens.dissect.tls.decrypt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlslens.dissect.tls.base.FinishedCheck;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * The decryption state of one TLS connection, driven by what the dissector sees in capture order:
 * hellos, ChangeCipherSpecs, complete handshake messages. Picks the keys Wireshark would pick:
 * TLS &lt;= 1.2 from the master secret (the connection's CLIENT_RANDOM line, else the session it
 * resumes by session id or ticket) and a key block per direction that a ChangeCipherSpec turns on;
 * TLS 1.3 from the traffic secrets: handshake keys after the ServerHello, application keys after
 * each side's Finished, the next generation after a KeyUpdate, the early secret for 0-RTT (tried on
 * the suites the ClientHello offered; client records that fail after the ServerHello are taken to
 * be early data the server rejected and skipped, as Wireshark does). Without a key log line, a
 * TLS &lt;= 1.2 RSA key exchange gets its master secret from the RSA keys list (the ClientKeyExchange
 * decrypted with the key of the server's certificate), and {@link KeyExchangeVerdict} says why a
 * connection did or did not open with those keys. Roles are client / server, not TCP directions.
 * Never throws.
 */
public final class ConnectionDecryptor {
    private static final int C = 0, S = 1;

    /** One record's outcome. plaintext null: not decrypted (error says why, or skipped 0-RTT data). */
    public record Decrypted(byte[] plaintext, int contentType, String keyOrigin, String error, boolean skipped) {
        public boolean ok() { return plaintext != null; }
    }

    /** A Finished message's verify_data against the value the keys give. */
    private final TlsSecrets secrets;
    private byte[] clientRandom;
    private byte[] serverRandom;
    private byte[] clientSessionId;
    private byte[] clientTicket;
    private boolean earlyOffered;
    private boolean helloRetry;
    private boolean serverHelloSeen;
    private HelloInfo lastServerHello;
    private HelloInfo lastClientHello;
    /** ClientHellos that began a handshake (a HelloRetryRequest's second one does not): renegotiations count. */
    private int handshakes;
    /** Protected records seen per role while we had no key for them (a live key log may deliver them later). */
    private final long[] missed = new long[2];
    private int version;
    private CipherSuiteInfo suite;
    /** Null once released without a key schedule to keep. */
    private Transcript transcript = new Transcript();

    // TLS <= 1.2
    private KeyLog.Secret master;
    private RecordCipher[] pending = new RecordCipher[2];
    private final boolean[] changedCipher = new boolean[2];
    private List<byte[]> ticketsBeforeMaster = new ArrayList<>();
    /** RSA key exchange: the server certificate's modulus (null: not seen or not RSA). */
    private java.math.BigInteger serverModulus;
    /** Why the RSA keys list did or did not open this connection; null without RSA keys. */
    private KeyExchangeVerdict verdict;
    /** RFC 3749 DEFLATE record compression: one zlib stream per direction from its ChangeCipherSpec. */
    private boolean deflate;
    private java.util.zip.Inflater[] inflaters = new java.util.zip.Inflater[2];

    // both
    private RecordCipher[] active = new RecordCipher[2];
    private final String[] origin = new String[2];

    // TLS 1.3
    private byte[][] traffic = new byte[2][];
    private KeyLog.Secret[] handshakeSecret = new KeyLog.Secret[2];
    private RecordCipher clientHandshake;
    private boolean clientEarly;
    private List<RecordCipher> earlyCandidates = new ArrayList<>();
    private RecordCipher early;
    private String earlyOrigin;

    /** The connection ended and its keys were let go (see {@link #release}). */
    private boolean released;

    // status
    private long decrypted;
    private long failed;
    private long withoutKeys;
    private long skippedEarly;
    private String firstError;
    private String noKeyReason;
    private String unsupported;
    private String keyOrigin;

    /** A released decryptor shared by ended connections without keys: every event is ignored. */
    public static final ConnectionDecryptor ENDED = new ConnectionDecryptor(null);

    static {
        ENDED.release(false);
    }

    /** {@code secrets} may be null: nothing is decrypted and the status says "no key log loaded". */
    public ConnectionDecryptor(TlsSecrets secrets) { this.secrets = secrets; }

    private boolean keys() { return secrets != null; }

    // ---- events from the dissector ---------------------------------------------------------------

    public void clientHello(HelloInfo ch) {
        if (released) return;
        try {
            onClientHello(ch);
        } catch (RuntimeException e) {
            broken(e);
        }
    }

    private void onClientHello(HelloInfo ch) {
        if (ch == null) return;
        lastClientHello = ch;
        if (!helloRetry) handshakes++;
        if (!helloRetry) transcript.clear();
        if (ch.random != null && ch.random.length == 32) clientRandom = ch.random.clone();
        clientSessionId = ch.sessionId;
        clientTicket = ch.sessionTicket;
        List<Integer> offeredSuites = ch.cipherSuites; // read only here: a copy per connection was kept for nothing
        if (!keys() || helloRetry) return;
        earlyOffered = ch.earlyData;
        if (earlyOffered) {
            clientEarly = true;
            KeyLog.Secret e = secrets.secret(KeyLog.Label.CLIENT_EARLY_TRAFFIC_SECRET, clientRandom);
            if (e != null) {
                earlyOrigin = e.origin();
                for (int code : offeredSuites) {
                    CipherSuiteInfo info = CipherSuiteInfo.of(code);
                    if (info != null && info.isTls13() && supports13(info)) {
                        earlyCandidates.add(RecordCipher.tls13(info, e.value()));
                    }
                }
            }
        }
    }

    public void serverHello(HelloInfo sh, boolean hrr) {
        if (released) return;
        try {
            onServerHello(sh, hrr);
        } catch (RuntimeException e) {
            broken(e);
        }
    }

    private void onServerHello(HelloInfo sh, boolean hrr) {
        if (sh == null) return;
        if (hrr) {
            helloRetry = true;
            return;
        }
        serverHelloSeen = true;
        lastServerHello = sh;
        if (sh.random != null && sh.random.length == 32) serverRandom = sh.random.clone();
        version = sh.effectiveVersion();
        suite = sh.cipherSuites.isEmpty() ? null : CipherSuiteInfo.of(sh.cipherSuites.get(0));
        deflate = !sh.compressionMethods.isEmpty() && sh.compressionMethods.get(0) == 1;
        if (!keys()) return;
        if (version == TlsVersions.TLS13) setup13();
        else setup12(sh);
    }

    /** A TLS &lt;= 1.2 ChangeCipherSpec from one side: its next records use the pending keys. */
    public void changeCipherSpec(boolean fromServer) {
        if (released || version == TlsVersions.TLS13) return;
        int r = role(fromServer);
        changedCipher[r] = true;
        active[r] = pending[r];
        origin[r] = master == null ? null : master.origin();
        pending[r] = null;
        if (inflaters[r] != null) inflaters[r].end();
        inflaters[r] = deflate ? new java.util.zip.Inflater() : null;
    }

    /** A complete handshake message (header included), plaintext or decrypted, in order. */
    /** As {@link #handshakeMessage(boolean, byte[])}, the message at [off, off + len) of {@code tvb}: copied only with keys. */
    public void handshakeMessage(boolean fromServer, tlslens.dissect.Tvb tvb, int off, int len) {
        if (!released && keys()) handshakeMessage(fromServer, tvb.bytes(off, len));
    }

    public void handshakeMessage(boolean fromServer, byte[] message) {
        if (released || !keys() || message == null || message.length < 4) return;
        int type = message[0] & 0xff;
        int r = role(fromServer);
        if (type == HandshakeTypes.CLIENT_HELLO && !helloRetry) transcript.clear();
        transcript.add(message, fromServer);
        try {
            if (version == TlsVersions.TLS13) afterMessage13(r, type, message);
            else if (type == HandshakeTypes.NEW_SESSION_TICKET && fromServer) ticket12(message);
            else if (type == HandshakeTypes.CERTIFICATE && fromServer) serverModulus = RsaKeyExchange.serverModulus(message);
            else if (type == HandshakeTypes.CLIENT_KEY_EXCHANGE && !fromServer) rsaKeyExchange(message);
        } catch (RuntimeException e) {
            fail("key schedule: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Decrypts one record's payload when this side's records are protected with keys we hold.
     * Null when the record is not protected (or we have no key for it; the status counts those).
     */
    public Decrypted decrypt(boolean fromServer, int contentType, int recordVersion, byte[] body) {
        return decrypt(fromServer, contentType, recordVersion, new tlslens.dissect.Tvb(body, 0), 0, body.length);
    }

    /**
     * As above, with the record's body at [off, off + len) of {@code tvb}: copied only when there are
     * keys to decrypt it with (most records of a capture without keys were copied for nothing).
     */
    public Decrypted decrypt(boolean fromServer, int contentType, int recordVersion, tlslens.dissect.Tvb tvb, int off, int len) {
        if (released) return null;
        try {
            return decryptRecord(fromServer, contentType, recordVersion, tvb, off, len);
        } catch (RuntimeException e) {
            broken(e);
            return null;
        }
    }

    private Decrypted decryptRecord(boolean fromServer, int contentType, int recordVersion, tlslens.dissect.Tvb tvb,
            int off, int len) {
        int r = role(fromServer);
        if (keys() && serverHelloSeen && active[r] == null && unsupported == null && failed == 0) lateKeys();
        boolean tls13 = version == TlsVersions.TLS13 || (!serverHelloSeen && earlyOffered);
        if (tls13) {
            if (contentType != ContentTypes.APPLICATION_DATA) return null;
            if (r == C && clientEarly) return early(contentType, recordVersion, tvb.bytes(off, len));
            if (active[r] == null) {
                if (serverHelloSeen || r == S) noKeys(r);
                return null;
            }
            return count(active[r].decrypt(contentType, recordVersion, tvb.bytes(off, len), false), origin[r]);
        }
        if (!changedCipher[r] || contentType == ContentTypes.CHANGE_CIPHER_SPEC) return null;
        if (active[r] == null) {
            noKeys(r);
            return null;
        }
        Decrypted d = count(active[r].decrypt(contentType, recordVersion, tvb.bytes(off, len), false), origin[r]);
        if (d.ok() && inflaters[r] != null) d = inflate(inflaters[r], d);
        return d;
    }

    /** RFC 5246 6.2.2: a TLSCompressed fragment decompresses to at most 2^14 + 1024 bytes. */
    static final int MAX_DECOMPRESSED = (1 << 14) + 1024;

    /**
     * RFC 3749: the decrypted fragment is the next piece of this direction's zlib stream. Inflated
     * to at most {@link #MAX_DECOMPRESSED} bytes: past that the record is cut there, with the reason in
     * the result's {@code error} (a note on the record), so a bomb costs no more than a full record.
     */
    Decrypted inflate(java.util.zip.Inflater inf, Decrypted d) {
        try {
            inf.setInput(d.plaintext());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (out.size() <= MAX_DECOMPRESSED) {
                int n = inf.inflate(buf, 0, Math.min(buf.length, MAX_DECOMPRESSED + 1 - out.size()));
                if (n == 0) break;
                out.write(buf, 0, n);
            }
            if (out.size() > MAX_DECOMPRESSED) {
                return new Decrypted(java.util.Arrays.copyOf(out.toByteArray(), MAX_DECOMPRESSED), d.contentType(),
                        d.keyOrigin(), "DEFLATE record decompresses to more than 2^14 + 1024 bytes: cut there", false);
            }
            return new Decrypted(out.toByteArray(), d.contentType(), d.keyOrigin(), null, false);
        } catch (java.util.zip.DataFormatException e) {
            fail("DEFLATE decompression failed");
            return new Decrypted(null, -1, d.keyOrigin(), "DEFLATE decompression failed", false);
        }
    }

    /** Checks a Finished message's verify_data; null when the keys don't allow it. */
    public FinishedCheck checkFinished(boolean fromServer, byte[] verifyData) {
        if (released || !keys() || verifyData == null || !transcript.usable()) return null;
        try {
            int r = role(fromServer);
            if (version == TlsVersions.TLS13) {
                KeyLog.Secret base = handshakeSecret[r];
                if (base == null || suite == null) return null;
                String h = RecordCipher.prfHmac(suite);
                int len = Hkdf.hashLength(h);
                byte[] key = Hkdf.expandLabel(h, base.value(), "finished", new byte[0], len);
                byte[] expected = Hkdf.hmac(h, key, transcript.hash(h.endsWith("384") ? "SHA-384" : "SHA-256",
                        helloRetry));
                return new FinishedCheck(Arrays.equals(expected, verifyData), expected, base.origin());
            }
            if (master == null) return null;
            String label = fromServer ? "server finished" : "client finished";
            byte[] expected;
            if (version == TlsVersions.TLS12) {
                String h = suite == null ? "HmacSHA256" : RecordCipher.prfHmac(suite);
                expected = Prf.tls12(h, master.value(), label,
                        transcript.hash(h.endsWith("384") ? "SHA-384" : "SHA-256", false), 12);
            } else if (version == TlsVersions.TLS10 || version == TlsVersions.TLS11) {
                expected = Prf.tls10(master.value(), label, transcript.md5Sha1(), 12);
            } else if (version == TlsVersions.SSL3) {
                expected = Prf.concat(ssl3Finished("MD5", 48, fromServer), ssl3Finished("SHA-1", 40, fromServer));
            } else {
                return null;
            }
            return new FinishedCheck(Arrays.equals(expected, verifyData), expected, master.origin());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** RFC 6101 5.6.9: hash(master + pad2 + hash(messages + Sender + master + pad1)). */
    private byte[] ssl3Finished(String alg, int padLen, boolean fromServer) {
        byte[] pad1 = new byte[padLen];
        byte[] pad2 = new byte[padLen];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5c);
        byte[] sender = fromServer ? new byte[] {0x53, 0x52, 0x56, 0x52} : new byte[] {0x43, 0x4c, 0x4e, 0x54};
        byte[] inner = transcript.hashWith(alg, Prf.concat(sender, master.value(), pad1));
        return KeyBlock.digest(alg, Prf.concat(master.value(), pad2, inner));
    }

    // ---- status --------------------------------------------------------------------------------

    public DecryptionStatus status() {
        if (unsupported != null && decrypted == 0) {
            return new DecryptionStatus(DecryptionStatus.State.UNSUPPORTED, unsupported, keyOrigin, decrypted, failed,
                    verdict);
        }
        if (failed > 0) {
            // A key that opens some records but not others did not match either (a wrong traffic secret).
            String why = failed + " of " + (decrypted + failed) + " records did not decrypt (first: " + firstError + ")";
            return new DecryptionStatus(DecryptionStatus.State.KEYS_DID_NOT_MATCH, why, keyOrigin, decrypted, failed,
                    verdict);
        }
        if (decrypted > 0) {
            String why = skippedEarly > 0 ? skippedEarly + " early data record(s) skipped (rejected by the server)" : "";
            return new DecryptionStatus(DecryptionStatus.State.DECRYPTED, why, keyOrigin, decrypted, failed, verdict);
        }
        if (withoutKeys > 0 || skippedEarly > 0) {
            String why = !keys() ? DecryptionStatus.NO_KEY_LOG
                    : noKeyReason != null ? noKeyReason : "no key log line for this connection's ClientHello random";
            return new DecryptionStatus(DecryptionStatus.State.NO_KEYS, why, null, 0, 0, verdict);
        }
        return new DecryptionStatus(DecryptionStatus.State.NOTHING_ENCRYPTED, "", keyOrigin, 0, 0, verdict);
    }

    /**
     * The key schedule this connection used, as far as its key-log lines and the handshake messages seen
     * so far show it (RFC 8446 7.1, RFC 5246 6.3, 8.1), with each Finished recomputed; null without keys.
     */
    public KeySchedule keySchedule() {
        if (!keys()) return null;
        try {
            return new KeyScheduleBuilder(secrets, version, suite, clientRandom, serverRandom, lastClientHello,
                    lastServerHello, helloRetry, master, transcript != null && transcript.usable() ? transcript.messages() : List.of()).handshakes(handshakes).build();
        } catch (RuntimeException e) {
            return KeySchedule.failed(version, suite == null ? -1 : suite.code(),
                    "the key schedule could not be computed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The connection ended: lets go of what only decrypting more records needs (record ciphers, traffic
     * secrets, decompressors, early-data candidates) and, unless {@code keepKeySchedule}, the handshake
     * transcript (up to 4 MiB) that only {@link #keySchedule()} still reads. {@link #status()} and
     * {@link #clientRandom()} answer as before; a record that still comes (a capture with data after the
     * close) is left encrypted and counted nowhere, and handshake messages change nothing.
     */
    public void release(boolean keepKeySchedule) {
        if (released) return;
        released = true;
        for (java.util.zip.Inflater inf : inflaters) if (inf != null) inf.end();
        inflaters = null;
        pending = null;
        active = null;
        traffic = null;
        handshakeSecret = null;
        clientHandshake = null;
        early = null;
        earlyCandidates = List.of();
        ticketsBeforeMaster = List.of();
        serverModulus = null;
        clientSessionId = null;
        clientTicket = null;
        if (!keepKeySchedule) transcript = null;
    }

    /** Whether {@link #release} let go of this connection's decryption state. */
    public boolean released() { return released; }

    /** The ClientHello random of the connection (to look up or export its key-log lines). */
    public byte[] clientRandom() { return clientRandom == null ? null : clientRandom.clone(); }

    // ---- TLS 1.3 ----------------------------------------------------------------------------------

    private void setup13() {
        if (suite == null || !supports13(suite)) {
            unsupported = "cipher suite " + (suite == null ? "unknown" : suite.name()) + " is not supported";
            return;
        }
        KeyLog.Secret s = secrets.secret(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET, clientRandom);
        KeyLog.Secret c = secrets.secret(KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET, clientRandom);
        handshakeSecret[S] = s;
        handshakeSecret[C] = c;
        if (s != null) {
            traffic[S] = s.value();
            active[S] = RecordCipher.tls13(suite, s.value());
            origin[S] = s.origin();
            keyOrigin = s.origin();
        } else {
            noKeyReason = "no SERVER_HANDSHAKE_TRAFFIC_SECRET for this connection's ClientHello random";
            if (!secrets.rsaKeys().isEmpty()) {
                verdict = KeyExchangeVerdict.FORWARD_SECRET_TLS13;
                noKeyReason = verdict.text;
            }
        }
        if (c != null) {
            clientHandshake = RecordCipher.tls13(suite, c.value());
            if (!clientEarly) {
                traffic[C] = c.value();
                active[C] = clientHandshake;
                origin[C] = c.origin();
            }
        } else if (s != null) {
            noKeyReason = "no CLIENT_HANDSHAKE_TRAFFIC_SECRET for this connection's ClientHello random";
        }
        // Early data uses the PSK's suite, which an accepting server also selects.
        if (early == null && !earlyCandidates.isEmpty()) {
            for (RecordCipher e : earlyCandidates) if (e.suiteCode() == suite.code()) early = e;
        }
    }

    private void afterMessage13(int r, int type, byte[] message) {
        switch (type) {
            case HandshakeTypes.FINISHED -> {
                KeyLog.Secret app = secrets.secret(r == S ? KeyLog.Label.SERVER_TRAFFIC_SECRET_0
                        : KeyLog.Label.CLIENT_TRAFFIC_SECRET_0, clientRandom);
                if (r == C) clientEarly = false;
                if (app != null && suite != null && supports13(suite)) {
                    traffic[r] = app.value();
                    active[r] = RecordCipher.tls13(suite, app.value());
                    origin[r] = app.origin();
                } else {
                    active[r] = null;
                    if (app == null) noKeyReason = "no " + (r == S ? "SERVER" : "CLIENT")
                            + "_TRAFFIC_SECRET_0 for this connection's ClientHello random";
                }
            }
            case HandshakeTypes.END_OF_EARLY_DATA -> {
                if (r == C) {
                    clientEarly = false;
                    active[C] = clientHandshake;
                    if (handshakeSecret[C] != null) {
                        traffic[C] = handshakeSecret[C].value();
                        origin[C] = handshakeSecret[C].origin();
                    }
                }
            }
            case HandshakeTypes.KEY_UPDATE -> {
                if (traffic[r] != null && suite != null) {
                    String h = RecordCipher.prfHmac(suite);
                    traffic[r] = Hkdf.expandLabel(h, traffic[r], "traffic upd", new byte[0], Hkdf.hashLength(h));
                    active[r] = RecordCipher.tls13(suite, traffic[r]);
                }
            }
            default -> { }
        }
    }

    /** A 0-RTT-era client record: early keys (tried per offered suite), then the handshake keys. */
    private Decrypted early(int ct, int ver, byte[] body) {
        if (early != null) {
            RecordCipher.Result res = early.decrypt(ct, ver, body, clientHandshake != null);
            if (res.ok()) return count(res, earlyOrigin);
        } else {
            for (RecordCipher e : earlyCandidates) {
                RecordCipher.Result res = e.decrypt(ct, ver, body, true);
                if (res.ok()) {
                    early = e;
                    return count(res, earlyOrigin);
                }
            }
        }
        if (clientHandshake != null) {
            RecordCipher.Result res = clientHandshake.decrypt(ct, ver, body, true);
            if (res.ok()) {
                clientEarly = false;
                active[C] = clientHandshake;
                traffic[C] = handshakeSecret[C].value();
                origin[C] = handshakeSecret[C].origin();
                return count(res, origin[C]);
            }
        }
        skippedEarly++;
        return new Decrypted(null, -1, null, earlyCandidates.isEmpty() && early == null
                ? "0-RTT early data: no CLIENT_EARLY_TRAFFIC_SECRET, or rejected by the server"
                : "0-RTT early data that did not decrypt (rejected by the server?)", true);
    }

    static boolean supports13(CipherSuiteInfo s) {
        return switch (s.mode()) {
            case GCM, CHACHA20_POLY1305, CCM, CCM_8 -> s.cipher() == CipherSuiteInfo.BulkCipher.AES
                    || s.cipher() == CipherSuiteInfo.BulkCipher.CHACHA20;
            default -> false;
        } && (s.prf() == CipherSuiteInfo.Digest.SHA256 || s.prf() == CipherSuiteInfo.Digest.SHA384);
    }

    // ---- TLS <= 1.2 ---------------------------------------------------------------------------------

    private void setup12(HelloInfo sh) {
        pending[C] = pending[S] = null;
        if (version != TlsVersions.SSL3 && version != TlsVersions.TLS10 && version != TlsVersions.TLS11
                && version != TlsVersions.TLS12) {
            unsupported = TlsVersions.wiresharkName(version) + " decryption is not supported";
            return;
        }
        if (suite == null || !RecordCipher.supports(suite)) {
            unsupported = "cipher suite " + (suite == null ? "unknown" : suite.name()) + " is not supported";
            return;
        }
        KeyLog.Secret m = secrets.masterSecret(clientRandom);
        if (m == null && sh.sessionId != null && sh.sessionId.length > 0
                && Arrays.equals(sh.sessionId, clientSessionId)) {
            m = secrets.bySessionId(sh.sessionId);
        }
        if (m == null) m = secrets.byTicket(clientTicket);
        if (m == null) {
            noKeyReason = "no CLIENT_RANDOM line for this connection's ClientHello random"
                    + (clientTicket != null && clientTicket.length > 0 || clientSessionId != null
                    && clientSessionId.length > 0 ? ", and the session it resumes is unknown" : "");
            master = null;
            if (!secrets.rsaKeys().isEmpty()) {
                if (verdict == null) verdict = verdict12(sh);
                noKeyReason = verdict.text;
            }
            return;
        }
        verdict = m.derived() ? KeyExchangeVerdict.RSA_SESSION_RESUMED : null;
        if (m.derived()) secrets.rememberDerived(clientRandom, m);
        master = m;
        keyOrigin = m.origin();
        secrets.rememberSessionId(sh.sessionId, m);
        for (byte[] t : ticketsBeforeMaster) secrets.rememberTicket(t, m);
        ticketsBeforeMaster.clear();
        deriveKeys12(sh.encryptThenMac);
    }

    /** Why the RSA keys can't open this connection at its ServerHello (the ClientKeyExchange may still). */
    private KeyExchangeVerdict verdict12(HelloInfo sh) {
        boolean resumed = sh.sessionId != null && sh.sessionId.length > 0 && Arrays.equals(sh.sessionId, clientSessionId);
        if (resumed) return KeyExchangeVerdict.SESSION_UNKNOWN;
        return switch (suite.keyExchange()) {
            case RSA -> KeyExchangeVerdict.RSA_NO_CLIENT_KEY_EXCHANGE;
            case ECDHE -> KeyExchangeVerdict.FORWARD_SECRET_ECDHE;
            case DHE -> KeyExchangeVerdict.FORWARD_SECRET_DHE;
            default -> KeyExchangeVerdict.OTHER_KEY_EXCHANGE;
        };
    }

    /**
     * RSA key exchange with the RSA keys list: the ClientKeyExchange's pre-master secret, decrypted
     * with the key of the server's certificate, gives the master secret (then the key block, the
     * session cache for resumptions, as a key log line would).
     */
    private void rsaKeyExchange(byte[] message) {
        if (master != null || suite == null || unsupported != null || secrets.rsaKeys().isEmpty()
                || suite.keyExchange() != CipherSuiteInfo.KeyExchange.RSA || lastServerHello == null
                || clientRandom == null || serverRandom == null) {
            return;
        }
        var candidates = secrets.rsaKeys().candidates(serverModulus, RsaKeyExchange.encryptedLength(message, version));
        if (candidates.isEmpty()) {
            verdict = KeyExchangeVerdict.RSA_NO_MATCHING_KEY;
            noKeyReason = verdict.text;
            return;
        }
        RsaKeyExchange.PreMaster pm = RsaKeyExchange.decrypt(message, version, candidates);
        if (pm == null) {
            verdict = KeyExchangeVerdict.RSA_DECRYPTION_FAILED;
            noKeyReason = verdict.text;
            return;
        }
        String h = RecordCipher.prfHmac(suite);
        byte[] sessionHash = null;
        if (lastServerHello.extendedMasterSecret && version != TlsVersions.SSL3) {
            // RFC 7627 3: the hash of the handshake up to and including the ClientKeyExchange
            sessionHash = version == TlsVersions.TLS12 ? transcript.hash(h.endsWith("384") ? "SHA-384" : "SHA-256", false)
                    : transcript.md5Sha1();
        }
        byte[] ms = RsaKeyExchange.masterSecret(version, h, pm.secret(), clientRandom, serverRandom, sessionHash);
        master = new KeyLog.Secret(KeyLog.Label.CLIENT_RANDOM, ms, "the RSA key " + pm.key().source(), 0);
        keyOrigin = master.origin();
        verdict = KeyExchangeVerdict.RSA_DECRYPTED;
        noKeyReason = null;
        secrets.rememberDerived(clientRandom, master);
        secrets.rememberSessionId(lastServerHello.sessionId, master);
        for (byte[] t : ticketsBeforeMaster) secrets.rememberTicket(t, master);
        ticketsBeforeMaster.clear();
        deriveKeys12(lastServerHello.encryptThenMac);
    }

    private void deriveKeys12(boolean etm) {
        if (clientRandom == null || serverRandom == null) return;
        KeyBlock k = KeyBlock.derive(suite, version, master.value(), clientRandom, serverRandom);
        pending[C] = RecordCipher.tls12(suite, version, etm, k.clientMac(), k.clientKey(), k.clientIv());
        pending[S] = RecordCipher.tls12(suite, version, etm, k.serverMac(), k.serverKey(), k.serverIv());
    }

    private void ticket12(byte[] m) {
        // NewSessionTicket: type(1) length(3) lifetime(4) ticket<0..2^16-1>
        if (m.length < 10) return;
        int len = ((m[8] & 0xff) << 8) | (m[9] & 0xff);
        if (10 + len > m.length || len == 0) return;
        byte[] ticket = Arrays.copyOfRange(m, 10, 10 + len);
        if (master != null) secrets.rememberTicket(ticket, master);
        else if (ticketsBeforeMaster.size() < 16) ticketsBeforeMaster.add(ticket);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Decrypted count(RecordCipher.Result res, String from) {
        if (res.ok()) {
            decrypted++;
            return new Decrypted(res.plaintext(), res.contentType(), from, null, false);
        }
        fail(res.error());
        return new Decrypted(null, -1, from, res.error(), false);
    }

    private void fail(String why) {
        failed++;
        if (firstError == null) firstError = why;
    }

    private void noKeys(int r) {
        withoutKeys++;
        missed[r]++;
    }

    /**
     * Keys that were not in the key log at the ServerHello (a browser writes SSLKEYLOGFILE while the
     * capture runs): look again. TLS 1.3 only while no protected record was missed (the key
     * schedule follows the handshake messages); TLS 1.2 AEAD also later, by skipping the sequence
     * numbers of the records missed (other TLS 1.2 ciphers chain state from record to record).
     */
    private void lateKeys() {
        if (version == TlsVersions.TLS13) {
            if (handshakeSecret[S] != null || missed[C] + missed[S] > 0) return;
            setup13();
            return;
        }
        if (master != null || lastServerHello == null) return;
        boolean aead = suite != null && suite.isAead();
        if (!aead && missed[C] + missed[S] > 0) return;
        setup12(lastServerHello);
        if (master == null) return;
        for (int role = 0; role < 2; role++) {
            if (!changedCipher[role] || pending[role] == null) continue;
            active[role] = pending[role];
            origin[role] = master.origin();
            pending[role] = null;
            active[role].skip(missed[role]);
            if (deflate) inflaters[role] = null; // the zlib stream's start was missed
        }
    }

    /** A bug of ours must not stop the dissection: stop decrypting this connection and say why. */
    private void broken(RuntimeException e) {
        active[C] = active[S] = pending[C] = pending[S] = null;
        unsupported = "decryption stopped by an internal error (" + e.getClass().getSimpleName() + ")";
    }

    private static int role(boolean fromServer) { return fromServer ? S : C; }
}
