package tlslens.dissect.tls.names;

/**
 * TLS Certificate Types of cert_type / client_certificate_type / server_certificate_type
 * (RFC 6091, RFC 7250, RFC 8902; Wireshark tls_certificate_type).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class CertificateTypes {
    static final NameTable TABLE = NameTable.parse(1, """
            0 X.509
            1 OpenPGP
            2 Raw Public Key
            *3 1609Dot2
            """);

    private CertificateTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
