package tlslens.dissect.tls.names;

/**
 * TLS HandshakeType (IANA "TLS HandshakeType"; Wireshark ssl_31_handshake_type): the one
 * declaration of the codes and their names. Codes stay plain {@code int}s, as on the wire, so
 * that dissectors switch on them without boxing and an unknown or GREASE code is kept as it is
 * (tls-parser's open enums); names are made from the code where text is shown.
 * The SSLv2 message types are in {@link Ssl2MessageTypes}.
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class HandshakeTypes {
    public static final int HELLO_REQUEST = 0, CLIENT_HELLO = 1, SERVER_HELLO = 2, HELLO_VERIFY_REQUEST = 3,
            NEW_SESSION_TICKET = 4, END_OF_EARLY_DATA = 5, ENCRYPTED_EXTENSIONS = 8, REQUEST_CONNECTION_ID = 9,
            NEW_CONNECTION_ID = 10, CERTIFICATE = 11, SERVER_KEY_EXCHANGE = 12, CERTIFICATE_REQUEST = 13,
            SERVER_HELLO_DONE = 14, CERTIFICATE_VERIFY = 15, CLIENT_KEY_EXCHANGE = 16,
            CLIENT_CERTIFICATE_REQUEST = 17, FINISHED = 20, CERTIFICATE_URL = 21, CERTIFICATE_STATUS = 22,
            SUPPLEMENTAL_DATA = 23, KEY_UPDATE = 24, COMPRESSED_CERTIFICATE = 25, EKT_KEY = 26,
            NPN_ENCRYPTED_EXTENSIONS = 67, MESSAGE_HASH = 254;

    /**
     * HelloRetryRequest: its own type in TLS 1.3 drafts before -22; since then a ServerHello whose
     * random is the HelloRetryRequest magic. As in Wireshark, the dissector and the connection model
     * use this code for both forms, so that a HelloRetryRequest is never taken for a ServerHello.
     */
    public static final int HELLO_RETRY_REQUEST = 6;

    static final NameTable TABLE = NameTable.parse(1, """
            0 Hello Request
            1 Client Hello
            2 Server Hello
            3 Hello Verify Request
            4 New Session Ticket
            5 End of Early Data
            6 Hello Retry Request
            8 Encrypted Extensions
            *9 Request Connection ID
            *10 New Connection ID
            11 Certificate
            12 Server Key Exchange
            13 Certificate Request
            14 Server Hello Done
            15 Certificate Verify
            16 Client Key Exchange
            *17 Client Certificate Request
            20 Finished
            21 Client Certificate URL
            22 Certificate Status
            23 Supplemental Data
            24 Key Update
            25 Compressed Certificate
            *26 EKT Key
            67 Encrypted Extensions
            *254 Message Hash
            """);

    private HandshakeTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The assigned codes, in table order (GREASE excluded): what a registry of notes must cover. */
    public static java.util.Set<Long> codes() { return TABLE.codes(); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
