package tlslens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tlslens.capture.RawFrame;

/**
 * Resumption lineage and what a resumption skipped, on our captures and on captures re-cut from
 * their real frames (a connection replayed on another client port reuses its ticket; a resumption
 * without its full handshake presents a ticket from outside the capture).
 */
class LineageTest {
    static final Set<String> SKIPPABLE = Set.of("Certificate", "Certificate Status", "Server Key Exchange",
            "Certificate Request", "Server Hello Done", "Client Key Exchange", "Certificate Verify");

    /** The full handshake's messages that an abbreviated handshake does without, as the model lists them. */
    static List<SkippedMessage> expectedSkipped(Connection full) {
        List<SkippedMessage> out = new ArrayList<>();
        for (HandshakeStep s : full.handshake()) {
            if (s.kind() == HandshakeStep.Kind.MESSAGE && !s.encrypted() && SKIPPABLE.contains(s.message())) {
                out.add(new SkippedMessage(s.handshakeType(), s.contentType(), s.fromClient(), s.bytes()));
            }
        }
        return out;
    }

    @Test
    void ticketResumptionSkipsWhatTheFirstConnectionHad() {
        List<Connection> m = Captures.model(Captures.OURS.resolve("tls12_full_then_ticket.pcapng"));
        Connection full = m.get(0);
        Connection resumed = m.get(1);
        List<SkippedMessage> expected = expectedSkipped(full);
        assertEquals(List.of("Certificate", "Server Key Exchange", "Server Hello Done", "Client Key Exchange"),
                expected.stream().map(SkippedMessage::message).toList(), "issue 4's example");
        assertEquals(expected, resumed.skipped());
        assertEquals(expected.stream().mapToInt(SkippedMessage::bytes).sum(), resumed.skippedBytes());
        assertEquals(full.roundTrips() - resumed.roundTrips(), resumed.roundTripsSaved());
        assertEquals(1, resumed.roundTripsSaved());
        assertEquals(full.index(), resumed.resumedFrom());
        // The abbreviated handshake: ServerHello, then the server's ChangeCipherSpec and Finished first.
        List<String> order = resumed.handshake().stream().map(HandshakeStep::message).toList();
        assertEquals(List.of("Client Hello", "Server Hello", "Change Cipher Spec", "Encrypted Handshake Message",
                "Change Cipher Spec", "Encrypted Handshake Message"), order);
        assertEquals(List.of(false, false, false, false, true, true),
                resumed.handshake().stream().map(s -> s.fromClient() && !s.message().equals("Client Hello")).toList());
        // Handshake time: first ClientHello to the client's Finished, the last message here.
        HandshakeStep last = resumed.handshake().get(resumed.handshake().size() - 1);
        assertEquals(last.timeMs(), resumed.handshakeMs());
        assertEquals(0.0, resumed.handshake().get(0).timeMs());
        assertEquals("x25519", full.group());
        assertNull(resumed.group(), "no key exchange in an abbreviated TLS 1.2 handshake");
    }

    @Test
    void sessionIdResumptionLinksToTheFullHandshake() {
        List<Connection> m = Captures.model(Captures.OURS.resolve("tls12_session_id.pcap"));
        assertEquals(Resumption.SESSION_ID, m.get(1).resumption());
        assertEquals(m.get(0).index(), m.get(1).resumedFrom());
        assertEquals(expectedSkipped(m.get(0)), m.get(1).skipped());
    }

    @Test
    void oneTicketReusedByTwoConnections() {
        List<RawFrame> frames = Captures.frames(Captures.OURS.resolve("tls12_full_then_ticket.pcapng"));
        List<Connection> before = Captures.model(frames);
        int resumedPort = port(before.get(1).client());
        List<RawFrame> second = frames.stream().filter(f -> f.number() > before.get(1).firstFrame() - 1).toList();
        List<RawFrame> all = new ArrayList<>(frames);
        all.addAll(replay(second, resumedPort, resumedPort + 1, all.size(), Duration.ofSeconds(10)));
        List<Connection> m = Captures.model(all);
        assertEquals(3, m.size());
        for (Connection c : m.subList(1, 3)) {
            assertEquals(Resumption.SESSION_TICKET, c.resumption(), c.toString());
            assertEquals(0, c.resumedFrom(), c.toString());
            assertEquals(expectedSkipped(m.get(0)), c.skipped());
        }
        assertTrue(m.get(2).findings().contains("the session ticket was already presented by connection 1"),
                m.get(2).findings().toString());
        assertFalse(m.get(1).findings().stream().anyMatch(f -> f.contains("already presented")));
    }

    @Test
    void ticketFromOutsideTheCapture() {
        List<RawFrame> frames = Captures.frames(Captures.OURS.resolve("tls12_full_then_ticket.pcapng"));
        long firstOfSecond = Captures.model(frames).get(1).firstFrame();
        List<RawFrame> second = frames.stream().filter(f -> f.number() >= firstOfSecond).toList();
        List<Connection> m = Captures.model(replay(second, -1, -1, 0, Duration.ZERO));
        assertEquals(1, m.size());
        Connection c = m.get(0);
        assertEquals(Resumption.SESSION_TICKET, c.resumption());
        assertNull(c.resumedFrom());
        assertEquals("ticket " + ConnectionAnalyzer.OUTSIDE, c.resumedFromReason());
        // Named from the suite (ECDHE_RSA): sizes unknown.
        assertEquals(List.of("Certificate", "Server Key Exchange", "Server Hello Done", "Client Key Exchange"),
                c.skipped().stream().map(SkippedMessage::message).toList());
        assertNull(c.skippedBytes());
        assertEquals(1, c.roundTripsSaved());
    }

    @Test
    void refusedTicketIsAFindingNamingItsIssuer() {
        List<Connection> m = Captures.model(Captures.OURS.resolve("tls12_ticket_refused.pcapng"));
        Connection c = m.get(1);
        assertEquals(Resumption.NONE, c.resumption());
        assertTrue(c.resumptionOffered().contains("session_ticket"));
        assertTrue(c.findings().contains("client offered a session ticket issued by connection " + m.get(0).index()
                + ", server did a full handshake"), c.findings().toString());
        assertTrue(c.skipped().isEmpty());
    }

    @Test
    void twoTls13TicketsFromOneConnection() {
        // Connection 0 sends two (encrypted) tickets; 1 and 2 each resume with one of them.
        List<Connection> m = Captures.model(Captures.OURS.resolve("tls13_two_tickets.pcap"));
        assertEquals(3, m.size());
        for (Connection c : m.subList(1, 3)) {
            assertEquals(Resumption.PSK, c.resumption());
            assertEquals("psk_dhe_ke", c.pskMode());
            assertNull(c.resumedFrom());
            assertEquals(ConnectionAnalyzer.ENCRYPTED_TICKET, c.resumedFromReason());
            assertEquals(0, c.roundTripsSaved());
        }
        // Two different tickets: no reuse finding.
        assertTrue(m.get(2).findings().stream().noneMatch(f -> f.contains("already presented")), m.get(2).findings().toString());
    }

    @Test
    void earlyDataInferredFromRecordSizes() {
        List<Connection> m = Captures.model(Captures.OURS.resolve("tls13_psk_early_data.pcapng"));
        Connection c = m.get(1);
        assertEquals(Boolean.TRUE, c.earlyData());
        assertTrue(c.earlyDataReason().startsWith("inferred from record sizes"), c.earlyDataReason());
        assertTrue(c.handshake().stream().anyMatch(s -> s.kind() == HandshakeStep.Kind.EARLY_DATA && s.fromClient()));
        // 0-RTT data goes with the ClientHello: still one round trip.
        assertEquals(1, c.roundTrips());
        assertEquals(Boolean.FALSE, m.get(0).earlyData());
        assertNull(m.get(0).earlyDataReason());
    }

    @Test
    void lineageIndexKeepsSeveralTicketsPerConnectionAndTheFirstIssuer() {
        Lineage l = new Lineage();
        l.ticket(new byte[] {1, 2}, false, 3, 10);
        l.ticket(new byte[] {3, 4}, false, 3, 11);
        l.ticket(new byte[] {1, 2}, false, 5, 20); // the same bytes later: the first issuer stays
        assertEquals(3, l.ticketIssuer(new byte[] {1, 2}, false, 30, 7).index());
        assertEquals(3, l.ticketIssuer(new byte[] {3, 4}, false, 30, 7).index());
        assertNull(l.ticketIssuer(new byte[] {3, 4}, false, 11, 7), "not issued before the ClientHello");
        assertNull(l.ticketIssuer(new byte[] {3, 4}, true, 30, 7), "a TLS 1.2 ticket is no TLS 1.3 PSK");
        assertNull(l.ticketIssuer(new byte[] {5}, false, 30, 7));
        l.serverSession(new byte[] {9}, 1, 5, false);
        assertNull(l.sessionIssuer(new byte[] {9}, 30, 7), "a resumed connection did not create the session");
        assertNotNull(l.sessionSeen(new byte[] {9}, 30, 7));
        l.serverSession(new byte[] {9}, 2, 6, true);
        assertEquals(2, l.sessionIssuer(new byte[] {9}, 30, 7).index());
        assertNull(l.presented("ticket", new byte[] {1}, 4, 40));
        assertEquals(4, l.presented("ticket", new byte[] {1}, 6, 50).index());
    }

    static int port(String endpoint) { return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)); }

    /**
     * The frames renumbered after {@code numberOffset} and shifted in time; the TCP port {@code from}
     * rewritten to {@code to} (IPv4 over Ethernet; -1 keeps the ports).
     */
    static List<RawFrame> replay(List<RawFrame> frames, int from, int to, int numberOffset, Duration shift) {
        List<RawFrame> out = new ArrayList<>();
        int n = numberOffset;
        for (RawFrame f : frames) {
            byte[] d = f.data().clone();
            if (from >= 0) {
                int tcp = 14 + (d[14] & 0x0f) * 4;
                for (int off : new int[] {tcp, tcp + 2}) {
                    if (((d[off] & 0xff) << 8 | (d[off + 1] & 0xff)) == from) {
                        d[off] = (byte) (to >> 8);
                        d[off + 1] = (byte) to;
                    }
                }
            }
            out.add(new RawFrame(++n, f.time().plus(shift), f.originalLength(), d, f.linkType(), f.interfaceId(),
                    f.interfaceName()));
        }
        return out;
    }
}
