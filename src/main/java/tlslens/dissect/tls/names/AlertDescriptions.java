package tlslens.dissect.tls.names;

/**
 * TLS AlertDescription (IANA "TLS Alerts"; Wireshark ssl_31_alert_description).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class AlertDescriptions {
    static final NameTable TABLE = NameTable.parse(1, """
            0 Close Notify
            1 End of Early Data
            10 Unexpected Message
            20 Bad Record MAC
            21 Decryption Failed
            22 Record Overflow
            30 Decompression Failure
            40 Handshake Failure
            41 No Certificate
            42 Bad Certificate
            43 Unsupported Certificate
            44 Certificate Revoked
            45 Certificate Expired
            46 Certificate Unknown
            47 Illegal Parameter
            48 Unknown CA
            49 Access Denied
            50 Decode Error
            51 Decrypt Error
            60 Export Restriction
            70 Protocol Version
            71 Insufficient Security
            80 Internal Error
            86 Inappropriate Fallback
            90 User Canceled
            100 No Renegotiation
            109 Missing Extension
            110 Unsupported Extension
            111 Certificate Unobtainable
            112 Unrecognized Name
            113 Bad Certificate Status Response
            114 Bad Certificate Hash Value
            115 Unknown PSK Identity
            116 Certificate Required
            120 No application Protocol
            121 ECH Required
            """);

    private AlertDescriptions() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The assigned codes, in table order (GREASE excluded): what a registry of notes must cover. */
    public static java.util.Set<Long> codes() { return TABLE.codes(); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
