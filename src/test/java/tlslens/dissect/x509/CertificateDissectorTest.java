package tlslens.dissect.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.dissect.x509.TestCerts.all;
import static tlslens.dissect.x509.TestCerts.find;
import static tlslens.dissect.x509.TestCerts.labels;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tlslens.dissect.registry.FieldRegistry;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;
import tlslens.dissect.Tvb;

class CertificateDissectorTest {
    static byte[] ecDer;
    static KeyPair ecKey;

    @BeforeAll
    static void make() throws Exception {
        ecKey = TestCerts.ec("secp256r1");
        ecDer = TestCerts.server(ecKey, TestCerts.NOT_AFTER).getEncoded();
    }

    @Test
    void topLevelItemsAreTsharks() {
        ProtoNode root = TestCerts.dissect(ecDer);
        List<String> top = labels(root);
        assertEquals("signedCertificate", top.get(0));
        assertEquals("algorithmIdentifier (ecdsa-with-SHA256)", top.get(1));
        assertEquals("Padding: 0", top.get(2));
        assertTrue(top.get(3).startsWith("encrypted: 30"), top.get(3));
        assertEquals("[Self-issued: subject equals issuer]", top.get(4));
        assertTrue(top.get(5).matches("\\[SHA-256 Fingerprint: [0-9a-f]{2}(:[0-9a-f]{2}){31}]"), top.get(5));

        ProtoNode tbs = root.children().get(0);
        assertEquals(List.of("version: v3 (2)", "serialNumber: 0x0a1b2c3d4e5f60718293",
                "signature (ecdsa-with-SHA256)", "issuer: rdnSequence (0)", "validity", "subject: rdnSequence (0)",
                "subjectPublicKeyInfo", "extensions: 7 items",
                "[Subject Alternative Names: localhost, www.example.com, 127.0.0.1]"), labels(tbs));
    }

    @Test
    void namesTimesAndKeysAreLabelledLikeTshark() {
        ProtoNode root = TestCerts.dissect(ecDer);
        List<String> all = all(root);
        String dn = "id-at-commonName=localhost,id-at-organizationName=TLS Lens,id-at-countryName=DE";
        assertTrue(all.contains("rdnSequence: 3 items (" + dn + ")"), "rdnSequence");
        assertTrue(all.contains("RDNSequence item: 1 item (id-at-countryName=DE)"));
        assertTrue(all.contains("Object Id: 2.5.4.6 (id-at-countryName)"));
        assertTrue(all.contains("CountryName: DE"));
        assertTrue(all.contains("DirectoryString: uTF8String (4)") || all.contains("DirectoryString: printableString (1)"));
        assertTrue(all.contains("notBefore: utcTime (0)"));
        assertTrue(all.contains("utcTime: 2023-01-01 00:00:00 (UTC)"));
        assertTrue(all.contains("utcTime: 2024-01-01 00:00:00 (UTC)"));
        assertTrue(all.contains("[Validity: 365 days]"));
        assertTrue(all.contains("algorithm (id-ecPublicKey)"));
        assertTrue(all.contains("ECParameters: namedCurve (1)"));
        assertTrue(all.contains("namedCurve: 1.2.840.10045.3.1.7 (secp256r1)"));
        assertTrue(all.contains("[Public key: EC secp256r1 (256 bits)]"));
        assertEquals(dn, CertificateDissector.summary(new Tvb(ecDer, 0), 0, ecDer.length));
    }

    @Test
    void extensionsAreLabelledLikeTshark() {
        List<String> all = all(TestCerts.dissect(ecDer));
        for (String s : List.of("Extension (id-ce-subjectAltName)", "Extension Id: 2.5.29.17 (id-ce-subjectAltName)",
                "GeneralNames: 3 items", "GeneralName: dNSName (2)", "dNSName: localhost", "dNSName: www.example.com",
                "GeneralName: iPAddress (7)", "iPAddress: 127.0.0.1",
                "Extension (id-ce-basicConstraints)", "critical: True", "BasicConstraintsSyntax [0 length]",
                "Extension (id-ce-keyUsage)", "Padding: 5", "KeyUsage: a0", "1... .... = digitalSignature: True",
                "..1. .... = keyEncipherment: True", ".... .0.. = keyCertSign: False", "0... .... = decipherOnly: False",
                "KeyPurposeIDs: 2 items", "KeyPurposeId: 1.3.6.1.5.5.7.3.1 (id-kp-serverAuth)",
                "AuthorityInfoAccessSyntax: 1 item", "accessMethod: 1.3.6.1.5.5.7.48.1 (id-ad-ocsp)",
                "accessLocation: 6", "uniformResourceIdentifier: http://ocsp.example/",
                "Extension (iso.2.3.4.5.6.7)", DerTree.OID_NOT_IMPLEMENTED)) {
            assertTrue(all.contains(s), "missing: " + s);
        }
        ProtoNode unknown = find(TestCerts.dissect(ecDer), DerTree.OID_NOT_IMPLEMENTED);
        assertEquals("Undecoded", unknown.experts().get(0).group());
        assertEquals(Severity.WARN, unknown.experts().get(0).severity());
    }

    @Test
    void itemsCoverTheirBytes() {
        ProtoNode root = TestCerts.dissect(ecDer);
        // The serial's INTEGER content: 30 82 LL LL 30 82 LL LL a0 03 02 01 02 | 02 0a <10 bytes>
        ProtoNode serial = root.first("x509af.serialNumber");
        assertEquals(15, serial.offset);
        assertEquals(10, serial.length());
        assertEquals("0a1b2c3d4e5f60718293", HexFormat.of().formatHex((byte[]) serial.value()));
        // signedCertificate is the whole TBS element, starting right after the outer header.
        ProtoNode tbs = root.first("x509af.signedCertificate_element");
        assertEquals(4, tbs.offset);
        // Each dNSName covers exactly its characters.
        ProtoNode dns = root.first("x509ce.dNSName");
        assertEquals("localhost", new String(ecDer, dns.offset, dns.length()));
        // And nothing reaches outside its parent or the certificate.
        root.walk(n -> {
            if (n == root || n.generated()) return;
            assertTrue(n.offset >= 0 && n.offset + n.length() <= ecDer.length, n.text());
            ProtoNode p = n.parent();
            if (p != root && !p.generated()) {
                assertTrue(n.offset >= p.offset && n.offset + n.length() <= p.offset + p.length(),
                        n.text() + " outside " + p.text());
            }
        });
    }

    @Test
    void rsaKeyWithGeneralizedTime() throws Exception {
        KeyPair kp = TestCerts.rsa(2048);
        byte[] der = TestCerts.server(kp, Instant.parse("2051-01-01T00:00:00Z")).getEncoded();
        ProtoNode root = TestCerts.dissect(der);
        List<String> all = all(root);
        assertTrue(all.contains("algorithm (rsaEncryption)"));
        assertTrue(all.contains("publicExponent: 65537"));
        assertTrue(all.stream().anyMatch(s -> s.startsWith("modulus: 0x00")), "modulus");
        assertTrue(all.contains("[Public key: RSA 2048 bits]"));
        assertTrue(all.contains("notAfter: generalizedTime (1)"));
        assertTrue(all.contains("generalizedTime: Jan  1, 2051 00:00:00.000000000 UTC"));
        assertTrue(all.contains("algorithmIdentifier (sha256WithRSAEncryption)"));
        // tshark shows no Padding item for an RSA subjectPublicKey.
        ProtoNode spki = find(root, "subjectPublicKeyInfo");
        assertEquals(List.of("algorithm (rsaEncryption)"), labels(spki).subList(0, 1));
        assertTrue(labels(spki).get(1).startsWith("subjectPublicKey: 3082010a"));
        assertEquals(2048L, spki.first("tlslens.x509.public_key_bits").value());
    }

    @Test
    void ed25519AndVersion1() throws Exception {
        KeyPair ed = TestCerts.ed25519();
        List<String> all = all(TestCerts.dissect(TestCerts.server(ed, TestCerts.NOT_AFTER).getEncoded()));
        assertTrue(all.contains("algorithm (iso.3.101.112)"));
        assertTrue(all.contains("[Public key: Ed25519 (256 bits)]"));

        ProtoNode v1 = TestCerts.dissect(TestCerts.v1(TestCerts.rsa(1024)).getEncoded());
        List<String> tbs = labels(v1.children().get(0));
        assertEquals("serialNumber: 0x07", tbs.get(0)); // no version item in a v1 certificate
        assertFalse(all(v1).contains("extensions"));
    }

    @Test
    void caCertificate() throws Exception {
        List<String> all = all(TestCerts.dissect(TestCerts.ca(TestCerts.rsa(1024)).getEncoded()));
        assertTrue(all.contains("cA: True"));
        assertTrue(all.contains("pathLenConstraint: 0"));
        assertTrue(all.contains("CertificatePoliciesSyntax: 1 item"));
        assertTrue(all.contains("policyIdentifier: 2.23.140.1.2.1 (joint-iso-itu-t.23.140.1.2.1)"));
        assertTrue(all.contains(".... .1.. = keyCertSign: True"));
    }

    @Test
    void truncatedCertificateIsReportedNotThrown() {
        byte[] half = Arrays.copyOf(ecDer, ecDer.length / 2);
        ProtoNode root = TestCerts.dissect(half);
        assertFalse(root.find("_ws.malformed").isEmpty(), "a truncated certificate is malformed");
        assertEquals("signedCertificate", root.children().get(0).text());
        // What is there is still shown.
        assertTrue(all(root).contains("version: v3 (2)"));
        assertNull(CertificateDissector.summary(new Tvb(new byte[] {0x30, 0x03, 0x02, 0x01}, 0), 0, 4));
        ProtoNode junk = ProtoNode.root();
        CertificateDissector.dissect(junk, new Tvb(new byte[] {0x04, 0x00}, 0), 0, 2);
        assertTrue(all(junk).get(0).startsWith("BER Error: Certificate: SEQUENCE expected"), all(junk).toString());
    }

    @Test
    void distinguishedNameForCertificateRequests() throws Exception {
        byte[] dn = new org.bouncycastle.asn1.x500.X500Name("C=US,O=SomeOrg").getEncoded();
        ProtoNode item = ProtoNode.root().addText("Distinguished Name", new Tvb(dn, 0), 0, dn.length);
        String s = CertificateDissector.distinguishedName(item, new Tvb(dn, 0), 0, dn.length);
        assertEquals("id-at-organizationName=SomeOrg,id-at-countryName=US", s);
        assertEquals("Distinguished Name: (" + s + ")", item.text());
        assertEquals(List.of("RDNSequence item: 1 item (id-at-countryName=US)",
                "RDNSequence item: 1 item (id-at-organizationName=SomeOrg)"), labels(item));
    }

    @Test
    void fieldsAreRegisteredUnderTsharkNames() {
        for (String f : List.of("x509af.serialNumber", "x509sat.uTF8String", "x509ce.dNSName", "x509af.utcTime",
                "x509if.RelativeDistinguishedName_item_element", "ocsp.certStatus", "pkcs1.modulus",
                "ber.bitstring.padding", "x509ce.KeyUsage.digitalSignature")) {
            assertTrue(FieldRegistry.byName(f) != null, f);
        }
        assertEquals("x509af.serialNumber", X509Fields.SERIAL_NUMBER.abbrev);
    }
}
