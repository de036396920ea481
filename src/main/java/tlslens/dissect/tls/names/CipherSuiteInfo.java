package tlslens.dissect.tls.names;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What a cipher suite means for key exchange, authentication, record protection and the PRF:
 * the facts decryption, the connection model and the analyses need (compare Wireshark's
 * SslCipherSuite table in packet-tls-utils.c). Derived from the suite names by {@link #parse},
 * since the names are regular ({@code TLS_<kx>_<auth>_WITH_<cipher>_<mode>_<mac>}, TLS 1.3's
 * {@code TLS_<cipher>_<mode>_<hash>}, the Chinese GM/T {@code <kx>_<cipher>_<mode>_<mac>}).
 *
 * @param code          the suite's 16-bit code
 * @param name          its name ({@link CipherSuites#name})
 * @param keyExchange   key exchange; {@link KeyExchange#TLS13} for TLS 1.3 suites, which do not fix it
 * @param authentication how the server authenticates; {@link Authentication#TLS13} for TLS 1.3 suites
 * @param cipher        bulk cipher
 * @param mode          how the cipher protects records
 * @param keyLength     cipher key length in bytes (after export key expansion)
 * @param secretKeyLength key bytes taken from the key block: less than keyLength for export suites
 * @param ivLength      IV bytes taken from the key block: the block size for CBC, the 4-byte salt for
 *                      TLS 1.2 GCM/CCM, 12 for ChaCha20-Poly1305 and TLS 1.3 AEADs, 0 for stream and NULL
 * @param blockSize     cipher block size in bytes (0 for stream ciphers and NULL)
 * @param tagLength     AEAD tag length in bytes (0 for non-AEAD modes)
 * @param export        an export suite (40- or 56-bit secret key)
 * @param mac           the record MAC's hash for MAC-then-encrypt suites (and TLS_SHA256_SHA256's
 *                      HMAC); {@link Digest#NULL} for AEAD suites and TLS_*_WITH_*_NULL
 * @param prf           the TLS 1.2 PRF / TLS 1.3 HKDF hash: SHA384, SM3, SHA512 or the GOST hash when
 *                      the suite names it, else SHA256 (older versions use their fixed MD5+SHA1 PRF)
 */
public record CipherSuiteInfo(int code, String name, KeyExchange keyExchange, Authentication authentication,
                              BulkCipher cipher, CipherMode mode, int keyLength, int secretKeyLength,
                              int ivLength, int blockSize, int tagLength, boolean export, Digest mac,
                              Digest prf) {

    /** Anonymous DH / ECDH suites (*_anon_*) count as DHE / ECDHE with {@link Authentication#NULL}. */
    public enum KeyExchange {
        NULL, RSA, DH, DHE, ECDH, ECDHE, PSK, DHE_PSK, RSA_PSK, ECDHE_PSK, SRP, KRB5, FORTEZZA_KEA,
        ECCPWD, ECJPAKE, GOSTR341094, GOSTR341001, GOSTR341112_256,
        /** GM/T static SM2 key exchange ("ECC_SM4_..."). */
        ECC,
        /** GM/T identity-based key exchanges. */
        IBSDH, IBC,
        /** TLS 1.3: the suite does not say; key_share / pre_shared_key do. */
        TLS13
    }

    public enum Authentication {
        /** Anonymous or none (TLS_NULL_WITH_NULL_NULL, *_anon_*). */
        NULL, RSA, DSS, ECDSA, PSK, SRP, KRB5, KEA, ECCPWD, ECJPAKE, GOST,
        /** GM/T SM2 certificates. */
        SM2, IBC,
        /** TLS 1.3: the certificate and signature_algorithms decide. */
        TLS13
    }

    public enum BulkCipher {
        NULL, RC4, RC2, DES, DES40, TRIPLE_DES, IDEA, AES, CAMELLIA, ARIA, SEED, CHACHA20, SALSA20,
        ESTREAM_SALSA20, FORTEZZA, GOST28147, KUZNYECHIK, MAGMA, SM1, SM4, AEGIS_128L, AEGIS_256
    }

    public enum CipherMode {
        NULL, STREAM, CBC, GCM, CCM, CCM_8, CHACHA20_POLY1305,
        /** GOST 28147-89 counter mode with IMIT (RFC 4357 / draft-chudov). */
        CNT_IMIT,
        /** GOST R 34.12-2015 CTR with OMAC (RFC 9189). */
        CTR_OMAC,
        /** GOST MGM AEAD with long / short tags (RFC 9367, TLS 1.3). */
        MGM_L, MGM_S,
        /** AEGIS AEAD (TLS 1.3). */
        AEGIS
    }

    public enum Digest {
        NULL(0), MD5(16), SHA1(20), SHA256(32), SHA384(48), SHA512(64), SM3(32), GOSTR3411_94(32),
        STREEBOG256(32), GOST28147_IMIT(4), OMAC(16);

        /** Output length in bytes. */
        public final int length;

        Digest(int length) { this.length = length; }
    }

    /** True for AEAD modes (no separate record MAC; nonce built from an implicit IV). */
    public boolean isAead() {
        return switch (mode) {
            case GCM, CCM, CCM_8, CHACHA20_POLY1305, MGM_L, MGM_S, AEGIS -> true;
            default -> false;
        };
    }

    /** True for the TLS 1.3 suites (0x13xx, TLS_SHA*_SHA*, the GOST MGM suites). */
    public boolean isTls13() { return keyExchange == KeyExchange.TLS13; }

    /** Bytes of explicit nonce a TLS 1.2 record carries before the ciphertext (8 for GCM/CCM). */
    public int explicitNonceLength() {
        return (!isTls13() && (mode == CipherMode.GCM || mode == CipherMode.CCM || mode == CipherMode.CCM_8)) ? 8 : 0;
    }

    /** Record MAC length in bytes (0 for AEAD and NULL-MAC suites). */
    public int macLength() { return mac.length; }

    /** True for ephemeral (EC)DH key exchanges, whose secrets an RSA private key cannot recover. */
    public boolean isForwardSecret() {
        return switch (keyExchange) {
            case DHE, ECDHE, DHE_PSK, ECDHE_PSK, ECCPWD, ECJPAKE, IBSDH, TLS13 -> true;
            default -> false;
        };
    }

    private static final Map<Integer, CipherSuiteInfo> BY_CODE;

    static {
        Map<Integer, CipherSuiteInfo> m = new HashMap<>();
        for (long code : CipherSuites.TABLE.codes()) {
            CipherSuiteInfo info = parse((int) code, CipherSuites.TABLE.name(code));
            if (info != null) m.put((int) code, info);
        }
        BY_CODE = Collections.unmodifiableMap(m);
    }

    /** The info of suite {@code code}, or null for unknown codes, SCSVs and GREASE. */
    public static CipherSuiteInfo of(int code) { return BY_CODE.get(code); }

    /** Number of suites with info. */
    public static int count() { return BY_CODE.size(); }

    /**
     * Reads a suite name; null when it does not describe a suite (SCSVs, GREASE) or is not understood.
     * Package-private for the tests.
     */
    static CipherSuiteInfo parse(int code, String name) {
        if (name == null) return null;
        CipherSuiteInfo info = CipherSuiteNameParser.parse(code, name);
        // The pre-RFC 7905 ChaCha20 suites (draft-agl) build the nonce from the sequence number alone.
        if (info != null && code >= 0xcc13 && code <= 0xcc15) {
            info = new CipherSuiteInfo(code, name, info.keyExchange, info.authentication, info.cipher, info.mode,
                    info.keyLength, info.secretKeyLength, 0, info.blockSize, info.tagLength, info.export,
                    info.mac, info.prf);
        }
        return info;
    }
}
