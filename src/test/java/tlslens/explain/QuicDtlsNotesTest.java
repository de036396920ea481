package tlslens.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tlslens.UsesPublicCaptures;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.dtls.DtlsFields;
import tlslens.dissect.quic.QuicFields;
import tlslens.dissect.quic.QuicPacketTypes;

/**
 * Issue 15: every QUIC packet type and frame type, and every DTLS record, handshake message, ACK and
 * alert that our captures (and the public QUIC and DTLS ones) hold, has a note ("What is this?",
 * --explain) that cites an RFC section (RFC 9000/9001/9221/9369 for QUIC, RFC 6347/9147 and the TLS
 * RFCs for DTLS), as TCP's TLS messages do. Fails naming each item without one.
 */
class QuicDtlsNotesTest {
    private static final Pattern RFC = Pattern.compile("RFC \\d+ §[0-9A-Z][0-9.]*");
    private final Notes notes = Notes.get();

    /** The items a note is asked for: QUIC packets and frames, DTLS records, handshake messages, ACKs, alerts. */
    private static boolean explained(ProtoNode n) {
        if (n.field == null) return false;
        return n.field == QuicFields.QUIC || n.field == QuicFields.FRAME || n.field == DtlsFields.RECORD
                || n.field == DtlsFields.ACK_MESSAGE || n.field.abbrev.equals("dtls.handshake")
                || n.field.abbrev.equals("dtls.alert_message");
    }

    private static void walk(ProtoNode n, List<ProtoNode> out) {
        if (explained(n)) out.add(n);
        for (ProtoNode c : n.children()) walk(c, out);
    }

    /** Checks every such item of the capture; returns the kinds met ("QUIC Initial packet", ...). */
    private static Set<String> check(ExplainCaptures cap, List<String> missing) {
        Set<String> met = new TreeSet<>();
        for (FrameDissection fd : cap.frames) {
            List<ProtoNode> items = new ArrayList<>();
            for (ProtoNode top : fd.root.children()) walk(top, items);
            for (ProtoNode n : items) {
                Note note = cap.explainer.ownNote(fd, n);
                String where = cap.file.getFileName() + " frame " + fd.number + ": " + n.text();
                if (note == null) {
                    missing.add(where);
                } else if (note.references().stream().noneMatch(r -> RFC.matcher(r).matches())) {
                    missing.add(where + " (no RFC section: " + note.referenceText() + ")");
                } else {
                    met.add(note.title());
                }
            }
        }
        return met;
    }

    @Test
    void everyQuicAndDtlsItemOfOurCapturesHasANoteWithAnRfcSection() throws Exception {
        List<String> missing = new ArrayList<>();
        Set<String> met = new TreeSet<>();
        try (var files = Files.list(ExplainCaptures.OURS)) {
            for (String name : files.map(p -> p.getFileName().toString()).filter(n -> n.matches("(quic|dtls)\\w*\\.pcap(ng)?"))
                    .sorted().toList()) {
                // Without keys (DTLS 1.3's records keep their unified header) and with them (decrypted messages and frames).
                met.addAll(check(ExplainCaptures.ours(name, false), missing));
                met.addAll(check(ExplainCaptures.ours(name, true), missing));
            }
        }
        assertEquals(List.of(), missing, "items without a note");
        for (String expected : List.of("QUIC Initial packet", "QUIC Handshake packet", "QUIC 0-RTT packet", "QUIC Retry packet",
                "QUIC 1-RTT packet", "QUIC CRYPTO frame", "QUIC ACK frame", "QUIC STREAM frame", "QUIC HANDSHAKE_DONE frame",
                "Hello Verify Request", "ACK record", "DTLS 1.3 unified header")) {
            assertTrue(met.contains(expected), expected + " met in our captures: " + met);
        }
    }

    @Test
    @UsesPublicCaptures
    void everyQuicAndDtlsItemOfThePublicCapturesHasANote() {
        List<String> missing = new ArrayList<>();
        for (String name : List.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng", "zeek_quic_interop_quic-go_zerortt.pcap",
                "zeek_dtls1_0.pcap", "zeek_dtls1_2.pcap", "zeek_dtls13-wolfssl.pcap")) {
            check(ExplainCaptures.publicCapture(name), missing);
        }
        assertEquals(List.of(), missing, "items without a note");
    }

    @Test
    void everyQuicPacketAndFrameTypeWeNameHasANote() {
        List<String> missing = new ArrayList<>();
        for (int t = QuicPacketTypes.INITIAL; t <= QuicPacketTypes.VERSION_NEGOTIATION; t++) {
            if (notes.quicPacket(t) == null) missing.add("packet " + QuicPacketTypes.name(t));
        }
        int frames = 0;
        for (long t = 0; t <= 0x40; t++) {
            if (QuicFields.frameTypeName(t) == null) continue;
            frames++;
            if (notes.quicFrame(t) == null) missing.add(String.format("frame 0x%02x %s", t, QuicFields.frameTypeName(t)));
        }
        assertEquals(List.of(), missing);
        assertTrue(frames > 20, "frame types named: " + frames);
        assertTrue(notes.quicFrame(0x0b).title().equals("QUIC STREAM frame"), "STREAM's eight types share one note");
    }
}
