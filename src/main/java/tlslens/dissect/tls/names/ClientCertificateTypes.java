package tlslens.dissect.tls.names;

/**
 * ClientCertificateType of a CertificateRequest (IANA "TLS ClientCertificateType Identifiers";
 * Wireshark ssl_31_client_certificate_type).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class ClientCertificateTypes {
    static final NameTable TABLE = NameTable.parse(1, """
            1 RSA Sign
            2 DSS Sign
            3 RSA Fixed DH
            4 DSS Fixed DH
            *5 RSA Ephemeral DH
            *6 DSS Ephemeral DH
            *20 Fortezza DMS
            21 GOST R 34.10-94
            22 GOST R 34.10-2001
            64 ECDSA Sign
            65 RSA Fixed ECDH
            66 ECDSA Fixed ECDH
            *67 GOST R 34.10-2012 256
            *68 GOST R 34.10-2012 512
            80 IBC Params
            """);

    private ClientCertificateTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
