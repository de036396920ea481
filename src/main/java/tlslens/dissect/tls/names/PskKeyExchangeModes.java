package tlslens.dissect.tls.names;

/**
 * TLS 1.3 PskKeyExchangeMode (RFC 8446 4.2.9; Wireshark tls_hello_ext_psk_ke_mode).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class PskKeyExchangeModes {
    static final NameTable TABLE = NameTable.parse(1, """
            0 PSK-only key establishment (psk_ke)
            1 PSK with (EC)DHE key establishment (psk_dhe_ke)
            """);

    private PskKeyExchangeModes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
