package tlslens.dissect.tls.names;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;

import static tlslens.dissect.FieldType.UINT16;
import static tlslens.dissect.FieldType.UINT8;

/**
 * The fields of a SignatureAndHashAlgorithm (RFC 5246 7.4.1.4.1; a SignatureScheme in TLS 1.3),
 * shown wherever one appears: signature_algorithms lists, signed handshake messages, and the
 * DigitallySigned of a Certificate Transparency SCT, also inside an X.509 certificate. Declared
 * beside their value names so that the TLS and the X.509 dissectors share one declaration without
 * the X.509 one reaching into the TLS dissector.
 */
public final class SignatureAndHashFields {
    public static final FieldDef ALGORITHM = Fields.field("tls.handshake.sig_hash_alg", "Signature Algorithm", UINT16,
            Base.HEX, SignatureSchemes::wiresharkName);
    public static final FieldDef HASH = Fields.field("tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash",
            UINT8, Base.DEC, HashAlgorithms::wiresharkName);
    public static final FieldDef SIGNATURE = Fields.field("tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature",
            UINT8, Base.DEC, SignatureAlgorithms::wiresharkName);

    private SignatureAndHashFields() {}
}
