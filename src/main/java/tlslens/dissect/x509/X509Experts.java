package tlslens.dissect.x509;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.Fields;
import tlslens.dissect.Severity;

/**
 * The expert notes of certificate and OCSP decoding: packet-ber.c's under their filter names
 * (ei_ber_*), then two of our own.
 */
public final class X509Experts {
    // ---- packet-ber.c's ---------------------------------------------------------------------------
    public static final ExpertDef CHOICE_NOT_FOUND = ber("ber.error.choice_not_found",
            "BER Error: This choice field was not found");
    public static final ExpertDef EXPECTED_SEQUENCE = ber("ber.error.expected.sequence", "BER Error: Sequence expected");
    public static final ExpertDef EXPECTED_SET = ber("ber.error.expected.set", "BER Error: SET expected");
    public static final ExpertDef EXPECTED_OCTET_STRING = ber("ber.error.expected.octet_string",
            "BER Error: OctetString expected");
    public static final ExpertDef EXPECTED_OID = ber("ber.error.expected.object_identifier",
            "BER Error: Object Identifier expected");
    public static final ExpertDef EXPECTED_STRING = ber("ber.error.expected.string", "BER Error: String expected");
    public static final ExpertDef WRONG_TAG = ber("ber.error.wrong_tag_in_tagged_type",
            "BER Error: Wrong tag in tagged type");
    public static final ExpertDef UNKNOWN_FIELD_SEQUENCE = ber("ber.error.unknown_field.sequence",
            "BER Error: Unknown field in Sequence");
    public static final ExpertDef ILLEGAL_PADDING = ber("ber.error.illegal_padding", "Illegal padding");
    public static final ExpertDef OID_NOT_IMPLEMENTED = Fields.expert("ber.error.oid_not_implemented",
            ExpertGroup.UNDECODED, Severity.WARN,
            "BER: Dissector for OID not implemented. Contact Wireshark developers if you want this supported");

    // ---- ours --------------------------------------------------------------------------------------
    public static final ExpertDef INTEGER_TOO_WIDE = ber("ber.integer.too_wide", "INTEGER wider than 64 bits");
    public static final ExpertDef VALIDITY_INVERTED = Fields.expert("x509af.validity.inverted", ExpertGroup.PROTOCOL,
            Severity.WARN, "Invalid certificate (notBefore time is after notAfter time)");
    /** An extension Wireshark decodes and we show as bytes. */
    public static final ExpertDef EXTENSION_UNDECODED = Fields.expert("x509ce.extension.undecoded",
            ExpertGroup.UNDECODED, Severity.NOTE, "Extension value not decoded by TLS Lens");

    private X509Experts() {}

    /** BER errors are malformed-group warnings: the value is shown as far as it goes. */
    private static ExpertDef ber(String abbrev, String summary) {
        return Fields.expert(abbrev, ExpertGroup.MALFORMED, Severity.WARN, summary);
    }
}
