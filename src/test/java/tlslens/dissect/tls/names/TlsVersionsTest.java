package tlslens.dissect.tls.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected strings are what tshark 4.0.17 printed for the public captures (-O tls / -O dtls, Protocol column). */
class TlsVersionsTest {

    @Test
    void names() {
        assertEquals("SSL 2.0", TlsVersions.name(0x0002));
        assertEquals("SSL 3.0", TlsVersions.name(0x0300));
        assertEquals("TLS 1.0", TlsVersions.name(0x0301));
        assertEquals("TLS 1.1", TlsVersions.name(0x0302));
        assertEquals("TLS 1.2", TlsVersions.name(0x0303));
        assertEquals("TLS 1.3", TlsVersions.name(0x0304));
        assertEquals("TLS 1.3 (draft 28)", TlsVersions.name(0x7f1c));
        assertEquals("TLS 1.3 (Facebook draft 23)", TlsVersions.name(0xfb17));
        assertEquals("DTLS 1.0", TlsVersions.name(0xfeff));
        assertEquals("DTLS 1.2", TlsVersions.name(0xfefd));
        assertEquals("DTLS 1.0 (OpenSSL pre 0.9.8f)", TlsVersions.name(0x0100));
        assertEquals("GMTLS", TlsVersions.name(0x0101));
        assertEquals("Reserved (GREASE)", TlsVersions.name(0x7a7a));
        // DTLS 1.3 is IANA's; tshark 4.0 prints "Supported Version: Unknown (0xfefc)" (zeek_dtls13-wolfssl.pcap).
        assertEquals("DTLS 1.3", TlsVersions.name(0xfefc));
        assertNull(TlsVersions.wiresharkName(0xfefc));
        assertEquals("Unknown (0x0305)", TlsVersions.nameOrUnknown(0x0305));
    }

    @Test
    void protocolColumnAndRecordLayer() {
        assertEquals("SSLv2", TlsVersions.columnName(0x0002));
        assertEquals("SSLv3", TlsVersions.columnName(0x0300));
        assertEquals("TLSv1", TlsVersions.columnName(0x0301));
        assertEquals("TLSv1.1", TlsVersions.columnName(0x0302));
        assertEquals("TLSv1.2", TlsVersions.columnName(0x0303));
        assertEquals("TLSv1.3", TlsVersions.columnName(0x0304));
        assertEquals("TLS", TlsVersions.columnName(0x7f1c));
        assertEquals("DTLSv1.0", TlsVersions.dtlsColumnName(0xfeff));
        assertEquals("DTLSv1.2", TlsVersions.dtlsColumnName(0xfefd));
        assertEquals("DTLS", TlsVersions.dtlsColumnName(0xfefc));
        assertEquals("TLSv1 Record Layer", TlsVersions.recordLayerName(0x0301));
        assertEquals("TLSv1.2 Record Layer", TlsVersions.recordLayerName(0x0303));
        assertEquals("TLSv1.3 Record Layer", TlsVersions.recordLayerName(0x0304));
        assertEquals("SSLv3 Record Layer", TlsVersions.recordLayerName(0x0300));
        assertEquals("SSLv2 Record Layer", TlsVersions.recordLayerName(0x0002));
        assertEquals("DTLSv1.0 Record Layer", TlsVersions.dtlsRecordLayerName(0xfeff));
        assertEquals("DTLS Record Layer", TlsVersions.dtlsRecordLayerName(0xfefc));
        assertEquals("GMTLSv1", TlsVersions.shortName(0x0101));
        assertNull(TlsVersions.shortName(0x0a0a));
    }

    @Test
    void dtls() {
        assertTrue(TlsVersions.isDtls(0xfeff));
        assertTrue(TlsVersions.isDtls(0xfefd));
        assertTrue(TlsVersions.isDtls(0xfefc));
        assertTrue(TlsVersions.isDtls(0x0100));
        assertFalse(TlsVersions.isDtls(0x0303));
    }
}
