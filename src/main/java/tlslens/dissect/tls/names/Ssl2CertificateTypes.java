package tlslens.dissect.tls.names;

/**
 * SSLv2 certificate types of a SERVER-HELLO / REQUEST-CERTIFICATE (Wireshark ssl_20_certificate_type).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class Ssl2CertificateTypes {
    static final NameTable TABLE = NameTable.parse(1, """
            0 N/A
            1 X.509 Certificate
            """);

    private Ssl2CertificateTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
