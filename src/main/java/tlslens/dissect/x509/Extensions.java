package tlslens.dissect.x509;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;

/**
 * Certificate and OCSP extensions: the Extension wrapper and the value dissectors for the
 * extensions seen on the web. Values are laid out as tshark 4.0 shows them.
 */
final class Extensions {
    private final DerTree d;
    private final Names names;
    /** dNSName/iPAddress/... values of the subjectAltName extension, for the summary item. */
    final List<String> subjectAltNames = new ArrayList<>();
    boolean sawSubjectAltName;

    Extensions(DerTree d, Names names) {
        this.d = d;
        this.names = names;
    }

    /**
     * A SEQUENCE OF Extension. {@code x509} selects the certificate layout ("Extension (name)" with
     * "Extension Id") rather than the OCSP one ("Extension" with "Id").
     */
    void extensions(ProtoNode parent, FieldDef listField, Der.Tlv seq, boolean x509) {
        d.sequenceOf(parent, listField, seq, "the extensions", (list, ext) -> extension(list, ext, x509));
    }

    private void extension(ProtoNode parent, Der.Tlv ext, boolean x509) {
        ProtoNode node = d.sequence(parent, x509 ? X509Fields.EXTENSION : X509Fields.PKIX_EXTENSION, ext);
        if (!ext.isUniversal(Der.SEQUENCE)) {
            d.berError(node, ext, X509Experts.EXPECTED_SEQUENCE, "SEQUENCE expected but " + ext.describe() + " was unexpected");
            return;
        }
        Der.Cursor c = d.cursor(ext);
        Der.Tlv id = d.expect(node, c, Der.UNIVERSAL, Der.OID, "extnId");
        if (id == null) return;
        String oid = d.oid(node, x509 ? X509Fields.EXTENSION_ID : X509Fields.PKIX_EXTENSION_ID, id);
        if (x509 && oid != null) node.setText(X509Fields.EXTENSION.name + " (" + Oids.resolve(oid) + ")");
        Der.Tlv crit = d.optional(c, Der.UNIVERSAL, Der.BOOLEAN);
        if (crit != null) {
            boolean v = crit.contentLength() > 0 && d.tvb.u8(crit.content()) != 0;
            node.addValue(x509 ? X509Fields.CRITICAL : X509Fields.PKIX_CRITICAL, d.tvb, crit.content(),
                    crit.contentLength(), v);
        }
        Der.Tlv value = d.expect(node, c, Der.UNIVERSAL, Der.OCTET_STRING, "extnValue");
        if (value == null) return;
        d.checkTruncated(node, value);
        if (oid != null) {
            try {
                value(node, oid, value);
            } catch (RuntimeException e) {
                // A value dissector bug must not take the certificate down with it.
                node.malformed(d.tvb, value.content(), value.contentLength(), "extension value: " + e);
            }
        }
        d.checkRest(node, c, "the Extension");
    }

    /** Dispatches on the extension OID; the value is the content of the extnValue OCTET STRING. */
    void value(ProtoNode parent, String oid, Der.Tlv octets) {
        int off = octets.content();
        int end = octets.end();
        if (oid.equals("1.3.6.1.4.1.11129.2.4.2")) { // TLS-encoded, not DER inside
            Der.Tlv inner = Der.read(d.tvb, off, end);
            if (inner == null || !inner.isUniversal(Der.OCTET_STRING)) {
                d.oidNotImplemented(parent, off, end - off);
                return;
            }
            SctListDissector.dissect(parent, d.tvb, inner.content(), inner.contentLength());
            return;
        }
        Der.Tlv v = Der.read(d.tvb, off, end);
        if (v == null) {
            parent.malformed(d.tvb, off, end - off, "BER Error: cannot read the extension value");
            return;
        }
        switch (oid) {
            case "2.5.29.14" -> expectThen(parent, v, Der.OCTET_STRING,
                    () -> d.bytes(parent, X509Fields.SUBJECT_KEY_IDENTIFIER, v));
            case "2.5.29.15" -> expectThen(parent, v, Der.BIT_STRING,
                    () -> bitFlags(parent, v, X509Fields.KEY_USAGE, X509Fields.KEY_USAGE_BITS, true));
            case "2.16.840.1.113730.1.1" -> expectThen(parent, v, Der.BIT_STRING,
                    () -> bitFlags(parent, v, X509Fields.NS_CERT_TYPE, X509Fields.NS_CERT_TYPE_BITS, false));
            case "2.5.29.17" -> expectThen(parent, v, Der.SEQUENCE, () -> {
                sawSubjectAltName = true;
                names.generalNames(parent, X509Fields.GENERAL_NAMES, v, subjectAltNames);
            });
            case "2.5.29.18" -> expectThen(parent, v, Der.SEQUENCE,
                    () -> names.generalNames(parent, X509Fields.GENERAL_NAMES, v, null));
            case "2.5.29.19" -> expectThen(parent, v, Der.SEQUENCE, () -> basicConstraints(parent, v));
            case "2.5.29.35" -> expectThen(parent, v, Der.SEQUENCE, () -> authorityKeyIdentifier(parent, v));
            case "2.5.29.37" -> expectThen(parent, v, Der.SEQUENCE,
                    () -> oidList(parent, X509Fields.KEY_PURPOSE_IDS, X509Fields.KEY_PURPOSE_ID, v));
            case "2.5.29.32", "1.3.6.1.4.1.311.21.10" -> expectThen(parent, v, Der.SEQUENCE,
                    () -> certificatePolicies(parent, v));
            case "2.5.29.31", "2.5.29.46" -> expectThen(parent, v, Der.SEQUENCE, () -> crlDistPoints(parent, v));
            case "1.3.6.1.5.5.7.1.1", "1.3.6.1.5.5.7.1.11" -> expectThen(parent, v, Der.SEQUENCE,
                    () -> authorityInfoAccess(parent, v));
            case "2.5.29.30" -> expectThen(parent, v, Der.SEQUENCE, () -> nameConstraints(parent, v));
            case "1.3.6.1.5.5.7.48.1.5" -> expectThen(parent, v, Der.NULL,
                    () -> parent.addValue(X509Fields.OCSP_NULL, d.tvb, v.content(), v.contentLength(), null));
            case "1.3.6.1.5.5.7.1.12" -> expectThen(parent, v, Der.SEQUENCE, () -> logotype(parent, v));
            case "1.3.6.1.4.1.311.21.7" -> expectThen(parent, v, Der.SEQUENCE, () -> certificateTemplate(parent, v));
            case "1.3.6.1.4.1.311.21.1" -> expectThen(parent, v, Der.INTEGER,
                    () -> d.integer(parent, X509Fields.SAT_INTEGER, v));
            case "1.3.6.1.4.1.311.21.4" -> expectThen(parent, v, Der.UTC_TIME, () -> {
                String raw = d.tvb.ascii(v.content(), v.contentLength());
                parent.addValue(X509Fields.SAT_UTC_TIME, d.tvb, v.content(), v.contentLength(),
                        DerTree.utcTimeText(raw));
            });
            case "1.3.6.1.5.5.7.48.1.2" -> {
                // The nonce is an OCTET STRING inside extnValue (RFC 8954); old responders put raw bytes.
                if (v.isUniversal(Der.OCTET_STRING) && v.end() == end) d.bytes(parent, X509Fields.OCSP_NONCE, v);
                else parent.add(X509Fields.OCSP_NONCE, d.tvb, off, end - off);
            }
            default -> {
                if (Oids.exactName(oid) == null) {
                    d.oidNotImplemented(parent, off, end - off);
                } else {
                    // Wireshark decodes this one but we do not (yet): show the raw value.
                    ProtoNode raw = parent.add(X509Fields.EXTN_VALUE, d.tvb, off, end - off);
                    raw.expert(X509Experts.EXTENSION_UNDECODED.note());
                }
            }
        }
    }

    private void expectThen(ProtoNode parent, Der.Tlv v, int tag, Runnable r) {
        if (!v.isUniversal(tag)) {
            d.berError(parent, v, X509Experts.WRONG_TAG, "tag " + tag + " expected but " + v.describe() + " was unexpected");
            return;
        }
        r.run();
    }

    /**
     * A named BIT STRING: "Padding", the bytes ("KeyUsage: a0"), one flag per bit. KeyUsage has a
     * ninth bit (decipherOnly) in the second byte, always shown as tshark does.
     */
    private void bitFlags(ProtoNode parent, Der.Tlv v, FieldDef bytesField, FieldDef[] bits, boolean keyUsage) {
        int[] r = d.bitString(parent, v, true);
        if (r == null) return;
        ProtoNode n = parent.add(bytesField, d.tvb, r[0], r[1]);
        if (r[1] <= 0) return;
        int b0 = d.tvb.u8(r[0]);
        for (FieldDef f : bits) flag(n, f, r[0], (b0 & f.bitmask) != 0);
        if (keyUsage) {
            int second = r[1] > 1 ? r[0] + 1 : r[0];
            boolean set = r[1] > 1 && (d.tvb.u8(r[0] + 1) & 0x80) != 0;
            flag(n, X509Fields.KU_DECIPHER_ONLY, second, set);
        }
    }

    /** "1... .... = digitalSignature: True": tshark words these flags True/False, not Set. */
    private void flag(ProtoNode parent, FieldDef f, int off, boolean set) {
        StringBuilder pic = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            long bit = 1L << i;
            pic.append((f.bitmask & bit) == 0 ? '.' : (set ? '1' : '0'));
            if (i == 4) pic.append(' ');
        }
        parent.addValue(f, d.tvb, off, 1, set, pic + " = " + f.name + ": " + (set ? "True" : "False"));
    }

    private void basicConstraints(ProtoNode parent, Der.Tlv v) {
        ProtoNode bc = d.sequence(parent, X509Fields.BASIC_CONSTRAINTS, v);
        Der.Cursor c = d.cursor(v);
        Der.Tlv ca = d.optional(c, Der.UNIVERSAL, Der.BOOLEAN);
        if (ca != null) {
            bc.addValue(X509Fields.CA, d.tvb, ca.content(), ca.contentLength(),
                    ca.contentLength() > 0 && d.tvb.u8(ca.content()) != 0);
        }
        Der.Tlv path = d.optional(c, Der.UNIVERSAL, Der.INTEGER);
        if (path != null) d.integer(bc, X509Fields.PATH_LEN_CONSTRAINT, path);
        d.checkRest(bc, c, "BasicConstraintsSyntax");
    }

    private void authorityKeyIdentifier(ProtoNode parent, Der.Tlv v) {
        ProtoNode aki = d.sequence(parent, X509Fields.AUTHORITY_KEY_IDENTIFIER, v);
        Der.Cursor c = d.cursor(v);
        Der.Tlv kid = d.optional(c, Der.CONTEXT, 0);
        if (kid != null) d.bytes(aki, X509Fields.KEY_IDENTIFIER, kid);
        Der.Tlv issuer = d.optional(c, Der.CONTEXT, 1);
        if (issuer != null) names.generalNames(aki, X509Fields.AUTHORITY_CERT_ISSUER, issuer, null);
        Der.Tlv serial = d.optional(c, Der.CONTEXT, 2);
        if (serial != null) d.hexInteger(aki, X509Fields.AUTHORITY_CERT_SERIAL, serial);
        d.checkRest(aki, c, "AuthorityKeyIdentifier");
    }

    /** A SEQUENCE OF OBJECT IDENTIFIER ("KeyPurposeIDs: 2 items"). */
    private void oidList(ProtoNode parent, FieldDef listField, FieldDef itemField, Der.Tlv v) {
        d.sequenceOf(parent, listField, v, listField.name, (list, t) -> {
            if (t.isUniversal(Der.OID)) d.oid(list, itemField, t);
            else d.berError(list, t, X509Experts.EXPECTED_OID, "OBJECT IDENTIFIER expected but " + t.describe() + " was unexpected");
        });
    }

    private void certificatePolicies(ProtoNode parent, Der.Tlv v) {
        d.sequenceOf(parent, X509Fields.CERTIFICATE_POLICIES, v, "CertificatePoliciesSyntax", (list, pi) -> {
            ProtoNode info = d.sequence(list, X509Fields.POLICY_INFORMATION, pi);
            Der.Cursor pc = d.cursor(pi);
            Der.Tlv id = d.expect(info, pc, Der.UNIVERSAL, Der.OID, "policyIdentifier");
            if (id == null) return;
            d.oid(info, X509Fields.POLICY_IDENTIFIER, id);
            Der.Tlv quals = d.optional(pc, Der.UNIVERSAL, Der.SEQUENCE);
            if (quals != null) policyQualifiers(info, quals);
            d.checkRest(info, pc, "PolicyInformation");
        });
    }

    private void policyQualifiers(ProtoNode parent, Der.Tlv quals) {
        d.sequenceOf(parent, X509Fields.POLICY_QUALIFIERS, quals, "policyQualifiers", (list, pq) -> {
            ProtoNode info = d.sequence(list, X509Fields.POLICY_QUALIFIER_INFO, pq);
            Der.Cursor qc = d.cursor(pq);
            Der.Tlv id = d.expect(info, qc, Der.UNIVERSAL, Der.OID, "policyQualifierId");
            if (id == null) return;
            String oid = d.oid(info, X509Fields.POLICY_QUALIFIER_ID, id);
            Der.Tlv q = qc.next();
            if (q == null) return;
            if ("1.3.6.1.5.5.7.2.1".equals(oid) && !q.constructed()) {
                d.string(info, X509Fields.CPS_URI, q);
            } else if ("1.3.6.1.5.5.7.2.2".equals(oid) && q.isUniversal(Der.SEQUENCE)) {
                userNotice(info, q);
            } else {
                d.oidNotImplemented(info, q.start(), q.length());
            }
        });
    }

    private void userNotice(ProtoNode parent, Der.Tlv un) {
        ProtoNode notice = d.sequence(parent, X509Fields.USER_NOTICE, un);
        Der.Cursor c = d.cursor(un);
        Der.Tlv ref = d.optional(c, Der.UNIVERSAL, Der.SEQUENCE);
        if (ref != null) {
            ProtoNode r = d.sequence(notice, X509Fields.NOTICE_REF, ref);
            Der.Cursor rc = d.cursor(ref);
            Der.Tlv org = rc.next();
            if (org != null) displayText(r, X509Fields.NOTICE_ORGANIZATION, org);
            Der.Tlv nums = d.optional(rc, Der.UNIVERSAL, Der.SEQUENCE);
            if (nums != null) {
                d.sequenceOf(r, X509Fields.NOTICE_NUMBERS, nums, null, (list, n) -> {
                    if (n.isUniversal(Der.INTEGER)) d.integer(list, X509Fields.NOTICE_NUMBERS_ITEM, n);
                });
            }
        }
        Der.Tlv text = c.next();
        if (text != null) displayText(notice, X509Fields.EXPLICIT_TEXT, text);
    }

    /** DisplayText CHOICE { ia5String, visibleString, bmpString, utf8String }. */
    private void displayText(ProtoNode parent, FieldDef choiceField, Der.Tlv t) {
        int idx;
        FieldDef f;
        switch (t.tagClass() == Der.UNIVERSAL ? t.tag() : -1) {
            case Der.IA5_STRING -> { idx = 0; f = X509Fields.DT_IA5; }
            case Der.VISIBLE_STRING -> { idx = 1; f = X509Fields.DT_VISIBLE; }
            case Der.BMP_STRING -> { idx = 2; f = X509Fields.DT_BMP; }
            case Der.UTF8_STRING -> { idx = 3; f = X509Fields.DT_UTF8; }
            default -> { idx = -1; f = null; }
        }
        if (f == null) {
            d.berError(parent, t, X509Experts.CHOICE_NOT_FOUND, "This choice field (DisplayText) was not found.");
            return;
        }
        ProtoNode choice = parent.addValue(choiceField, d.tvb, t.start(), t.length(), (long) idx);
        d.string(choice, f, t);
    }

    private void crlDistPoints(ProtoNode parent, Der.Tlv v) {
        d.sequenceOf(parent, X509Fields.CRL_DIST_POINTS, v, "CRLDistPointsSyntax", (list, dp) -> {
            ProtoNode point = d.sequence(list, X509Fields.DISTRIBUTION_POINT, dp);
            Der.Cursor pc = d.cursor(dp);
            Der.Tlv dpn = d.optional(pc, Der.CONTEXT, 0);
            if (dpn != null) {
                Der.Tlv alt = Der.read(d.tvb, dpn.content(), dpn.end());
                if (alt != null && alt.tagClass() == Der.CONTEXT && alt.tag() <= 1) {
                    ProtoNode choice = point.addValue(X509Fields.DISTRIBUTION_POINT_NAME, d.tvb, alt.content(),
                            alt.contentLength(), (long) alt.tag());
                    if (alt.tag() == 0) names.generalNames(choice, X509Fields.FULL_NAME, alt, null);
                    else d.oidNotImplemented(choice, alt.content(), alt.contentLength());
                } else if (alt != null) {
                    d.berError(point, alt, X509Experts.CHOICE_NOT_FOUND, "This choice field (DistributionPointName) was not found.");
                }
            }
            Der.Tlv reasons = d.optional(pc, Der.CONTEXT, 1);
            if (reasons != null) d.bytes(point, X509Fields.REASONS, reasons);
            Der.Tlv issuer = d.optional(pc, Der.CONTEXT, 2);
            if (issuer != null) names.generalNames(point, X509Fields.CRL_ISSUER, issuer, null);
            d.checkRest(point, pc, "DistributionPoint");
        });
    }

    private void authorityInfoAccess(ProtoNode parent, Der.Tlv v) {
        d.sequenceOf(parent, X509Fields.AUTHORITY_INFO_ACCESS, v, "AuthorityInfoAccessSyntax", (list, ad) -> {
            ProtoNode desc = d.sequence(list, X509Fields.ACCESS_DESCRIPTION, ad);
            Der.Cursor ac = d.cursor(ad);
            Der.Tlv method = d.expect(desc, ac, Der.UNIVERSAL, Der.OID, "accessMethod");
            if (method == null) return;
            d.oid(desc, X509Fields.ACCESS_METHOD, method);
            Der.Tlv location = ac.next();
            if (location == null) {
                desc.malformed(d.tvb, ad.end(), 0, "BER Error: missing accessLocation");
                return;
            }
            names.generalName(desc, X509Fields.ACCESS_LOCATION, location, null);
            d.checkRest(desc, ac, "AccessDescription");
        });
    }

    private void nameConstraints(ProtoNode parent, Der.Tlv v) {
        ProtoNode nc = d.sequence(parent, X509Fields.NAME_CONSTRAINTS, v);
        Der.Cursor c = d.cursor(v);
        Der.Tlv permitted = d.optional(c, Der.CONTEXT, 0);
        if (permitted != null) generalSubtrees(nc, X509Fields.PERMITTED_SUBTREES, permitted);
        Der.Tlv excluded = d.optional(c, Der.CONTEXT, 1);
        if (excluded != null) generalSubtrees(nc, X509Fields.EXCLUDED_SUBTREES, excluded);
        d.checkRest(nc, c, "NameConstraintsSyntax");
    }

    private void generalSubtrees(ProtoNode parent, FieldDef f, Der.Tlv t) {
        d.sequenceOf(parent, f, t, null, (list, st) -> {
            ProtoNode sub = d.sequence(list, X509Fields.GENERAL_SUBTREE, st);
            Der.Cursor sc = d.cursor(st);
            Der.Tlv base = sc.next();
            if (base != null) names.generalName(sub, X509Fields.SUBTREE_BASE, base, null);
            Der.Tlv min = d.optional(sc, Der.CONTEXT, 0);
            if (min != null) d.integer(sub, X509Fields.SUBTREE_MINIMUM, min);
            Der.Tlv max = d.optional(sc, Der.CONTEXT, 1);
            if (max != null) d.integer(sub, X509Fields.SUBTREE_MAXIMUM, max);
        });
    }

    /** LogotypeExtn (RFC 3709): community/issuer/subject logos; only the direct image form is decoded. */
    private void logotype(ProtoNode parent, Der.Tlv v) {
        d.elements(d.sequence(parent, X509Fields.LOGOTYPE_EXTN, v), v, null, (ext, t) -> {
            Der.Tlv inner = t.tagClass() == Der.CONTEXT ? Der.read(d.tvb, t.content(), t.end()) : null;
            if (inner == null) {
                d.berError(ext, t, X509Experts.UNKNOWN_FIELD_SEQUENCE, "unexpected element in LogotypeExtn");
                return;
            }
            switch (t.tag()) {
                case 0 -> d.sequenceOf(ext, X509Fields.LOGO_COMMUNITY, inner, null,
                        (list, info) -> logotypeInfo(list, X509Fields.LOGO_INFO, info));
                case 1 -> logotypeInfo(ext, X509Fields.LOGO_ISSUER, inner);
                case 2 -> logotypeInfo(ext, X509Fields.LOGO_SUBJECT, inner);
                default -> d.oidNotImplemented(ext, t.start(), t.length());
            }
        });
    }

    /** LogotypeInfo ::= CHOICE { direct [0] IMPLICIT LogotypeData, indirect [1] IMPLICIT LogotypeReference }. */
    private void logotypeInfo(ProtoNode parent, FieldDef choiceField, Der.Tlv t) {
        if (t.tagClass() != Der.CONTEXT || t.tag() > 1) {
            d.berError(parent, t, X509Experts.CHOICE_NOT_FOUND, "This choice field (LogotypeInfo) was not found.");
            return;
        }
        ProtoNode choice = parent.addValue(choiceField, d.tvb, t.content(), t.contentLength(), (long) t.tag());
        if (t.tag() == 1) {
            choice.addValue(X509Fields.LOGO_INDIRECT, d.tvb, t.content(), t.contentLength(), null);
            return;
        }
        ProtoNode direct = choice.addValue(X509Fields.LOGO_DIRECT, d.tvb, t.content(), t.contentLength(), null);
        Der.Tlv images = d.optional(d.cursor(t), Der.UNIVERSAL, Der.SEQUENCE);
        if (images == null) return;
        d.sequenceOf(direct, X509Fields.LOGO_IMAGE, images, null, (list, img) -> {
            ProtoNode image = d.sequence(list, X509Fields.LOGO_IMAGE_ELEMENT, img);
            Der.Tlv details = d.expect(image, d.cursor(img), Der.UNIVERSAL, Der.SEQUENCE, "imageDetails");
            if (details != null) logotypeDetails(image, details);
        });
    }

    /** LogotypeDetails ::= SEQUENCE { mediaType IA5String, logotypeHash SEQUENCE OF HashAlgAndValue, logotypeURI SEQUENCE OF IA5String }. */
    private void logotypeDetails(ProtoNode parent, Der.Tlv t) {
        ProtoNode det = d.sequence(parent, X509Fields.LOGO_IMAGE_DETAILS, t);
        Der.Cursor c = d.cursor(t);
        Der.Tlv media = d.expect(det, c, Der.UNIVERSAL, Der.IA5_STRING, "mediaType");
        if (media == null) return;
        d.string(det, X509Fields.LOGO_MEDIA_TYPE, media);
        Der.Tlv hashes = d.expect(det, c, Der.UNIVERSAL, Der.SEQUENCE, "logotypeHash");
        if (hashes == null) return;
        d.sequenceOf(det, X509Fields.LOGO_HASH, hashes, null, (hl, h) -> {
            ProtoNode hv = d.sequence(hl, X509Fields.LOGO_HASH_ALG_AND_VALUE, h);
            Der.Cursor vc = d.cursor(h);
            Der.Tlv alg = d.expect(hv, vc, Der.UNIVERSAL, Der.SEQUENCE, "hashAlg");
            if (alg == null) return;
            new PublicKeys(d).algorithmIdentifier(hv, X509Fields.LOGO_HASH_ALG, alg, null);
            Der.Tlv value = d.expect(hv, vc, Der.UNIVERSAL, Der.OCTET_STRING, "hashValue");
            if (value != null) d.bytes(hv, X509Fields.LOGO_HASH_VALUE, value);
        });
        Der.Tlv uris = d.expect(det, c, Der.UNIVERSAL, Der.SEQUENCE, "logotypeURI");
        if (uris == null) return;
        d.sequenceOf(det, X509Fields.LOGO_URI, uris, null, (ul, u) -> d.string(ul, X509Fields.LOGO_URI_ITEM, u));
    }

    private void certificateTemplate(ProtoNode parent, Der.Tlv v) {
        ProtoNode tpl = d.sequence(parent, X509Fields.CERTIFICATE_TEMPLATE, v);
        Der.Cursor c = d.cursor(v);
        Der.Tlv id = d.expect(tpl, c, Der.UNIVERSAL, Der.OID, "templateID");
        if (id == null) return;
        d.oid(tpl, X509Fields.TEMPLATE_ID, id);
        Der.Tlv major = d.optional(c, Der.UNIVERSAL, Der.INTEGER);
        if (major != null) d.integer(tpl, X509Fields.TEMPLATE_MAJOR, major);
        Der.Tlv minor = d.optional(c, Der.UNIVERSAL, Der.INTEGER);
        if (minor != null) d.integer(tpl, X509Fields.TEMPLATE_MINOR, minor);
    }
}
