package tlslens.dissect.tls.names;

/**
 * TLS Certificate Compression Algorithm IDs (RFC 8879; Wireshark compress_certificate_algorithm_vals).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class CertificateCompressionAlgorithms {
    static final NameTable TABLE = NameTable.parse(2, """
            0x0001 zlib
            0x0002 brotli
            0x0003 zstd
            """);

    private CertificateCompressionAlgorithms() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
