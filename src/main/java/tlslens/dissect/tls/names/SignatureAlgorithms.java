package tlslens.dissect.tls.names;

/**
 * TLS 1.2 SignatureAlgorithm of a SignatureAndHashAlgorithm (RFC 5246 7.4.1.4.1; Wireshark tls_signature_algorithm).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class SignatureAlgorithms {
    static final NameTable TABLE = NameTable.parse(1, """
            0 Anonymous
            1 RSA
            2 DSA
            3 ECDSA
            4 SM2
            *7 ED25519
            *8 ED448
            *64 GOSTR34102012_256
            *65 GOSTR34102012_512
            """);

    private SignatureAlgorithms() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
