package tlslens.dissect.tls.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Samples per registry. Wireshark names are as tshark 4.0.17 printed them for the public captures or
 * for a crafted ClientHello (sig algs 0x0a0a 0x0b0b 0x0109 0x0204 0xfe00 0x0420 0x0904 0x081a, groups
 * 0x11ec 0x0201, extensions 65037 17613 62, psk mode 11, alert 122, level 3); IANA-only ones from the IANA registries.
 */
class RegistriesTest {

    @Test
    void contentAndHandshakeTypes() {
        assertEquals("Change Cipher Spec", ContentTypes.name(20));
        assertEquals("Application Data", ContentTypes.name(23));
        assertEquals("Connection ID", ContentTypes.name(25));
        assertEquals("ACK", ContentTypes.name(26));
        assertNull(ContentTypes.wiresharkName(26));
        assertEquals("Client Hello", HandshakeTypes.name(1));
        assertEquals("Hello Retry Request", HandshakeTypes.name(6));
        assertEquals("Client Certificate URL", HandshakeTypes.name(21));
        assertEquals("Compressed Certificate", HandshakeTypes.name(25));
        assertEquals("Message Hash", HandshakeTypes.name(254));
        assertNull(HandshakeTypes.wiresharkName(254));
        assertEquals("Client Master Key", Ssl2MessageTypes.name(2));
        assertEquals("Server Hello", Ssl2MessageTypes.name(4));
    }

    @Test
    void cipherSuites() {
        assertEquals("TLS_AES_128_GCM_SHA256", CipherSuites.name(0x1301));
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", CipherSuites.name(0xc02f));
        assertEquals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", CipherSuites.name(0x00ff));
        assertEquals("TLS_FALLBACK_SCSV", CipherSuites.name(0x5600));
        assertEquals("TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC", CipherSuites.name(0xc100));
        assertEquals("TLS_ECCPWD_WITH_AES_128_GCM_SHA256", CipherSuites.name(0xc0b0));
        assertEquals("TLS_SM4_GCM_SM3", CipherSuites.name(0x00c6));
        assertEquals("TLS_PSK_DHE_WITH_AES_128_CCM_8", CipherSuites.name(0xc0aa));
        assertEquals("TLS_AEGIS_256_SHA512", CipherSuites.name(0x1306));
        assertNull(CipherSuites.wiresharkName(0x1306));
        assertNull(CipherSuites.name(0x0047));
        assertEquals("TLS_ECDH_ECDSA_WITH_NULL_SHA", Ssl2CipherSpecs.name(0x000047));
        assertEquals("SSL2_RC4_128_WITH_MD5", Ssl2CipherSpecs.name(0x010080));
        assertEquals("SSL2_DES_192_EDE3_CBC_WITH_MD5", Ssl2CipherSpecs.name(0x0700c0));
        // Missing from Wireshark's SSLv2 table: named through the TLS table, but not for tshark.
        assertEquals("TLS_FALLBACK_SCSV", Ssl2CipherSpecs.name(0x005600));
        assertNull(Ssl2CipherSpecs.wiresharkName(0x005600));
        assertTrue(CipherSuites.TABLE.size() > 400);
    }

    @Test
    void groups() {
        assertEquals("x25519", NamedGroups.name(0x001d));
        assertEquals("secp256r1", NamedGroups.name(0x0017));
        assertEquals("ffdhe2048", NamedGroups.name(0x0100));
        assertEquals("brainpoolP512r1tls13", NamedGroups.name(0x0021));
        assertEquals("GC256A", NamedGroups.name(0x0022));
        assertEquals("curveSM2", NamedGroups.name(0x0029));
        assertEquals("X25519MLKEM768", NamedGroups.name(0x11ec));
        assertNull(NamedGroups.wiresharkName(0x11ec));
        assertEquals("SecP256r1MLKEM768", NamedGroups.name(0x11eb));
        assertEquals("X25519Kyber768Draft00", NamedGroups.name(0x6399));
        assertEquals("arbitrary_explicit_prime_curves", NamedGroups.name(0xff01));
        // tshark 4.0 gives 0x0201 to Open Quantum Safe's frodo640shake; IANA has since assigned MLKEM768.
        assertEquals("frodo640shake", NamedGroups.name(0x0201));
        assertEquals("frodo640shake", NamedGroups.wiresharkName(0x0201));
        assertEquals("MLKEM768", NamedGroups.ianaName(0x0201));
        assertEquals("x25519", NamedGroups.ianaName(0x001d));
        assertEquals("uncompressed", EcPointFormats.name(0));
        assertEquals("ansiX962_compressed_char2", EcPointFormats.name(2));
        assertEquals("named_curve", EcCurveTypes.name(3));
    }

    @Test
    void signatureSchemes() {
        assertEquals("rsa_pss_rsae_sha256", SignatureSchemes.name(0x0804));
        assertEquals("ed25519", SignatureSchemes.name(0x0807));
        assertEquals("ecdsa_secp256r1_sha256", SignatureSchemes.name(0x0403));
        assertEquals("sm2sig_sm3", SignatureSchemes.name(0x0708));
        assertEquals("ecdsa_brainpoolP256r1tls13_sha256", SignatureSchemes.name(0x081a));
        assertEquals("mldsa65", SignatureSchemes.name(0x0905));
        assertEquals("gostr34102012_256a", SignatureSchemes.name(0x0709));
        assertEquals("rsa_pkcs1_sha256_legacy", SignatureSchemes.name(0x0420));
        assertEquals("dsa_sha1_RESERVED", SignatureSchemes.name(0x0202));
        assertEquals("p256_dilithium2", SignatureSchemes.name(0xfea1));
        // tshark 4.0: codes outside its scheme table read as "<hash> <signature>".
        assertEquals("SHA1 DSA", SignatureSchemes.wiresharkName(0x0202));
        assertEquals("SHA224 RSA", SignatureSchemes.wiresharkName(0x0301));
        assertEquals("MD5 Unknown", SignatureSchemes.wiresharkName(0x0109));
        assertEquals("SHA1 SM2", SignatureSchemes.wiresharkName(0x0204));
        assertEquals("Unknown Anonymous", SignatureSchemes.wiresharkName(0xfe00));
        assertEquals("SHA256 Unknown", SignatureSchemes.wiresharkName(0x0420));
        assertEquals("Unknown SM2", SignatureSchemes.wiresharkName(0x0904));
        assertEquals("Unknown Unknown", SignatureSchemes.wiresharkName(0x081a));
        assertEquals("ed25519", SignatureSchemes.wiresharkName(0x0807));
        assertEquals("SHA224 RSA", SignatureSchemes.name(0x0301));
        assertNull(SignatureSchemes.name(0x0b0b));
        assertEquals("SHA256", HashAlgorithms.name(4));
        assertEquals("SM3", HashAlgorithms.name(7));
        assertEquals("Intrinsic", HashAlgorithms.name(8));
        assertNull(HashAlgorithms.wiresharkName(8));
        assertEquals("ECDSA", SignatureAlgorithms.name(3));
        assertEquals("Anonymous", SignatureAlgorithms.name(0));
        assertEquals("ED25519", SignatureAlgorithms.name(7));
        assertNull(SignatureAlgorithms.wiresharkName(7));
    }

    @Test
    void extensions() {
        assertEquals("server_name", ExtensionTypes.name(0));
        assertEquals("application_layer_protocol_negotiation", ExtensionTypes.name(16));
        assertEquals("extended_master_secret", ExtensionTypes.name(23));
        assertEquals("delegated_credentials", ExtensionTypes.name(34));
        assertEquals("session_ticket", ExtensionTypes.name(35));
        assertEquals("Reserved (key_share)", ExtensionTypes.name(40));
        assertEquals("connection_id (deprecated)", ExtensionTypes.name(53));
        assertEquals("quic_transport_parameters", ExtensionTypes.name(57));
        assertEquals("renegotiation_info", ExtensionTypes.name(65281));
        assertEquals("application_settings", ExtensionTypes.name(17513));
        assertEquals("application_settings", ExtensionTypes.name(17613));
        assertNull(ExtensionTypes.wiresharkName(17613));
        assertEquals("encrypted_client_hello", ExtensionTypes.name(65037));
        assertNull(ExtensionTypes.wiresharkName(65037));
        assertEquals("ech_outer_extensions", ExtensionTypes.name(64768));
        assertEquals("tls_flags", ExtensionTypes.name(62));
        assertEquals("next_protocol_negotiation", ExtensionTypes.name(13172));
        assertEquals("encrypted_server_name", ExtensionTypes.name(65486));
        assertEquals("Unknown (0xfffe)", ExtensionTypes.nameOrUnknown(0xfffe));
    }

    @Test
    void alertsAndSmallRegistries() {
        assertEquals("Warning", AlertLevels.name(1));
        assertEquals("Fatal", AlertLevels.name(2));
        assertNull(AlertLevels.name(3));
        assertEquals("Close Notify", AlertDescriptions.name(0));
        assertEquals("Unexpected Message", AlertDescriptions.name(10));
        assertEquals("Bad Record MAC", AlertDescriptions.name(20));
        assertEquals("Handshake Failure", AlertDescriptions.name(40));
        assertEquals("Protocol Version", AlertDescriptions.name(70));
        assertEquals("Unrecognized Name", AlertDescriptions.name(112));
        assertEquals("Certificate Required", AlertDescriptions.name(116));
        assertEquals("No application Protocol", AlertDescriptions.name(120));
        assertEquals("ECH Required", AlertDescriptions.name(121));
        assertNull(AlertDescriptions.name(122));
        assertEquals("null", CompressionMethods.name(0));
        assertEquals("DEFLATE", CompressionMethods.name(1));
        assertEquals("LZS", CompressionMethods.name(64));
        assertEquals("PSK-only key establishment (psk_ke)", PskKeyExchangeModes.name(0));
        assertEquals("PSK with (EC)DHE key establishment (psk_dhe_ke)", PskKeyExchangeModes.name(1));
        assertNull(PskKeyExchangeModes.name(11));
        assertEquals("OCSP", CertificateStatusTypes.name(1));
        assertEquals("OCSP Multi", CertificateStatusTypes.name(2));
        assertEquals("RSA Sign", ClientCertificateTypes.name(1));
        assertEquals("ECDSA Sign", ClientCertificateTypes.name(64));
        assertEquals("GOST R 34.10-2012 512", ClientCertificateTypes.name(68));
        assertEquals("X.509 Certificate", Ssl2CertificateTypes.name(1));
        assertEquals("zlib", CertificateCompressionAlgorithms.name(1));
        assertEquals("brotli", CertificateCompressionAlgorithms.name(2));
        assertEquals("zstd", CertificateCompressionAlgorithms.name(3));
        assertEquals("Peer allowed to send requests", HeartbeatModes.name(1));
        assertEquals("Response", HeartbeatMessageTypes.name(2));
        assertEquals("update_requested", KeyUpdateRequests.name(1));
        assertEquals("host_name", ServerNameTypes.name(0));
        assertEquals("4096", MaxFragmentLengths.name(4));
        assertEquals("PKI Path", CertificateUrlTypes.name(2));
        assertEquals("X.509", CertificateTypes.name(0));
        assertEquals("OpenPGP", CertificateTypes.name(1));
        assertEquals("Raw Public Key", CertificateTypes.name(2));
        assertEquals("SRTP_AEAD_AES_128_GCM", SrtpProtectionProfiles.name(7));
        assertEquals("SRTP_AEAD_ARIA_256_GCM", SrtpProtectionProfiles.name(16));
        assertEquals("DHKEM(X25519, HKDF-SHA256)", HpkeKems.name(0x20));
        assertEquals("HKDF-SHA256", HpkeKdfs.name(1));
        assertEquals("ChaCha20Poly1305", HpkeAeads.name(3));
        assertEquals("Export-only", HpkeAeads.name(0xffff));
        assertEquals("ecdsap256", TokenBindingKeyParameters.name(2));
    }
}
