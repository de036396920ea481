package tlslens.dissect.x509;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/** Certificates made on the spot with BouncyCastle, so tests do not depend on public data only. */
final class TestCerts {
    static final Instant NOT_BEFORE = Instant.parse("2023-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2024-01-01T00:00:00Z");
    static final BigInteger SERIAL = new BigInteger("0a1b2c3d4e5f60718293", 16);

    private TestCerts() {}

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static ContentSigner signer(KeyPair kp) throws Exception {
        String alg = switch (kp.getPrivate().getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519"; // the JDK calls the key "EdDSA"
        };
        return new JcaContentSignerBuilder(alg).build(kp.getPrivate());
    }

    /** A server certificate with the extensions a web server has, self-signed by key. */
    static X509CertificateHolder server(KeyPair kp, Instant notAfter) throws Exception {
        X500Name name = new X500Name("C=DE,O=TLS Lens,CN=localhost");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, SERIAL, Date.from(NOT_BEFORE),
                Date.from(notAfter), name, kp.getPublic());
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, "www.example.com"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
        b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription(
                AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier,
                "http://ocsp.example/"))));
        // An extension no one knows: tshark says its dissector is not implemented.
        b.addExtension(new ASN1ObjectIdentifier("1.2.3.4.5.6.7"), false, new DERUTF8String("hello"));
        return b.build(signer(kp));
    }

    /** A CA certificate (with a policy and CRL distribution point) that signs other certificates. */
    static X509CertificateHolder ca(KeyPair kp) throws Exception {
        X500Name name = new X500Name("CN=Test CA,O=TLS Lens");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(1), Date.from(NOT_BEFORE),
                Date.from(Instant.parse("2033-01-01T00:00:00Z")), name, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.certificatePolicies, false, new DERSequence(new DERSequence(
                new ASN1ObjectIdentifier("2.23.140.1.2.1"))));
        return b.build(signer(kp));
    }

    static X509CertificateHolder v1(KeyPair kp) throws Exception {
        X500Name name = new X500Name("CN=v1cert");
        X509v1CertificateBuilder b = new JcaX509v1CertificateBuilder(name, BigInteger.valueOf(7), Date.from(NOT_BEFORE),
                Date.from(NOT_AFTER), name, kp.getPublic());
        return b.build(signer(kp));
    }

    static ProtoNode dissect(byte[] der) {
        ProtoNode root = ProtoNode.root();
        CertificateDissector.dissect(root, new Tvb(der, 0), 0, der.length);
        return root;
    }

    /** Labels of the children of n, in order. */
    static List<String> labels(ProtoNode n) {
        List<String> out = new ArrayList<>();
        for (ProtoNode c : n.children()) out.add(c.text());
        return out;
    }

    /** The first descendant whose label starts with prefix. */
    static ProtoNode find(ProtoNode n, String prefix) {
        ProtoNode[] hit = new ProtoNode[1];
        n.walk(x -> { if (hit[0] == null && x != n && x.text().startsWith(prefix)) hit[0] = x; });
        if (hit[0] == null) throw new AssertionError("no item starting with \"" + prefix + "\"");
        return hit[0];
    }

    static List<String> all(ProtoNode n) {
        List<String> out = new ArrayList<>();
        n.walk(x -> { if (x != n) out.add(x.text()); });
        return out;
    }
}
