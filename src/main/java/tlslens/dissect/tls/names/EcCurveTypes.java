package tlslens.dissect.tls.names;

/**
 * ECCurveType of a ServerKeyExchange (RFC 8422 5.4; Wireshark ssl_curve_types).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class EcCurveTypes {
    static final NameTable TABLE = NameTable.parse(1, """
            1 explicit_prime
            2 explicit_char2
            3 named_curve
            """);

    private EcCurveTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
