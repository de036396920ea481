package tlslens.dissect.x509;

import static tlslens.dissect.FieldType.ABSOLUTE_TIME;
import static tlslens.dissect.FieldType.BOOLEAN;
import static tlslens.dissect.FieldType.BYTES;
import static tlslens.dissect.FieldType.IPV4;
import static tlslens.dissect.FieldType.IPV6;
import static tlslens.dissect.FieldType.STRING;
import static tlslens.dissect.FieldType.UINT16;
import static tlslens.dissect.FieldType.UINT32;
import static tlslens.dissect.FieldType.UINT64;
import static tlslens.dissect.FieldType.UINT8;

import java.util.function.LongFunction;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;

/**
 * Fields of the X.509 certificate and OCSP trees, under Wireshark's filter names
 * ({@code tshark -G fields}: x509af, x509if, x509sat, x509ce, pkix1explicit, pkix1implicit, pkcs1, ocsp, ber).
 *
 * <p>Type mapping: Wireshark's FT_OID fields are STRING fields holding the dotted OID (which is
 * what {@code -T fields} prints) with the "(name)" added in the label; FT_INT32 fields are
 * UINT32/UINT64. INTEGERs that Wireshark keeps as bytes (serial numbers, RSA modulus) are BYTES
 * labelled "0x..." as tshark does.
 */
public final class X509Fields {
    private X509Fields() {}

    private static LongFunction<String> names(String... n) {
        return v -> v >= 0 && v < n.length && n[(int) v] != null ? n[(int) v] : null;
    }

    static final LongFunction<String> GENERAL_NAME_NAMES = names("otherName", "rfc822Name", "dNSName",
            "x400Address", "directoryName", "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID");
    private static final LongFunction<String> NAME_NAMES = names("rdnSequence");
    private static final LongFunction<String> TIME_NAMES = names("utcTime", "generalizedTime");
    private static final LongFunction<String> DISPLAY_TEXT_NAMES = names("ia5String", "visibleString", "bmpString",
            "utf8String");
    static final LongFunction<String> CRL_REASON_NAMES = names("unspecified", "keyCompromise", "cACompromise",
            "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", null, "removeFromCRL",
            "privilegeWithdrawn", "aACompromise");

    /** The protocol item a caller may put above an OCSP response ("OCSP Response" in TLS). */
    public static final FieldDef OCSP_PROTOCOL = Fields.protocol("ocsp", "Online Certificate Status Protocol");

    // ---- x509af: Certificate --------------------------------------------------------------------
    public static final FieldDef CERTIFICATE = Fields.label("x509af.Certificate_element", "Certificate");
    public static final FieldDef SIGNED_CERTIFICATE = Fields.label("x509af.signedCertificate_element",
            "signedCertificate");
    public static final FieldDef VERSION = Fields.field("x509af.version", "version", UINT32, Base.DEC,
            names("v1", "v2", "v3"));
    public static final FieldDef SERIAL_NUMBER = Fields.field("x509af.serialNumber", "serialNumber", BYTES);
    public static final FieldDef SIGNATURE = Fields.label("x509af.signature_element", "signature");
    public static final FieldDef ALGORITHM_ID = Fields.field("x509af.algorithm.id", "Algorithm Id", STRING);
    public static final FieldDef ISSUER = Fields.field("x509af.issuer", "issuer", UINT32, Base.DEC, NAME_NAMES);
    public static final FieldDef VALIDITY = Fields.label("x509af.validity_element", "validity");
    public static final FieldDef NOT_BEFORE = Fields.field("x509af.notBefore", "notBefore", UINT32, Base.DEC,
            TIME_NAMES);
    public static final FieldDef NOT_AFTER = Fields.field("x509af.notAfter", "notAfter", UINT32, Base.DEC,
            TIME_NAMES);
    /** tshark 4.0 keeps UTCTime as the string "2021-03-22 13:32:15 (UTC)". */
    public static final FieldDef UTC_TIME = Fields.field("x509af.utcTime", "utcTime", STRING);
    public static final FieldDef GENERALIZED_TIME = Fields.field("x509af.generalizedTime", "generalizedTime",
            ABSOLUTE_TIME);
    public static final FieldDef SUBJECT = Fields.field("x509af.subject", "subject", UINT32, Base.DEC, NAME_NAMES);
    /** The subject's RDNSequence is x509af's, the issuer's x509if's (as in Wireshark). */
    public static final FieldDef AF_RDN_SEQUENCE = Fields.field("x509af.rdnSequence", "rdnSequence", UINT32,
            Base.DEC);
    public static final FieldDef SUBJECT_PUBLIC_KEY_INFO = Fields.label("x509af.subjectPublicKeyInfo_element",
            "subjectPublicKeyInfo");
    public static final FieldDef ALGORITHM = Fields.label("x509af.algorithm_element", "algorithm");
    public static final FieldDef SUBJECT_PUBLIC_KEY = Fields.field("x509af.subjectPublicKey", "subjectPublicKey",
            BYTES);
    public static final FieldDef ISSUER_UNIQUE_ID = Fields.field("x509af.issuerUniqueIdentifier",
            "issuerUniqueIdentifier", BYTES);
    public static final FieldDef SUBJECT_UNIQUE_ID = Fields.field("x509af.subjectUniqueIdentifier",
            "subjectUniqueIdentifier", BYTES);
    public static final FieldDef EXTENSIONS = Fields.field("x509af.extensions", "extensions", UINT32, Base.DEC);
    public static final FieldDef EXTENSION = Fields.label("x509af.Extension_element", "Extension");
    public static final FieldDef EXTENSION_ID = Fields.field("x509af.extension.id", "Extension Id", STRING);
    public static final FieldDef CRITICAL = Fields.field("x509af.critical", "critical", BOOLEAN);
    public static final FieldDef EXTN_VALUE = Fields.field("x509af.extnValue", "extnValue", BYTES);
    public static final FieldDef ALGORITHM_IDENTIFIER = Fields.label("x509af.algorithmIdentifier_element",
            "algorithmIdentifier");
    public static final FieldDef ENCRYPTED = Fields.field("x509af.encrypted", "encrypted", BYTES);
    public static final FieldDef DSS_PARAMS = Fields.label("x509af.DSS_Params_element", "DSS-Params");
    public static final FieldDef DSS_P = Fields.field("x509af.p", "p", BYTES);
    public static final FieldDef DSS_Q = Fields.field("x509af.q", "q", BYTES);
    public static final FieldDef DSS_G = Fields.field("x509af.g", "g", BYTES);
    public static final FieldDef USERID = Fields.field("x509af.Userid", "Userid", STRING);

    // ---- ber ------------------------------------------------------------------------------------
    public static final FieldDef BITSTRING_PADDING = Fields.field("ber.bitstring.padding", "Padding", UINT8,
            Base.DEC);

    // ---- x509if: names --------------------------------------------------------------------------
    public static final FieldDef IF_RDN_SEQUENCE = Fields.field("x509if.rdnSequence", "rdnSequence", UINT32,
            Base.DEC);
    public static final FieldDef RDN_SEQUENCE_ITEM = Fields.field("x509if.RDNSequence_item", "RDNSequence item",
            UINT32, Base.DEC);
    public static final FieldDef RDN_ITEM = Fields.label("x509if.RelativeDistinguishedName_item_element",
            "RelativeDistinguishedName item");
    public static final FieldDef ATTRIBUTE_OID = Fields.field("x509if.oid", "Object Id", STRING);

    // ---- x509sat: attribute syntaxes ------------------------------------------------------------
    public static final FieldDef DIRECTORY_STRING = Fields.field("x509sat.DirectoryString", "DirectoryString",
            UINT32, Base.DEC, names("teletexString", "printableString", "universalString", "bmpString",
                    "uTF8String"));
    public static final FieldDef DS_TELETEX = Fields.field("x509sat.teletexString", "teletexString", STRING);
    public static final FieldDef DS_PRINTABLE = Fields.field("x509sat.printableString", "printableString", STRING);
    public static final FieldDef DS_UNIVERSAL = Fields.field("x509sat.universalString", "universalString", STRING);
    public static final FieldDef DS_BMP = Fields.field("x509sat.bmpString", "bmpString", STRING);
    public static final FieldDef DS_UTF8 = Fields.field("x509sat.uTF8String", "uTF8String", STRING);
    public static final FieldDef COUNTRY_NAME = Fields.field("x509sat.CountryName", "CountryName", STRING);
    public static final FieldDef PRINTABLE_STRING = Fields.field("x509sat.PrintableString", "PrintableString",
            STRING);
    public static final FieldDef IA5_STRING = Fields.field("x509sat.IA5String", "IA5String", STRING);
    public static final FieldDef TELEPHONE_NUMBER = Fields.field("x509sat.TelephoneNumber", "TelephoneNumber",
            STRING);
    public static final FieldDef SAT_INTEGER = Fields.field("x509sat.Integer", "Integer", UINT64, Base.DEC);
    public static final FieldDef SAT_UTC_TIME = Fields.field("x509sat.UTCTime", "UTCTime", STRING);
    public static final FieldDef SAT_BIT_STRING = Fields.field("x509sat.BitString", "BitString", BYTES);

    // ---- x509ce: certificate extensions ---------------------------------------------------------
    public static final FieldDef GENERAL_NAMES = Fields.field("x509ce.GeneralNames", "GeneralNames", UINT32,
            Base.DEC);
    public static final FieldDef GENERAL_NAME = Fields.field("x509ce.GeneralName", "GeneralName", UINT32, Base.DEC,
            GENERAL_NAME_NAMES);
    public static final FieldDef RFC822_NAME = Fields.field("x509ce.rfc822Name", "rfc822Name", STRING);
    public static final FieldDef DNS_NAME = Fields.field("x509ce.dNSName", "dNSName", STRING);
    public static final FieldDef URI = Fields.field("x509ce.uniformResourceIdentifier", "uniformResourceIdentifier",
            STRING);
    public static final FieldDef DIRECTORY_NAME = Fields.field("x509ce.directoryName", "directoryName", UINT32,
            Base.DEC, NAME_NAMES);
    public static final FieldDef IP_ADDRESS_V4 = Fields.field("x509ce.IPAddress.ipv4", "iPAddress", IPV4);
    public static final FieldDef IP_ADDRESS_V6 = Fields.field("x509ce.IPAddress.ipv6", "iPAddress", IPV6);
    public static final FieldDef IP_ADDRESS = Fields.field("x509ce.iPAddress", "iPAddress", BYTES);
    public static final FieldDef REGISTERED_ID = Fields.field("x509ce.registeredID", "registeredID", STRING);
    public static final FieldDef OTHER_NAME = Fields.label("x509ce.otherName_element", "otherName");
    public static final FieldDef OTHER_NAME_TYPE = Fields.field("x509ce.type_id", "type-id", STRING);
    public static final FieldDef SUBJECT_KEY_IDENTIFIER = Fields.field("x509ce.SubjectKeyIdentifier",
            "SubjectKeyIdentifier", BYTES);
    public static final FieldDef AUTHORITY_KEY_IDENTIFIER = Fields.label("x509ce.AuthorityKeyIdentifier_element",
            "AuthorityKeyIdentifier");
    public static final FieldDef KEY_IDENTIFIER = Fields.field("x509ce.keyIdentifier", "keyIdentifier", BYTES);
    public static final FieldDef AUTHORITY_CERT_ISSUER = Fields.field("x509ce.authorityCertIssuer",
            "authorityCertIssuer", UINT32, Base.DEC);
    public static final FieldDef AUTHORITY_CERT_SERIAL = Fields.field("x509ce.authorityCertSerialNumber",
            "authorityCertSerialNumber", BYTES);
    public static final FieldDef KEY_USAGE = Fields.field("x509ce.KeyUsage", "KeyUsage", BYTES);
    public static final FieldDef KU_DIGITAL_SIGNATURE = Fields.flag("x509ce.KeyUsage.digitalSignature",
            "digitalSignature", 8, 0x80);
    public static final FieldDef KU_CONTENT_COMMITMENT = Fields.flag("x509ce.KeyUsage.contentCommitment",
            "contentCommitment", 8, 0x40);
    public static final FieldDef KU_KEY_ENCIPHERMENT = Fields.flag("x509ce.KeyUsage.keyEncipherment",
            "keyEncipherment", 8, 0x20);
    public static final FieldDef KU_DATA_ENCIPHERMENT = Fields.flag("x509ce.KeyUsage.dataEncipherment",
            "dataEncipherment", 8, 0x10);
    public static final FieldDef KU_KEY_AGREEMENT = Fields.flag("x509ce.KeyUsage.keyAgreement", "keyAgreement", 8,
            0x08);
    public static final FieldDef KU_KEY_CERT_SIGN = Fields.flag("x509ce.KeyUsage.keyCertSign", "keyCertSign", 8,
            0x04);
    public static final FieldDef KU_CRL_SIGN = Fields.flag("x509ce.KeyUsage.cRLSign", "cRLSign", 8, 0x02);
    public static final FieldDef KU_ENCIPHER_ONLY = Fields.flag("x509ce.KeyUsage.encipherOnly", "encipherOnly", 8,
            0x01);
    /** In the second byte of the bit string. */
    public static final FieldDef KU_DECIPHER_ONLY = Fields.flag("x509ce.KeyUsage.decipherOnly", "decipherOnly", 8,
            0x80);
    static final FieldDef[] KEY_USAGE_BITS = {KU_DIGITAL_SIGNATURE, KU_CONTENT_COMMITMENT, KU_KEY_ENCIPHERMENT,
            KU_DATA_ENCIPHERMENT, KU_KEY_AGREEMENT, KU_KEY_CERT_SIGN, KU_CRL_SIGN, KU_ENCIPHER_ONLY};
    public static final FieldDef KEY_PURPOSE_IDS = Fields.field("x509ce.KeyPurposeIDs", "KeyPurposeIDs", UINT32,
            Base.DEC);
    public static final FieldDef KEY_PURPOSE_ID = Fields.field("x509ce.KeyPurposeId", "KeyPurposeId", STRING);
    public static final FieldDef BASIC_CONSTRAINTS = Fields.label("x509ce.BasicConstraintsSyntax_element",
            "BasicConstraintsSyntax");
    public static final FieldDef CA = Fields.field("x509ce.cA", "cA", BOOLEAN);
    public static final FieldDef PATH_LEN_CONSTRAINT = Fields.field("x509ce.pathLenConstraint", "pathLenConstraint",
            UINT64, Base.DEC);
    public static final FieldDef CERTIFICATE_POLICIES = Fields.field("x509ce.CertificatePoliciesSyntax",
            "CertificatePoliciesSyntax", UINT32, Base.DEC);
    public static final FieldDef POLICY_INFORMATION = Fields.label("x509ce.PolicyInformation_element",
            "PolicyInformation");
    public static final FieldDef POLICY_IDENTIFIER = Fields.field("x509ce.policyIdentifier", "policyIdentifier",
            STRING);
    public static final FieldDef POLICY_QUALIFIERS = Fields.field("x509ce.policyQualifiers", "policyQualifiers",
            UINT32, Base.DEC);
    public static final FieldDef POLICY_QUALIFIER_INFO = Fields.label("x509ce.PolicyQualifierInfo_element",
            "PolicyQualifierInfo");
    public static final FieldDef POLICY_QUALIFIER_ID = Fields.field("x509ce.id", "Id", STRING);
    public static final FieldDef CRL_DIST_POINTS = Fields.field("x509ce.CRLDistPointsSyntax", "CRLDistPointsSyntax",
            UINT32, Base.DEC);
    public static final FieldDef DISTRIBUTION_POINT = Fields.label("x509ce.DistributionPoint_element",
            "DistributionPoint");
    public static final FieldDef DISTRIBUTION_POINT_NAME = Fields.field("x509ce.distributionPoint",
            "distributionPoint", UINT32, Base.DEC, names("fullName", "nameRelativeToCRLIssuer"));
    public static final FieldDef FULL_NAME = Fields.field("x509ce.fullName", "fullName", UINT32, Base.DEC);
    public static final FieldDef REASONS = Fields.field("x509ce.reasons", "reasons", BYTES);
    public static final FieldDef CRL_ISSUER = Fields.field("x509ce.cRLIssuer", "cRLIssuer", UINT32, Base.DEC);
    public static final FieldDef NAME_CONSTRAINTS = Fields.label("x509ce.NameConstraintsSyntax_element",
            "NameConstraintsSyntax");
    public static final FieldDef PERMITTED_SUBTREES = Fields.field("x509ce.permittedSubtrees", "permittedSubtrees",
            UINT32, Base.DEC);
    public static final FieldDef EXCLUDED_SUBTREES = Fields.field("x509ce.excludedSubtrees", "excludedSubtrees",
            UINT32, Base.DEC);
    public static final FieldDef GENERAL_SUBTREE = Fields.label("x509ce.GeneralSubtree_element", "GeneralSubtree");
    public static final FieldDef SUBTREE_BASE = Fields.field("x509ce.base", "base", UINT32, Base.DEC,
            GENERAL_NAME_NAMES);
    public static final FieldDef SUBTREE_MINIMUM = Fields.field("x509ce.minimum", "minimum", UINT64, Base.DEC);
    public static final FieldDef SUBTREE_MAXIMUM = Fields.field("x509ce.maximum", "maximum", UINT64, Base.DEC);
    public static final FieldDef CERTIFICATE_TEMPLATE = Fields.label("x509ce.CertificateTemplate_element",
            "CertificateTemplate");
    public static final FieldDef TEMPLATE_ID = Fields.field("x509ce.templateID", "templateID", STRING);
    public static final FieldDef TEMPLATE_MAJOR = Fields.field("x509ce.templateMajorVersion", "templateMajorVersion",
            UINT32, Base.DEC);
    public static final FieldDef TEMPLATE_MINOR = Fields.field("x509ce.templateMinorVersion", "templateMinorVersion",
            UINT32, Base.DEC);

    // ---- pkix1explicit / pkix1implicit ----------------------------------------------------------
    /** A CPS pointer qualifier is shown as "DirectoryString: https://..." by tshark. */
    public static final FieldDef CPS_URI = Fields.field("pkix1explicit.DirectoryString", "DirectoryString", STRING);
    public static final FieldDef PKIX_EXTENSION = Fields.label("pkix1explicit.Extension_element", "Extension");
    public static final FieldDef PKIX_EXTENSION_ID = Fields.field("pkix1explicit.id", "Id", STRING);
    public static final FieldDef PKIX_CRITICAL = Fields.field("pkix1explicit.critical", "critical", BOOLEAN);
    public static final FieldDef AUTHORITY_INFO_ACCESS = Fields.field("pkix1implicit.AuthorityInfoAccessSyntax",
            "AuthorityInfoAccessSyntax", UINT32, Base.DEC);
    public static final FieldDef ACCESS_DESCRIPTION = Fields.label("pkix1implicit.AccessDescription_element",
            "AccessDescription");
    public static final FieldDef ACCESS_METHOD = Fields.field("pkix1implicit.accessMethod", "accessMethod", STRING);
    /** A GeneralName whose label is just the choice number ("accessLocation: 6"). */
    public static final FieldDef ACCESS_LOCATION = Fields.field("pkix1implicit.accessLocation", "accessLocation",
            UINT32, Base.DEC);
    public static final FieldDef USER_NOTICE = Fields.label("pkix1implicit.UserNotice_element", "UserNotice");
    public static final FieldDef NOTICE_REF = Fields.label("pkix1implicit.noticeRef_element", "noticeRef");
    public static final FieldDef NOTICE_ORGANIZATION = Fields.field("pkix1implicit.organization", "organization",
            UINT32, Base.DEC, DISPLAY_TEXT_NAMES);
    public static final FieldDef NOTICE_NUMBERS = Fields.field("pkix1implicit.noticeNumbers", "noticeNumbers",
            UINT32, Base.DEC);
    public static final FieldDef NOTICE_NUMBERS_ITEM = Fields.field("pkix1implicit.noticeNumbers_item",
            "noticeNumbers item", UINT64, Base.DEC);
    public static final FieldDef EXPLICIT_TEXT = Fields.field("pkix1implicit.explicitText", "explicitText", UINT32,
            Base.DEC, DISPLAY_TEXT_NAMES);
    public static final FieldDef DT_IA5 = Fields.field("pkix1implicit.ia5String", "ia5String", STRING);
    public static final FieldDef DT_VISIBLE = Fields.field("pkix1implicit.visibleString", "visibleString", STRING);
    public static final FieldDef DT_BMP = Fields.field("pkix1implicit.bmpString", "bmpString", STRING);
    public static final FieldDef DT_UTF8 = Fields.field("pkix1implicit.utf8String", "utf8String", STRING);

    // ---- pkcs1: public keys ---------------------------------------------------------------------
    public static final FieldDef MODULUS = Fields.field("pkcs1.modulus", "modulus", BYTES);
    public static final FieldDef PUBLIC_EXPONENT = Fields.field("pkcs1.publicExponent", "publicExponent", UINT64,
            Base.DEC);
    public static final FieldDef EC_PARAMETERS = Fields.field("pkcs1.ECParameters", "ECParameters", UINT32,
            Base.DEC, names("specifiedCurve", "namedCurve", "implicitlyCA"));
    public static final FieldDef NAMED_CURVE = Fields.field("pkcs1.namedCurve", "namedCurve", STRING);

    // ---- logotypecertextn (RFC 3709), the direct-image form old VeriSign certificates carry ----
    public static final FieldDef LOGOTYPE_EXTN = Fields.label("logotypecertextn.LogotypeExtn_element", "LogotypeExtn");
    public static final FieldDef LOGO_COMMUNITY = Fields.field("logotypecertextn.communityLogos", "communityLogos",
            UINT32, Base.DEC);
    public static final FieldDef LOGO_INFO = Fields.field("logotypecertextn.LogotypeInfo", "LogotypeInfo", UINT32,
            Base.DEC, names("direct", "indirect"));
    public static final FieldDef LOGO_ISSUER = Fields.field("logotypecertextn.issuerLogo", "issuerLogo", UINT32,
            Base.DEC, names("direct", "indirect"));
    public static final FieldDef LOGO_SUBJECT = Fields.field("logotypecertextn.subjectLogo", "subjectLogo", UINT32,
            Base.DEC, names("direct", "indirect"));
    public static final FieldDef LOGO_DIRECT = Fields.label("logotypecertextn.direct_element", "direct");
    public static final FieldDef LOGO_INDIRECT = Fields.label("logotypecertextn.indirect_element", "indirect");
    public static final FieldDef LOGO_IMAGE = Fields.field("logotypecertextn.image", "image", UINT32, Base.DEC);
    public static final FieldDef LOGO_IMAGE_ELEMENT = Fields.label("logotypecertextn.LogotypeImage_element",
            "LogotypeImage");
    public static final FieldDef LOGO_IMAGE_DETAILS = Fields.label("logotypecertextn.imageDetails_element",
            "imageDetails");
    public static final FieldDef LOGO_MEDIA_TYPE = Fields.field("logotypecertextn.mediaType", "mediaType", STRING);
    public static final FieldDef LOGO_HASH = Fields.field("logotypecertextn.logotypeHash", "logotypeHash", UINT32,
            Base.DEC);
    public static final FieldDef LOGO_HASH_ALG_AND_VALUE = Fields.label("logotypecertextn.HashAlgAndValue_element",
            "HashAlgAndValue");
    public static final FieldDef LOGO_HASH_ALG = Fields.label("logotypecertextn.hashAlg_element", "hashAlg");
    public static final FieldDef LOGO_HASH_VALUE = Fields.field("logotypecertextn.hashValue", "hashValue", BYTES);
    public static final FieldDef LOGO_URI = Fields.field("logotypecertextn.logotypeURI", "logotypeURI", UINT32,
            Base.DEC);
    public static final FieldDef LOGO_URI_ITEM = Fields.field("logotypecertextn.logotypeURI_item",
            "logotypeURI item", STRING);

    // ---- Netscape certificate type -------------------------------------------------------------
    public static final FieldDef NS_CERT_TYPE = Fields.field("ns_cert_exts.CertType", "CertType", BYTES);
    static final FieldDef[] NS_CERT_TYPE_BITS = {
            Fields.flag("ns.cert.exts.CertType.ssl.client", "ssl-client", 8, 0x80),
            Fields.flag("ns.cert.exts.CertType.ssl.server", "ssl-server", 8, 0x40),
            Fields.flag("ns.cert.exts.CertType.smime", "smime", 8, 0x20),
            Fields.flag("ns.cert.exts.CertType.object.signing", "object-signing", 8, 0x10),
            Fields.flag("ns.cert.exts.CertType.reserved.for.future.use", "reserved-for-future-use", 8, 0x08),
            Fields.flag("ns.cert.exts.CertType.ssl.ca", "ssl-ca", 8, 0x04),
            Fields.flag("ns.cert.exts.CertType.smime.ca", "smime-ca", 8, 0x02),
            Fields.flag("ns.cert.exts.CertType.object.signing.ca", "object-signing-ca", 8, 0x01),
    };

    // ---- Certificate Transparency (same fields as the TLS signed_certificate_timestamp extension) --
    public static final FieldDef SCT_LIST_LENGTH = Fields.field("tls.sct.scts_length", "Serialized SCT List Length",
            UINT16, Base.DEC);
    public static final FieldDef SCT_LENGTH = Fields.field("tls.sct.sct_length", "Serialized SCT Length", UINT16,
            Base.DEC);
    public static final FieldDef SCT_VERSION = Fields.field("tls.sct.sct_version", "SCT Version", UINT8, Base.DEC);
    public static final FieldDef SCT_LOG_ID = Fields.field("tls.sct.sct_logid", "Log ID", BYTES);
    public static final FieldDef SCT_TIMESTAMP = Fields.field("tls.sct.sct_timestamp", "Timestamp", ABSOLUTE_TIME);
    public static final FieldDef SCT_EXTENSIONS_LENGTH = Fields.field("tls.sct.sct_extensions_length",
            "Extensions length", UINT16, Base.DEC);
    public static final FieldDef SCT_EXTENSIONS = Fields.label("tls.sct.sct_extensions", "Extensions");
    public static final FieldDef SCT_SIGNATURE_LENGTH = Fields.field("tls.sct.sct_signature_length",
            "Signature Length", UINT16, Base.DEC);
    public static final FieldDef SCT_SIGNATURE = Fields.field("tls.sct.sct_signature", "Signature", BYTES);

    // ---- ocsp -----------------------------------------------------------------------------------
    public static final FieldDef OCSP_RESPONSE_STATUS = Fields.field("ocsp.responseStatus", "responseStatus",
            UINT32, Base.DEC, names("successful", "malformedRequest", "internalError", "tryLater", null,
                    "sigRequired", "unauthorized"));
    public static final FieldDef OCSP_RESPONSE_BYTES = Fields.label("ocsp.responseBytes_element", "responseBytes");
    /** The responseType OID; tshark labels it "ResponseType Id" under ocsp.responseType.id. */
    public static final FieldDef OCSP_RESPONSE_TYPE_ID = Fields.field("ocsp.responseType.id", "ResponseType Id",
            STRING);
    public static final FieldDef OCSP_RESPONSE_TYPE = Fields.field("ocsp.responseType", "responseType", STRING);
    public static final FieldDef OCSP_RESPONSE = Fields.field("ocsp.response", "response", BYTES);
    public static final FieldDef OCSP_BASIC_RESPONSE = Fields.label("ocsp.BasicOCSPResponse_element",
            "BasicOCSPResponse");
    public static final FieldDef OCSP_TBS_RESPONSE_DATA = Fields.label("ocsp.tbsResponseData_element",
            "tbsResponseData");
    public static final FieldDef OCSP_VERSION = Fields.field("ocsp.version", "version", UINT32, Base.DEC,
            names("v1"));
    public static final FieldDef OCSP_RESPONDER_ID = Fields.field("ocsp.responderID", "responderID", UINT32,
            Base.DEC, names(null, "byName", "byKey"));
    /** The Name choice number, printed bare ("byName: 0"). */
    public static final FieldDef OCSP_BY_NAME = Fields.field("ocsp.byName", "byName", UINT32, Base.DEC);
    public static final FieldDef OCSP_BY_KEY = Fields.field("ocsp.byKey", "byKey", BYTES);
    public static final FieldDef OCSP_PRODUCED_AT = Fields.field("ocsp.producedAt", "producedAt", ABSOLUTE_TIME);
    public static final FieldDef OCSP_RESPONSES = Fields.field("ocsp.responses", "responses", UINT32, Base.DEC);
    public static final FieldDef OCSP_SINGLE_RESPONSE = Fields.label("ocsp.SingleResponse_element",
            "SingleResponse");
    public static final FieldDef OCSP_CERT_ID = Fields.label("ocsp.certID_element", "certID");
    public static final FieldDef OCSP_HASH_ALGORITHM = Fields.label("ocsp.hashAlgorithm_element", "hashAlgorithm");
    public static final FieldDef OCSP_ISSUER_NAME_HASH = Fields.field("ocsp.issuerNameHash", "issuerNameHash",
            BYTES);
    public static final FieldDef OCSP_ISSUER_KEY_HASH = Fields.field("ocsp.issuerKeyHash", "issuerKeyHash", BYTES);
    public static final FieldDef OCSP_SERIAL_NUMBER = Fields.field("ocsp.serialNumber", "serialNumber", BYTES);
    public static final FieldDef OCSP_CERT_STATUS = Fields.field("ocsp.certStatus", "certStatus", UINT32, Base.DEC,
            names("good", "revoked", "unknown"));
    public static final FieldDef OCSP_GOOD = Fields.label("ocsp.good_element", "good");
    public static final FieldDef OCSP_REVOKED = Fields.label("ocsp.revoked_element", "revoked");
    public static final FieldDef OCSP_UNKNOWN = Fields.label("ocsp.unknown_element", "unknown");
    public static final FieldDef OCSP_REVOCATION_TIME = Fields.field("ocsp.revocationTime", "revocationTime",
            ABSOLUTE_TIME);
    public static final FieldDef OCSP_REVOCATION_REASON = Fields.field("ocsp.revocationReason", "revocationReason",
            UINT32, Base.DEC, CRL_REASON_NAMES);
    public static final FieldDef OCSP_THIS_UPDATE = Fields.field("ocsp.thisUpdate", "thisUpdate", ABSOLUTE_TIME);
    public static final FieldDef OCSP_NEXT_UPDATE = Fields.field("ocsp.nextUpdate", "nextUpdate", ABSOLUTE_TIME);
    public static final FieldDef OCSP_SINGLE_EXTENSIONS = Fields.field("ocsp.singleExtensions", "singleExtensions",
            UINT32, Base.DEC);
    public static final FieldDef OCSP_RESPONSE_EXTENSIONS = Fields.field("ocsp.responseExtensions",
            "responseExtensions", UINT32, Base.DEC);
    public static final FieldDef OCSP_SIGNATURE_ALGORITHM = Fields.label("ocsp.signatureAlgorithm_element",
            "signatureAlgorithm");
    public static final FieldDef OCSP_SIGNATURE = Fields.field("ocsp.signature", "signature", BYTES);
    public static final FieldDef OCSP_CERTS = Fields.field("ocsp.certs", "certs", UINT32, Base.DEC);
    public static final FieldDef OCSP_CERTIFICATE = Fields.label("ocsp.Certificate_element", "Certificate");
    public static final FieldDef OCSP_NONCE = Fields.field("ocsp.ReOcspNonce", "ReOcspNonce", BYTES);
    public static final FieldDef OCSP_NULL = Fields.label("ocsp.NULL_element", "NULL");

    // ---- TLS Lens helper items (generated; tshark has none) -------------------------------------
    public static final FieldDef PUBLIC_KEY_SUMMARY = Fields.field("tlslens.x509.public_key", "Public key", STRING);
    public static final FieldDef PUBLIC_KEY_BITS = Fields.field("tlslens.x509.public_key_bits", "Public key size",
            UINT32, Base.DEC);
    public static final FieldDef VALIDITY_DAYS = Fields.field("tlslens.x509.validity_days", "Validity", UINT64,
            Base.DEC);
    public static final FieldDef SAN_SUMMARY = Fields.field("tlslens.x509.subject_alt_names",
            "Subject Alternative Names", STRING);
    public static final FieldDef SELF_ISSUED = Fields.field("tlslens.x509.self_issued", "Self-issued", BOOLEAN);
    public static final FieldDef SHA256_FINGERPRINT = Fields.field("tlslens.x509.sha256", "SHA-256 Fingerprint",
            STRING);
    public static final FieldDef OCSP_STATUS_SUMMARY = Fields.field("tlslens.ocsp.status", "OCSP status", STRING);
}
