package tlslens.dissect.tls.decrypt;

import java.security.MessageDigest;
import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.engines.ARIAEngine;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.CamelliaEngine;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.IDEAEngine;
import org.bouncycastle.crypto.engines.RC2Engine;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.engines.SEEDEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.CipherSuiteInfo.BulkCipher;
import tlslens.dissect.tls.names.CipherSuiteInfo.CipherMode;

/**
 * The record protection of one direction of one connection: cipher, keys and the record sequence
 * number. TLS 1.0-1.2 (RFC 5246 6.2.3: MAC-then-encrypt stream/CBC, RFC 7366 encrypt_then_mac,
 * AEAD with explicit or XORed nonce, NULL) and TLS 1.3 (RFC 8446 5.2: AEAD over the inner
 * plaintext, nonce = IV XOR sequence number). Ciphers are Bouncy Castle's; nothing is home-made.
 * Never throws on bad input: a record that does not decrypt yields a {@link Result} with an error.
 */
public final class RecordCipher {
    /** A decrypted record: the plaintext (TLS 1.3: without padding and type) and its content type. */
    public record Result(byte[] plaintext, int contentType, String error) {
        public boolean ok() { return error == null; }
    }

    private static final int SSL3 = 0x0300;
    private final CipherSuiteInfo suite;
    private final int version;
    private final boolean tls13;
    private final boolean encryptThenMac;
    private final byte[] key;
    private final byte[] iv;
    private final byte[] macKey;
    private final String hmac;
    private final StreamCipher stream;
    private byte[] chainedIv;
    private long seq;

    private RecordCipher(CipherSuiteInfo suite, int version, boolean tls13, boolean etm, byte[] key, byte[] iv,
                         byte[] macKey) {
        this.suite = suite;
        this.version = version;
        this.tls13 = tls13;
        this.encryptThenMac = etm && suite.mode() == CipherMode.CBC;
        this.key = key;
        this.iv = iv;
        this.macKey = macKey;
        this.hmac = macName(suite.mac());
        this.chainedIv = iv;
        if (suite.mode() == CipherMode.STREAM && suite.cipher() == BulkCipher.RC4) {
            stream = new RC4Engine();
            stream.init(false, new KeyParameter(key));
        } else {
            stream = null;
        }
    }

    /** Whether we can decrypt records of this suite (TLS 1.0-1.2 rules). */
    public static boolean supports(CipherSuiteInfo s) {
        if (s == null) return false;
        return switch (s.mode()) {
            case NULL -> s.mac() != CipherSuiteInfo.Digest.NULL && macName(s.mac()) != null;
            case STREAM -> s.cipher() == BulkCipher.RC4 && macName(s.mac()) != null;
            case CBC -> blockEngine(s.cipher()) != null && macName(s.mac()) != null;
            case GCM, CCM, CCM_8 -> s.cipher() == BulkCipher.AES || s.cipher() == BulkCipher.ARIA
                    || s.cipher() == BulkCipher.CAMELLIA;
            case CHACHA20_POLY1305 -> true;
            default -> false;
        };
    }

    /** TLS 1.0-1.2 protection from the key block's parts. */
    public static RecordCipher tls12(CipherSuiteInfo suite, int version, boolean etm, byte[] macKey, byte[] key,
                                     byte[] iv) {
        return new RecordCipher(suite, version, false, etm, key, iv, macKey);
    }

    /** TLS 1.3 protection from a traffic secret (RFC 8446 7.3). */
    public static RecordCipher tls13(CipherSuiteInfo suite, byte[] trafficSecret) {
        String h = prfHmac(suite);
        byte[] key = Hkdf.expandLabel(h, trafficSecret, "key", new byte[0], suite.keyLength());
        byte[] iv = Hkdf.expandLabel(h, trafficSecret, "iv", new byte[0], 12);
        return new RecordCipher(suite, 0x0304, true, false, key, iv, new byte[0]);
    }

    /** DTLS 1.3 protection from a traffic secret: keys and IV labelled "dtls13" (RFC 9147 5.9). */
    public static RecordCipher dtls13(CipherSuiteInfo suite, byte[] trafficSecret) {
        String h = prfHmac(suite);
        byte[] key = Hkdf.expandLabel(h, trafficSecret, "dtls13", "key", new byte[0], suite.keyLength());
        byte[] iv = Hkdf.expandLabel(h, trafficSecret, "dtls13", "iv", new byte[0], 12);
        return new RecordCipher(suite, 0x0304, true, false, key, iv, new byte[0]);
    }

    /**
     * DTLS 1.0/1.2: the record's own epoch and sequence number (epoch &lt;&lt; 48 | seq) are the
     * MAC's and nonce's sequence number (RFC 6347 4.1.2.1), not a count of records seen.
     */
    public Result decryptAt(long epochAndSequence, int contentType, int recordVersion, byte[] body) {
        seq = epochAndSequence;
        return decrypt(contentType, recordVersion, body, true);
    }

    /**
     * DTLS 1.3 (RFC 9147 4): the additional data is the unified header as sent but with the
     * sequence number decrypted; the nonce is the IV XOR the 64-bit sequence number.
     */
    public Result decryptDtls13(long sequence, byte[] header, byte[] body) {
        seq = sequence;
        try {
            int tag = suite.tagLength() > 0 ? suite.tagLength() : 16;
            if (body.length < tag + 1) return fail("record shorter than the authentication tag");
            byte[] plain = aead(xorNonce(), header, body, tag);
            if (plain == null) return fail("authentication tag mismatch");
            int end = plain.length;
            while (end > 0 && plain[end - 1] == 0) end--;
            if (end == 0) return fail("inner plaintext has no content type");
            return new Result(Arrays.copyOf(plain, end - 1), plain[end - 1] & 0xff, null);
        } catch (RuntimeException e) {
            return fail("record does not decrypt (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The HMAC algorithm of a suite's PRF / HKDF hash. */
    public static String prfHmac(CipherSuiteInfo suite) {
        return suite.prf() == CipherSuiteInfo.Digest.SHA384 ? "HmacSHA384" : "HmacSHA256";
    }

    public long sequenceNumber() { return seq; }

    /** Records sent but not seen by us (keys that arrived late): their sequence numbers are used up. */
    public void skip(long records) { seq += Math.max(0, records); }

    /** The suite these keys belong to. */
    public int suiteCode() { return suite.code(); }

    /**
     * Decrypts the payload of one record (header type and version given). On success the
     * sequence number advances; on failure it advances too unless {@code trial} (a guess whose
     * failure means the record was not protected with these keys).
     */
    public Result decrypt(int contentType, int recordVersion, byte[] body, boolean trial) {
        Result r;
        try {
            r = tls13 ? open13(body) : switch (suite.mode()) {
                case GCM, CCM, CCM_8, CHACHA20_POLY1305 -> open12Aead(contentType, recordVersion, body);
                case CBC -> encryptThenMac ? cbcEtm(contentType, recordVersion, body)
                        : cbcMte(contentType, recordVersion, body);
                case STREAM -> streamMte(contentType, recordVersion, body);
                case NULL -> nullMac(contentType, recordVersion, body);
                default -> fail("cipher not supported");
            };
        } catch (RuntimeException e) {
            // Bouncy Castle reports bad lengths as runtime exceptions: a damaged record, not a bug of ours.
            r = fail("record does not decrypt (" + e.getClass().getSimpleName() + ")");
        }
        if (r.ok() || !trial) seq++;
        return r;
    }

    // ---- TLS 1.3 ------------------------------------------------------------------------------

    private Result open13(byte[] body) {
        int tag = suite.tagLength() > 0 ? suite.tagLength() : 16;
        if (body.length < tag + 1) return fail("record shorter than the authentication tag");
        byte[] aad = {ContentTypes.APPLICATION_DATA, 3, 3, (byte) (body.length >> 8), (byte) body.length};
        byte[] plain = aead(xorNonce(), aad, body, tag);
        if (plain == null) return fail("authentication tag mismatch");
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) end--;
        if (end == 0) return fail("inner plaintext has no content type");
        return new Result(Arrays.copyOf(plain, end - 1), plain[end - 1] & 0xff, null);
    }

    // ---- TLS 1.0-1.2 ---------------------------------------------------------------------------

    private Result open12Aead(int ct, int ver, byte[] body) {
        int tag = suite.tagLength();
        byte[] nonce;
        byte[] ciphertext;
        if (suite.mode() == CipherMode.CHACHA20_POLY1305) {
            nonce = iv.length == 12 ? xorNonce() : seqNonce();
            ciphertext = body;
        } else {
            if (body.length < 8 + tag) return fail("record shorter than explicit nonce and tag");
            nonce = Prf.concat(Arrays.copyOf(iv, 4), Arrays.copyOfRange(body, 0, 8));
            ciphertext = Arrays.copyOfRange(body, 8, body.length);
        }
        if (ciphertext.length < tag) return fail("record shorter than the authentication tag");
        byte[] aad = additionalData(ct, ver, ciphertext.length - tag);
        byte[] plain = aead(nonce, aad, ciphertext, tag);
        if (plain == null) return fail("authentication tag mismatch");
        return new Result(plain, ct, null);
    }

    private Result cbcMte(int ct, int ver, byte[] body) {
        int bs = suite.blockSize();
        if (body.length == 0 || body.length % bs != 0) return fail("CBC record length is not a multiple of the block");
        if (version >= 0x0302 && body.length < 2 * bs) return fail("CBC record shorter than IV and one block");
        byte[] plain = cbcRecord(body);
        int pad = plain[plain.length - 1] & 0xff;
        int macLen = suite.macLength();
        if (pad + 1 + macLen > plain.length) return fail("bad CBC padding");
        if (version == SSL3) {
            // RFC 6101 5.2.3.2: the padding bytes are arbitrary, shorter than a block.
            if (pad >= bs) return fail("bad CBC padding");
        } else {
            for (int i = plain.length - 1 - pad; i < plain.length; i++) {
                if ((plain[i] & 0xff) != pad) return fail("bad CBC padding");
            }
        }
        int dataLen = plain.length - pad - 1 - macLen;
        return checkMac(ct, ver, plain, dataLen);
    }

    private Result cbcEtm(int ct, int ver, byte[] body) {
        int macLen = suite.macLength();
        int bs = suite.blockSize();
        if (body.length < macLen + bs) return fail("record shorter than MAC and one block");
        int encLen = body.length - macLen;
        byte[] expected = mac(ct, ver, body, 0, encLen);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(body, encLen, body.length))) {
            return fail("record MAC mismatch");
        }
        byte[] enc = Arrays.copyOf(body, encLen);
        if (encLen % bs != 0) return fail("CBC record length is not a multiple of the block");
        // (before TLS 1.1 the length check above already leaves at least one block)
        if (version >= 0x0302 && encLen == bs) return fail("CBC record has no ciphertext");
        byte[] plain = cbcRecord(enc);
        int pad = plain[plain.length - 1] & 0xff;
        if (pad + 1 > plain.length) return fail("bad CBC padding");
        return new Result(Arrays.copyOf(plain, plain.length - pad - 1), ct, null);
    }

    /**
     * Decrypts a CBC record's encrypted part (a whole number of blocks): TLS 1.1+ carries its IV
     * in the first block; before, the IV is the last ciphertext block of the previous record.
     */
    private byte[] cbcRecord(byte[] enc) {
        int bs = suite.blockSize();
        if (version >= 0x0302) return cbc(Arrays.copyOfRange(enc, 0, bs), Arrays.copyOfRange(enc, bs, enc.length));
        byte[] iv = chainedIv;
        chainedIv = Arrays.copyOfRange(enc, enc.length - bs, enc.length);
        return cbc(iv, enc);
    }

        private Result streamMte(int ct, int ver, byte[] body) {
        byte[] plain = new byte[body.length];
        stream.processBytes(body, 0, body.length, plain, 0);
        if (plain.length < suite.macLength()) return fail("record shorter than its MAC");
        return checkMac(ct, ver, plain, plain.length - suite.macLength());
    }

    private Result nullMac(int ct, int ver, byte[] body) {
        if (body.length < suite.macLength()) return fail("record shorter than its MAC");
        return checkMac(ct, ver, body, body.length - suite.macLength());
    }

    /** plain = data[0, dataLen) + MAC. */
    private Result checkMac(int ct, int ver, byte[] plain, int dataLen) {
        byte[] expected = mac(ct, ver, plain, 0, dataLen);
        byte[] got = Arrays.copyOfRange(plain, dataLen, dataLen + suite.macLength());
        if (!MessageDigest.isEqual(expected, got)) return fail("record MAC mismatch");
        return new Result(Arrays.copyOf(plain, dataLen), ct, null);
    }

    private byte[] mac(int ct, int ver, byte[] data, int off, int len) {
        if (version == SSL3) return ssl3Mac(ct, data, off, len);
        byte[] header = additionalData(ct, ver, len);
        byte[] input = new byte[header.length + len];
        System.arraycopy(header, 0, input, 0, header.length);
        System.arraycopy(data, off, input, header.length, len);
        return Hkdf.hmac(hmac, macKey, input);
    }

    /** SSL 3.0 (RFC 6101 5.2.3.1): hash(secret + pad_2 + hash(secret + pad_1 + seq + type + length + data)). */
    private byte[] ssl3Mac(int ct, byte[] data, int off, int len) {
        String alg = suite.mac() == CipherSuiteInfo.Digest.MD5 ? "MD5" : "SHA-1";
        int padLen = alg.equals("MD5") ? 48 : 40;
        byte[] pad1 = new byte[padLen];
        byte[] pad2 = new byte[padLen];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5c);
        byte[] h = additionalData(ct, 0, len);
        byte[] seqTypeLen = Prf.concat(Arrays.copyOfRange(h, 0, 9), Arrays.copyOfRange(h, 11, 13));
        byte[] inner = KeyBlock.digest(alg, Prf.concat(macKey, pad1, seqTypeLen, Arrays.copyOfRange(data, off, off + len)));
        return KeyBlock.digest(alg, Prf.concat(macKey, pad2, inner));
    }

    /** seq_num + type + version + length (RFC 5246 6.2.3.1 / 6.2.3.3). */
    private byte[] additionalData(int ct, int ver, int length) {
        byte[] a = new byte[13];
        for (int i = 0; i < 8; i++) a[i] = (byte) (seq >>> (56 - 8 * i));
        a[8] = (byte) ct;
        a[9] = (byte) (ver >> 8);
        a[10] = (byte) ver;
        a[11] = (byte) (length >> 8);
        a[12] = (byte) length;
        return a;
    }

    private byte[] xorNonce() {
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        return n;
    }

    /** The pre-RFC 7905 ChaCha20 suites: the nonce is the sequence number alone. */
    private byte[] seqNonce() {
        byte[] n = new byte[12];
        for (int i = 0; i < 8; i++) n[11 - i] = (byte) (seq >>> (8 * i));
        return n;
    }

    private byte[] aead(byte[] nonce, byte[] aad, byte[] in, int tagLength) {
        AEADCipher c = switch (suite.mode()) {
            case CHACHA20_POLY1305 -> new ChaCha20Poly1305();
            case CCM, CCM_8 -> CCMBlockCipher.newInstance(blockEngine(suite.cipher()));
            default -> GCMBlockCipher.newInstance(blockEngine(suite.cipher()));
        };
        c.init(false, new AEADParameters(new KeyParameter(key), tagLength * 8, nonce, aad));
        byte[] out = new byte[c.getOutputSize(in.length)];
        try {
            int n = c.processBytes(in, 0, in.length, out, 0);
            n += c.doFinal(out, n);
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (InvalidCipherTextException e) {
            return null;
        }
    }

    private byte[] cbc(byte[] ivUsed, byte[] cipher) {
        CBCBlockCipher c = (CBCBlockCipher) CBCBlockCipher.newInstance(blockEngine(suite.cipher()));
        c.init(false, new ParametersWithIV(new KeyParameter(key), ivUsed));
        byte[] out = new byte[cipher.length];
        for (int i = 0; i < cipher.length; i += c.getBlockSize()) c.processBlock(cipher, i, out, i);
        return out;
    }

    private static BlockCipher blockEngine(BulkCipher b) {
        return switch (b) {
            case AES -> AESEngine.newInstance();
            case CAMELLIA -> new CamelliaEngine();
            case ARIA -> new ARIAEngine();
            case SEED -> new SEEDEngine();
            case TRIPLE_DES -> new DESedeEngine();
            case DES, DES40 -> new DESEngine();
            case RC2 -> new RC2Engine();
            case IDEA -> new IDEAEngine();
            default -> null;
        };
    }

    static String macName(CipherSuiteInfo.Digest d) {
        return switch (d) {
            case MD5 -> "HmacMD5";
            case SHA1 -> "HmacSHA1";
            case SHA256 -> "HmacSHA256";
            case SHA384 -> "HmacSHA384";
            case SHA512 -> "HmacSHA512";
            default -> null;
        };
    }

    private static Result fail(String why) { return new Result(null, -1, why); }

    @Override public String toString() {
        return "RecordCipher[" + suite.name() + (tls13 ? ", TLS 1.3" : "") + ", seq " + seq + "]";
    }
}
