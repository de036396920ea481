package tlslens.dissect.tls.names;

import tlslens.dissect.tls.names.CipherSuiteInfo.Authentication;
import tlslens.dissect.tls.names.CipherSuiteInfo.BulkCipher;
import tlslens.dissect.tls.names.CipherSuiteInfo.CipherMode;
import tlslens.dissect.tls.names.CipherSuiteInfo.Digest;
import tlslens.dissect.tls.names.CipherSuiteInfo.KeyExchange;

import java.util.List;

/** Reads a cipher suite name into a {@link CipherSuiteInfo}; see there for the name forms. */
final class CipherSuiteNameParser {
    private CipherSuiteNameParser() {}

    /** A cipher spelling in suite names, longest spellings first where one prefixes another. */
    private record Spec(String token, BulkCipher cipher, CipherMode mode, int keyLength, int blockSize, int tagLength) {}

    private static final List<Spec> SPECS = List.of(
            new Spec("NULL", BulkCipher.NULL, CipherMode.NULL, 0, 0, 0),
            new Spec("RC4_128", BulkCipher.RC4, CipherMode.STREAM, 16, 0, 0),
            new Spec("RC4_56", BulkCipher.RC4, CipherMode.STREAM, 16, 0, 0),
            new Spec("RC4_40", BulkCipher.RC4, CipherMode.STREAM, 16, 0, 0),
            new Spec("RC2_CBC_56", BulkCipher.RC2, CipherMode.CBC, 16, 8, 0),
            new Spec("RC2_CBC_40", BulkCipher.RC2, CipherMode.CBC, 16, 8, 0),
            new Spec("IDEA_CBC", BulkCipher.IDEA, CipherMode.CBC, 16, 8, 0),
            new Spec("DES40_CBC", BulkCipher.DES40, CipherMode.CBC, 8, 8, 0),
            new Spec("DES_CBC_40", BulkCipher.DES40, CipherMode.CBC, 8, 8, 0),
            new Spec("DES_CBC", BulkCipher.DES, CipherMode.CBC, 8, 8, 0),
            new Spec("3DES_EDE_CBC", BulkCipher.TRIPLE_DES, CipherMode.CBC, 24, 8, 0),
            new Spec("SEED_CBC", BulkCipher.SEED, CipherMode.CBC, 16, 16, 0),
            new Spec("FORTEZZA_CBC", BulkCipher.FORTEZZA, CipherMode.CBC, 10, 8, 0),
            new Spec("CHACHA20_POLY1305", BulkCipher.CHACHA20, CipherMode.CHACHA20_POLY1305, 32, 0, 16),
            new Spec("ESTREAM_SALSA20", BulkCipher.ESTREAM_SALSA20, CipherMode.STREAM, 32, 0, 0),
            new Spec("SALSA20", BulkCipher.SALSA20, CipherMode.STREAM, 32, 0, 0),
            new Spec("28147_CNT", BulkCipher.GOST28147, CipherMode.CNT_IMIT, 32, 8, 0),
            new Spec("KUZNYECHIK_CTR", BulkCipher.KUZNYECHIK, CipherMode.CTR_OMAC, 32, 16, 0),
            new Spec("MAGMA_CTR", BulkCipher.MAGMA, CipherMode.CTR_OMAC, 32, 8, 0),
            new Spec("KUZNYECHIK_MGM_L", BulkCipher.KUZNYECHIK, CipherMode.MGM_L, 32, 16, 16),
            new Spec("KUZNYECHIK_MGM_S", BulkCipher.KUZNYECHIK, CipherMode.MGM_S, 32, 16, 16),
            new Spec("MAGMA_MGM_L", BulkCipher.MAGMA, CipherMode.MGM_L, 32, 8, 8),
            new Spec("MAGMA_MGM_S", BulkCipher.MAGMA, CipherMode.MGM_S, 32, 8, 8),
            new Spec("AEGIS_128L", BulkCipher.AEGIS_128L, CipherMode.AEGIS, 16, 0, 16),
            new Spec("AEGIS_256", BulkCipher.AEGIS_256, CipherMode.AEGIS, 32, 0, 16),
            new Spec("SM1_CBC", BulkCipher.SM1, CipherMode.CBC, 16, 16, 0),
            new Spec("SM1", BulkCipher.SM1, CipherMode.CBC, 16, 16, 0),
            new Spec("SM4_CBC", BulkCipher.SM4, CipherMode.CBC, 16, 16, 0),
            new Spec("SM4_GCM", BulkCipher.SM4, CipherMode.GCM, 16, 16, 16),
            new Spec("SM4_CCM", BulkCipher.SM4, CipherMode.CCM, 16, 16, 16));

    /** Block ciphers spelled {@code <NAME>_<bits>_<mode>}. */
    private static final List<String> SIZED = List.of("AES", "CAMELLIA", "ARIA");

    static CipherSuiteInfo parse(int code, String name) {
        if (name.endsWith("_SCSV") || name.equals(Grease.NAME)) return null;
        String body;
        if (name.startsWith("TLS_") || name.startsWith("SSL_")) {
            body = name.substring(4);
        } else {
            return parseGm(code, name);
        }
        int with = body.indexOf("_WITH_");
        if (with < 0) return parseTls13(code, name, body);
        String kxPart = body.substring(0, with);
        String cipherPart = body.substring(with + "_WITH_".length());

        boolean export = false, export1024 = false;
        if (kxPart.contains("_EXPORT1024")) {
            export1024 = true;
            kxPart = kxPart.replace("_EXPORT1024", "");
        } else if (kxPart.contains("_EXPORT")) {
            export = true;
            kxPart = kxPart.replace("_EXPORT", "");
        }
        KeyExchange kx;
        Authentication auth;
        switch (kxPart) {
            case "NULL" -> { kx = KeyExchange.NULL; auth = Authentication.NULL; }
            case "RSA", "RSA_FIPS" -> { kx = KeyExchange.RSA; auth = Authentication.RSA; }
            case "DH_DSS" -> { kx = KeyExchange.DH; auth = Authentication.DSS; }
            case "DH_RSA" -> { kx = KeyExchange.DH; auth = Authentication.RSA; }
            case "DHE_DSS" -> { kx = KeyExchange.DHE; auth = Authentication.DSS; }
            case "DHE_RSA" -> { kx = KeyExchange.DHE; auth = Authentication.RSA; }
            case "DH_anon" -> { kx = KeyExchange.DHE; auth = Authentication.NULL; }
            case "ECDH_ECDSA" -> { kx = KeyExchange.ECDH; auth = Authentication.ECDSA; }
            case "ECDH_RSA" -> { kx = KeyExchange.ECDH; auth = Authentication.RSA; }
            case "ECDHE_ECDSA" -> { kx = KeyExchange.ECDHE; auth = Authentication.ECDSA; }
            case "ECDHE_RSA" -> { kx = KeyExchange.ECDHE; auth = Authentication.RSA; }
            case "ECDH_anon" -> { kx = KeyExchange.ECDHE; auth = Authentication.NULL; }
            case "PSK" -> { kx = KeyExchange.PSK; auth = Authentication.PSK; }
            case "DHE_PSK", "PSK_DHE" -> { kx = KeyExchange.DHE_PSK; auth = Authentication.PSK; }
            case "RSA_PSK" -> { kx = KeyExchange.RSA_PSK; auth = Authentication.RSA; }
            case "ECDHE_PSK" -> { kx = KeyExchange.ECDHE_PSK; auth = Authentication.PSK; }
            case "SRP_SHA" -> { kx = KeyExchange.SRP; auth = Authentication.SRP; }
            case "SRP_SHA_RSA" -> { kx = KeyExchange.SRP; auth = Authentication.RSA; }
            case "SRP_SHA_DSS" -> { kx = KeyExchange.SRP; auth = Authentication.DSS; }
            case "KRB5" -> { kx = KeyExchange.KRB5; auth = Authentication.KRB5; }
            case "FORTEZZA_KEA" -> { kx = KeyExchange.FORTEZZA_KEA; auth = Authentication.KEA; }
            case "ECCPWD" -> { kx = KeyExchange.ECCPWD; auth = Authentication.ECCPWD; }
            case "ECJPAKE" -> { kx = KeyExchange.ECJPAKE; auth = Authentication.ECJPAKE; }
            case "GOSTR341094" -> { kx = KeyExchange.GOSTR341094; auth = Authentication.GOST; }
            case "GOSTR341001" -> { kx = KeyExchange.GOSTR341001; auth = Authentication.GOST; }
            case "GOSTR341112_256" -> { kx = KeyExchange.GOSTR341112_256; auth = Authentication.GOST; }
            default -> { return null; }
        }

        // Cipher, then an optional MAC/PRF token.
        Spec spec = null;
        String rest = null;
        for (Spec s : sizedAndFixed(cipherPart)) {
            if (cipherPart.equals(s.token) || cipherPart.startsWith(s.token + "_")) {
                spec = s;
                rest = cipherPart.substring(s.token.length());
                if (rest.startsWith("_")) rest = rest.substring(1);
                break;
            }
        }
        if (spec == null) return null;
        Digest named = digest(rest);
        if (named == null) return null;

        // RFC 9367 GOST MGM suites carry TLS 1.2-style names but are TLS 1.3 suites.
        if (spec.mode == CipherMode.MGM_L || spec.mode == CipherMode.MGM_S) {
            return new CipherSuiteInfo(code, name, KeyExchange.TLS13, Authentication.TLS13, spec.cipher, spec.mode,
                    spec.keyLength, spec.keyLength, 12, spec.blockSize, spec.tagLength, false, Digest.NULL,
                    Digest.STREEBOG256);
        }

        int secret = spec.keyLength;
        if (export) secret = 5;
        if (export1024 && spec.cipher != BulkCipher.DES) secret = 7;
        boolean aead = switch (spec.mode) {
            case GCM, CCM, CCM_8, CHACHA20_POLY1305 -> true;
            default -> false;
        };
        int iv = switch (spec.mode) {
            case GCM, CCM, CCM_8 -> 4;
            case CHACHA20_POLY1305 -> 12;
            case CBC -> spec.blockSize;
            case CNT_IMIT, CTR_OMAC -> spec.blockSize;
            default -> 0;
        };
        Digest mac = aead ? Digest.NULL : named;
        Digest prf = prfFor(named, kx);
        return new CipherSuiteInfo(code, name, kx, auth, spec.cipher, spec.mode, spec.keyLength, secret, iv,
                spec.blockSize, spec.tagLength, export || export1024, mac, prf);
    }

    /** The spec for {@code AES_128_GCM}-style spellings, else the fixed ones. */
    private static List<Spec> sizedAndFixed(String cipherPart) {
        for (String family : SIZED) {
            if (!cipherPart.startsWith(family + "_")) continue;
            String[] t = cipherPart.split("_");
            if (t.length < 3) return List.of();
            int bits;
            try {
                bits = Integer.parseInt(t[1]);
            } catch (NumberFormatException e) {
                return List.of();
            }
            BulkCipher c = BulkCipher.valueOf(family);
            String modeTok = t[2];
            boolean ccm8 = modeTok.equals("CCM") && t.length > 3 && t[3].equals("8");
            CipherMode mode;
            switch (modeTok) {
                case "CBC" -> mode = CipherMode.CBC;
                case "GCM" -> mode = CipherMode.GCM;
                case "CCM" -> mode = ccm8 ? CipherMode.CCM_8 : CipherMode.CCM;
                default -> { return List.of(); }
            }
            String token = family + "_" + bits + "_" + modeTok + (ccm8 ? "_8" : "");
            int tag = switch (mode) {
                case GCM, CCM -> 16;
                case CCM_8 -> 8;
                default -> 0;
            };
            return List.of(new Spec(token, c, mode, bits / 8, 16, tag));
        }
        return SPECS;
    }

    /** The hash token ending a name; "" (CCM suites) and "NULL" mean none (the PRF defaults to SHA256). */
    private static Digest digest(String tok) {
        return switch (tok) {
            case "", "NULL" -> Digest.NULL;
            case "MD5" -> Digest.MD5;
            case "SHA", "SHA1" -> Digest.SHA1;
            case "SHA256" -> Digest.SHA256;
            case "SHA384" -> Digest.SHA384;
            case "SHA512" -> Digest.SHA512;
            case "SM3" -> Digest.SM3;
            case "GOSTR3411" -> Digest.GOSTR3411_94;
            case "IMIT" -> Digest.GOST28147_IMIT;
            case "OMAC" -> Digest.OMAC;
            default -> null;
        };
    }

    private static Digest prfFor(Digest named, KeyExchange kx) {
        return switch (named) {
            case SHA384, SHA512, SM3 -> named;
            case GOSTR3411_94, GOST28147_IMIT -> kx == KeyExchange.GOSTR341112_256 ? Digest.STREEBOG256 : Digest.GOSTR3411_94;
            case OMAC -> Digest.STREEBOG256;
            default -> Digest.SHA256;
        };
    }

    /** TLS 1.3: TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256, TLS_SM4_GCM_SM3, TLS_SHA256_SHA256... */
    private static CipherSuiteInfo parseTls13(int code, String name, String body) {
        int us = body.lastIndexOf('_');
        if (us < 0) return null;
        String cipherPart = body.substring(0, us);
        Digest hash = digest(body.substring(us + 1));
        if (hash == null || hash == Digest.NULL) return null;
        if (cipherPart.equals("SHA256") || cipherPart.equals("SHA384")) {
            // RFC 9150 integrity-only suites: HMAC over the record, key = hash length, no IV.
            return new CipherSuiteInfo(code, name, KeyExchange.TLS13, Authentication.TLS13, BulkCipher.NULL,
                    CipherMode.NULL, hash.length, hash.length, 0, 0, 0, false, hash, hash);
        }
        Spec spec = null;
        for (Spec s : sizedAndFixed(cipherPart)) {
            if (cipherPart.equals(s.token)) {
                spec = s;
                break;
            }
        }
        if (spec == null) return null;
        return new CipherSuiteInfo(code, name, KeyExchange.TLS13, Authentication.TLS13, spec.cipher, spec.mode,
                spec.keyLength, spec.keyLength, 12, spec.blockSize, spec.tagLength, false, Digest.NULL, hash);
    }

    /** GM/T 0024 names: ECDHE_SM4_CBC_SM3, ECC_SM1_SM3, IBSDH_SM4_GCM_SM3, RSA_SM4_CBC_SHA256... */
    private static CipherSuiteInfo parseGm(int code, String name) {
        int us = name.indexOf('_');
        if (us < 0) return null;
        KeyExchange kx;
        Authentication auth;
        switch (name.substring(0, us)) {
            case "ECDHE" -> { kx = KeyExchange.ECDHE; auth = Authentication.SM2; }
            case "ECC" -> { kx = KeyExchange.ECC; auth = Authentication.SM2; }
            case "IBSDH" -> { kx = KeyExchange.IBSDH; auth = Authentication.IBC; }
            case "IBC" -> { kx = KeyExchange.IBC; auth = Authentication.IBC; }
            case "RSA" -> { kx = KeyExchange.RSA; auth = Authentication.RSA; }
            default -> { return null; }
        }
        String rest = name.substring(us + 1);
        int last = rest.lastIndexOf('_');
        if (last < 0) return null;
        String cipherPart = rest.substring(0, last);
        Digest named = digest(rest.substring(last + 1));
        if (named == null || named == Digest.NULL) return null;
        Spec spec = null;
        for (Spec s : SPECS) {
            if (cipherPart.equals(s.token)) {
                spec = s;
                break;
            }
        }
        if (spec == null) return null;
        boolean aead = spec.mode == CipherMode.GCM || spec.mode == CipherMode.CCM;
        return new CipherSuiteInfo(code, name, kx, auth, spec.cipher, spec.mode, spec.keyLength, spec.keyLength,
                aead ? 4 : spec.blockSize, spec.blockSize, spec.tagLength, false, aead ? Digest.NULL : named,
                prfFor(named, kx));
    }
}
