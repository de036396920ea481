package tlslens.analysis;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The public captures of /work/shared/captures/public that show resumption and failures, with
 * what SOURCES.md says about them (classified there with tshark). They must be present: a
 * missing capture fails the test.
 */
@UsesPublicCaptures
class PublicCapturesTest {

    static List<Connection> tls(String name) {
        List<Connection> out = new ArrayList<>();
        for (Connection c : Captures.model(Captures.publicCapture(name))) if (c.tls()) out.add(c);
        return out;
    }

    static List<String> names(List<SkippedMessage> skipped) {
        return skipped.stream().map(SkippedMessage::message).toList();
    }

    @Test
    void httpConnectTunnelResumesBySessionId() {
        List<Connection> tls = tls("zeek_http_connect-with-header.pcap");
        assertEquals(1, tls.size());
        Connection c = tls.get(0);
        assertEquals("TLS 1.2", c.version());
        assertEquals("TLS_RSA_WITH_3DES_EDE_CBC_SHA", c.cipherSuite());
        assertEquals("secure.newegg.com", c.sni());
        assertEquals(Resumption.SESSION_ID, c.resumption());
        assertEquals(List.of("session_id"), c.resumptionOffered());
        assertNull(c.resumedFrom());
        assertEquals("session " + ConnectionAnalyzer.OUTSIDE, c.resumedFromReason());
        assertTrue(c.established());
        assertEquals(1, c.roundTrips());
        // RSA key exchange: no ServerKeyExchange; the original is not here, so no sizes.
        assertEquals(List.of("Certificate", "Server Hello Done", "Client Key Exchange"), names(c.skipped()));
        assertNull(c.skippedBytes());
        assertEquals(1, c.roundTripsSaved());
        assertTrue(c.server().endsWith(":80"), "TLS inside HTTP CONNECT on port 80: " + c.server());
        assertTrue(c.client().startsWith("[::1]:"), c.client());
    }

    @Test
    void gtpTunnelResumesTls10BySessionId() {
        List<Connection> tls = tls("zeek_tunnels_gtp_gtp6_gtp_0x32.pcap");
        assertEquals(1, tls.size());
        Connection c = tls.get(0);
        assertEquals("TLS 1.0", c.version());
        assertEquals("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", c.cipherSuite());
        assertEquals(Resumption.SESSION_ID, c.resumption());
        assertNull(c.resumedFrom());
        assertEquals("session " + ConnectionAnalyzer.OUTSIDE, c.resumedFromReason());
        assertEquals(List.of("Certificate", "Server Key Exchange", "Server Hello Done", "Client Key Exchange"),
                names(c.skipped()));
        assertTrue(c.server().endsWith(":5228"), c.server());
        // ServerHello, ChangeCipherSpec and Finished in one segment, then the client's answer.
        assertEquals(List.of("Client Hello", "Server Hello", "Change Cipher Spec", "Encrypted Handshake Message",
                "Change Cipher Spec", "Encrypted Handshake Message"),
                c.handshake().stream().map(HandshakeStep::message).toList());
    }

    @Test
    void tls13PskResumptionFromOutsideTheCapture() {
        List<Connection> tls = tls("zeek_tls13_psk_succesfull.pcap");
        assertEquals(1, tls.size());
        Connection c = tls.get(0);
        assertEquals("TLS 1.3", c.version());
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", c.cipherSuite());
        assertEquals(Resumption.PSK, c.resumption());
        assertTrue(c.resumptionOffered().contains("psk"));
        assertNull(c.resumedFrom());
        // No earlier TLS 1.3 connection here: the ticket cannot be from this capture.
        assertEquals("ticket " + ConnectionAnalyzer.OUTSIDE, c.resumedFromReason());
        assertEquals(List.of("Certificate", "Certificate Verify"), names(c.skipped()));
        assertTrue(c.skipped().stream().allMatch(s -> s.bytes() == null), "encrypted: sizes unknown");
        assertTrue(List.of("psk_dhe_ke", "psk_ke").contains(c.pskMode()), c.pskMode());
        assertTrue(c.established());
    }

    @Test
    void ja4LatestHasOnePskResumptionAndFullTls12Handshakes() {
        List<Connection> all = Captures.model(Captures.publicCapture("ja4_latest.pcapng"));
        List<Connection> psk = all.stream().filter(c -> c.resumption() == Resumption.PSK).toList();
        assertEquals(1, psk.size(), "SOURCES.md: 1 is a TLS1.3 PSK resumption");
        assertEquals("TLS 1.3", psk.get(0).version());
        List<Connection> full12 = all.stream()
                .filter(c -> "TLS 1.2".equals(c.version()) && c.resumption() == Resumption.NONE).toList();
        assertEquals(4, full12.size(), "SOURCES.md: 4 are TLS1.2 full handshakes");
        for (Connection c : full12) {
            assertTrue(c.cipherSuite().startsWith("TLS_ECDHE_RSA_WITH_AES_"), c.cipherSuite());
            assertTrue(c.cipherSuite().contains("_GCM_"), c.cipherSuite());
            assertEquals(2, c.roundTrips(), c.toString());
        }
        // The other TCP connections are in the array too, in order of first packet, with nulls.
        for (int i = 0; i < all.size(); i++) assertEquals(i, all.get(i).index());
        Connection plain = all.stream().filter(c -> !c.tls()).findFirst().orElseThrow();
        assertNull(plain.version());
        assertTrue(plain.handshake().isEmpty());
    }

    @Test
    void refusedSessionIdOffersAreFindings() {
        // Each connection offers the previous one's session id; the server does a full handshake each time.
        List<Connection> tls = tls("zeek_ssl.v3.pcap");
        assertEquals(3, tls.size());
        for (int i = 1; i < 3; i++) {
            Connection c = tls.get(i);
            assertEquals(Resumption.NONE, c.resumption());
            assertEquals(List.of("session_id"), c.resumptionOffered());
            assertTrue(c.findings().contains("client offered a session id issued by connection " + tls.get(i - 1).index()
                    + ", server did a full handshake"), c.findings().toString());
        }
        assertEquals(List.of(), tls.get(0).resumptionOffered());
    }

    @Test
    void failedHandshakeAndRenegotiation() {
        Connection failed = tls("zeek_tls-1.2-handshake-failure.pcap").get(0);
        assertFalse(failed.established());
        assertNull(failed.version());
        assertNull(failed.handshakeMs());
        assertEquals("Handshake Failure", failed.alerts().get(0).description());
        assertFalse(failed.alerts().get(0).fromClient());
        assertTrue(failed.findings().contains("handshake failed: fatal alert Handshake Failure from the server"),
                failed.findings().toString());

        Connection reneg = tls("lek_tls_imap-ssl.pcapng").get(0);
        assertTrue(reneg.established());
        assertTrue(reneg.findings().stream().anyMatch(f -> f.endsWith("after the handshake completed (renegotiation)")),
                reneg.findings().toString());
    }

    @Test
    void helloRetryRequestCostsARoundTrip() {
        Connection c = tls("zeek_hrr.pcap").get(0);
        assertTrue(c.helloRetryRequest());
        assertEquals("TLS_AES_256_GCM_SHA384", c.cipherSuite());
        assertEquals("secp256r1", c.group());
        assertEquals(2, c.roundTrips());
    }
}
