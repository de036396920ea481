package tlslens.dissect.tls.decrypt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * The TLS &lt;= 1.2 key block cut into MAC keys, write keys and IVs (RFC 5246 6.3, RFC 2246 6.3
 * with its export key expansion, SSL 3.0's MD5/SHA-1 key block, RFC 6101 6.2.2), from the master
 * secret and both hello randoms.
 */
record KeyBlock(byte[] clientMac, byte[] serverMac, byte[] clientKey, byte[] serverKey, byte[] clientIv,
                byte[] serverIv) {

    static KeyBlock derive(CipherSuiteInfo suite, int version, byte[] master, byte[] clientRandom,
                           byte[] serverRandom) {
        boolean aead = suite.isAead();
        boolean nullCipher = suite.mode() == CipherSuiteInfo.CipherMode.NULL;
        int macLen = aead ? 0 : suite.macLength();
        int keyLen = nullCipher ? 0 : suite.export() ? suite.secretKeyLength() : suite.keyLength();
        boolean chainedIv = version == TlsVersions.SSL3 || version == TlsVersions.TLS10;
        int ivLen = nullCipher ? 0 : aead ? suite.ivLength() : chainedIv && !suite.export() ? suite.ivLength() : 0;
        int total = 2 * (macLen + keyLen + ivLen);
        byte[] srCr = Prf.concat(serverRandom, clientRandom);
        byte[] crSr = Prf.concat(clientRandom, serverRandom);
        byte[] block = switch (version) {
            case TlsVersions.SSL3 -> ssl3(master, srCr, total);
            case TlsVersions.TLS12 -> Prf.tls12(RecordCipher.prfHmac(suite), master, "key expansion", srCr, total);
            default -> Prf.tls10(master, "key expansion", srCr, total);
        };
        int p = 0;
        byte[] cMac = Arrays.copyOfRange(block, p, p += macLen);
        byte[] sMac = Arrays.copyOfRange(block, p, p += macLen);
        byte[] cKey = Arrays.copyOfRange(block, p, p += keyLen);
        byte[] sKey = Arrays.copyOfRange(block, p, p += keyLen);
        byte[] cIv = Arrays.copyOfRange(block, p, p += ivLen);
        byte[] sIv = Arrays.copyOfRange(block, p, p + ivLen);
        if (suite.export() && !nullCipher) {
            // Export suites stretch their 40-bit secret keys with the randoms; the IVs come from the randoms alone.
            int finalLen = exportKeyLength(suite);
            int iv = suite.mode() == CipherSuiteInfo.CipherMode.CBC ? suite.ivLength() : 0;
            if (version == TlsVersions.SSL3) {
                cKey = Arrays.copyOf(md5(Prf.concat(cKey, crSr)), finalLen);
                sKey = Arrays.copyOf(md5(Prf.concat(sKey, srCr)), finalLen);
                cIv = Arrays.copyOf(md5(crSr), iv);
                sIv = Arrays.copyOf(md5(srCr), iv);
            } else {
                // OpenSSL stretched export keys with the version's PRF, also when it negotiated them in TLS 1.2.
                cKey = prf(suite, version, cKey, "client write key", crSr, finalLen);
                sKey = prf(suite, version, sKey, "server write key", crSr, finalLen);
                byte[] ivs = prf(suite, version, new byte[0], "IV block", crSr, 2 * iv);
                cIv = Arrays.copyOfRange(ivs, 0, iv);
                sIv = Arrays.copyOfRange(ivs, iv, 2 * iv);
            }
        }
        return new KeyBlock(cMac, sMac, cKey, sKey, cIv, sIv);
    }

    private static byte[] prf(CipherSuiteInfo suite, int version, byte[] secret, String label, byte[] seed, int n) {
        return version == TlsVersions.TLS12 ? Prf.tls12(RecordCipher.prfHmac(suite), secret, label, seed, n)
                : Prf.tls10(secret, label, seed, n);
    }

    /** The stretched export key: 16 bytes for RC4-40 and RC2-40 (checked against real records), 8 for DES40. */
    static int exportKeyLength(CipherSuiteInfo suite) { return suite.keyLength(); }

    /** SSL 3.0: MD5(master + SHA1("A" + master + randoms)) + MD5(master + SHA1("BB" + ...)) + ... */
    static byte[] ssl3(byte[] master, byte[] srCr, int length) {
        byte[] out = new byte[length];
        int pos = 0;
        for (int i = 0; pos < length; i++) {
            byte[] label = new byte[i + 1];
            Arrays.fill(label, (byte) ('A' + i));
            byte[] inner = digest("SHA-1", Prf.concat(label, master, srCr));
            byte[] block = md5(Prf.concat(master, inner));
            int n = Math.min(block.length, length - pos);
            System.arraycopy(block, 0, out, pos, n);
            pos += n;
        }
        return out;
    }

    static byte[] md5(byte[] data) { return digest("MD5", data); }

    static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg, e);
        }
    }
}
