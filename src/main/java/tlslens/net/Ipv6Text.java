package tlslens.net;

/**
 * RFC 5952 text form of an IPv6 address ("::1", "2001:db8::1", "::ffff:192.0.2.1"), as Wireshark
 * prints it. In a package of its own so that capture (interface addresses) and dissect (tree labels)
 * share it without capture depending on dissect.
 */
public final class Ipv6Text {
    private Ipv6Text() {}

    public static String compress(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        // IPv4-mapped ::ffff:a.b.c.d
        if (bestStart == 0 && bestLen == 5 && w[5] == 0xffff) {
            return "::ffff:" + (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }
}
