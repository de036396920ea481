package tlslens.dissect.tls.decrypt;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Cipher;

import tlslens.dissect.tls.names.TlsVersions;

/**
 * RSA key exchange (RFC 5246 7.4.7.1, RFC 2246, RFC 6101): the client encrypts a 48-byte
 * pre-master secret to the server certificate's public key (PKCS#1 v1.5) in the ClientKeyExchange;
 * with the server's private key it decrypts, and the master secret follows (RFC 5246 8.1, with the
 * extended master secret of RFC 7627 when negotiated).
 */
final class RsaKeyExchange {
    private RsaKeyExchange() {}

    /** A decrypted pre-master secret and the key that opened it. */
    record PreMaster(byte[] secret, RsaServerKey key) {}

    /** The RSA modulus of a TLS &lt;= 1.2 Certificate message's first certificate (header included), or null. */
    static BigInteger serverModulus(byte[] message) {
        // type(1) length(3) certificate_list<3> { ASN.1Cert<3> ... }
        if (message.length < 10) return null;
        int len = u24(message, 7);
        if (len <= 0 || 10 + len > message.length) return null;
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(message, 10, len));
            return c.getPublicKey() instanceof RSAPublicKey k ? k.getModulus() : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The pre-master secret of a ClientKeyExchange message (header included), tried with each
     * candidate key; null when none opens it to 48 bytes. TLS puts a 2-byte length before the
     * encrypted secret, SSL 3.0 (and some old TLS 1.0 stacks) not: both are tried.
     */
    static PreMaster decrypt(byte[] message, int version, List<RsaServerKey> candidates) {
        if (message.length < 5) return null;
        byte[] body = Arrays.copyOfRange(message, 4, message.length);
        byte[] enc = body;
        if (version != TlsVersions.SSL3 && body.length > 2 && u16(body, 0) == body.length - 2) {
            enc = Arrays.copyOfRange(body, 2, body.length);
        }
        for (RsaServerKey k : candidates) {
            if (enc.length != k.modulusBytes()) continue;
            byte[] pms = pkcs1Decrypt(k, enc);
            if (pms != null && pms.length == 48) return new PreMaster(pms, k);
        }
        return null;
    }

    /** Length of the encrypted secret in a ClientKeyExchange (to pick keys of that size). */
    static int encryptedLength(byte[] message, int version) {
        int body = message.length - 4;
        if (version != TlsVersions.SSL3 && body > 2 && u16(message, 4) == body - 2) return body - 2;
        return body;
    }

    private static byte[] pkcs1Decrypt(RsaServerKey k, byte[] enc) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.DECRYPT_MODE, k.key());
            return c.doFinal(enc);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The master secret: RFC 5246 8.1 PRF(pre_master, "master secret", client_random + server_random),
     * or with RFC 7627 PRF(pre_master, "extended master secret", session_hash); TLS 1.0/1.1 with
     * their MD5/SHA-1 PRF; SSL 3.0 with its MD5/SHA-1 construction (RFC 6101 6.1).
     * {@code sessionHash}: the transcript's hash up to and including the ClientKeyExchange.
     */
    static byte[] masterSecret(int version, String prfHmac, byte[] pms, byte[] clientRandom, byte[] serverRandom,
                               byte[] sessionHash) {
        byte[] crSr = Prf.concat(clientRandom, serverRandom);
        if (version == TlsVersions.SSL3) return KeyBlock.ssl3(pms, crSr, 48);
        String label = sessionHash != null ? "extended master secret" : "master secret";
        byte[] seed = sessionHash != null ? sessionHash : crSr;
        return version == TlsVersions.TLS12 ? Prf.tls12(prfHmac, pms, label, seed, 48) : Prf.tls10(pms, label, seed, 48);
    }

    private static int u16(byte[] b, int i) { return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff); }

    private static int u24(byte[] b, int i) { return ((b[i] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i + 2] & 0xff); }
}
