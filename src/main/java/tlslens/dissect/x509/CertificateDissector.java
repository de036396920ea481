package tlslens.dissect.x509;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * Decodes a DER X.509 certificate into the tree tshark shows under a TLS "Certificate:" item:
 * signedCertificate, algorithmIdentifier, Padding, encrypted, plus a few generated items a
 * reader finds helpful (key size, validity length, SAN list, fingerprint).
 */
public final class CertificateDissector {
    private CertificateDissector() {}

    /** Adds the decoded DER certificate in tvb[off, off+len) under parent. Never throws; undecodable DER -> parent.malformed(...). */
    public static void dissect(ProtoNode parent, Tvb tvb, int off, int len) {
        try {
            Decoder dec = new Decoder(tvb);
            dec.certificate(parent, off, off + Math.max(0, len));
            dec.d.flush();
        } catch (RuntimeException | StackOverflowError e) {
            parent.malformed(tvb, off, len, "certificate could not be decoded: " + e);
        }
    }

    /** A short summary for the certificate's label, e.g. "id-at-commonName=localhost" (the subject), or null. */
    public static String summary(Tvb tvb, int off, int len) {
        try {
            return new Decoder(tvb).subject(off, off + Math.max(0, len));
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /**
     * A DER DistinguishedName in tvb[off, off+len) (e.g. a CertificateRequest's certificate_authorities
     * entry): adds its "RDNSequence item"s directly under parent and completes parent's label with
     * ": (dn)", as tshark shows "Distinguished Name: (id-at-commonName=...)". Returns the DN string
     * (empty when undecodable). Never throws.
     */
    public static String distinguishedName(ProtoNode parent, Tvb tvb, int off, int len) {
        try {
            DerTree d = new DerTree(tvb);
            Der.Tlv seq = Der.read(tvb, off, off + Math.max(0, len));
            if (seq == null || !seq.isUniversal(Der.SEQUENCE)) {
                parent.malformed(tvb, off, len, "BER Error: DistinguishedName is not a SEQUENCE");
                return "";
            }
            d.checkTruncated(parent, seq);
            String dn = new Names(d).rdnItems(parent, seq);
            d.flush();
            if (seq.end() < off + len) {
                parent.malformed(tvb, seq.end(), off + len - seq.end(), "unexpected data after the DistinguishedName");
            }
            parent.appendText(": (" + dn + ")");
            return dn;
        } catch (RuntimeException | StackOverflowError e) {
            parent.malformed(tvb, off, len, "DistinguishedName could not be decoded: " + e);
            return "";
        }
    }

    /** One certificate's decoding state. */
    static final class Decoder {
        private final DerTree d;
        private final Names names;
        private final PublicKeys keys;

        Decoder(Tvb tvb) {
            d = new DerTree(tvb);
            names = new Names(d);
            keys = new PublicKeys(d);
        }

        /** The subject DN string of the certificate at [off, end), or null. */
        String subject(int off, int end) {
            Der.Tlv cert = Der.read(d.tvb, off, end);
            if (cert == null || !cert.isUniversal(Der.SEQUENCE)) return null;
            Der.Tlv tbs = Der.read(d.tvb, cert.content(), cert.end());
            if (tbs == null || !tbs.isUniversal(Der.SEQUENCE)) return null;
            Der.Cursor c = d.cursor(tbs);
            Der.Tlv t = c.next();
            if (t != null && t.isContext(0)) t = c.next(); // version
            // serialNumber, signature, issuer, validity, then subject
            for (int i = 0; i < 4 && t != null; i++) t = c.next();
            if (t == null || !t.isUniversal(Der.SEQUENCE)) return null;
            // Build the subject's items on a scratch root: the text is what we want.
            return names.name(ProtoNode.root(), X509Fields.SUBJECT, X509Fields.AF_RDN_SEQUENCE, t);
        }

        void certificate(ProtoNode parent, int off, int end) {
            Tvb tvb = d.tvb;
            Der.Tlv cert = Der.read(tvb, off, end);
            if (cert == null) {
                parent.malformed(tvb, off, end - off, "BER Error: cannot read the Certificate");
                return;
            }
            if (!cert.isUniversal(Der.SEQUENCE)) {
                d.berError(parent, cert, X509Experts.EXPECTED_SEQUENCE, "Certificate: SEQUENCE expected but " + cert.describe() + " was unexpected");
                return;
            }
            Der.Cursor c = d.cursor(cert);
            Der.Tlv tbs = d.expect(parent, c, Der.UNIVERSAL, Der.SEQUENCE, "signedCertificate");
            TbsInfo info = tbs == null ? null : signedCertificate(parent, tbs);
            Der.Tlv sigAlg = d.expect(parent, c, Der.UNIVERSAL, Der.SEQUENCE, "algorithmIdentifier");
            if (sigAlg != null) keys.algorithmIdentifier(parent, X509Fields.ALGORITHM_IDENTIFIER, sigAlg, null);
            Der.Tlv sig = sigAlg == null ? null : d.expect(parent, c, Der.UNIVERSAL, Der.BIT_STRING, "encrypted");
            if (sig != null) {
                int[] bits = d.bitString(parent, sig, true);
                if (bits != null) {
                    ProtoNode enc = parent.add(X509Fields.ENCRYPTED, tvb, bits[0], bits[1]);
                    d.checkTruncated(enc, sig);
                }
            }
            if (sig != null) d.checkRest(parent, c, "the Certificate");
            d.checkTruncated(parent, cert);
            if (info != null && info.selfIssued) {
                parent.addGenerated(X509Fields.SELF_ISSUED, true, "Self-issued: subject equals issuer");
            }
            if (!cert.truncated()) {
                String fp = sha256(tvb.bytes(cert.start(), cert.length()));
                if (fp != null) parent.addGenerated(X509Fields.SHA256_FINGERPRINT, fp, "SHA-256 Fingerprint: " + fp);
            }
        }

        private record TbsInfo(boolean selfIssued) {}

        private TbsInfo signedCertificate(ProtoNode parent, Der.Tlv tbs) {
            Tvb tvb = d.tvb;
            ProtoNode node = d.sequence(parent, X509Fields.SIGNED_CERTIFICATE, tbs);
            Der.Cursor c = d.cursor(tbs);
            Der.Tlv ver = d.optional(c, Der.CONTEXT, 0);
            if (ver != null) {
                Der.Tlv i = Der.read(tvb, ver.content(), ver.end());
                if (i != null && i.isUniversal(Der.INTEGER)) d.integer(node, X509Fields.VERSION, i);
                else node.malformed(tvb, ver.start(), ver.length(), "BER Error: version is not an INTEGER");
            }
            Der.Tlv serial = d.expect(node, c, Der.UNIVERSAL, Der.INTEGER, "serialNumber");
            if (serial == null) return null;
            d.hexInteger(node, X509Fields.SERIAL_NUMBER, serial);
            Der.Tlv sig = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "signature");
            if (sig == null) return null;
            keys.algorithmIdentifier(node, X509Fields.SIGNATURE, sig, null);
            Der.Tlv issuer = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "issuer");
            if (issuer == null) return null;
            names.name(node, X509Fields.ISSUER, X509Fields.IF_RDN_SEQUENCE, issuer);
            Der.Tlv validity = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "validity");
            if (validity == null) return null;
            validity(node, validity);
            Der.Tlv subject = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "subject");
            if (subject == null) return null;
            names.name(node, X509Fields.SUBJECT, X509Fields.AF_RDN_SEQUENCE, subject);
            boolean selfIssued = Arrays.equals(tvb.bytes(issuer.start(), issuer.length()),
                    tvb.bytes(subject.start(), subject.length()));
            Der.Tlv spki = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "subjectPublicKeyInfo");
            if (spki == null) return new TbsInfo(selfIssued);
            keys.subjectPublicKeyInfo(node, spki);
            Der.Tlv iuid = d.optional(c, Der.CONTEXT, 1);
            if (iuid != null) uniqueId(node, X509Fields.ISSUER_UNIQUE_ID, iuid);
            Der.Tlv suid = d.optional(c, Der.CONTEXT, 2);
            if (suid != null) uniqueId(node, X509Fields.SUBJECT_UNIQUE_ID, suid);
            Der.Tlv exts = d.optional(c, Der.CONTEXT, 3);
            if (exts != null) {
                Der.Tlv seq = Der.read(tvb, exts.content(), exts.end());
                if (seq == null || !seq.isUniversal(Der.SEQUENCE)) {
                    node.malformed(tvb, exts.start(), exts.length(), "BER Error: extensions is not a SEQUENCE");
                } else {
                    Extensions ex = new Extensions(d, names);
                    ex.extensions(node, X509Fields.EXTENSIONS, seq, true);
                    if (ex.sawSubjectAltName) {
                        String list = String.join(", ", ex.subjectAltNames);
                        node.addGenerated(X509Fields.SAN_SUMMARY, list, "Subject Alternative Names: " + list);
                    }
                }
            }
            d.checkRest(node, c, "signedCertificate");
            return new TbsInfo(selfIssued);
        }

        private void uniqueId(ProtoNode parent, FieldDef f, Der.Tlv t) {
            int[] bits = d.bitString(parent, t, true);
            if (bits != null) parent.add(f, d.tvb, bits[0], bits[1]);
        }

        private void validity(ProtoNode parent, Der.Tlv v) {
            ProtoNode node = d.sequence(parent, X509Fields.VALIDITY, v);
            Der.Cursor c = d.cursor(v);
            Der.Tlv nb = c.next();
            Instant notBefore = nb == null ? null : time(node, X509Fields.NOT_BEFORE, nb);
            Der.Tlv na = c.next();
            Instant notAfter = na == null ? null : time(node, X509Fields.NOT_AFTER, na);
            if (nb == null || na == null) {
                node.malformed(d.tvb, v.end(), 0, "BER Error: validity needs notBefore and notAfter");
            }
            d.checkRest(node, c, "validity");
            if (notBefore != null && notAfter != null) {
                Duration span = Duration.between(notBefore, notAfter);
                if (span.isNegative()) {
                    node.expert(X509Experts.VALIDITY_INVERTED.note());
                    return;
                }
                long days = span.toDays();
                long rest = span.minusDays(days).getSeconds();
                String text = days + (days == 1 ? " day" : " days")
                        + (rest == 0 ? "" : String.format(" %02d:%02d:%02d", rest / 3600, rest / 60 % 60, rest % 60));
                node.addGenerated(X509Fields.VALIDITY_DAYS, days, "Validity: " + text);
            }
        }

        /** Time ::= CHOICE { utcTime UTCTime, generalizedTime GeneralizedTime }. */
        private Instant time(ProtoNode parent, FieldDef choiceField, Der.Tlv t) {
            boolean utc = t.isUniversal(Der.UTC_TIME);
            if (!utc && !t.isUniversal(Der.GENERALIZED_TIME)) {
                d.berError(parent, t, X509Experts.CHOICE_NOT_FOUND, "This choice field (Time) was not found.");
                return null;
            }
            ProtoNode choice = parent.addValue(choiceField, d.tvb, t.start(), t.length(), utc ? 0L : 1L);
            String raw = d.tvb.ascii(t.content(), Math.min(t.contentLength(), 64));
            Instant when = DerTree.parseTime(raw, utc);
            if (utc) {
                choice.addValue(X509Fields.UTC_TIME, d.tvb, t.content(), t.contentLength(), DerTree.utcTimeText(raw));
            } else if (when != null) {
                choice.addValue(X509Fields.GENERALIZED_TIME, d.tvb, t.content(), t.contentLength(), when);
            }
            if (when == null) {
                choice.malformed(d.tvb, t.content(), t.contentLength(), "invalid time \"" + Text.format(raw) + "\"");
            }
            return when;
        }
    }

    static String sha256(byte[] der) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(der);
            return java.util.HexFormat.ofDelimiter(":").formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }
}
