package tlslens.dissect.tls.messages;

import static tlslens.dissect.tls.base.TlsFields.*;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.FieldFormat;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.ExtensionFields;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.ext.ExtensionDissector;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.dissect.x509.CertificateDissector;
import tlslens.dissect.x509.OcspDissector;

/**
 * Certificate (TLS 1.2 and 1.3 layouts), CompressedCertificate, CertificateRequest (1.2 and 1.3)
 * and CertificateStatus, as Wireshark's ssl_dissect_hnd_cert, ssl_dissect_hnd_cert_req and
 * tls_dissect_hnd_certificate_status lay them out. Certificates go to the X.509 dissector.
 */
public final class CertificateMessages {
    private static final int STATUS_OCSP = 1;
    private static final int STATUS_OCSP_MULTI = 2;

    private CertificateMessages() {}

    /** Certificate; returns the DER certificates in order (for the connection log). */
    public static List<byte[]> certificate(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        List<byte[]> certs = new ArrayList<>();
        boolean tls13 = c.sessionVersion() == TlsVersions.TLS13;
        if (tls13) {
            // opaque certificate_request_context<0..2^8-1>
            Vectors.Length v = Vectors.add(t, tvb, off, end, HS_CERTIFICATE_REQUEST_CONTEXT_LENGTH, 0, 0xff);
            if (!v.ok()) return certs;
            off++;
            if (v.length() > 0) {
                t.add(HS_CERTIFICATE_REQUEST_CONTEXT, tvb, off, v.length());
                off += v.length();
            }
        }
        // CertificateEntry certificate_list<0..2^24-1>
        Vectors.Length v = Vectors.add(t, tvb, off, end, HS_CERTIFICATES_LENGTH, 0, 0xffffff);
        if (!v.ok()) return certs;
        off += 3;
        int next = off + v.length();
        ProtoNode list = t;
        if (v.length() > 0) {
            list = t.addValue(HS_CERTIFICATES, tvb, off, v.length(), null, "Certificates (" + v.length() + " bytes)");
        }
        while (off < next) {
            // opaque ASN1Cert<1..2^24-1>
            Vectors.Length cl = Vectors.add(list, tvb, off, next, HS_CERTIFICATE_LENGTH, 1, 0xffffff);
            if (!cl.ok()) return certs;
            off += 3;
            certs.add(tvb.bytes(off, cl.length()));
            certificateItem(list, tvb, off, cl.length());
            off += cl.length();
            if (tls13) {
                int before = off;
                off = ExtensionDissector.dissect(list, tvb, off, next, HandshakeTypes.CERTIFICATE,
                        new HelloInfo(HelloInfo.Kind.SERVER_HELLO));
                if (off <= before) break;
            }
        }
        return certs;
    }

    /** "Certificate: 3082… (id-at-commonName=…)" with the X.509 tree below it (unless the tree is lean). */
    public static ProtoNode certificateItem(ProtoNode parent, Tvb tvb, int off, int len) {
        byte[] der = tvb.bytes(off, len);
        ProtoNode n = parent.addValue(HS_CERTIFICATE, tvb, off, len, der);
        // The label (the subject decoded) is made when read: most trees are read for a few fields, not labels.
        n.setText(() -> certificateLabel(der, len));
        if (!n.lean()) CertificateDissector.dissect(n, tvb, off, len);
        return n;
    }

    /** The label: the DER's first bytes and its subject (from the copy: the frame's bytes may be long gone). */
    private static String certificateLabel(byte[] der, int len) {
        String text = HS_CERTIFICATE.name + ": " + FieldFormat.display(HS_CERTIFICATE, der);
        String summary = null;
        try {
            summary = CertificateDissector.summary(new Tvb(der, 0), 0, len);
        } catch (RuntimeException e) {
            // A summary is a nicety; the tree below reports what is wrong with the certificate.
        }
        if (summary != null && !summary.isEmpty()) text += " (" + summary + ")";
        return text;
    }

    /**
     * CompressedCertificate (RFC 8879): algorithm, uncompressed length, compressed bytes, and, as
     * tshark does, the Certificate message they hold (zlib and brotli) under the compressed bytes,
     * in a data source of its own. Returns the DER certificates (empty when not decompressed).
     */
    public static List<byte[]> compressedCertificate(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 5)) return List.of();
        int algorithm = tvb.u16(off);
        t.add(COMPRESS_CERT_ALGORITHM, tvb, off, 2);
        off += 2;
        int uncompressedLength = tvb.u24(off);
        t.add(COMPRESS_CERT_UNCOMPRESSED_LENGTH, tvb, off, 3);
        off += 3;
        Vectors.Length v = Vectors.add(t, tvb, off, end, COMPRESS_CERT_MESSAGE_LENGTH, 1, 0xffffff);
        if (!v.ok()) return List.of();
        off += 3;
        ProtoNode message = t.add(COMPRESS_CERT_MESSAGE, tvb, off, v.length());
        if (!CertificateDecompression.supported(algorithm) || !tvb.has(off, v.length())) return List.of();
        CertificateDecompression.Result r = CertificateDecompression.decompress(algorithm, tvb.bytes(off, v.length()),
                uncompressedLength);
        if (!r.ok()) {
            ProtoNode e = message.addValue(TlsExperts.DECOMPRESSION_ERROR.field, tvb, off, v.length(), null);
            e.expert(TlsExperts.DECOMPRESSION_ERROR.note("The compressed certificate could not be decompressed: "
                    + r.error()));
            return List.of();
        }
        byte[] plain = r.bytes();
        Tvb uncompressed = c.frame().addSource("Uncompressed certificate(s) (" + plain.length + " bytes)", plain,
                List.of());
        return certificate(c, message, uncompressed, 0, plain.length);
    }

    /** CertificateRequest: TLS 1.3 (context, extensions) or earlier (types, signature algorithms, CAs). */
    public static void certificateRequest(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        int version = c.sessionVersion();
        boolean tls13 = version == TlsVersions.TLS13;
        int draft = c.tls13Draft();
        if (tls13) {
            Vectors.Length v = Vectors.add(t, tvb, off, end, HS_CERTIFICATE_REQUEST_CONTEXT_LENGTH, 0, 0xff);
            if (!v.ok()) return;
            off++;
            if (v.length() > 0) {
                t.add(HS_CERTIFICATE_REQUEST_CONTEXT, tvb, off, v.length());
                off += v.length();
            }
        } else {
            Vectors.Length v = Vectors.add(t, tvb, off, end, HS_CERT_TYPES_COUNT, 1, 0xff);
            if (!v.ok()) return;
            off++;
            int next = off + v.length();
            ProtoNode types = t.addValue(HS_CERT_TYPES, tvb, off, v.length(), null,
                    "Certificate types (" + v.length() + " type" + (v.length() == 1 ? "" : "s") + ")");
            while (off < next) {
                types.add(HS_CERT_TYPE, tvb, off, 1);
                off++;
            }
        }
        if (version == TlsVersions.TLS12 || version == TlsVersions.DTLS12 || (tls13 && draft > 0 && draft < 19)) {
            off = signatureAlgorithmList(t, tvb, off, end);
        }
        if (tls13 && (draft == 0 || draft >= 19)) {
            ExtensionDissector.dissect(t, tvb, off, end, HandshakeTypes.CERTIFICATE_REQUEST,
                    new HelloInfo(HelloInfo.Kind.SERVER_HELLO));
        } else {
            certificateAuthorities(t, tvb, off, end);
        }
    }

    /** SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt; (ssl_dissect_hash_alg_list). */
    public static int signatureAlgorithmList(ProtoNode t, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(t, tvb, off, end, HS_SIG_HASH_ALG_LENGTH, 2, 0xfffe);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        int n = v.length() / 2;
        ProtoNode list = t.addValue(HS_SIG_HASH_ALGS, tvb, off, v.length(), null,
                "Signature Hash Algorithms (" + n + " algorithm" + (n == 1 ? "" : "s") + ")");
        while (off + 2 <= next) {
            KeyExchangeMessages.signatureAlgorithm(list, tvb, off);
            off += 2;
        }
        if (!Vectors.end(list, tvb, off, next)) off = next;
        return off;
    }

    /** DistinguishedName certificate_authorities&lt;0..2^16-1&gt;. */
    public static int certificateAuthorities(ProtoNode t, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(t, tvb, off, end, HS_DNAMES_LENGTH, 0, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        if (v.length() > 0) {
            ProtoNode list = t.addValue(HS_DNAMES, tvb, off, v.length(), null,
                    "Distinguished Names (" + v.length() + " byte" + (v.length() == 1 ? "" : "s") + ")");
            while (off < next) {
                Vectors.Length nl = Vectors.add(list, tvb, off, next, HS_DNAME_LENGTH, 1, 0xffff);
                if (!nl.ok()) return next;
                off += 2;
                distinguishedName(list, tvb, off, nl.length());
                off += nl.length();
            }
        }
        return off;
    }

    /** "Distinguished Name: (id-at-commonName=…)" with the RDNSequence below it. */
    static ProtoNode distinguishedName(ProtoNode parent, Tvb tvb, int off, int len) {
        ProtoNode n = parent.addValue(HS_DNAME, tvb, off, len, null, HS_DNAME.name);
        // The X.509 dissector completes the label with ": (dn)".
        CertificateDissector.distinguishedName(n, tvb, off, len);
        return n;
    }

    /** CertificateStatus (RFC 6066 8, RFC 6961): status type and one OCSP response, or a list. */
    public static void certificateStatus(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 1)) return;
        int type = tvb.u8(off);
        t.add(HS_CERT_STATUS_TYPE, tvb, off, 1);
        off++;
        switch (type) {
            case STATUS_OCSP -> {
                Vectors.Length v = Vectors.add(t, tvb, off, end, HS_OCSP_RESPONSE_LENGTH, 1, 0xffffff);
                if (v.ok()) {
                    off += 3;
                    ocspResponse(t, tvb, off, v.length());
                }
            }
            case STATUS_OCSP_MULTI -> {
                Vectors.Length v = Vectors.add(t, tvb, off, end, HS_OCSP_RESPONSE_LIST_LENGTH, 1, 0xffffff);
                if (!v.ok()) return;
                off += 3;
                int next = off + v.length();
                while (off < next) {
                    Vectors.Length r = Vectors.add(t, tvb, off, next, HS_OCSP_RESPONSE_LENGTH, 0, 0xffffff);
                    if (!r.ok()) return;
                    off += 3;
                    if (r.length() > 0) ocspResponse(t, tvb, off, r.length());
                    off += r.length();
                }
            }
            default -> { }
        }
    }

    static void ocspResponse(ProtoNode t, Tvb tvb, int off, int len) {
        ProtoNode n = t.addValue(ExtensionFields.OCSP_RESPONSE, tvb, off, len, null, "OCSP Response");
        OcspDissector.dissect(n, tvb, off, len);
    }
}
