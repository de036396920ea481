package tlslens.dissect.tls.names;

/**
 * ProtocolVersion of records, hellos and supported_versions (Wireshark ssl_versions and
 * ssl_version_short_names). GREASE codes read "Reserved (GREASE)", as in tshark.
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class TlsVersions {
    public static final int SSL2 = 0x0002;
    public static final int SSL3 = 0x0300;
    public static final int TLS10 = 0x0301;
    public static final int TLS11 = 0x0302;
    public static final int TLS12 = 0x0303;
    public static final int TLS13 = 0x0304;
    public static final int GMTLS = 0x0101;
    public static final int DTLS10_OPENSSL = 0x0100;
    public static final int DTLS10 = 0xfeff;
    public static final int DTLS12 = 0xfefd;
    public static final int DTLS13 = 0xfefc;

    static final NameTable TABLE = NameTable.parse(2, true, true, """
            0x0002 SSL 2.0
            0x0100 DTLS 1.0 (OpenSSL pre 0.9.8f)
            0x0101 GMTLS
            0x0300 SSL 3.0
            0x0301 TLS 1.0
            0x0302 TLS 1.1
            0x0303 TLS 1.2
            0x0304 TLS 1.3
            0x7f0e TLS 1.3 (draft 14)
            0x7f0f TLS 1.3 (draft 15)
            0x7f10 TLS 1.3 (draft 16)
            0x7f11 TLS 1.3 (draft 17)
            0x7f12 TLS 1.3 (draft 18)
            0x7f13 TLS 1.3 (draft 19)
            0x7f14 TLS 1.3 (draft 20)
            0x7f15 TLS 1.3 (draft 21)
            0x7f16 TLS 1.3 (draft 22)
            0x7f17 TLS 1.3 (draft 23)
            0x7f18 TLS 1.3 (draft 24)
            0x7f19 TLS 1.3 (draft 25)
            0x7f1a TLS 1.3 (draft 26)
            0x7f1b TLS 1.3 (draft 27)
            0x7f1c TLS 1.3 (draft 28)
            0xfb17 TLS 1.3 (Facebook draft 23)
            0xfb1a TLS 1.3 (Facebook draft 26)
            *0xfefc DTLS 1.3
            0xfefd DTLS 1.2
            0xfeff DTLS 1.0
            """);

    /** Protocol-column and record-layer forms (ssl_version_short_names in tshark 4.0: no DTLS 1.3). */
    static final NameTable SHORT = NameTable.parse(2, """
            0x0002 SSLv2
            0x0300 SSLv3
            0x0301 TLSv1
            0x0101 GMTLSv1
            0x0302 TLSv1.1
            0x0303 TLSv1.2
            0x0304 TLSv1.3
            0xfeff DTLSv1.0
            0xfefd DTLSv1.2
            0x0100 DTLS 1.0 (OpenSSL pre 0.9.8f)
            """);

    private TlsVersions() {}

    /** "TLS 1.2", "SSL 3.0", "DTLS 1.0", "TLS 1.3 (draft 28)", "Reserved (GREASE)"; null when unknown. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x....)". */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }

    /** The short form "TLSv1", "TLSv1.2", "SSLv3", "DTLSv1.0"...; null for other versions. */
    public static String shortName(int version) { return SHORT.name(version); }

    /** The Protocol column of a TLS session of {@code version}: its short form, else "TLS" as tshark falls back. */
    public static String columnName(int version) {
        String s = shortName(version);
        return s != null ? s : "TLS";
    }

    /** The Protocol column of a DTLS session: its short form, else "DTLS" (DTLS 1.3 included, as in tshark 4.0). */
    public static String dtlsColumnName(int version) {
        String s = shortName(version);
        return s != null ? s : "DTLS";
    }

    /** "TLSv1.2 Record Layer", "TLSv1 Record Layer", "SSLv3 Record Layer"; "TLS Record Layer" for an unknown version. */
    public static String recordLayerName(int version) {
        return columnName(version) + " Record Layer";
    }

    /** "DTLSv1.2 Record Layer"; "DTLS Record Layer" for an unknown version. */
    public static String dtlsRecordLayerName(int version) {
        return dtlsColumnName(version) + " Record Layer";
    }

    /** True for the DTLS versions (0xfeff, 0xfefd, 0xfefc and OpenSSL's pre-standard 0x0100). */
    public static boolean isDtls(int version) {
        return version == DTLS10 || version == DTLS12 || version == DTLS13 || version == DTLS10_OPENSSL;
    }
}
