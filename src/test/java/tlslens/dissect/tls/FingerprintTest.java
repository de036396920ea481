package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.messages.Ja3;
import tlslens.dissect.tls.messages.Ja4;

/**
 * JA3/JA3S against the values tshark 4.0 prints, and JA4 against the values FoxIO published for
 * its tls-handshake.pcapng (python/test/testdata/tls-handshake.pcapng.json of FoxIO-LLC/ja4).
 */
class FingerprintTest {
    @Test
    @UsesPublicCaptures
    void ja4MatchesFoxIosPublishedValues() throws Exception {
        TlsReplay.Result r = HandshakeLogTest.replay("ja4_tls-handshake.pcapng");
        Map<Integer, String[]> expected = Map.of(
                0, new String[] {"t13d1516h2_8daaf6152771_e5627efa2ab1",
                        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,"
                                + "000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,"
                                + "0501,0806,0601"},
                5, new String[] {"t13d1516h1_8daaf6152771_e5627efa2ab1", null},
                6, new String[] {"t13d151400_8daaf6152771_de4a06bb82e3",
                        "t13d151400_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,"
                                + "000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,ff01_0403,0804,0401,0503,0805,0501,"
                                + "0806,0601"},
                31, new String[] {"t13d1517h1_8daaf6152771_6cdcb247c39b", null},
                33, new String[] {"t13d1516h2_8daaf6152771_e5627efa2ab1", null});
        for (Map.Entry<Integer, String[]> e : expected.entrySet()) {
            HelloInfo ch = r.connections().get(e.getKey()).log().clientHellos().get(0);
            assertEquals(e.getValue()[0], Ja4.fingerprint(ch), "stream " + e.getKey());
            if (e.getValue()[1] != null) assertEquals(e.getValue()[1], Ja4.raw(ch), "stream " + e.getKey());
        }
        // And as generated items in the tree.
        assertNotNull(r.frame(1).tls().first("tls.handshake.ja4"));
        assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", r.frame(1).tls().first("tls.handshake.ja4").value());
    }

    @Test
    @UsesPublicCaptures
    void ja3MatchesTshark() throws Exception {
        TlsReplay.Result r = HandshakeLogTest.replay("zeek_tls12-decryption.pcap");
        HelloInfo ch = r.connections().get(0).clientHello();
        assertEquals("771,49200,0-23-65281-10-11-35-16-5-51-43-13-45-28-21,29-23-24-25-256-257,0", Ja3.clientString(ch));
        assertEquals("7850fef8eca29f3f885216d7b8929cb5", Ja3.md5(Ja3.clientString(ch)));
        HelloInfo sh = r.connections().get(0).serverHello();
        assertEquals("771,49200,65281-0-11-35-16-23", Ja3.serverString(sh));
        assertEquals("d154fcfa5bb4f0748e1dd1992c681104", Ja3.md5(Ja3.serverString(sh)));
        assertEquals("7850fef8eca29f3f885216d7b8929cb5", r.frame(4).tls().first("tls.handshake.ja3").value());

        // GREASE values are left out (Chrome, ja4_tls-handshake.pcapng frame 1).
        TlsReplay.Result chrome = HandshakeLogTest.replay("ja4_tls-handshake.pcapng");
        assertEquals("1c258ebef8eee2dfa3df6d8d07285af9",
                chrome.frame(1).tls().first("tls.handshake.ja3").value());

        // SSLv3 without extensions: empty fields.
        TlsReplay.Result ssl3 = HandshakeLogTest.replay("lek_ssl3_dump.pcapng");
        assertEquals("b8cac79389b8d9bb42f02dcfba33ba2d", ssl3.frame(4).tls().first("tls.handshake.ja3").value());
        assertTrue(((String) ssl3.frame(4).tls().first("tls.handshake.ja3_full").value()).endsWith("-255,,,"));
        // Extensions but no groups or point formats.
        TlsReplay.Result nul = HandshakeLogTest.replay("lek_tls_tls-null.pcapng");
        assertEquals("771,59-255,13-15-13172-16,,", nul.frame(4).tls().first("tls.handshake.ja3_full").value());
    }

    @Test
    void ja4Pieces() {
        assertEquals("h2", Ja4.alpnCode("h2"));
        assertEquals("h1", Ja4.alpnCode("http/1.1"));
        assertEquals("00", Ja4.alpnCode(null));
        assertEquals("00", Ja4.alpnCode(""));
        assertEquals("hh", Ja4.alpnCode("h"));
        // Not alphanumeric at either end: first and last hex digit of the value.
        assertEquals("a9", Ja4.alpnCode("\u00ab\u00cd\u00e9"));
        assertEquals("13", Ja4.versionCode(0x0304));
        assertEquals("s3", Ja4.versionCode(0x0300));
        assertEquals("00", Ja4.versionCode(0x1234));
        assertEquals("000000000000", Ja4.hash12(""));

        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        h.legacyVersion = 0x0303;
        h.cipherSuites.addAll(List.of(0x0a0a, 0xc02f, 0x1301));
        h.extensions.addAll(List.of(0x1a1a, 0x0010, 0x002b, 0x000d));
        h.supportedVersions.addAll(List.of(0x2a2a, 0x0304, 0x0303));
        h.signatureAlgorithms.addAll(List.of(0x0403, 0x0804));
        h.alpn.add("h2");
        assertEquals("t13i0203h2_1301,c02f_000d,002b_0403,0804", Ja4.raw(h));
        assertTrue(Ja4.fingerprint(h).startsWith("t13i0203h2_"));
    }
}
