package tlslens.dissect.tls.names;

/**
 * KeyUpdateRequest (RFC 8446 4.6.3; Wireshark tls13_key_update_request).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class KeyUpdateRequests {
    static final NameTable TABLE = NameTable.parse(1, """
            0 update_not_requested
            1 update_requested
            """);

    private KeyUpdateRequests() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
