package tlslens.explain;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.NamedGroups;

/**
 * The in-context sentences on real captures, their numbers (frames, connections, groups, seconds)
 * taken from tshark's view of the same capture, never typed in.
 */
class ContextNotesTest {

    @Test
    void aPskClientHelloNamesTheTicketItsConnectionAndFrameAndHowLongAgo() {
        ExplainCaptures cap = ExplainCaptures.ours("tls13_full_then_psk.pcap", true);
        // tshark: the ClientHello that offers a PSK, and the NewSessionTicket whose ticket is that identity.
        String[] hello = first(cap.tshark("tls.handshake.extensions.psk.identity.identity", "frame.number", "tcp.stream",
                "frame.time_epoch", "tls.handshake.extensions.psk.identity.identity"));
        String issuerFrame = null, issuerStream = null, issuerTime = null;
        for (String[] t : cap.tshark("tls.handshake.type == 4", "frame.number", "tcp.stream", "frame.time_epoch",
                "tls.handshake.session_ticket")) {
            for (String ticket : t[3].split(",")) {
                if (ticket.equals(hello[3])) {
                    issuerFrame = t[0];
                    issuerStream = t[1];
                    issuerTime = t[2];
                }
            }
        }
        assertNotNull(issuerFrame, "tshark shows which NewSessionTicket carried the offered identity");
        String seconds = new BigDecimal(hello[2]).subtract(new BigDecimal(issuerTime)).setScale(1, RoundingMode.HALF_UP)
                .toPlainString();

        ProtoNode ch = cap.messages(Long.parseLong(hello[0]), HandshakeTypes.CLIENT_HELLO).get(0);
        Explanation e = cap.explainer.explain(cap.frame(Long.parseLong(hello[0])), ch);
        assertEquals(HandshakeTypes.CLIENT_HELLO + "", e.notes().get(0).key());
        assertTrue(e.inContext().contains("Offers the ticket issued in connection #" + issuerStream + " at frame " + issuerFrame
                + ", " + seconds + " s ago."), e.inContext().toString());

        // The ServerHello that selected it (tshark: selected identity present, with a key share: psk_dhe_ke).
        String[] sh = first(cap.tshark("tls.handshake.extensions.psk.identity.selected && tcp.stream == " + hello[1],
                "frame.number", "tls.handshake.extensions_key_share_group"));
        assertFalse(sh[1].isEmpty(), "the ServerHello carries a key share");
        ProtoNode server = cap.messages(Long.parseLong(sh[0]), HandshakeTypes.SERVER_HELLO).get(0);
        List<String> context = cap.explainer.explain(cap.frame(Long.parseLong(sh[0])), server).inContext();
        assertTrue(context.contains("The server accepted the PSK (psk_dhe_ke): no Certificate or CertificateVerify follow."),
                context.toString());

        // The ticket's own note says which connection used it.
        ProtoNode nst = cap.messages(Long.parseLong(issuerFrame), HandshakeTypes.NEW_SESSION_TICKET).get(0);
        assertTrue(cap.explainer.explain(cap.frame(Long.parseLong(issuerFrame)), nst).inContext()
                .contains("Connection #" + hello[1] + " resumes with this ticket."));
    }

    @Test
    @UsesPublicCaptures
    void withoutKeysAPublicPskResumptionIsStillSeenAsAcceptedButItsOriginIsUnknown() {
        ExplainCaptures cap = ExplainCaptures.publicCapture("zeek_tls13_psk_succesfull.pcap");
        String[] sh = first(cap.tshark("tls.handshake.extensions.psk.identity.selected", "frame.number", "tcp.stream"));
        String[] ch = first(cap.tshark("tls.handshake.type == 1 && tcp.stream == " + sh[1], "frame.number"));
        List<String> server = cap.explainer.explain(cap.frame(Long.parseLong(sh[0])),
                cap.messages(Long.parseLong(sh[0]), HandshakeTypes.SERVER_HELLO).get(0)).inContext();
        assertTrue(server.stream().anyMatch(s -> s.startsWith("The server accepted the PSK")), server.toString());
        List<String> client = cap.explainer.explain(cap.frame(Long.parseLong(ch[0])),
                cap.messages(Long.parseLong(ch[0]), HandshakeTypes.CLIENT_HELLO).get(0)).inContext();
        assertTrue(client.stream().anyMatch(s -> s.startsWith("Offers the ticket to resume; where it came from is unknown")),
                client.toString());
    }

    @Test
    void aRefusedTicketSaysFullHandshake() {
        ExplainCaptures cap = ExplainCaptures.ours("tls12_ticket_refused.pcapng", true);
        // tshark: the ClientHello with a non-empty ticket, and a Certificate in the same connection after it.
        String[] ch = null;
        for (String[] r : cap.tshark("tls.handshake.type == 1", "frame.number", "tcp.stream", "tls.handshake.extension.len",
                "tls.handshake.extension.type")) {
            String[] lens = r[2].split(","), types = r[3].split(",");
            for (int i = 0; i < types.length; i++) if (types[i].equals("35") && !lens[i].equals("0")) ch = r;
        }
        assertNotNull(ch, "tshark shows a ClientHello presenting a ticket");
        assertFalse(cap.tshark("tls.handshake.type == 11 && tcp.stream == " + ch[1], "frame.number").isEmpty());
        List<String> context = cap.explainer.explain(cap.frame(Long.parseLong(ch[0])),
                cap.messages(Long.parseLong(ch[0]), HandshakeTypes.CLIENT_HELLO).get(0)).inContext();
        assertTrue(context.stream().anyMatch(s -> s.startsWith("Offers the session ticket to resume")
                && s.endsWith("but the server did not accept the offered session: full handshake.")), context.toString());
    }

    @Test
    @UsesPublicCaptures
    void aHelloRetryRequestNamesTheGroupTheServerWants() {
        for (ExplainCaptures cap : List.of(ExplainCaptures.ours("tls13_hrr.pcap", true),
                ExplainCaptures.publicCapture("zeek_hrr.pcap"))) {
            String[] hrr = first(cap.tshark("tls.handshake.extensions_key_share_selected_group", "frame.number",
                    "tls.handshake.extensions_key_share_selected_group", "tcp.stream"));
            String group = NamedGroups.nameOrUnknown(Integer.parseInt(hrr[1]));
            ProtoNode node = cap.messages(Long.parseLong(hrr[0]), HandshakeTypes.SERVER_HELLO).get(0);
            Explanation e = cap.explainer.explain(cap.frame(Long.parseLong(hrr[0])), node);
            assertEquals(HandshakeTypes.HELLO_RETRY_REQUEST + "", e.notes().get(0).key(), "the HelloRetryRequest's own note");
            assertTrue(e.inContext().contains("HelloRetryRequest: the server wants a key share for " + group
                    + ", which the ClientHello did not carry; one extra round trip."), e.inContext().toString());
            // The first ClientHello names the shares it did send (tshark's groups of that ClientHello).
            String[] ch = first(cap.tshark("tls.handshake.type == 1 && tcp.stream == " + hrr[2], "frame.number",
                    "tls.handshake.extensions_key_share_group"));
            List<String> sent = java.util.Arrays.stream(ch[1].split(","))
                    .map(g -> NamedGroups.nameOrUnknown(Integer.parseInt(g))).toList();
            List<String> first = cap.explainer.explain(cap.frame(Long.parseLong(ch[0])),
                    cap.messages(Long.parseLong(ch[0]), HandshakeTypes.CLIENT_HELLO).get(0)).inContext();
            assertTrue(first.stream().anyMatch(x -> x.startsWith("Its key share") && x.contains("(" + String.join(", ", sent)
                    + ")") && x.endsWith("a HelloRetryRequest follows.")), first.toString());
        }
    }

    @Test
    void rejectedEarlyDataIsSaid() {
        ExplainCaptures cap = ExplainCaptures.ours("tls13_early_data_rejected.pcapng", true);
        // tshark: ClientHellos with early_data (42); the rejected one is in a connection without EndOfEarlyData (5).
        for (String[] r : cap.tshark("tls.handshake.type == 1 && tls.handshake.extension.type == 42", "frame.number",
                "tcp.stream")) {
            boolean accepted = !cap.tshark("tls.handshake.type == 5 && tcp.stream == " + r[1], "frame.number").isEmpty();
            List<String> context = cap.explainer.explain(cap.frame(Long.parseLong(r[0])),
                    cap.messages(Long.parseLong(r[0]), HandshakeTypes.CLIENT_HELLO).get(0)).inContext();
            String expected = accepted ? "The server accepted the 0-RTT data" : "0-RTT data was rejected: the client resends it";
            assertTrue(context.stream().anyMatch(s -> s.startsWith(expected)), r[0] + ": " + context);
        }
    }

    @Test
    void aFieldShowsItsOwnNoteThenItsExtensionsThenItsMessages() {
        ExplainCaptures cap = ExplainCaptures.ours("tls13_full_then_psk.pcap", true);
        String[] hello = first(cap.tshark("tls.handshake.extensions.psk.identity.identity", "frame.number"));
        ProtoNode ch = cap.messages(Long.parseLong(hello[0]), HandshakeTypes.CLIENT_HELLO).get(0);
        ProtoNode age = ch.first("tls.handshake.extensions.psk.identity.obfuscated_ticket_age");
        Explanation e = cap.explainer.explain(cap.frame(Long.parseLong(hello[0])), age);
        assertEquals(List.of("tls.handshake.extensions.psk.identity.obfuscated_ticket_age", "41", "1"),
                e.notes().stream().map(Note::key).toList());
        assertFalse(e.inContext().isEmpty(), "the message's context comes along");
        // A field without a note of its own takes the nearest noted one above it.
        ProtoNode randomBytes = ch.first("tls.handshake.random_bytes");
        assertEquals("tls.handshake.random", cap.explainer.explain(cap.frame(Long.parseLong(hello[0])), randomBytes)
                .notes().get(0).key());
    }

    @Test
    void aTls13ChangeCipherSpecGetsTheMiddleboxNote() {
        ExplainCaptures cap = ExplainCaptures.ours("tls13_full_then_psk.pcap", true);
        String[] ccs = first(cap.tshark("tls.change_cipher_spec", "frame.number"));
        ProtoNode record = null;
        for (ProtoNode r : cap.frame(Long.parseLong(ccs[0])).root.find("tls.record")) {
            if (r.first("tls.change_cipher_spec") != null) record = r;
        }
        assertNotNull(record);
        Explanation e = cap.explainer.explain(cap.frame(Long.parseLong(ccs[0])), record);
        assertEquals(Notes.TLS13_CHANGE_CIPHER_SPEC, e.notes().get(0).key());
        assertTrue(e.inContext().get(0).contains("changes nothing"), e.inContext().toString());
    }

    @Test
    @UsesPublicCaptures
    void aFatalAlertSaysWhoEndedTheHandshake() {
        ExplainCaptures cap = ExplainCaptures.publicCapture("zeek_tls-1.2-handshake-failure.pcap");
        String[] alert = first(cap.tshark("tls.alert_message", "frame.number", "tcp.srcport", "tls.alert_message.desc",
                "tls.alert_message.level", "tcp.stream"));
        String[] hello = first(cap.tshark("tls.handshake.type == 1 && tcp.stream == " + alert[4], "tcp.dstport"));
        String from = alert[1].equals(hello[0]) ? "server" : "client";
        ProtoNode node = cap.frame(Long.parseLong(alert[0])).root.first("tls.alert_message");
        Explanation e = cap.explainer.explain(cap.frame(Long.parseLong(alert[0])), node);
        assertEquals(alert[2], e.notes().get(0).key());
        assertEquals("2", alert[3], "tshark: a fatal alert");
        assertEquals(List.of("A fatal alert from the " + from + ": the handshake failed here and the connection ends."),
                e.inContext());
    }

    @Test
    @UsesPublicCaptures
    void greaseValuesAndExtensionsGetTheGreaseNote() {
        ExplainCaptures cap = ExplainCaptures.publicCapture("ja4_latest.pcapng");
        String[] hello = first(cap.tshark("tls.handshake.type == 1", "frame.number", "tls.handshake.extension.type",
                "tls.handshake.ciphersuite"));
        long frame = Long.parseLong(hello[0]);
        ProtoNode ch = cap.messages(frame, HandshakeTypes.CLIENT_HELLO).get(0);
        int greaseExtensions = 0;
        for (String t : hello[1].split(",")) {
            if (!tlslens.dissect.tls.names.Grease.isGrease(Integer.parseInt(t))) continue;
            greaseExtensions++;
            ProtoNode ext = null;
            for (ProtoNode x : ch.find("tls.handshake.extension.type")) {
                if (x.value() instanceof Number v && v.intValue() == Integer.parseInt(t) && ext == null) ext = x.parent();
            }
            assertEquals(Notes.GREASE, cap.explainer.explain(cap.frame(frame), ext).notes().get(0).key());
        }
        assertTrue(greaseExtensions > 0, "tshark shows GREASE extensions in " + hello[0]);
        String suite = hello[2].split(",")[0];
        assertTrue(tlslens.dissect.tls.names.Grease.isGrease(Integer.decode(suite)), "tshark: the first suite is GREASE");
        ProtoNode first = ch.first("tls.handshake.ciphersuite");
        assertEquals(Notes.GREASE, cap.explainer.explain(cap.frame(frame), first).notes().get(0).key());
        ProtoNode real = ch.find("tls.handshake.ciphersuite").get(1);
        assertEquals("tls.handshake.ciphersuite", cap.explainer.explain(cap.frame(frame), real).notes().get(0).key());
    }

    private static String[] first(List<String[]> rows) {
        assertFalse(rows.isEmpty(), "tshark found the frame");
        return rows.get(0);
    }
}
