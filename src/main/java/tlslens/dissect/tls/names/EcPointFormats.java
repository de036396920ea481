package tlslens.dissect.tls.names;

/**
 * ECPointFormat (RFC 8422; Wireshark ssl_extension_ec_point_formats).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class EcPointFormats {
    static final NameTable TABLE = NameTable.parse(1, """
            0 uncompressed
            1 ansiX962_compressed_prime
            2 ansiX962_compressed_char2
            """);

    private EcPointFormats() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
