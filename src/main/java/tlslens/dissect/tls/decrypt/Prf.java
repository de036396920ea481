package tlslens.dissect.tls.decrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS PRFs: RFC 5246 5 (P_SHA256 / P_SHA384 by suite) for TLS 1.2, and RFC 2246 5's
 * P_MD5 XOR P_SHA1 for TLS 1.0 and 1.1.
 */
public final class Prf {
    private Prf() {}

    /** TLS 1.2 PRF with HMAC-{@code hmac} ("HmacSHA256", "HmacSHA384"). */
    public static byte[] tls12(String hmac, byte[] secret, String label, byte[] seed, int length) {
        return pHash(hmac, secret, concat(label.getBytes(StandardCharsets.US_ASCII), seed), length);
    }

    /** TLS 1.0/1.1 PRF: the secret's halves (overlapping when odd) feed P_MD5 and P_SHA1. */
    public static byte[] tls10(byte[] secret, String label, byte[] seed, int length) {
        int half = (secret.length + 1) / 2;
        byte[] s1 = java.util.Arrays.copyOfRange(secret, 0, half);
        byte[] s2 = java.util.Arrays.copyOfRange(secret, secret.length - half, secret.length);
        byte[] ls = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        byte[] a = pHash("HmacMD5", s1, ls, length);
        byte[] b = pHash("HmacSHA1", s2, ls, length);
        for (int i = 0; i < length; i++) a[i] ^= b[i];
        return a;
    }

    static byte[] pHash(String hmac, byte[] secret, byte[] seed, int length) {
        try {
            Mac mac = Mac.getInstance(hmac);
            // HMAC pads its key with zeros, so an empty key (the export "IV block") equals one zero byte;
            // SecretKeySpec refuses empty keys.
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, hmac));
            byte[] out = new byte[length];
            byte[] a = seed;
            int pos = 0;
            while (pos < length) {
                a = mac.doFinal(a);
                mac.update(a);
                byte[] block = mac.doFinal(seed);
                int n = Math.min(block.length, length - pos);
                System.arraycopy(block, 0, out, pos, n);
                pos += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + hmac, e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
