package tlslens.dissect.tls.names;

/**
 * TokenBindingKeyParameters of token_binding (RFC 8471 3, IANA "Token Binding Key Parameters").
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class TokenBindingKeyParameters {
    static final NameTable TABLE = NameTable.parse(1, """
            *0 rsa2048_pkcs1.5
            *1 rsa2048_pss
            *2 ecdsap256
            """);

    private TokenBindingKeyParameters() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
