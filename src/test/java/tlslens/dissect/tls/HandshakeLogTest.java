package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.dissect.DataSource;
import tlslens.dissect.Expert;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.tls.base.HelloInfo;

/** What the connection remembers for the connection model, checked on real captures. */
@UsesPublicCaptures
class HandshakeLogTest {
    static TlsReplay.Result replay(String name) throws Exception {
        Path cap = TlsTsharkAgreementTest.CAPTURES.resolve(name);
        assertTrue(Files.isRegularFile(cap), "missing capture " + cap.toAbsolutePath());
        return TlsReplay.replay(cap);
    }

    static List<String> summary(HandshakeLog log) {
        return log.messages().stream()
                .map(m -> m.frame() + "/" + m.direction() + " " + m.name() + (m.encrypted() ? " (enc)" : ""))
                .toList();
    }

    @Test
    void fullTls12Handshake() throws Exception {
        TlsConnection c = replay("zeek_tls12-decryption.pcap").connections().get(0);
        assertEquals(List.of("4/0 Client Hello", "6/1 Server Hello", "6/1 Certificate", "6/1 Server Key Exchange",
                "6/1 Server Hello Done", "8/0 Client Key Exchange", "8/0 Encrypted Handshake Message (enc)",
                "9/1 New Session Ticket", "9/1 Encrypted Handshake Message (enc)"), summary(c.log()));
        assertEquals(0x0303, c.version());
        assertEquals(0xc030, c.cipherSuite());
        assertEquals(1, c.serverDirection());
        assertEquals(2, c.log().changeCipherSpecs().size());
        assertEquals(2, c.log().serverCertificates().size());
        assertEquals(0x30, c.log().serverCertificates().get(0)[0] & 0xff);
        HandshakeLog.Ticket t = c.log().tickets().get(0);
        assertEquals(300, t.lifetime());
        assertEquals(208, t.ticket().length);
        assertFalse(t.tls13());
        assertEquals("heise.de", c.clientHello().sni);
        assertArrayEquals(HexFormat.of().parseHex("a73fd3e296a0c40f573b69153daef2a35a93c31ae485b6af10b7457d2d1490ae"),
                c.clientHello().sessionId);
        assertTrue(c.changedCipherSpec(0) && c.changedCipherSpec(1));
        assertEquals(2, c.applicationDataRecords(0) + c.applicationDataRecords(1));
        // The encrypted close_notify.
        assertEquals(1, c.log().alerts().size());
        assertTrue(c.log().alerts().get(0).encrypted());
    }

    @Test
    void plaintextFatalAlert() throws Exception {
        TlsConnection c = replay("zeek_tls-1.2-handshake-failure.pcap").connections().get(0);
        HandshakeLog.Alert a = c.log().alerts().get(0);
        assertEquals(2, a.level());
        assertEquals(40, a.description());
        assertFalse(a.encrypted());
        assertEquals(1, a.direction());
    }

    @Test
    void helloRetryRequest() throws Exception {
        TlsConnection c = replay("zeek_hrr.pcap").connections().get(0);
        assertEquals(2, c.log().clientHellos().size());
        assertEquals(HelloInfo.Kind.HELLO_RETRY_REQUEST, c.log().serverHellos().get(0).kind);
        assertEquals(0x0304, c.version());
        assertTrue(summary(c.log()).contains("6/1 Hello Retry Request"));
        // TLS 1.3 ChangeCipherSpecs are dummies: they do not make later handshake records "encrypted".
        assertFalse(c.changedCipherSpec(0));
        assertTrue(summary(c.log()).contains("8/0 Client Hello"));
    }

    @Test
    void ssl2Handshake() throws Exception {
        TlsConnection c = replay("zeek_ssl-v2.pcap").connections().get(0);
        assertEquals(0x0002, c.version());
        List<String> s = summary(c.log());
        assertEquals("4/0 Client Hello", s.get(0));
        assertEquals("6/1 Server Hello", s.get(1));
        assertEquals("8/0 Client Master Key", s.get(2));
        assertEquals(0x0002, c.clientHello().legacyVersion);
        assertEquals(32, c.clientHello().random.length);
    }

    @Test
    void ssl2CompatibleClientHelloThenTls10() throws Exception {
        TlsConnection c = replay("zeek_ssl.v3.pcap").connections().get(0);
        assertEquals(0x0301, c.version());
        assertEquals(0x0301, c.clientHello().legacyVersion);
        assertEquals(20, c.clientHello().cipherSuites.size());
        assertEquals(0x0004, c.cipherSuite());
    }

    @Test
    void resumptionIsNotedOnTheServersChangeCipherSpec() throws Exception {
        TlsReplay.Result r = replay("zeek_http_connect-with-header.pcap");
        TlsReplay.Frame f = r.frame(11);
        List<String> experts = new java.util.ArrayList<>();
        f.tls().walk(n -> { for (Expert e : n.experts()) experts.add(e.message()); });
        assertEquals(List.of("This session reuses previously negotiated keys (Session resumption)"), experts);
    }

    @Test
    void reassembledCertificateMapsBackToItsFrames() throws Exception {
        TlsReplay.Result r = replay("zeek_tls-fragmented-handshake.pcap");
        TlsConnection c = r.connections().get(0);
        HandshakeLog.Message cert = c.log().messages().stream().filter(m -> m.type() == 11).findFirst().orElseThrow();
        assertEquals(410, cert.frame());
        assertEquals(339_633, cert.length());
        assertEquals(1, c.log().serverCertificates().size());
        assertEquals(339_623, c.log().serverCertificates().get(0).length);
        TlsReplay.Frame f = r.frame(410);
        DataSource src = f.fd().sources().stream().filter(s -> s.name().startsWith("Reassembled TLS Handshake"))
                .findFirst().orElseThrow();
        assertEquals("Reassembled TLS Handshake (339633 bytes)", src.name());
        assertEquals(339_633, src.length());
        // Every byte maps back to a frame: the first record came in TCP segments from frame 6 on
        // (tshark: "[12 Reassembled TCP Segments (16389 bytes): #6(1354), ...]"); the last ends in 410.
        int covered = 0;
        for (DataSource.Chunk ch : src.chunks()) covered += ch.length();
        assertEquals(339_633, covered);
        assertEquals(6, src.chunks().get(0).frameNumber());
        assertEquals(410, src.chunks().get(src.chunks().size() - 1).frameNumber());
        for (DataSource.Chunk ch : src.chunks()) assertTrue(ch.frameOffset() >= 54, "inside the TCP payload");
        // The certificate item points into the reassembled source.
        ProtoNode item = f.tls().first("tls.handshake.certificate");
        assertNotNull(item);
        assertEquals(f.fd().sources().indexOf(src), item.source);
        // The following frame goes on normally.
        assertEquals("Server Key Exchange, Server Hello Done", r.frame(411).fd().info());
    }

    @Test
    void nullCipherFinishedIsReadable() throws Exception {
        TlsReplay.Result r = replay("lek_tls_tls-null.pcapng");
        assertEquals("Client Key Exchange, Change Cipher Spec, Finished", r.frame(8).fd().info());
        TlsConnection c = r.connections().values().iterator().next();
        assertTrue(summary(c.log()).contains("8/0 Finished"));
        assertEquals("Alert (Level: Warning, Description: Close Notify)", r.frame(14).fd().info());
    }
}
