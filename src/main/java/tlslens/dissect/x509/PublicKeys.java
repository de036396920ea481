package tlslens.dissect.x509;

import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;

/** AlgorithmIdentifier and SubjectPublicKeyInfo, plus the "[Public key: ...]" summary. */
final class PublicKeys {
    static final String RSA = "1.2.840.113549.1.1.1";
    static final String EC = "1.2.840.10045.2.1";
    static final String DSA = "1.2.840.10040.4.1";

    private final DerTree d;

    PublicKeys(DerTree d) { this.d = d; }

    /**
     * An AlgorithmIdentifier: "signature (sha256WithRSAEncryption)" over the whole element with
     * "Algorithm Id: ..." under it. Returns the algorithm OID (null when unreadable) and leaves the
     * parameters element in {@code params[0]} when asked.
     */
    String algorithmIdentifier(ProtoNode parent, FieldDef f, Der.Tlv t, Der.Tlv[] params) {
        ProtoNode node = d.sequence(parent, f, t);
        if (!t.isUniversal(Der.SEQUENCE)) {
            d.berError(node, t, X509Experts.EXPECTED_SEQUENCE, "SEQUENCE expected but " + t.describe() + " was unexpected");
            return null;
        }
        Der.Cursor c = d.cursor(t);
        Der.Tlv id = d.expect(node, c, Der.UNIVERSAL, Der.OID, "algorithm");
        if (id == null) return null;
        String oid = d.oid(node, X509Fields.ALGORITHM_ID, id);
        if (oid != null) node.setText(f.name + " (" + Oids.resolve(oid) + ")");
        Der.Tlv p = c.next();
        if (params != null) params[0] = p;
        if (p != null) parameters(node, oid, p);
        d.checkRest(node, c, "the AlgorithmIdentifier");
        return oid;
    }

    /** Parameters tshark decodes: EC named curves and DSA domain parameters; NULL shows nothing. */
    private void parameters(ProtoNode parent, String oid, Der.Tlv p) {
        if (p.isUniversal(Der.NULL) || oid == null) return;
        if (oid.equals(EC)) {
            if (p.isUniversal(Der.OID)) {
                ProtoNode choice = parent.addValue(X509Fields.EC_PARAMETERS, d.tvb, p.start(), p.length(), 1L);
                d.oid(choice, X509Fields.NAMED_CURVE, p);
            } else if (p.isUniversal(Der.SEQUENCE)) {
                parent.addValue(X509Fields.EC_PARAMETERS, d.tvb, p.start(), p.length(), 0L);
            }
        } else if (oid.equals(DSA) && p.isUniversal(Der.SEQUENCE)) {
            ProtoNode dss = d.sequence(parent, X509Fields.DSS_PARAMS, p);
            Der.Cursor c = d.cursor(p);
            for (FieldDef f : new FieldDef[] {X509Fields.DSS_P, X509Fields.DSS_Q, X509Fields.DSS_G}) {
                Der.Tlv i = d.expect(dss, c, Der.UNIVERSAL, Der.INTEGER, f.name);
                if (i == null) break;
                d.hexInteger(dss, f, i);
            }
        }
    }

    /** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }. */
    void subjectPublicKeyInfo(ProtoNode parent, Der.Tlv t) {
        ProtoNode spki = d.sequence(parent, X509Fields.SUBJECT_PUBLIC_KEY_INFO, t);
        if (!t.isUniversal(Der.SEQUENCE)) {
            d.berError(spki, t, X509Experts.EXPECTED_SEQUENCE, "SEQUENCE expected but " + t.describe() + " was unexpected");
            return;
        }
        Der.Cursor c = d.cursor(t);
        Der.Tlv alg = d.expect(spki, c, Der.UNIVERSAL, Der.SEQUENCE, "algorithm");
        if (alg == null) return;
        Der.Tlv[] params = new Der.Tlv[1];
        String oid = algorithmIdentifier(spki, X509Fields.ALGORITHM, alg, params);
        Der.Tlv key = d.expect(spki, c, Der.UNIVERSAL, Der.BIT_STRING, "subjectPublicKey");
        if (key == null) return;
        boolean rsa = RSA.equals(oid);
        // tshark shows no Padding item for RSA keys, whose bits it re-dissects as RSAPublicKey.
        int[] bits = d.bitString(spki, key, !rsa);
        if (bits == null) return;
        ProtoNode pk = spki.add(X509Fields.SUBJECT_PUBLIC_KEY, d.tvb, bits[0], bits[1]);
        d.checkTruncated(pk, key);
        String summary = null;
        if (rsa) {
            summary = rsaKey(pk, bits[0], bits[1]);
        } else if (EC.equals(oid)) {
            summary = ecKey(params[0], bits[1]);
        } else if (oid != null) {
            summary = switch (oid) {
                case "1.3.101.110" -> "X25519 (256 bits)";
                case "1.3.101.111" -> "X448 (448 bits)";
                case "1.3.101.112" -> "Ed25519 (256 bits)";
                case "1.3.101.113" -> "Ed448 (456 bits)";
                case DSA -> dsaKey(params[0]);
                default -> Oids.friendly(oid);
            };
        }
        d.checkRest(spki, c, "the SubjectPublicKeyInfo");
        if (summary != null) {
            spki.addGenerated(X509Fields.PUBLIC_KEY_SUMMARY, summary, "Public key: " + summary);
            int n = leadingBits(summary);
            if (n > 0) spki.addGenerated(X509Fields.PUBLIC_KEY_BITS, (long) n).setHidden(true);
        }
    }

    /** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }, inside the bit string. */
    private String rsaKey(ProtoNode pk, int off, int len) {
        Der.Tlv seq = Der.read(d.tvb, off, off + len);
        if (seq == null || !seq.isUniversal(Der.SEQUENCE)) {
            pk.malformed(d.tvb, off, len, "BER Error: RSAPublicKey is not a SEQUENCE");
            return "RSA";
        }
        Der.Cursor c = d.cursor(seq);
        Der.Tlv mod = d.expect(pk, c, Der.UNIVERSAL, Der.INTEGER, "modulus");
        if (mod == null) return "RSA";
        d.hexInteger(pk, X509Fields.MODULUS, mod);
        Der.Tlv exp = d.expect(pk, c, Der.UNIVERSAL, Der.INTEGER, "publicExponent");
        if (exp != null) d.integer(pk, X509Fields.PUBLIC_EXPONENT, exp);
        int bitsLen;
        try {
            // BouncyCastle reads the key as a whole; it also rejects what our walker tolerated.
            RSAPublicKey k = RSAPublicKey.getInstance(d.tvb.bytes(seq.start(), seq.length()));
            bitsLen = k.getModulus().bitLength();
        } catch (RuntimeException e) {
            bitsLen = new BigInteger(1, d.tvb.bytes(mod.content(), mod.contentLength())).bitLength();
        }
        return "RSA " + bitsLen + " bits";
    }

    private String ecKey(Der.Tlv params, int pointLen) {
        if (params != null && params.isUniversal(Der.OID)) {
            String curve = Der.oid(d.tvb, params.content(), params.contentLength());
            if (curve != null) {
                int size = curveBits(curve, pointLen);
                String name = Oids.resolve(curve);
                return "EC " + name + (size > 0 ? " (" + size + " bits)" : "");
            }
        }
        int size = pointBits(pointLen);
        return "EC" + (size > 0 ? " (" + size + " bits)" : "");
    }

    /** Field sizes of named curves; BouncyCastle builds the whole curve on each lookup, so remember them. */
    private static final java.util.Map<String, Integer> CURVE_BITS = new java.util.concurrent.ConcurrentHashMap<>();

    private static int curveBits(String curveOid, int pointLen) {
        Integer known = CURVE_BITS.get(curveOid);
        if (known == null && CURVE_BITS.size() < 256) {
            known = 0;
            try {
                X9ECParameters p = ECNamedCurveTable.getByOID(new ASN1ObjectIdentifier(curveOid));
                if (p != null) known = p.getCurve().getFieldSize();
            } catch (RuntimeException e) {
                // unknown or malformed OID: fall back to the point size
            }
            CURVE_BITS.put(curveOid, known);
        }
        return known != null && known > 0 ? known : pointBits(pointLen);
    }

    /** An uncompressed point is 04 || X || Y. */
    private static int pointBits(int pointLen) {
        return pointLen > 1 && pointLen % 2 == 1 ? (pointLen - 1) / 2 * 8 : 0;
    }

    private String dsaKey(Der.Tlv params) {
        if (params != null && params.isUniversal(Der.SEQUENCE)) {
            Der.Tlv p = Der.read(d.tvb, params.content(), params.end());
            if (p != null && p.isUniversal(Der.INTEGER)) {
                int bits = new BigInteger(1, d.tvb.bytes(p.content(), p.contentLength())).bitLength();
                return "DSA " + bits + " bits";
            }
        }
        return "DSA";
    }

    /** The key size in a summary such as "RSA 2048 bits" or "EC secp256r1 (256 bits)". */
    private static int leadingBits(String summary) {
        int i = summary.lastIndexOf(" bits");
        if (i < 0) return 0;
        int j = i;
        while (j > 0 && Character.isDigit(summary.charAt(j - 1))) j--;
        try {
            return Integer.parseInt(summary.substring(j, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
