package tlslens.dissect.tls.messages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.Grease;

/**
 * The JA4 client fingerprint (FoxIO's BSD-3 licensed JA4, as Wireshark 4.2 shows it in
 * tls.handshake.ja4 / tls.handshake.ja4_r): {@code t13d1516h2_<ciphers hash>_<extensions hash>}.
 * GREASE is ignored everywhere; the extension hash leaves out SNI and ALPN and appends the
 * signature algorithms in wire order.
 */
public final class Ja4 {

    private Ja4() {}

    /** The hashed form, e.g. "t13d1516h2_8daaf6152771_e5627efa2ab1". */
    public static String fingerprint(HelloInfo ch) {
        Parts p = parts(ch);
        return p.prefix + "_" + hash12(p.ciphers) + "_" + hash12(p.extensions);
    }

    /** The raw form ("JA4_r"): the same prefix and the sorted lists in clear. */
    public static String raw(HelloInfo ch) {
        Parts p = parts(ch);
        return p.prefix + "_" + p.ciphers + "_" + p.extensions;
    }

    private record Parts(String prefix, String ciphers, String extensions) {}

    private static Parts parts(HelloInfo ch) {
        List<Integer> ciphers = new ArrayList<>();
        for (Integer c : ch.cipherSuites) if (c != null && !Grease.isGrease(c)) ciphers.add(c);
        List<Integer> exts = new ArrayList<>();
        for (Integer e : ch.extensions) if (e != null && !Grease.isGrease(e)) exts.add(e);

        StringBuilder prefix = new StringBuilder("t");
        prefix.append(versionCode(version(ch)));
        prefix.append(ch.extensions.contains(ExtensionTypes.SERVER_NAME) ? 'd' : 'i');
        prefix.append(twoDigits(ciphers.size()));
        prefix.append(twoDigits(exts.size()));
        prefix.append(alpnCode(ch.alpn.isEmpty() ? null : ch.alpn.get(0)));

        List<Integer> sortedCiphers = new ArrayList<>(ciphers);
        sortedCiphers.sort(null);
        String cipherList = hexList(sortedCiphers);

        List<Integer> sortedExts = new ArrayList<>();
        for (Integer e : exts) if (e != ExtensionTypes.SERVER_NAME && e != ExtensionTypes.APPLICATION_LAYER_PROTOCOL_NEGOTIATION) sortedExts.add(e);
        sortedExts.sort(null);
        String extList = hexList(sortedExts);
        List<Integer> sigs = new ArrayList<>();
        for (Integer s : ch.signatureAlgorithms) if (s != null && !Grease.isGrease(s)) sigs.add(s);
        if (!sigs.isEmpty()) extList = extList + "_" + hexList(sigs);
        return new Parts(prefix.toString(), cipherList, extList);
    }

    /** The highest non-GREASE supported_versions entry, else the ClientHello version. */
    static int version(HelloInfo ch) {
        if (ch.extensions.contains(ExtensionTypes.SUPPORTED_VERSIONS) && !ch.supportedVersions.isEmpty()) {
            int best = -1;
            for (Integer v : ch.supportedVersions) {
                if (v != null && !Grease.isGrease(v) && v > best) best = v;
            }
            if (best >= 0) return best;
        }
        return ch.legacyVersion;
    }

    public static String versionCode(int v) {
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    /** First and last character of the first ALPN value; its hex digits when those are not alphanumeric. */
    public static String alpnCode(String alpn) {
        if (alpn == null || alpn.isEmpty()) return "00";
        char first = alpn.charAt(0);
        char last = alpn.charAt(alpn.length() - 1);
        if (isAlnum(first) && isAlnum(last)) return "" + first + last;
        String hex = HexFormat.of().formatHex(alpn.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String twoDigits(int n) {
        n = Math.min(n, 99);
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String hexList(List<Integer> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            int v = values.get(i) & 0xffff;
            for (int shift = 12; shift >= 0; shift -= 4) sb.append(Character.forDigit((v >> shift) & 0xf, 16));
        }
        return sb.toString();
    }

    /** First 12 hex digits of SHA-256, or twelve zeros for an empty list. */
    public static String hash12(String s) {
        if (s.isEmpty()) return "000000000000";
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.US_ASCII))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
