package tlslens.dissect.tls.names;

/**
 * TLS HandshakeType (IANA "TLS HandshakeType"; Wireshark ssl_31_handshake_type).
 * The SSLv2 message types are in {@link Ssl2MessageTypes}.
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class HandshakeTypes {
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

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
