package tlslens.dissect.tls;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TlsRecordFramerTest {
    static byte[] hex(String s) { return HexFormat.of().parseHex(s.replace(" ", "")); }

    @Test
    void tlsHeaderGivesTotalLength() {
        byte[] b = hex("16 03 01 00 05 01 00 00 01 00");
        assertEquals(10, TlsRecordFramer.recordLength(b, 0, b.length, false));
        // The length is known from the header alone; the body may still be arriving.
        assertEquals(10, TlsRecordFramer.recordLength(b, 0, 5, false));
    }

    @Test
    void partialHeaderNeedsMoreBytes() {
        byte[] b = hex("17 03 03 01 00");
        assertEquals(0, TlsRecordFramer.recordLength(b, 0, 1, false));
        assertEquals(0, TlsRecordFramer.recordLength(b, 0, 2, false));
        assertEquals(0, TlsRecordFramer.recordLength(b, 0, 4, false));
        assertEquals(0, TlsRecordFramer.recordLength(b, 0, 0, false));
    }

    @Test
    void implausibleHeadersAreRejected() {
        assertEquals(-1, TlsRecordFramer.recordLength(hex("13 03 03 00 10"), 0, 5, false)); // type 19
        assertEquals(-1, TlsRecordFramer.recordLength(hex("1a 03 03 00 10"), 0, 5, false)); // type 26
        assertEquals(-1, TlsRecordFramer.recordLength(hex("17 02 03 00 10"), 0, 5, false)); // major 2
        assertEquals(-1, TlsRecordFramer.recordLength(hex("17 fe fd 00 10"), 0, 5, false)); // DTLS
        // Past 2^14 + 2048 a record is still framed (tshark dissects it and flags the length: OversizedRecordTest).
        assertEquals(5 + 0x4801, TlsRecordFramer.recordLength(hex("17 03 03 48 01"), 0, 5, false));
        assertEquals(5 + 0x4800, TlsRecordFramer.recordLength(hex("17 03 03 48 00"), 0, 5, false));
        assertEquals(-1, TlsRecordFramer.recordLength(hex("47 45 54 20 2f"), 0, 5, true)); // "GET /"
    }

    @Test
    void ssl2HeadersOnlyWhenAllowed() {
        // SSLv2-format ClientHello from zeek_ssl.v3.pcap: 2-byte header, length 0x55.
        byte[] ch = hex("80 55 01 03 01 00 3c 00 00 00 10");
        assertEquals(2 + 0x55, TlsRecordFramer.recordLength(ch, 0, ch.length, true));
        assertEquals(-1, TlsRecordFramer.recordLength(ch, 0, ch.length, false));
        // 3-byte header (escape bit, padding length).
        byte[] padded = hex("40 20 08");
        assertEquals(3 + 0x20, TlsRecordFramer.recordLength(padded, 0, 3, true));
        assertEquals(0, TlsRecordFramer.recordLength(padded, 0, 2, true));
        assertEquals(-1, TlsRecordFramer.recordLength(hex("00 04 08"), 0, 3, true)); // padding > length
    }

    @Test
    void offsetsAndBoundsAreHonoured() {
        byte[] b = hex("ff ff 15 03 03 00 02 02 28");
        assertEquals(7, TlsRecordFramer.recordLength(b, 2, 7, false));
        assertEquals(7, TlsRecordFramer.recordLength(b, 2, 100, false)); // avail clamped to the array
        assertEquals(-1, TlsRecordFramer.recordLength(b, 20, 5, false));
        assertEquals(0, TlsRecordFramer.recordLength(null, 0, 0, false));
    }

    @Test
    void looksLikeHello() {
        // Start of a TLS 1.0 record with a ClientHello (zeek_tls12-decryption.pcap frame 4).
        byte[] ch = hex("16 03 01 02 00 01 00 01 fc 03 03 4d 98 94 0f");
        assertTrue(TlsRecordFramer.looksLikeHello(ch, 0, ch.length));
        assertTrue(TlsRecordFramer.looksLikeHello(ch, 0, 6));
        // A ServerHello.
        assertTrue(TlsRecordFramer.looksLikeHello(hex("16 03 03 00 54 02 00 00 50 03 03"), 0, 11));
        // Not hellos: application data, a Certificate, text, too short.
        assertFalse(TlsRecordFramer.looksLikeHello(hex("17 03 03 00 54 02 00 00 50 03 03"), 0, 11));
        assertFalse(TlsRecordFramer.looksLikeHello(hex("16 03 03 09 90 0b 00 09 8c 00 09"), 0, 11));
        assertFalse(TlsRecordFramer.looksLikeHello(hex("32 32 30 20 72 65 61 64 79"), 0, 9));
        assertFalse(TlsRecordFramer.looksLikeHello(hex("16 03"), 0, 2));
        // SSLv2-format ClientHello offering TLS 1.0 (zeek_ssl.v3.pcap) and an SSLv2 one (zeek_ssl-v2.pcap).
        byte[] v2 = new byte[2 + 0x55];
        System.arraycopy(hex("80 55 01 03 01 00 3c 00 00 00 10"), 0, v2, 0, 11);
        assertTrue(TlsRecordFramer.looksLikeHello(v2, 0, v2.length));
        byte[] v2b = new byte[2 + 0x2e];
        System.arraycopy(hex("80 2e 01 00 02 00 15 00 00 00 10"), 0, v2b, 0, 11);
        assertTrue(TlsRecordFramer.looksLikeHello(v2b, 0, v2b.length));
        // SSLv2 SERVER-HELLO.
        assertTrue(TlsRecordFramer.looksLikeHello(hex("83 b4 04 00 01 00 02 03 87 00 12"), 0, 11));
    }

    @Test
    void resyncFindsTheNextHeader() {
        // Garbage, then an alert record followed by an application data header.
        byte[] b = hex("00 11 22 16 99 15 03 03 00 02 02 28 17 03 03 00 10");
        assertEquals(5, TlsRecordFramer.resync(b, 0, b.length));
        assertEquals(12, TlsRecordFramer.resync(b, 6, b.length));
        assertEquals(-1, TlsRecordFramer.resync(b, 13, b.length));
        assertEquals(-1, TlsRecordFramer.resync(hex("00 00 00"), 0, 3));
        // A header cut by the end of the data is still a candidate.
        assertEquals(1, TlsRecordFramer.resync(hex("00 17 03"), 0, 3));
    }
}
