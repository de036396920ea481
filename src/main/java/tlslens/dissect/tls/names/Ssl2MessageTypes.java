package tlslens.dissect.tls.names;

/**
 * SSLv2 handshake message types (Wireshark ssl_20_msg_types).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class Ssl2MessageTypes {
    public static final int ERROR = 0, CLIENT_HELLO = 1, CLIENT_MASTER_KEY = 2, CLIENT_FINISHED = 3, SERVER_HELLO = 4,
            SERVER_VERIFY = 5, SERVER_FINISHED = 6, REQUEST_CERTIFICATE = 7, CLIENT_CERTIFICATE = 8;

    static final NameTable TABLE = NameTable.parse(1, """
            0 Error
            1 Client Hello
            2 Client Master Key
            3 Client Finished
            4 Server Hello
            5 Server Verify
            6 Server Finished
            7 Request Certificate
            8 Client Certificate
            """);

    private Ssl2MessageTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
