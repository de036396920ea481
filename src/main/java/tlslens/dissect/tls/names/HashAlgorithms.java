package tlslens.dissect.tls.names;

/**
 * TLS 1.2 HashAlgorithm of a SignatureAndHashAlgorithm (RFC 5246 7.4.1.4.1; Wireshark tls_hash_algorithm).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class HashAlgorithms {
    static final NameTable TABLE = NameTable.parse(1, """
            0 None
            1 MD5
            2 SHA1
            3 SHA224
            4 SHA256
            5 SHA384
            6 SHA512
            7 SM3
            *8 Intrinsic
            """);

    private HashAlgorithms() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
