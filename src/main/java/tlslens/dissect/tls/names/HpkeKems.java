package tlslens.dissect.tls.names;

/**
 * HPKE KEM identifiers of an ECHConfig (RFC 9180 7.1, IANA "HPKE KEM Identifiers"). tshark 4.0 does not
 * dissect encrypted_client_hello, so none of these is in its tables.
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class HpkeKems {
    static final NameTable TABLE = NameTable.parse(2, """
            *0x0010 DHKEM(P-256, HKDF-SHA256)
            *0x0011 DHKEM(P-384, HKDF-SHA384)
            *0x0012 DHKEM(P-521, HKDF-SHA512)
            *0x0020 DHKEM(X25519, HKDF-SHA256)
            *0x0021 DHKEM(X448, HKDF-SHA512)
            *0x0030 X25519Kyber768Draft00
            """);

    private HpkeKems() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
