package tlslens.dissect.tls;

import static org.junit.jupiter.api.Assertions.*;
import static tlslens.dissect.tls.TlsFeed.hex;
import static tlslens.dissect.tls.TlsFeed.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.HelloInfo;

/** The TLS 1.3 example handshakes of RFC 8448 (sections 3 and 5), dissected and checked. */
class Rfc8448Test {
    // RFC 8448 section 3, "Simple 1-RTT Handshake".
    static final byte[] CH = hex("""
            010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000
            000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024001d
            002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e0403050306030203
            08040805080604010501060102010402050206020202002d00020101001c00024001""");
    static final byte[] SH = hex("""
            020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c982
            8876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304""");
    static final byte[] EE = hex("080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000");
    // RFC 8448 section 5, "HelloRetryRequest".
    static final byte[] CH1 = hex("""
            010000b00303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee9258a346677b6f000006130113031302010000810000
            000b0009000006736572766572ff01000100000a00080006001d00170018003300260024001d0020e8e8e3f3b93a25ed97a14a7dcacb8a
            272c6288e585c6484d05262fcad062ad1f002b0003020304000d0020001e04030503060302030804080508060401050106010201040205
            0206020202002d00020101001c00024001""");
    static final byte[] HRR = hex("""
            020000ac0303cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c001301000084003300020017002c0074
            007271dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd0030953f4edf625636e5f21bb2e23fcc654b1b5b
            40318d10d137abcbb87574e36e8a1f025f7dfa5d6e50781b5eda4aa15b0c8be778257d16aa3030e9e7841dd9e4c0342267e8ca0caf571
            fb2b7cff0f934b0002b00020304""");
    static final byte[] SH2 = hex("""
            020000770303bb341d847fd789c47c387172dc0c9bf147fccacb5043d86ca4c598d3ff571b9800130100004f00330045001700410458
            3e054b7a66672ae020ad9d2686fcc85b5ad41a134a0f03ee72b893052bd85b4c8de6776f5b04ac07d83540eab3e3d9c547bc6528c4317d
            294686093a6cad7d002b00020304""");

    @Test
    void vectorsHaveTheirDeclaredLengths() {
        assertEquals(196, CH.length);
        assertEquals(90, SH.length);
        assertEquals(180, CH1.length);
        assertEquals(4 + 0xac, HRR.length);
        assertEquals(4 + 0x77, SH2.length);
    }

    @Test
    void simpleOneRttHandshake() throws Exception {
        TlsFeed feed = new TlsFeed();
        FrameDissection f1 = feed.frame(0, record(22, 0x0301, CH));
        assertEquals("TLSv1", f1.protocol());
        assertEquals("Client Hello", f1.info());
        List<String> l = feed.trimmed();
        assertEquals("TLSv1 Record Layer: Handshake Protocol: Client Hello", l.get(0));
        assertTrue(l.contains("Length: 192"));
        assertTrue(l.contains("Version: TLS 1.2 (0x0303)"));
        assertTrue(l.contains("Random: cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"));
        assertTrue(l.contains("GMT Unix Time: Jan 12, 2078 20:01:53.000000000 UTC"), l.toString());
        assertTrue(l.contains("Cipher Suites (3 suites)"));
        assertTrue(l.contains("Cipher Suite: TLS_CHACHA20_POLY1305_SHA256 (0x1303)"));
        assertTrue(l.contains("Compression Method: null (0)"));
        assertTrue(l.contains("Extension: server_name (len=11)"));
        assertTrue(l.contains("[JA3 Fullstring: 771,4865-4867-4866,0-65281-10-35-51-43-13-45-28,29-23-24-25-256-257-258-259-260,]"),
                l.toString());
        String ja4Ciphers = "1301,1302,1303";
        String ja4Exts = "000a,000d,001c,0023,002b,002d,0033,ff01_0403,0503,0603,0203,0804,0805,0806,0401,0501,0601,0201,"
                + "0402,0502,0602,0202";
        assertTrue(l.contains("[JA4: t13d030900_" + sha12(ja4Ciphers) + "_" + sha12(ja4Exts) + "]"), l.toString());
        assertTrue(l.contains("[JA4_r: t13d030900_" + ja4Ciphers + "_" + ja4Exts + "]"));

        FrameDissection f2 = feed.frame(1, record(22, 0x0303, SH));
        assertEquals("TLSv1.3", f2.protocol());
        assertEquals("Server Hello", f2.info());
        l = feed.trimmed();
        // The record label shows the version known when the record began; the session is 1.3 after it.
        assertEquals("TLSv1.2 Record Layer: Handshake Protocol: Server Hello", l.get(0));
        assertTrue(l.contains("Random: a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928"));
        assertFalse(l.stream().anyMatch(s -> s.startsWith("GMT Unix Time")), "no time in a TLS 1.3 random");
        assertTrue(l.contains("Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)"));
        assertTrue(l.contains("[JA3S Fullstring: 771,4865,51-43]"));
        assertEquals(0x0304, feed.conn.version());
        assertEquals(0x1301, feed.conn.cipherSuite());

        // The rest is encrypted: outer type 23, "Opaque Type".
        FrameDissection f3 = feed.frame(1, record(23, 0x0303, new byte[64]));
        assertEquals("TLSv1.3", f3.protocol());
        assertEquals("Application Data", f3.info());
        l = feed.trimmed();
        assertEquals("TLSv1.3 Record Layer: Application Data Protocol: Hypertext Transfer Protocol", l.get(0));
        assertEquals("Opaque Type: Application Data (23)", l.get(1));

        HandshakeLog log = feed.conn.log();
        assertEquals(List.of(1, 2), log.messages().stream().map(HandshakeLog.Message::type).toList());
        assertEquals("server", log.clientHellos().get(0).sni);
        assertEquals(HelloInfo.Kind.SERVER_HELLO, log.serverHellos().get(0).kind);
    }

    @Test
    void helloRetryRequest() {
        TlsFeed feed = new TlsFeed();
        feed.frame(0, record(22, 0x0301, CH1));
        FrameDissection f = feed.frame(1, record(22, 0x0303, HRR));
        assertEquals("Hello Retry Request", f.info());
        assertEquals("TLSv1.3", f.protocol());
        List<String> l = feed.trimmed();
        assertEquals("TLSv1.2 Record Layer: Handshake Protocol: Hello Retry Request", l.get(0));
        assertTrue(l.contains("Handshake Protocol: Hello Retry Request"));
        assertTrue(l.contains("Handshake Type: Server Hello (2)"));
        assertTrue(l.contains("Random: cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c (HelloRetryRequest magic)"));
        assertEquals(HelloInfo.Kind.HELLO_RETRY_REQUEST, feed.conn.serverHello().kind);

        // The second ClientHello is still plaintext and is dissected, in a TLS 1.3 session.
        byte[] ch2 = hex("""
                010001fc0303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee9258a346677b6f000006130113031302010001cd00
                00000b0009000006736572766572ff01000100000a00080006001d001700180033004700450017004104a6da7392ec591e17abfd53
                5964b99894d13befb221b3def2ebe3830eac8f0151812677c4d6d2237e85cf01d6910cfb83954e76ba7352830534159897e806578
                0002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002c0074007271dcd0
                4bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd0030953f4edf625636e5f21bb2e23fcc654b1b5b40318d10
                d137abcbb87574e36e8a1f025f7dfa5d6e50781b5eda4aa15b0c8be778257d16aa3030e9e7841dd9e4c0342267e8ca0caf571fb2b
                7cff0f934b0002d00020101001c00024001001500af""" + "00".repeat(0xaf));
        assertEquals(4 + 0x1fc, ch2.length);
        f = feed.frame(0, record(22, 0x0303, ch2));
        assertEquals("Client Hello", f.info());
        l = feed.trimmed();
        assertEquals("TLSv1.3 Record Layer: Handshake Protocol: Client Hello", l.get(0));
        assertFalse(l.stream().anyMatch(s -> s.startsWith("GMT Unix Time")));
        assertTrue(l.contains("Extension: cookie (len=116)"), l.toString());

        f = feed.frame(1, record(22, 0x0303, SH2));
        assertEquals("Server Hello", f.info());
        assertEquals(HelloInfo.Kind.SERVER_HELLO, feed.conn.serverHello().kind);
        assertEquals(2, feed.conn.log().clientHellos().size());
        assertEquals(2, feed.conn.log().serverHellos().size());
    }

    /** EncryptedExtensions as it is after decryption (RFC 8448 section 3), through the message dissector. */
    @Test
    void encryptedExtensionsBody() {
        TestContext c = new TestContext(0x0304, true);
        ProtoNode record = ProtoNode.root();
        Tvb tvb = new Tvb(EE, 0);
        HandshakeDissector.dissectMessage(c, c, record, tvb, 0, 0x0304, true);
        List<String> l = new ArrayList<>();
        for (ProtoNode n : record.children()) TlsTreeText.render(n, 0, l);
        List<String> t = l.stream().map(String::trim).toList();
        assertEquals("Handshake Protocol: Encrypted Extensions", t.get(0));
        assertTrue(t.contains("Handshake Type: Encrypted Extensions (8)"));
        assertTrue(t.contains("Length: 36"));
        assertTrue(t.contains("Extensions Length: 34"));
        assertTrue(t.contains("Extension: supported_groups (len=20)"));
        assertTrue(t.contains("Extension: record_size_limit (len=2)"));
        assertTrue(t.contains("Extension: server_name (len=0)"));
        assertEquals("Encrypted Extensions", c.fd.info());
    }

    static String sha12(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(d).substring(0, 12);
    }

    /** A minimal connection context for dissecting single messages. */
    static final class TestContext implements HandshakeContext, HandshakeDissector.RecordSink {
        final FrameDissection fd = new FrameDissection(1, Instant.EPOCH, new byte[0]);
        final int version;
        final boolean fromServer;
        int cipherSuite = -1;
        final List<String> events = new ArrayList<>();

        TestContext(int version, boolean fromServer) {
            this.version = version;
            this.fromServer = fromServer;
        }

        @Override public FrameDissection frame() { return fd; }
        @Override public int sessionVersion() { return version; }
        @Override public int tls13Draft() { return 0; }
        @Override public int cipherSuite() { return cipherSuite; }
        @Override public boolean fromServer() { return fromServer; }
        @Override public void onClientHello(HelloInfo hello) { events.add("CH"); }
        @Override public void onServerHello(HelloInfo hello, boolean hrr) { events.add(hrr ? "HRR" : "SH"); }
        @Override public void onSessionTicket(byte[] ticket, long lifetime, boolean tls13) {
            events.add("ticket " + ticket.length + " " + lifetime + " " + tls13);
        }
        @Override public void onServerHelloDone() { events.add("SHD"); }
        @Override public void onEncryptedExtensions(HelloInfo ee) { events.add("EE"); }
        @Override public void message(int type, int length, boolean encrypted) {
            events.add("msg " + type + " " + length + (encrypted ? " enc" : ""));
        }
        @Override public void serverVersion(int v) { events.add("version " + v); }
        @Override public void certificates(List<byte[]> chain) { events.add("certs " + chain.size()); }
    }
}
