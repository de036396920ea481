package tlslens.dissect.tls.decrypt;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * The decryption state of one DTLS association, fed by the DTLS dissector in capture order.
 * DTLS 1.0/1.2 (RFC 6347): the key block from the master secret (the CLIENT_RANDOM line, else the
 * session resumed by id or ticket), one cipher per side for epoch 1, each record opened with its own
 * epoch and sequence number (records arrive out of order or twice). DTLS 1.3 (RFC 9147): each epoch's
 * keys from the key log's traffic secrets with "dtls13" labels (1 early data, 2 handshake, 3 the
 * first application secret, each later epoch the next after a KeyUpdate), and the record number
 * mask of RFC 9147 4.2.3 from the same secret's "sn" key. Never throws.
 */
public final class DtlsDecryptor {
    private static final int C = 0, S = 1;

    /** One record's outcome; plaintext null when it did not open (error says why). */
    public record Opened(byte[] plaintext, int contentType, String keyOrigin, String error) {
        public boolean ok() { return plaintext != null; }
    }

    private final TlsSecrets secrets;
    private byte[] clientRandom;
    private byte[] serverRandom;
    private byte[] clientSessionId;
    private byte[] clientTicket;
    private int version = -1;
    private CipherSuiteInfo suite;
    private boolean encryptThenMac;
    private KeyLog.Secret master;
    private final RecordCipher[] epoch1 = new RecordCipher[2];
    /** DTLS 1.3, per side: epoch → record protection, and its record number key. */
    private final List<Map<Long, Epoch13>> epochs = List.of(new HashMap<>(), new HashMap<>());
    private String noKeys;

    private record Epoch13(RecordCipher cipher, byte[] snKey, byte[] secret, String origin) {}

    /** {@code secrets} may be null: nothing opens. */
    public DtlsDecryptor(TlsSecrets secrets) {
        this.secrets = secrets;
        this.noKeys = secrets == null ? "no key log loaded" : "no ServerHello seen";
    }

    private boolean released;

    /**
     * The association ended: lets go of the record ciphers (DTLS 1.2's epoch 1, DTLS 1.3's epochs) and
     * the master secret; the DTLS 1.3 traffic secrets stay when {@code keepKeySchedule} (keySchedule13
     * reads them). Records that still come are left encrypted.
     */
    public void release(boolean keepKeySchedule) {
        if (released) return;
        released = true;
        Arrays.fill(epoch1, null);
        if (!keepKeySchedule) {
            for (Map<Long, Epoch13> m : epochs) m.clear();
            master = null;
        }
        noKeys = "the association ended: its keys were let go";
    }

    /** Whether {@link #release} was called. */
    public boolean released() { return released; }

    /** The negotiated DTLS version (0xfeff, 0xfefd, 0xfefc), -1 before the ServerHello. */
    public int version() { return version; }

    /** Why records of this association cannot be opened (null once keys are known). */
    public String whyNoKeys() { return noKeys; }

    public void clientHello(HelloInfo ch) {
        if (ch == null || ch.random == null || ch.random.length != 32) return;
        clientRandom = ch.random.clone();
        clientSessionId = ch.sessionId;
        clientTicket = ch.sessionTicket;
    }

    /** A ServerHello (not a HelloRetryRequest): version and suite fixed, keys derived when the key log has them. */
    public void serverHello(HelloInfo sh) {
        try {
            if (sh == null || sh.random == null || sh.cipherSuites.isEmpty()) return;
            serverRandom = sh.random.clone();
            version = sh.effectiveVersion();
            suite = CipherSuiteInfo.of(sh.cipherSuites.get(0));
            encryptThenMac = sh.encryptThenMac;
            if (secrets == null || clientRandom == null) return;
            if (suite == null) {
                noKeys = "unknown cipher suite";
            } else if (version == TlsVersions.DTLS13) {
                setup13();
            } else {
                setup12(sh);
            }
        } catch (RuntimeException e) {
            noKeys = "key schedule failed: " + e.getClass().getSimpleName();
        }
    }

    /** A NewSessionTicket the server sent in DTLS 1.2: a later association resuming with it finds the master secret. */
    public void newSessionTicket(byte[] ticket) {
        if (master != null && ticket != null && ticket.length > 0 && secrets != null) secrets.rememberTicket(ticket, master);
    }

    private void setup12(HelloInfo sh) {
        int tls = tlsVersion(version);
        if (tls < 0) {
            noKeys = "version " + Integer.toHexString(version) + " is not DTLS 1.0 or 1.2";
            return;
        }
        if (!RecordCipher.supports(suite) || suite.isTls13()) {
            noKeys = "cipher suite " + suite.name() + " is not supported";
            return;
        }
        KeyLog.Secret m = secrets.masterSecret(clientRandom);
        if (m == null && sh.sessionId != null && sh.sessionId.length > 0 && Arrays.equals(sh.sessionId, clientSessionId)) {
            m = secrets.bySessionId(sh.sessionId);
        }
        if (m == null) m = secrets.byTicket(clientTicket);
        if (m == null) {
            noKeys = "no CLIENT_RANDOM line for this association's ClientHello random";
            return;
        }
        master = m;
        secrets.rememberSessionId(sh.sessionId, m);
        KeyBlock k = KeyBlock.derive(suite, tls, m.value(), clientRandom, serverRandom);
        epoch1[C] = RecordCipher.tls12(suite, tls, encryptThenMac, k.clientMac(), k.clientKey(), k.clientIv());
        epoch1[S] = RecordCipher.tls12(suite, tls, encryptThenMac, k.serverMac(), k.serverKey(), k.serverIv());
        noKeys = null;
    }

    /** The TLS version whose record protection a DTLS version uses (RFC 6347 1: 1.0 is TLS 1.1's). */
    private static int tlsVersion(int dtls) {
        return switch (dtls) {
            case TlsVersions.DTLS12 -> TlsVersions.TLS12;
            case TlsVersions.DTLS10, TlsVersions.DTLS10_OPENSSL -> TlsVersions.TLS11;
            default -> -1;
        };
    }

    /**
     * Opens a DTLS 1.0/1.2 record sent in epoch > 0 (its content type, version and body as on the
     * wire). Null when there are no keys for it (whyNoKeys says why).
     */
    public Opened open12(boolean fromServer, int epoch, long sequence, int contentType, int recordVersion, byte[] body) {
        RecordCipher c = epoch1[fromServer ? S : C];
        if (c == null || released) return null;
        if (epoch != 1) return new Opened(null, contentType, null, "epoch " + epoch + " (a renegotiation) has no keys");
        RecordCipher.Result r = c.decryptAt(((long) epoch << 48) | (sequence & 0xffffffffffffL), contentType,
                recordVersion, body);
        return new Opened(r.plaintext(), r.contentType(), r.ok() ? master.origin() : null, r.error());
    }

    // ---- DTLS 1.3 ------------------------------------------------------------------------------

    private void setup13() {
        if (!suite.isTls13()) {
            noKeys = "cipher suite " + suite.name() + " is not a TLS 1.3 suite";
            return;
        }
        boolean any = false;
        any |= put13(C, 1, KeyLog.Label.CLIENT_EARLY_TRAFFIC_SECRET);
        any |= put13(C, 2, KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET);
        any |= put13(S, 2, KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        any |= put13(C, 3, KeyLog.Label.CLIENT_TRAFFIC_SECRET_0);
        any |= put13(S, 3, KeyLog.Label.SERVER_TRAFFIC_SECRET_0);
        noKeys = any ? null : "no traffic secret in the key log for this association's ClientHello random";
    }

    private boolean put13(int side, long epoch, KeyLog.Label label) {
        KeyLog.Secret s = secrets.secret(label, clientRandom);
        if (s == null) return false;
        epochs.get(side).put(epoch, epoch13(s.value(), s.origin()));
        return true;
    }

    private Epoch13 epoch13(byte[] secret, String origin) {
        String h = RecordCipher.prfHmac(suite);
        byte[] sn = Hkdf.expandLabel(h, secret, "dtls13", "sn", new byte[0], suite.keyLength());
        return new Epoch13(RecordCipher.dtls13(suite, secret), sn, secret, origin);
    }

    /** The keys of a DTLS 1.3 epoch; epochs after 3 follow by KeyUpdate from the one before (RFC 8446 7.2). */
    private Epoch13 keys13(int side, long epoch) {
        Map<Long, Epoch13> m = epochs.get(side);
        Epoch13 e = m.get(epoch);
        if (e != null || epoch <= 3 || epoch > 3 + 1000) return e;
        Epoch13 before = keys13(side, epoch - 1);
        if (before == null) return null;
        byte[] next = Hkdf.expandLabel(RecordCipher.prfHmac(suite), before.secret, "dtls13", "traffic upd",
                new byte[0], Hkdf.hashLength(RecordCipher.prfHmac(suite)));
        e = epoch13(next, before.origin);
        m.put(epoch, e);
        return e;
    }

    /** Whether DTLS 1.3 keys of this side and epoch are known. */
    public boolean hasKeys13(boolean fromServer, long epoch) {
        if (released) return false;
        try {
            return version == TlsVersions.DTLS13 && keys13(fromServer ? S : C, epoch) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * RFC 9147 4.2.3: the mask XORed onto the sequence number bits, from the first 16 bytes of the
     * ciphertext (AES-ECB with the sn key, or ChaCha20's key stream with counter and nonce taken from
     * them). Null without keys or with fewer than 16 bytes of ciphertext.
     */
    public byte[] recordNumberMask(boolean fromServer, long epoch, byte[] sample) {
        if (released) return null;
        try {
            Epoch13 e = version == TlsVersions.DTLS13 ? keys13(fromServer ? S : C, epoch) : null;
            if (e == null || sample == null || sample.length < 16) return null;
            byte[] mask = new byte[16];
            if (suite.mode() == CipherSuiteInfo.CipherMode.CHACHA20_POLY1305) {
                // The JDK's ChaCha20 takes the initial block counter as it is (RFC 8439 2.3).
                int counter = (sample[0] & 0xff) | (sample[1] & 0xff) << 8 | (sample[2] & 0xff) << 16
                        | (sample[3] & 0xff) << 24;
                javax.crypto.Cipher chacha = javax.crypto.Cipher.getInstance("ChaCha20");
                chacha.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(e.snKey, "ChaCha20"),
                        new javax.crypto.spec.ChaCha20ParameterSpec(Arrays.copyOfRange(sample, 4, 16), counter));
                mask = chacha.doFinal(new byte[16]);
            } else {
                org.bouncycastle.crypto.BlockCipher aes = AESEngine.newInstance();
                aes.init(true, new KeyParameter(e.snKey));
                aes.processBlock(sample, 0, mask, 0);
            }
            return mask;
        } catch (RuntimeException | java.security.GeneralSecurityException ex) {
            return null;
        }
    }

    /**
     * The DTLS 1.3 key schedule as far as the key log goes (RFC 9147 5.9, RFC 8446 7.1 and 7.3): per
     * epoch and side its traffic secret (1 early data, 2 handshake, 3 application, each later one the
     * next by KeyUpdate: "traffic upd") and the record protection derived from it with DTLS's label
     * prefix "dtls13": write key, IV and the sn key that encrypts the record number (RFC 9147 4.2.3).
     * Null when this is not DTLS 1.3 or no key log line matched.
     */
    public KeySchedule keySchedule13() {
        if (version != TlsVersions.DTLS13 || suite == null || !suite.isTls13()) return null;
        List<KeySchedule.Step> steps = new java.util.ArrayList<>();
        String h = RecordCipher.prfHmac(suite);
        int n = Hkdf.hashLength(h);
        boolean any = false;
        long last = 3;
        for (Map<Long, Epoch13> m : epochs) for (long e : m.keySet()) last = Math.max(last, e);
        for (long epoch = 1; epoch <= last; epoch++) {
            String stage = "Epoch " + epoch + (epoch == 1 ? " (0-RTT)" : epoch == 2 ? " (handshake)"
                    : epoch == 3 ? " (application)" : " (after KeyUpdate " + (epoch - 3) + ")");
            for (int side = C; side <= S; side++) {
                if (epoch == 1 && side == S) continue; // only the client sends early data
                Epoch13 e = epochs.get(side).get(epoch);
                String who = side == C ? "client" : "server";
                String name = epoch == 1 ? "client_early_traffic_secret" : epoch == 2 ? who + "_handshake_traffic_secret"
                        : who + "_application_traffic_secret_" + (epoch - 3);
                String formula = epoch <= 3 ? "from the key log (RFC 8446 §7.1's Derive-Secret)"
                        : "HKDF-Expand-Label(" + who + "_application_traffic_secret_" + (epoch - 4) + ", \"traffic upd\", \"\", "
                                + n + ") with the \"dtls13\" prefix";
                if (e == null && (epoch == 1 || epochs.get(side).isEmpty())) continue; // no early data: no epoch 1
                if (e == null && epoch > 3) continue;
                any |= e != null;
                KeySchedule.Source src = e == null ? KeySchedule.Source.NOT_IN_KEY_LOG
                        : epoch <= 3 ? KeySchedule.Source.KEY_LOG : KeySchedule.Source.DERIVED;
                steps.add(new KeySchedule.Step(stage, name, epoch <= 3 ? "RFC 8446 §7.1" : "RFC 9147 §8", formula,
                        e == null ? null : e.secret, src, e == null || epoch > 3 ? null : e.origin, epoch == 1, null, null, null));
                byte[] secret = e == null ? null : e.secret;
                KeySchedule.Source d = secret == null ? KeySchedule.Source.NOT_IN_KEY_LOG : KeySchedule.Source.DERIVED;
                steps.add(new KeySchedule.Step(stage, who + " write_key", "RFC 9147 §5.9", "HKDF-Expand-Label(" + name
                        + ", \"dtls13\" + \"key\", \"\", " + suite.keyLength() + ")", secret == null ? null
                        : Hkdf.expandLabel(h, secret, "dtls13", "key", new byte[0], suite.keyLength()), d, null, epoch == 1, null, null,
                        "RFC 8446 §7.3 with DTLS 1.3's label prefix \"dtls13\" instead of \"tls13 \""));
                steps.add(new KeySchedule.Step(stage, who + " write_iv", "RFC 9147 §5.9", "HKDF-Expand-Label(" + name
                        + ", \"dtls13\" + \"iv\", \"\", 12)", secret == null ? null
                        : Hkdf.expandLabel(h, secret, "dtls13", "iv", new byte[0], 12), d, null, epoch == 1, null, null,
                        "XORed with the 64-bit sequence number (not the epoch, RFC 9147 §4) to make each record's nonce"));
                steps.add(new KeySchedule.Step(stage, who + " sn_key", "RFC 9147 §4.2.3", "HKDF-Expand-Label(" + name
                        + ", \"dtls13\" + \"sn\", \"\", " + suite.keyLength() + ")", e == null ? null : e.snKey, d, null,
                        epoch == 1, null, null, "encrypts the record's sequence number bits: a mask made from the first 16 bytes"
                                + " of its ciphertext (AES-ECB, or ChaCha20)"));
            }
        }
        if (!any) return null;
        return new KeySchedule(version, suite.code(), steps, null, 1);
    }

    /** Opens a DTLS 1.3 ciphertext record: header (sequence number decrypted) as additional data. */
    public Opened open13(boolean fromServer, long epoch, long sequence, byte[] header, byte[] body) {
        if (released) return null;
        Epoch13 e;
        try {
            e = version == TlsVersions.DTLS13 ? keys13(fromServer ? S : C, epoch) : null;
        } catch (RuntimeException ex) {
            return new Opened(null, -1, null, "key schedule failed: " + ex.getClass().getSimpleName());
        }
        if (e == null) return null;
        RecordCipher.Result r = e.cipher.decryptDtls13(sequence, header, body);
        return new Opened(r.plaintext(), r.contentType(), r.ok() ? e.origin : null, r.error());
    }
}
