package tlslens.dissect.tls.messages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.Grease;

/**
 * JA3 (client) and JA3S (server) fingerprints as Wireshark 4.0 computes them: decimal values
 * joined by "-", fields by ",", GREASE values left out, and the MD5 of that string.
 */
public final class Ja3 {
    private Ja3() {}

    /** "version,ciphers,extensions,groups,point formats" of a ClientHello. */
    public static String clientString(HelloInfo ch) {
        StringBuilder sb = new StringBuilder();
        sb.append(Math.max(0, ch.legacyVersion)).append(',');
        join(sb, ch.cipherSuites, true);
        sb.append(',');
        join(sb, ch.extensions, true);
        sb.append(',');
        join(sb, ch.supportedGroups, true);
        sb.append(',');
        join(sb, ch.ecPointFormats, false);
        return sb.toString();
    }

    /** "version,cipher,extensions" of a ServerHello (or HelloRetryRequest). */
    public static String serverString(HelloInfo sh) {
        StringBuilder sb = new StringBuilder();
        sb.append(Math.max(0, sh.legacyVersion)).append(',');
        join(sb, sh.cipherSuites, false);
        sb.append(',');
        join(sb, sh.extensions, true);
        return sb.toString();
    }

    public static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    private static void join(StringBuilder sb, List<Integer> values, boolean skipGrease) {
        boolean first = true;
        for (Integer v : values) {
            if (v == null || (skipGrease && Grease.isGrease(v))) continue;
            if (!first) sb.append('-');
            sb.append(v.intValue());
            first = false;
        }
    }
}
