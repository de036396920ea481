package tlslens.dissect.tls.names;

/**
 * SRTPProtectionProfile of use_srtp (IANA "DTLS-SRTP Protection Profiles"; Wireshark srtp_protection_profile_vals).
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class SrtpProtectionProfiles {
    static final NameTable TABLE = NameTable.parse(2, """
            0x0001 SRTP_AES128_CM_HMAC_SHA1_80
            0x0002 SRTP_AES128_CM_HMAC_SHA1_32
            0x0005 SRTP_NULL_HMAC_SHA1_80
            0x0006 SRTP_NULL_HMAC_SHA1_32
            0x0007 SRTP_AEAD_AES_128_GCM
            0x0008 SRTP_AEAD_AES_256_GCM
            *0x0009 DOUBLE_AEAD_AES_128_GCM_AEAD_AES_128_GCM
            *0x000a DOUBLE_AEAD_AES_256_GCM_AEAD_AES_256_GCM
            *0x000b SRTP_ARIA_128_CTR_HMAC_SHA1_80
            *0x000c SRTP_ARIA_128_CTR_HMAC_SHA1_32
            *0x000d SRTP_ARIA_256_CTR_HMAC_SHA1_80
            *0x000e SRTP_ARIA_256_CTR_HMAC_SHA1_32
            *0x000f SRTP_AEAD_ARIA_128_GCM
            *0x0010 SRTP_AEAD_ARIA_256_GCM
            """);

    private SrtpProtectionProfiles() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
