package tlslens.dissect.tls.names;

/**
 * TLS ContentType of a record (IANA "TLS ContentType"; Wireshark ssl_31_content_type): the one
 * declaration of the codes and their names (codes are plain {@code int}s, see {@link HandshakeTypes}).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class ContentTypes {
    public static final int CHANGE_CIPHER_SPEC = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23,
            HEARTBEAT = 24, TLS12_CID = 25, ACK = 26, RETURN_ROUTABILITY_CHECK = 27;

    static final NameTable TABLE = NameTable.parse(1, """
            20 Change Cipher Spec
            21 Alert
            22 Handshake
            23 Application Data
            24 Heartbeat
            25 Connection ID
            *26 ACK
            *27 Return Routability Check
            """);

    private ContentTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The assigned codes, in table order (GREASE excluded): what a registry of notes must cover. */
    public static java.util.Set<Long> codes() { return TABLE.codes(); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
