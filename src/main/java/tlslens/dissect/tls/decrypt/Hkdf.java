package tlslens.dissect.tls.decrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF (RFC 5869) and TLS 1.3's HKDF-Expand-Label (RFC 8446 7.1), with HMAC-SHA256 or -SHA384. */
public final class Hkdf {
    private Hkdf() {}

    public static byte[] extract(String hmac, byte[] salt, byte[] ikm) {
        return hmac(hmac, salt.length == 0 ? new byte[hashLength(hmac)] : salt, ikm);
    }

    public static byte[] expand(String hmac, byte[] prk, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(prk.length == 0 ? new byte[1] : prk, hmac));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int pos = 0;
            for (int i = 1; pos < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - pos);
                System.arraycopy(t, 0, out, pos, n);
                pos += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + hmac, e);
        }
    }

    /** HKDF-Expand-Label(secret, "tls13 " + label, context, length). */
    public static byte[] expandLabel(String hmac, byte[] secret, String label, byte[] context, int length) {
        return expandLabel(hmac, secret, "tls13 ", label, context, length);
    }

    /** HKDF-Expand-Label with another prefix: DTLS 1.3 uses "dtls13" (RFC 9147 5.9). */
    public static byte[] expandLabel(String hmac, byte[] secret, String prefix, String label, byte[] context,
                                     int length) {
        byte[] l = (prefix + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + l.length + 1 + context.length];
        info[0] = (byte) (length >> 8);
        info[1] = (byte) length;
        info[2] = (byte) l.length;
        System.arraycopy(l, 0, info, 3, l.length);
        info[3 + l.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + l.length, context.length);
        return expand(hmac, secret, info, length);
    }

    public static byte[] hmac(String hmac, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + hmac, e);
        }
    }

    static int hashLength(String hmac) {
        return hmac.endsWith("384") ? 48 : hmac.endsWith("512") ? 64 : hmac.endsWith("SHA1") ? 20 : 32;
    }
}
