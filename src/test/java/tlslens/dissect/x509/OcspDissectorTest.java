package tlslens.dissect.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.dissect.x509.TestCerts.all;
import static tlslens.dissect.x509.TestCerts.find;
import static tlslens.dissect.x509.TestCerts.labels;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/** An OCSP response made with BouncyCastle: good, revoked and unknown statuses, a nonce, the signer's certificate. */
class OcspDissectorTest {
    static final Instant PRODUCED = Instant.parse("2024-05-01T12:00:00Z");
    static byte[] der;
    static byte[] byKeyDer;

    @BeforeAll
    static void make() throws Exception {
        KeyPair caKey = TestCerts.rsa(1024);
        X509CertificateHolder ca = TestCerts.ca(caKey);
        DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        der = response(caKey, ca, new RespID(ca.getSubject()), sha1, true);
        byKeyDer = response(caKey, ca, new RespID(ca.getSubjectPublicKeyInfo(), sha1), sha1, false);
    }

    private static byte[] response(KeyPair caKey, X509CertificateHolder ca, RespID id, DigestCalculator sha1,
                                   boolean withCerts) throws Exception {
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(id);
        Date thisUpdate = Date.from(PRODUCED);
        Date nextUpdate = Date.from(PRODUCED.plusSeconds(7 * 86400));
        b.addResponse(new CertificateID(sha1, ca, BigInteger.valueOf(0x1234)), CertificateStatus.GOOD, thisUpdate,
                nextUpdate);
        b.addResponse(new CertificateID(sha1, ca, BigInteger.valueOf(0x1235)),
                new RevokedStatus(Date.from(Instant.parse("2024-04-30T08:00:00Z")), CRLReason.keyCompromise),
                thisUpdate, nextUpdate);
        b.addResponse(new CertificateID(sha1, ca, BigInteger.valueOf(0x99)), new UnknownStatus(), thisUpdate, (Date) null);
        b.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(new DEROctetString(new byte[] {1, 2, 3, 4}).getEncoded()))));
        X509CertificateHolder[] chain = withCerts ? new X509CertificateHolder[] {ca} : null;
        OCSPResp resp = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                b.build(TestCerts.signer(caKey), chain, Date.from(PRODUCED)));
        return resp.getEncoded();
    }

    static ProtoNode dissect(byte[] b) {
        ProtoNode root = ProtoNode.root();
        OcspDissector.dissect(root, new Tvb(b, 0), 0, b.length);
        return root;
    }

    @Test
    void responseLayoutIsTsharks() {
        ProtoNode root = dissect(der);
        assertEquals(List.of("responseStatus: successful (0)", "responseBytes"), labels(root));
        ProtoNode rb = root.children().get(1);
        assertEquals(List.of("ResponseType Id: 1.3.6.1.5.5.7.48.1.1 (id-pkix-ocsp-basic)", "BasicOCSPResponse"),
                labels(rb));
        ProtoNode basic = rb.children().get(1);
        List<String> b = labels(basic);
        assertEquals("tbsResponseData", b.get(0));
        assertEquals("signatureAlgorithm (sha256WithRSAEncryption)", b.get(1));
        assertEquals("Padding: 0", b.get(2));
        assertTrue(b.get(3).startsWith("signature: "), b.get(3));
        assertEquals("certs: 1 item", b.get(4));
        assertEquals("Certificate (id-at-organizationName=TLS Lens,id-at-commonName=Test CA)",
                basic.children().get(4).children().get(0).text());
        ProtoNode tbs = basic.children().get(0);
        assertEquals(List.of("responderID: byName (1)", "producedAt: May  1, 2024 12:00:00.000000000 UTC",
                "responses: 3 items", "responseExtensions: 1 item"), labels(tbs));
        assertEquals("byName: 0", tbs.children().get(0).children().get(0).text());
    }

    @Test
    void singleResponses() {
        ProtoNode root = dissect(der);
        ProtoNode responses = find(root, "responses: ");
        ProtoNode good = responses.children().get(0);
        assertEquals(List.of("certID", "certStatus: good (0)", "thisUpdate: May  1, 2024 12:00:00.000000000 UTC",
                "nextUpdate: May  8, 2024 12:00:00.000000000 UTC", "[OCSP status: good (serial 0x1234)]"), labels(good));
        assertEquals(List.of("hashAlgorithm (SHA-1)", "issuerNameHash", "issuerKeyHash", "serialNumber: 0x1234"),
                labels(good.children().get(0)).stream().map(s -> s.replaceAll(": [0-9a-f]{40}$", "")).toList());
        assertEquals("good", good.children().get(1).children().get(0).text());

        ProtoNode revoked = responses.children().get(1);
        assertEquals("certStatus: revoked (1)", revoked.children().get(1).text());
        ProtoNode info = revoked.children().get(1).children().get(0);
        assertEquals(List.of("revocationTime: Apr 30, 2024 08:00:00.000000000 UTC",
                "revocationReason: keyCompromise (1)"), labels(info));

        ProtoNode unknown = responses.children().get(2);
        assertEquals("certStatus: unknown (2)", unknown.children().get(1).text());
        assertEquals(3, labels(unknown).size() - 1); // certID, certStatus, thisUpdate; no nextUpdate
        assertTrue(all(root).contains("ReOcspNonce: 01020304"), all(root).toString());
        assertTrue(all(root).contains("Id: 1.3.6.1.5.5.7.48.1.2 (id-pkix-ocsp-nonce)"));
    }

    @Test
    void responderByKeyAndCertificateRanges() {
        ProtoNode root = dissect(byKeyDer);
        ProtoNode rid = find(root, "responderID: ");
        assertEquals("responderID: byKey (2)", rid.text());
        assertTrue(rid.children().get(0).text().matches("byKey: [0-9a-f]{40}"), rid.children().get(0).text());
        // certStatus good is an empty [0] IMPLICIT NULL: tshark's item is zero bytes long.
        ProtoNode status = root.first("ocsp.certStatus");
        assertEquals(0, status.length());
        root.walk(n -> {
            if (n != root && !n.generated()) assertTrue(n.offset + n.length() <= byKeyDer.length, n.text());
        });
    }

    @Test
    void unsuccessfulResponseHasOnlyItsStatus() throws Exception {
        byte[] tryLater = new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
        assertEquals(List.of("responseStatus: tryLater (3)"), labels(dissect(tryLater)));
    }
}
