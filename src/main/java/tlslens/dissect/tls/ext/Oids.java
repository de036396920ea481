package tlslens.dissect.tls.ext;

/** DER OBJECT IDENTIFIER contents to dotted text, and the few names oid_filters uses. */
final class Oids {
    private Oids() {}

    static String toDotted(byte[] b) {
        if (b.length == 0) return "";
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (byte x : b) {
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) != 0) {
                if (v > (Long.MAX_VALUE >> 7)) return "<invalid OID>";
                continue;
            }
            if (first) {
                long a = v < 40 ? 0 : v < 80 ? 1 : 2;
                sb.append(a).append('.').append(v - 40 * a);
                first = false;
            } else {
                sb.append('.').append(v);
            }
            v = 0;
        }
        return sb.toString();
    }

    static String name(String oid) {
        switch (oid) {
            case "2.5.29.15": return "id-ce-keyUsage";
            case "2.5.29.37": return "id-ce-extKeyUsage";
            case "2.5.29.17": return "id-ce-subjectAltName";
            case "2.5.29.19": return "id-ce-basicConstraints";
            case "2.5.29.32": return "id-ce-certificatePolicies";
            default: return null;
        }
    }
}
