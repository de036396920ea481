package tlslens.dissect.x509;

import java.util.HashMap;
import java.util.Map;

/**
 * Object identifier names as tshark 4.0 prints them. An OID with no name of its own is shown as
 * its deepest named ancestor followed by the remaining arcs ("iso.3.6.1.4.1.44947.1.1.1",
 * "US company arc.113733.1.7.23.3"), which is what Wireshark's oid_resolved_from_string does.
 * The table was taken from tshark's own output (including its typo "id-at-uniqueIdedntifier").
 */
final class Oids {
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        String[][] table = {
            {"0.9.2342.19200300.100.1.1", "id-userid"},
            {"0.9.2342.19200300.100.1.25", "dc"},
            {"1.2.840.10040.4.1", "id-dsa"},
            {"1.2.840.10040.4.3", "id-dsa-with-sha1"},
            {"1.2.840.10045.2.1", "id-ecPublicKey"},
            {"1.2.840.10045.3.1.1", "secp192r1"},
            {"1.2.840.10045.3.1.7", "secp256r1"},
            {"1.2.840.10045.4.1", "ecdsa-with-SHA1"},
            {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224"},
            {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
            {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"},
            {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
            {"1.2.840.10046.2.1", "dhpublicnumber"},
            {"1.2.840.113549.1.1.1", "rsaEncryption"},
            {"1.2.840.113549.1.1.10", "id-RSASSA-PSS"},
            {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
            {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"},
            {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
            {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption"},
            {"1.2.840.113549.1.1.2", "md2WithRSAEncryption"},
            {"1.2.840.113549.1.1.3", "md4WithRSAEncryption"},
            {"1.2.840.113549.1.1.4", "md5WithRSAEncryption"},
            {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"},
            {"1.2.840.113549.1.1.8", "id-mgf1"},
            {"1.2.840.113549.1.7.1", "id-data"},
            {"1.2.840.113549.1.7.2", "id-signedData"},
            {"1.2.840.113549.1.9.1", "pkcs-9-at-emailAddress"},
            {"1.2.840.113549.1.9.14", "pkcs-9-at-extensionRequest"},
            {"1.2.840.113549.1.9.8", "pkcs-9-at-unstructuredAddress"},
            {"1.2.840.113549.1.9.9", "pkcs-9-at-extendedCertificateAttributes"},
            {"1.2.840.113549.2.2", "md2"},
            {"1.2.840.113549.2.5", "md5"},
            {"1.3.132.0.33", "secp224r1"},
            {"1.3.132.0.34", "secp384r1"},
            {"1.3.132.0.35", "secp521r1"},
            {"1.3.14.3.2.26", "SHA-1"},
            {"1.3.6.1.4.1.11129.2.4.2", "SignedCertificateTimestampList"},
            {"1.3.6.1.4.1.311.10.3.4", "id-ms-kp-efs"},
            {"1.3.6.1.4.1.311.20.2", "id-ms-certificate-template-name"},
            {"1.3.6.1.4.1.311.20.2.2", "id-ms-kp-smartcard-logon"},
            {"1.3.6.1.4.1.311.21.1", "id-ms-ca-version"},
            {"1.3.6.1.4.1.311.21.10", "id-ms-application-certificate-policies"},
            {"1.3.6.1.4.1.311.21.2", "id-ms-previous-cert-hash"},
            {"1.3.6.1.4.1.311.21.4", "id-ms-next-publish"},
            {"1.3.6.1.4.1.311.21.7", "id-ms-certificate-template"},
            {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionOfIncorporationLocalityName"},
            {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionOfIncorporationStateOrProvinceName"},
            {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionOfIncorporationCountryName"},
            {"1.3.6.1.5.5.7.1.1", "id-pe-authorityInfoAccess"},
            {"1.3.6.1.5.5.7.1.12", "id-pe-logotype"},
            {"1.3.6.1.5.5.7.1.24", "id-pe-tlsfeature"},
            {"1.3.6.1.5.5.7.1.3", "id-pe-qcStatements"},
            {"1.3.6.1.5.5.7.2.1", "id-qt-cps"},
            {"1.3.6.1.5.5.7.2.2", "id-qt-unotice"},
            {"1.3.6.1.5.5.7.3.1", "id-kp-serverAuth"},
            {"1.3.6.1.5.5.7.3.2", "id-kp-clientAuth"},
            {"1.3.6.1.5.5.7.3.3", "id-kp-codeSigning"},
            {"1.3.6.1.5.5.7.3.4", "id-kp-emailProtection"},
            {"1.3.6.1.5.5.7.3.5", "id-kp-ip-kp-ipsecEndSystem"},
            {"1.3.6.1.5.5.7.3.6", "id-kp-ipsecTunnel"},
            {"1.3.6.1.5.5.7.3.7", "id-kp-ipsecUser"},
            {"1.3.6.1.5.5.7.3.8", "id-kp-timeStamping"},
            {"1.3.6.1.5.5.7.3.9", "OCSPSigning"},
            {"1.3.6.1.5.5.7.48.1", "id-ad-ocsp"},
            {"1.3.6.1.5.5.7.48.1.1", "id-pkix-ocsp-basic"},
            {"1.3.6.1.5.5.7.48.1.2", "id-pkix-ocsp-nonce"},
            {"1.3.6.1.5.5.7.48.1.3", "id-pkix-ocsp-crl"},
            {"1.3.6.1.5.5.7.48.1.4", "id-pkix-ocsp-response"},
            {"1.3.6.1.5.5.7.48.1.5", "id-pkix-ocsp-nocheck"},
            {"1.3.6.1.5.5.7.48.1.6", "id-pkix-ocsp-archive-cutoff"},
            {"1.3.6.1.5.5.7.48.1.7", "id-pkix-ocsp-service-locator"},
            {"1.3.6.1.5.5.7.48.2", "id-ad-caIssuers"},
            {"2.16.840.1.101.3.4.2.1", "sha256"},
            {"2.16.840.1.101.3.4.2.2", "sha384"},
            {"2.16.840.1.101.3.4.2.3", "sha512"},
            {"2.16.840.1.101.3.4.2.4", "sha224"},
            {"2.16.840.1.101.3.4.3.1", "id-dsa-with-sha224"},
            {"2.16.840.1.101.3.4.3.2", "id-dsa-with-sha256"},
            {"2.16.840.1.113730.1.1", "ns_cert_exts.cert_type"},
            {"2.16.840.1.113730.1.13", "ns_cert_exts.comment"},
            {"2.5.29.14", "id-ce-subjectKeyIdentifier"},
            {"2.5.29.15", "id-ce-keyUsage"},
            {"2.5.29.16", "id-ce-privateKeyUsagePeriod"},
            {"2.5.29.17", "id-ce-subjectAltName"},
            {"2.5.29.18", "id-ce-issuerAltName"},
            {"2.5.29.19", "id-ce-basicConstraints"},
            {"2.5.29.20", "id-ce-cRLNumber"},
            {"2.5.29.21", "id-ce-reasonCode"},
            {"2.5.29.23", "id-ce-instructionCode"},
            {"2.5.29.24", "id-ce-invalidityDate"},
            {"2.5.29.27", "id-ce-deltaCRLIndicator"},
            {"2.5.29.28", "id-ce-issuingDistributionPoint"},
            {"2.5.29.29", "id-ce-certificateIssuer"},
            {"2.5.29.30", "id-ce-nameConstraints"},
            {"2.5.29.31", "id-ce-cRLDistributionPoints"},
            {"2.5.29.32", "id-ce-certificatePolicies"},
            {"2.5.29.32.0", "anyPolicy"},
            {"2.5.29.33", "id-ce-policyMappings"},
            {"2.5.29.35", "id-ce-authorityKeyIdentifier"},
            {"2.5.29.36", "id-ce-policyConstraints"},
            {"2.5.29.37", "id-ce-extKeyUsage"},
            {"2.5.29.46", "id-ce-freshestCRL"},
            {"2.5.29.54", "id-ce-inhibitAnyPolicy"},
            {"2.5.29.9", "id-ce-subjectDirectoryAttributes"},
            {"2.5.4.10", "id-at-organizationName"},
            {"2.5.4.11", "id-at-organizationalUnitName"},
            {"2.5.4.12", "id-at-title"},
            {"2.5.4.13", "id-at-description"},
            {"2.5.4.15", "id-at-businessCategory"},
            {"2.5.4.16", "id-at-postalAddress"},
            {"2.5.4.17", "id-at-postalCode"},
            {"2.5.4.18", "id-at-postOfficeBox"},
            {"2.5.4.20", "id-at-telephoneNumber"},
            {"2.5.4.3", "id-at-commonName"},
            {"2.5.4.4", "id-at-surname"},
            {"2.5.4.41", "id-at-name"},
            {"2.5.4.42", "id-at-givenName"},
            {"2.5.4.43", "id-at-initials"},
            {"2.5.4.44", "id-at-generationQualifier"},
            {"2.5.4.45", "id-at-uniqueIdedntifier"},
            {"2.5.4.46", "id-at-dnQualifier"},
            {"2.5.4.5", "id-at-serialNumber"},
            {"2.5.4.6", "id-at-countryName"},
            {"2.5.4.65", "id-at-pseudonym"},
            {"2.5.4.7", "id-at-localityName"},
            {"2.5.4.8", "id-at-stateOrProvinceName"},
            {"2.5.4.9", "id-at-streetAddress"},
                // Named arcs that only show up as prefixes of unnamed OIDs.
                {"0", "itu-t"}, {"1", "iso"}, {"2", "joint-iso-itu-t"},
                {"1.2.840", "ISO assigned OIDs, USA"}, {"2.16.840.1", "US company arc"},
                {"1.3.6.1.5.5.7", "id-pkix"},
        };
        for (String[] e : table) NAMES.put(e[0], e[1]);
    }

    private Oids() {}

    /** The exact name of this OID, or null when tshark has none for it. */
    static String exactName(String oid) { return oid == null ? null : NAMES.get(oid); }

    /** tshark's resolved form: the name, or deepest named ancestor + remaining arcs, or the OID itself. */
    static String resolve(String oid) {
        if (oid == null) return "";
        String n = NAMES.get(oid);
        if (n != null) return n;
        int cut = oid.length();
        while ((cut = oid.lastIndexOf('.', cut - 1)) > 0) {
            String p = NAMES.get(oid.substring(0, cut));
            if (p != null) return p + oid.substring(cut);
        }
        return oid;
    }

    /** "1.2.840.113549.1.1.11 (sha256WithRSAEncryption)": how an OID value is labelled. */
    static String display(String oid) { return oid + " (" + resolve(oid) + ")"; }

    /** A plain-language algorithm name for the helper items tshark does not have. */
    static String friendly(String oid) {
        if (oid == null) return "unknown";
        return switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.2.840.10040.4.1" -> "DSA";
            case "1.2.840.10046.2.1" -> "DH";
            case "1.3.101.110" -> "X25519";
            case "1.3.101.111" -> "X448";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            default -> resolve(oid);
        };
    }
}
