package tlslens.dissect.x509;

import java.time.Instant;

import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/** Decodes a DER OCSPResponse (RFC 6960) into tshark's tree, as shown under a TLS CertificateStatus. */
public final class OcspDissector {
    private static final String BASIC = "1.3.6.1.5.5.7.48.1.1";

    private OcspDissector() {}

    /** Adds the decoded OCSPResponse (DER) in tvb[off, off+len) under parent: responseStatus, responseType, responder id, producedAt, per SingleResponse: certID (hash alg, issuerNameHash, issuerKeyHash, serialNumber), certStatus (good/revoked/unknown), thisUpdate, nextUpdate; signature algorithm; certs. Never throws. */
    public static void dissect(ProtoNode parent, Tvb tvb, int off, int len) {
        try {
            Decoder dec = new Decoder(tvb);
            dec.response(parent, off, off + Math.max(0, len));
            dec.d.flush();
        } catch (RuntimeException | StackOverflowError e) {
            parent.malformed(tvb, off, len, "OCSP response could not be decoded: " + e);
        }
    }

    private static final class Decoder {
        private final DerTree d;
        private final Names names;
        private final PublicKeys keys;

        Decoder(Tvb tvb) {
            d = new DerTree(tvb);
            names = new Names(d);
            keys = new PublicKeys(d);
        }

        /** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }. */
        void response(ProtoNode parent, int off, int end) {
            Der.Tlv resp = Der.read(d.tvb, off, end);
            if (resp == null || !resp.isUniversal(Der.SEQUENCE)) {
                parent.malformed(d.tvb, off, end - off, "BER Error: OCSPResponse is not a SEQUENCE");
                return;
            }
            Der.Cursor c = d.cursor(resp);
            Der.Tlv status = d.expect(parent, c, Der.UNIVERSAL, Der.ENUMERATED, "responseStatus");
            if (status == null) return;
            d.integer(parent, X509Fields.OCSP_RESPONSE_STATUS, status);
            Der.Tlv wrapper = d.optional(c, Der.CONTEXT, 0);
            if (wrapper != null) {
                Der.Tlv rb = Der.read(d.tvb, wrapper.content(), wrapper.end());
                if (rb == null || !rb.isUniversal(Der.SEQUENCE)) {
                    parent.malformed(d.tvb, wrapper.start(), wrapper.length(), "BER Error: responseBytes is not a SEQUENCE");
                } else {
                    responseBytes(parent, rb);
                }
            }
            d.checkRest(parent, c, "the OCSPResponse");
            d.checkTruncated(parent, resp);
        }

        private void responseBytes(ProtoNode parent, Der.Tlv rb) {
            ProtoNode node = d.sequence(parent, X509Fields.OCSP_RESPONSE_BYTES, rb);
            Der.Cursor c = d.cursor(rb);
            Der.Tlv type = d.expect(node, c, Der.UNIVERSAL, Der.OID, "responseType");
            if (type == null) return;
            String oid = d.oid(node, X509Fields.OCSP_RESPONSE_TYPE_ID, type);
            Der.Tlv octets = d.expect(node, c, Der.UNIVERSAL, Der.OCTET_STRING, "response");
            if (octets == null) return;
            Der.Tlv basic = BASIC.equals(oid) ? Der.read(d.tvb, octets.content(), octets.end()) : null;
            if (basic == null || !basic.isUniversal(Der.SEQUENCE)) {
                d.bytes(node, X509Fields.OCSP_RESPONSE, octets);
                return;
            }
            basicResponse(node, basic);
            d.checkRest(node, c, "responseBytes");
        }

        /** BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature, certs [0] OPTIONAL }. */
        private void basicResponse(ProtoNode parent, Der.Tlv b) {
            ProtoNode node = d.sequence(parent, X509Fields.OCSP_BASIC_RESPONSE, b);
            Der.Cursor c = d.cursor(b);
            Der.Tlv tbs = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "tbsResponseData");
            if (tbs == null) return;
            responseData(node, tbs);
            Der.Tlv alg = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "signatureAlgorithm");
            if (alg == null) return;
            keys.algorithmIdentifier(node, X509Fields.OCSP_SIGNATURE_ALGORITHM, alg, null);
            Der.Tlv sig = d.expect(node, c, Der.UNIVERSAL, Der.BIT_STRING, "signature");
            if (sig == null) return;
            int[] bits = d.bitString(node, sig, true);
            if (bits != null) node.add(X509Fields.OCSP_SIGNATURE, d.tvb, bits[0], bits[1]);
            Der.Tlv certs = d.optional(c, Der.CONTEXT, 0);
            if (certs != null) certs(node, certs);
            d.checkRest(node, c, "BasicOCSPResponse");
        }

        private void certs(ProtoNode parent, Der.Tlv wrapper) {
            Der.Tlv seq = Der.read(d.tvb, wrapper.content(), wrapper.end());
            if (seq == null || !seq.isUniversal(Der.SEQUENCE)) {
                parent.malformed(d.tvb, wrapper.start(), wrapper.length(), "BER Error: certs is not a SEQUENCE");
                return;
            }
            d.sequenceOf(parent, X509Fields.OCSP_CERTS, seq, "certs", (list, cert) -> {
                ProtoNode item = list.addValue(X509Fields.OCSP_CERTIFICATE, d.tvb, cert.start(), cert.length(), null);
                String subject = CertificateDissector.summary(d.tvb, cert.start(), cert.length());
                if (subject != null) item.setText(X509Fields.OCSP_CERTIFICATE.name + " (" + subject + ")");
                CertificateDissector.dissect(item, d.tvb, cert.start(), cert.length());
            });
        }

        /** ResponseData ::= SEQUENCE { version [0], responderID, producedAt, responses, responseExtensions [1] }. */
        private void responseData(ProtoNode parent, Der.Tlv t) {
            ProtoNode node = d.sequence(parent, X509Fields.OCSP_TBS_RESPONSE_DATA, t);
            Der.Cursor c = d.cursor(t);
            Der.Tlv ver = d.optional(c, Der.CONTEXT, 0);
            if (ver != null) {
                Der.Tlv i = Der.read(d.tvb, ver.content(), ver.end());
                if (i != null && i.isUniversal(Der.INTEGER)) d.integer(node, X509Fields.OCSP_VERSION, i);
            }
            Der.Tlv rid = c.next();
            if (rid == null) {
                node.malformed(d.tvb, t.end(), 0, "BER Error: missing responderID");
                return;
            }
            responderId(node, rid);
            Der.Tlv produced = d.expect(node, c, Der.UNIVERSAL, Der.GENERALIZED_TIME, "producedAt");
            if (produced == null) return;
            generalizedTime(node, X509Fields.OCSP_PRODUCED_AT, produced);
            Der.Tlv responses = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "responses");
            if (responses == null) return;
            d.sequenceOf(node, X509Fields.OCSP_RESPONSES, responses, "responses", this::singleResponse);
            Der.Tlv ext = d.optional(c, Der.CONTEXT, 1);
            if (ext != null) extensions(node, X509Fields.OCSP_RESPONSE_EXTENSIONS, ext);
            d.checkRest(node, c, "tbsResponseData");
        }

        /** ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }: the item covers the tagged value. */
        private void responderId(ProtoNode parent, Der.Tlv t) {
            Der.Tlv inner = t.tagClass() == Der.CONTEXT ? Der.read(d.tvb, t.content(), t.end()) : null;
            if (inner == null || (t.tag() != 1 && t.tag() != 2)) {
                d.berError(parent, t, X509Experts.CHOICE_NOT_FOUND, "This choice field (ResponderID) was not found.");
                return;
            }
            ProtoNode choice = parent.addValue(X509Fields.OCSP_RESPONDER_ID, d.tvb, inner.start(), inner.length(),
                    (long) t.tag());
            if (t.tag() == 1) {
                if (inner.isUniversal(Der.SEQUENCE)) {
                    ProtoNode byName = choice.addValue(X509Fields.OCSP_BY_NAME, d.tvb, inner.start(), inner.length(), 0L);
                    names.rdnSequence(byName, X509Fields.IF_RDN_SEQUENCE, inner);
                } else {
                    d.berError(choice, inner, X509Experts.CHOICE_NOT_FOUND, "This choice field (Name) was not found.");
                }
            } else if (inner.isUniversal(Der.OCTET_STRING)) {
                d.bytes(choice, X509Fields.OCSP_BY_KEY, inner);
            } else {
                d.berError(choice, inner, X509Experts.EXPECTED_OCTET_STRING, "OCTET STRING expected but " + inner.describe() + " was unexpected");
            }
        }

        /** SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, nextUpdate [0], singleExtensions [1] }. */
        private void singleResponse(ProtoNode parent, Der.Tlv t) {
            ProtoNode node = d.sequence(parent, X509Fields.OCSP_SINGLE_RESPONSE, t);
            if (!t.isUniversal(Der.SEQUENCE)) {
                d.berError(node, t, X509Experts.EXPECTED_SEQUENCE, "SEQUENCE expected but " + t.describe() + " was unexpected");
                return;
            }
            Der.Cursor c = d.cursor(t);
            Der.Tlv certId = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "certID");
            if (certId == null) return;
            String serial = certId(node, certId);
            Der.Tlv status = c.next();
            if (status == null) {
                node.malformed(d.tvb, t.end(), 0, "BER Error: missing certStatus");
                return;
            }
            String summary = certStatus(node, status);
            Der.Tlv thisUpdate = d.expect(node, c, Der.UNIVERSAL, Der.GENERALIZED_TIME, "thisUpdate");
            if (thisUpdate == null) return;
            generalizedTime(node, X509Fields.OCSP_THIS_UPDATE, thisUpdate);
            Der.Tlv next = d.optional(c, Der.CONTEXT, 0);
            if (next != null) {
                Der.Tlv gt = Der.read(d.tvb, next.content(), next.end());
                if (gt != null && gt.isUniversal(Der.GENERALIZED_TIME)) {
                    generalizedTime(node, X509Fields.OCSP_NEXT_UPDATE, gt);
                } else {
                    node.malformed(d.tvb, next.start(), next.length(), "BER Error: nextUpdate is not a GeneralizedTime");
                }
            }
            Der.Tlv ext = d.optional(c, Der.CONTEXT, 1);
            if (ext != null) extensions(node, X509Fields.OCSP_SINGLE_EXTENSIONS, ext);
            d.checkRest(node, c, "SingleResponse");
            if (summary != null) {
                String text = summary + (serial != null ? " (serial " + serial + ")" : "");
                node.addGenerated(X509Fields.OCSP_STATUS_SUMMARY, text, "OCSP status: " + text);
            }
        }

        /** CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber }; returns the serial. */
        private String certId(ProtoNode parent, Der.Tlv t) {
            ProtoNode node = d.sequence(parent, X509Fields.OCSP_CERT_ID, t);
            Der.Cursor c = d.cursor(t);
            Der.Tlv alg = d.expect(node, c, Der.UNIVERSAL, Der.SEQUENCE, "hashAlgorithm");
            if (alg == null) return null;
            keys.algorithmIdentifier(node, X509Fields.OCSP_HASH_ALGORITHM, alg, null);
            Der.Tlv nameHash = d.expect(node, c, Der.UNIVERSAL, Der.OCTET_STRING, "issuerNameHash");
            if (nameHash == null) return null;
            d.bytes(node, X509Fields.OCSP_ISSUER_NAME_HASH, nameHash);
            Der.Tlv keyHash = d.expect(node, c, Der.UNIVERSAL, Der.OCTET_STRING, "issuerKeyHash");
            if (keyHash == null) return null;
            d.bytes(node, X509Fields.OCSP_ISSUER_KEY_HASH, keyHash);
            Der.Tlv serial = d.expect(node, c, Der.UNIVERSAL, Der.INTEGER, "serialNumber");
            if (serial == null) return null;
            ProtoNode s = d.hexInteger(node, X509Fields.OCSP_SERIAL_NUMBER, serial);
            d.checkRest(node, c, "certID");
            String text = s.text();
            return text.substring(text.indexOf(": ") + 2);
        }

        /** CertStatus ::= CHOICE { good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL }; returns a summary. */
        private String certStatus(ProtoNode parent, Der.Tlv t) {
            if (t.tagClass() != Der.CONTEXT || t.tag() > 2) {
                d.berError(parent, t, X509Experts.CHOICE_NOT_FOUND, "This choice field (CertStatus) was not found.");
                return null;
            }
            ProtoNode choice = parent.addValue(X509Fields.OCSP_CERT_STATUS, d.tvb, t.content(), t.contentLength(),
                    (long) t.tag());
            d.checkTruncated(choice, t);
            switch (t.tag()) {
                case 0 -> choice.addValue(X509Fields.OCSP_GOOD, d.tvb, t.content(), t.contentLength(), null);
                case 2 -> choice.addValue(X509Fields.OCSP_UNKNOWN, d.tvb, t.content(), t.contentLength(), null);
                default -> {
                    ProtoNode revoked = choice.addValue(X509Fields.OCSP_REVOKED, d.tvb, t.content(),
                            t.contentLength(), null);
                    Der.Cursor c = d.cursor(t);
                    Der.Tlv when = d.expect(revoked, c, Der.UNIVERSAL, Der.GENERALIZED_TIME, "revocationTime");
                    if (when == null) return "revoked";
                    Instant at = generalizedTime(revoked, X509Fields.OCSP_REVOCATION_TIME, when);
                    String reason = null;
                    Der.Tlv r = d.optional(c, Der.CONTEXT, 0);
                    if (r != null) {
                        Der.Tlv e = Der.read(d.tvb, r.content(), r.end());
                        if (e != null && e.isUniversal(Der.ENUMERATED)) {
                            ProtoNode rn = d.integer(revoked, X509Fields.OCSP_REVOCATION_REASON, e);
                            reason = X509Fields.CRL_REASON_NAMES.apply((Long) rn.value());
                        }
                    }
                    d.checkRest(revoked, c, "RevokedInfo");
                    return "revoked" + (reason != null ? " (" + reason + ")" : "")
                            + (at != null ? " since " + tlslens.dissect.FieldFormat.absoluteTime(at) : "");
                }
            }
            return t.tag() == 0 ? "good" : "unknown";
        }

        /** [n] EXPLICIT Extensions: "singleExtensions: 1 item" with pkix1explicit Extension items. */
        private void extensions(ProtoNode parent, FieldDef f, Der.Tlv wrapper) {
            Der.Tlv seq = Der.read(d.tvb, wrapper.content(), wrapper.end());
            if (seq == null || !seq.isUniversal(Der.SEQUENCE)) {
                parent.malformed(d.tvb, wrapper.start(), wrapper.length(), "BER Error: " + f.name + " is not a SEQUENCE");
                return;
            }
            new Extensions(d, names).extensions(parent, f, seq, false);
        }

        private Instant generalizedTime(ProtoNode parent, FieldDef f, Der.Tlv t) {
            String raw = d.tvb.ascii(t.content(), Math.min(t.contentLength(), 64));
            Instant when = DerTree.parseTime(raw, false);
            if (when == null) {
                parent.malformed(d.tvb, t.content(), t.contentLength(), "invalid GeneralizedTime \"" + Text.format(raw) + "\"");
                return null;
            }
            ProtoNode n = parent.addValue(f, d.tvb, t.content(), t.contentLength(), when);
            d.checkTruncated(n, t);
            return when;
        }
    }
}
