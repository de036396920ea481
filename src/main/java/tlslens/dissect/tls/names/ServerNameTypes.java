package tlslens.dissect.tls.names;

/**
 * NameType of server_name (RFC 6066 3; Wireshark tls_hello_ext_server_name_type_vs).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class ServerNameTypes {
    static final NameTable TABLE = NameTable.parse(1, """
            0 host_name
            """);

    private ServerNameTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
