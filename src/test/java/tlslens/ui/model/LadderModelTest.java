package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.analysis.Resumption;
import tlslens.analysis.SkippedMessage;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;

/**
 * The ladder and side-by-side view models over real captures made by the capture script (and the
 * bundled sample), without a screen. Expected values come from the connection model (checked
 * against the scripts' manifests by the analysis tests) and from tshark, never typed in.
 */
class LadderModelTest {
    static final Path CAPTURES = Path.of("src/test/resources/captures");
    static final Path SAMPLE = Path.of("src/main/resources/sample/tls-sample.pcapng");

    /** The capture loaded through a CaptureIndex, as the window does, and its snapshot. */
    static ConnectionsSnapshot snapshot(Path file) {
        if (!Files.exists(file)) fail("capture missing: " + file.toAbsolutePath());
        try (CaptureFileReader r = CaptureFileReader.open(file); CaptureIndex idx = new CaptureIndex(r.linkType())) {
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            return ConnectionsSnapshot.of(idx);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    static Path capture(String name) {
        for (String ext : new String[] {".pcap", ".pcapng"}) {
            Path p = CAPTURES.resolve(name + ext);
            if (Files.exists(p)) return p;
        }
        return fail("no capture " + name + " in " + CAPTURES.toAbsolutePath());
    }

    static List<String> tshark(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("tshark failed: " + cmd);
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /**
     * A resumption whose 0-RTT early data the server accepted saves no handshake round trip, but its request
     * left with the Client Hello: the banner says so, and only there. Which resumptions had 0-RTT accepted comes
     * from the capture script's manifest (what the peers reported), the ladder reads it through the key log.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tls13_psk_early_data", "tls13_early_data_rejected", "quic_kwik_zero_rtt", "tls13_full_then_psk"})
    void theBannerSaysWhen0RttWasAccepted(String name) throws Exception {
        Path file = capture(name);
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(CAPTURES.resolve(name + ".manifest.json").toFile());
        List<Boolean> accepted = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode m : manifest.get("connections")) {
            if (!"none".equals(m.path("resumption").asText("none"))) accepted.add(m.path("early_data").asBoolean(false));
        }
        assertFalse(accepted.isEmpty(), name + ": the manifest lists a resumption");
        tlslens.ui.decrypt.CaptureKeys keys = tlslens.ui.decrypt.CaptureKeys.load(CAPTURES.resolve(name + ".keylog"), file);
        ConnectionsSnapshot snap;
        try (CaptureFileReader r = CaptureFileReader.open(file);
                CaptureIndex idx = new CaptureIndex(r.linkType(), keys.secrets()).interfaces(r.interfaces())) {
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            snap = ConnectionsSnapshot.of(idx);
        }
        List<Boolean> shown = new ArrayList<>();
        for (Connection c : snap.connections()) {
            if (c.resumption() == Resumption.NONE) continue;
            String text = snap.ladder(c.key()).banner().text();
            shown.add(text.contains("0-RTT accepted: the client's request left with the Client Hello"));
        }
        assertEquals(accepted, shown, name + ": resumptions with 0-RTT accepted, manifest vs banner");
    }

    /**
     * Issue 15: kwik's version negotiation (make-captures.sh's quic_kwik_version_negotiation). The attempt
     * the server answered with a Version Negotiation packet is drawn as Client Hello then the detour, at the
     * frame tshark shows the packet in; the new connection in the listed version is a full handshake.
     */
    @Test
    void theVersionNegotiationPacketIsTheAttemptsDetour() throws Exception {
        Path file = capture("quic_kwik_version_negotiation");
        ConnectionsSnapshot snap = snapshot(file);
        List<String> vn = tshark("-r", file.toString(), "-Y", "quic.version == 0", "-T", "fields", "-e", "frame.number",
                "-e", "quic.connection.number");
        assertFalse(vn.isEmpty(), "tshark shows a Version Negotiation packet");
        for (String line : vn) {
            long frame = Long.parseLong(line.split("\t")[0]);
            int number = Integer.parseInt(line.split("\t")[1]);
            Connection attempt = snap.connection(Connection.key(tlslens.engine.Transport.QUIC, number));
            assertTrue(attempt != null && attempt.versionNegotiation(), "QUIC #" + number + " had Version Negotiation");
            List<LadderRow> rows = snap.ladder(attempt.key()).rows();
            LadderRow detour = rows.stream().filter(r -> r.frame() == frame).findFirst().orElse(null);
            assertTrue(detour != null && detour.kind() == LadderRow.Kind.RETRY && !detour.fromClient(),
                    "frame " + frame + " drawn as the server's detour: " + rows);
            assertTrue(rows.get(0).is(tlslens.dissect.tls.names.HandshakeTypes.CLIENT_HELLO) && rows.get(0).fromClient(),
                    "the attempt's Client Hello first: " + rows);
            assertFalse(attempt.established(), "the attempt was abandoned");
        }
        // The connection that followed, in a version the packet listed, completed its handshake.
        assertTrue(snap.connections().stream().anyMatch(c -> c.transport() == tlslens.engine.Transport.QUIC
                && !c.versionNegotiation() && c.established()), "a full handshake after the negotiation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls12_session_id", "tls12_full_then_ticket", "tls12_ticket_refused", "tls13_full_then_psk",
            "tls13_hrr", "tls13_psk_early_data", "tls13_two_tickets", "tls12_client_cert", "tls13_client_cert"})
    void everyHandshakeMessageIsOneArrowAndEveryResumptionHasItsGhosts(String name) throws Exception {
        Path file = capture(name);
        ConnectionsSnapshot snap = snapshot(file);
        assertFalse(snap.connections().isEmpty(), name);
        for (Connection c : snap.connections()) {
            LadderModel l = snap.ladder(c.index());
            String where = name + " #" + c.index();
            List<LadderRow> real = l.rows().stream().filter(r -> !r.ghost() && r.kind() != LadderRow.Kind.ALERT).toList();
            // One arrow per handshake step, in order, with its frame, size and time.
            assertEquals(c.handshake().size(), real.size(), where);
            for (int i = 0; i < real.size(); i++) {
                HandshakeStep s = c.handshake().get(i);
                LadderRow r = real.get(i);
                assertEquals(s.message(), r.label(), where);
                assertEquals(s.frame(), r.frame(), where);
                assertEquals(s.bytes(), r.bytes(), where);
                assertEquals(s.fromClient(), r.fromClient(), where);
                assertEquals(s.kind() == HandshakeStep.Kind.CHANGE_CIPHER_SPEC, r.kind() == LadderRow.Kind.CHANGE_CIPHER_SPEC);
                assertEquals(s.encrypted(), r.encrypted(), where);
            }
            assertEquals(c.alerts().size(), l.rows().stream().filter(r -> r.kind() == LadderRow.Kind.ALERT).count(), where);
            // Flights change exactly where the direction does (alerts are not part of a handshake flight).
            for (int i = 1; i < l.rows().size(); i++) {
                LadderRow a = l.rows().get(i - 1);
                LadderRow b = l.rows().get(i);
                boolean same = a.fromClient() == b.fromClient()
                        && (a.kind() == LadderRow.Kind.ALERT) == (b.kind() == LadderRow.Kind.ALERT);
                assertEquals(same ? a.flight() : a.flight() + 1, b.flight(), where);
            }
            List<LadderRow> ghosts = l.rows().stream().filter(LadderRow::ghost).toList();
            assertEquals(c.skipped().size(), ghosts.size(), where);
            for (int i = 0; i < ghosts.size(); i++) {
                SkippedMessage s = c.skipped().get(i);
                assertEquals(s.message(), ghosts.get(i).label(), where);
                assertEquals(s.bytes(), ghosts.get(i).bytes(), where);
            }
            if (c.resumption() == Resumption.NONE) {
                assertNull(l.banner(), where);
                continue;
            }
            ghostsSitWhereTheFullHandshakeHadThem(l, where);
            LadderModel.Banner b = l.banner();
            assertNotNull(b, where);
            assertEquals(c.resumedFrom(), b.linkTarget(), where);
            if (c.resumedFrom() == null) {
                assertNull(b.link(), where);
                assertTrue(b.text().contains(c.resumedFromReason()), where + ": " + b.text());
            } else {
                assertEquals("connection #" + c.resumedFrom(), b.link(), where);
                issueFrameIsTheOriginsTicketOrServerHello(file, snap, c, where);
            }
            for (SkippedMessage s : c.skipped()) assertTrue(b.text().contains(s.message()), where + ": " + b.text());
        }
    }

    /** Server ghosts right after the ServerHello (TLS 1.3: after the first encrypted record), before the server's ChangeCipherSpec; client ghosts before the client's. */
    private static void ghostsSitWhereTheFullHandshakeHadThem(LadderModel l, String where) {
        List<LadderRow> rows = l.rows();
        int sh = -1;
        for (int i = 0; i < rows.size(); i++) if (!rows.get(i).fromClient() && rows.get(i).label().equals("Server Hello")) { sh = i; break; }
        for (int i = 0; i < rows.size(); i++) {
            LadderRow g = rows.get(i);
            if (!g.ghost()) continue;
            assertTrue(i > sh, where + ": ghost " + g.label() + " before the ServerHello");
            for (int j = sh; j < i; j++) {
                LadderRow before = rows.get(j);
                if (before.fromClient() == g.fromClient() && before.kind() == LadderRow.Kind.CHANGE_CIPHER_SPEC
                        && !"TLS 1.3".equals(l.connection().version())) {
                    fail(where + ": ghost " + g.label() + " after its sender's ChangeCipherSpec");
                }
            }
            // Inside its sender's flight: the nearest real row before or after it is the same sender's.
            LadderRow prev = null, next = null;
            for (int j = i - 1; j >= 0 && prev == null; j--) if (!rows.get(j).ghost()) prev = rows.get(j);
            for (int j = i + 1; j < rows.size() && next == null; j++) if (!rows.get(j).ghost()) next = rows.get(j);
            assertTrue(prev != null && prev.fromClient() == g.fromClient() || next != null && next.fromClient() == g.fromClient(),
                    where + ": ghost " + g.label() + " outside its sender's flight");
        }
    }

    /** tshark says the banner's frame carries a NewSessionTicket (ticket, PSK) or a ServerHello (session id) of the origin's stream. */
    private static void issueFrameIsTheOriginsTicketOrServerHello(Path file, ConnectionsSnapshot snap, Connection c, String where)
            throws Exception {
        ConnectionsSnapshot.Issue issue = snap.issue(c.index());
        if (c.resumption() == Resumption.PSK) return; // TLS 1.3 tickets are encrypted: linked only with keys
        assertNotNull(issue, where);
        List<String> f = tshark("-r", file.toString(), "-Y", "frame.number == " + issue.frame(), "-T", "fields",
                "-e", "tcp.stream", "-e", "tls.handshake.type", "-e", "frame.time_relative");
        assertEquals(1, f.size(), where);
        String[] cols = f.get(0).split("\t");
        assertEquals(String.valueOf(c.resumedFrom()), cols[0], where);
        String wanted = c.resumption() == Resumption.SESSION_ID ? "2" : "4";
        assertTrue(Arrays.asList(cols[1].split(",")).contains(wanted), where + ": frame " + issue.frame() + " has " + cols[1]);
        assertEquals(Double.parseDouble(cols[2]), issue.seconds(), 1e-6, where);
    }

    @Test
    void sampleBannerNamesTheTicketsConnectionFrameAndSavings() {
        ConnectionsSnapshot snap = snapshot(SAMPLE);
        Connection resumed = snap.connections().stream().filter(c -> c.resumption() == Resumption.SESSION_TICKET)
                .findFirst().orElseThrow();
        LadderModel l = snap.ladder(resumed.index());
        LadderModel.Banner b = l.banner();
        ConnectionsSnapshot.Issue issue = snap.issue(resumed.index());
        StringBuilder skipped = new StringBuilder();
        for (SkippedMessage s : resumed.skipped()) {
            skipped.append(skipped.length() == 0 ? "" : ", ").append(s.message()).append(" (")
                    .append(String.format(java.util.Locale.ROOT, "%,d B", s.bytes())).append(')');
        }
        String expected = "Resumed by session ticket issued in connection #" + resumed.resumedFrom()
                + String.format(java.util.Locale.ROOT, " (frame %d, %.3f s)", issue.frame(), issue.seconds())
                + " — skipped " + skipped + ", " + resumed.roundTripsSaved() + " round trip"
                + (resumed.roundTripsSaved() == 1 ? "" : "s") + " saved";
        assertEquals(expected, b.text());
        assertTrue(l.rows().stream().anyMatch(r -> r.ghost() && r.label().equals("Certificate")));
        assertTrue(l.rows().stream().anyMatch(r -> r.ghost() && r.label().equals("Server Key Exchange")));
        // TLS 1.3 PSK without keys: the reason instead of the link.
        Connection psk = snap.connections().stream().filter(c -> c.resumption() == Resumption.PSK).findFirst().orElseThrow();
        assertNull(snap.ladder(psk.index()).banner().link());
        assertTrue(snap.ladder(psk.index()).banner().text().contains("load a key log"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls12_session_id", "tls12_full_then_ticket", "tls13_full_then_psk", "tls13_two_tickets",
            "tls13_psk_early_data"})
    void sideBySideAlignsFullAndResumed(String name) {
        ConnectionsSnapshot snap = snapshot(capture(name));
        int compared = 0;
        for (Connection c : snap.connections()) {
            if (c.resumption() == Resumption.NONE) continue;
            Connection full = c.resumedFrom() != null ? snap.connection(c.resumedFrom())
                    : snap.connections().stream().filter(x -> x.tls() && x.resumption() == Resumption.NONE
                            && x.index() < c.index() && x.version() != null && x.version().equals(c.version()))
                            .findFirst().orElse(null);
            if (full == null) continue;
            compared++;
            String where = name + " #" + full.index() + " vs #" + c.index();
            LadderModel left = snap.ladder(full.index());
            LadderModel right = snap.ladder(c.index());
            ComparisonModel cmp = ComparisonModel.of(left, right);
            // Every handshake message of each side appears once, in order.
            List<LadderRow> l = new ArrayList<>();
            List<LadderRow> r = new ArrayList<>();
            for (ComparisonModel.Row row : cmp.rows()) {
                if (row.left() != null) l.add(row.left());
                if (row.right() != null && !row.right().ghost()) r.add(row.right());
                switch (row.mark()) {
                    case SAME, CHANGED -> {
                        assertEquals(row.left().label(), row.right().label(), where);
                        assertEquals(row.left().fromClient(), row.right().fromClient(), where);
                    }
                    case MOVED -> assertTrue(row.left() == null || row.right() == null, where);
                    case SKIPPED -> assertTrue(row.right().ghost(), where);
                    case ONLY_LEFT -> assertNull(row.right(), where);
                    case ONLY_RIGHT -> assertNull(row.left(), where);
                }
            }
            assertEquals(handshakeRows(left), l, where);
            // The right side in its own order too, without sorting.
            assertEquals(handshakeRows(right), r, where);
            // TLS 1.2: each skipped message is a skipped row, by name.
            if (!"TLS 1.3".equals(c.version())) {
                assertEquals(c.skipped().size(), cmp.count(ComparisonModel.Mark.SKIPPED), where + "\n" + cmp.lines());
                // Both sides' ChangeCipherSpec and Finished are paired (same) or, sent at another point, "moved" on
                // each side; hellos are the same or changed (their size); only tickets may be extra.
                for (ComparisonModel.Row x : cmp.rows()) {
                    LadderRow any = x.left() != null ? x.left() : x.right();
                    if (any.kind() == LadderRow.Kind.CHANGE_CIPHER_SPEC || any.encrypted()) {
                        assertTrue(x.mark() == ComparisonModel.Mark.SAME || x.mark() == ComparisonModel.Mark.MOVED,
                                where + "\n" + cmp.lines());
                    } else if (any.label().equals("Client Hello") || any.label().equals("Server Hello")) {
                        assertEquals(x.left().bytes().equals(x.right().bytes()) ? ComparisonModel.Mark.SAME
                                : ComparisonModel.Mark.CHANGED, x.mark(), where + "\n" + cmp.lines());
                    } else if (x.mark() == ComparisonModel.Mark.ONLY_LEFT || x.mark() == ComparisonModel.Mark.ONLY_RIGHT) {
                        assertEquals("New Session Ticket", any.label(), where + "\n" + cmp.lines());
                    }
                }
                // An abbreviated handshake's server finishes first: neither side is reordered, the pairs are "moved".
                assertFalse(cmp.reordered(), where);
                assertTrue(cmp.count(ComparisonModel.Mark.MOVED) >= 2, where + "\n" + cmp.lines());
            } else {
                // TLS 1.3 without keys: the full handshake's extra encrypted server records are the skipped messages.
                long extra = handshakeRows(left).stream().filter(x -> !x.fromClient() && x.encrypted()).count()
                        - handshakeRows(right).stream().filter(x -> !x.fromClient() && x.encrypted()).count();
                if (extra == c.skipped().size()) {
                    assertEquals(extra, cmp.count(ComparisonModel.Mark.SKIPPED), where + "\n" + cmp.lines());
                    for (ComparisonModel.Row x : cmp.rows()) {
                        if (x.mark() == ComparisonModel.Mark.SKIPPED) assertTrue(x.right().label().endsWith("(inferred)"), where);
                    }
                }
                // TLS 1.3: the client's Finished (its last encrypted record) is on both sides.
                LadderRow fin = handshakeRows(left).stream().filter(x -> x.fromClient() && x.encrypted()).reduce((p, q) -> q).orElseThrow();
                assertEquals(ComparisonModel.Mark.SAME, cmp.rows().stream().filter(x -> x.left() == fin).findFirst().orElseThrow().mark(),
                        where + "\n" + cmp.lines());
            }
            // Totals are the connections' own.
            assertEquals(full.roundTrips(), cmp.leftTotals().roundTrips());
            assertEquals(c.roundTrips(), cmp.rightTotals().roundTrips());
            assertEquals(full.handshakeMs(), cmp.leftTotals().handshakeMs());
            long sum = 0;
            for (LadderRow x : l) sum += x.bytes();
            assertEquals(sum, cmp.leftTotals().handshakeBytes(), where);
        }
        assertTrue(compared > 0, name + ": nothing to compare");
    }

    private static List<LadderRow> handshakeRows(LadderModel l) {
        Double end = l.connection().handshakeMs();
        return l.rows().stream().filter(x -> !x.ghost() && x.kind() != LadderRow.Kind.ALERT)
                .filter(x -> end == null || x.timeMs() == null || x.timeMs() <= end).toList();
    }

    @Test
    void sampleSideBySideSkipsCertificateAndServerKeyExchange(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // Without its embedded keys: tshark then reads no length for the encrypted Finished.
        Path sample = tlslens.SampleCapture.withoutKeys(dir);
        ConnectionsSnapshot snap = snapshot(sample);
        Connection resumed = snap.connections().stream().filter(c -> c.resumption() == Resumption.SESSION_TICKET)
                .findFirst().orElseThrow();
        ComparisonModel cmp = ComparisonModel.of(snap.ladder(resumed.resumedFrom()), snap.ladder(resumed.index()));
        List<String> skipped = cmp.rows().stream().filter(r -> r.mark() == ComparisonModel.Mark.SKIPPED)
                .map(r -> r.left().label()).toList();
        assertEquals(resumed.skipped().stream().map(SkippedMessage::message).toList(), skipped);
        assertTrue(skipped.containsAll(List.of("Certificate", "Server Key Exchange")));
        // The totals agree with tshark: handshake message lengths (+4 for the header) per stream up to the last Finished.
        long tsharkBytes = 0;
        for (String line : tshark("-r", sample.toString(), "-Y", "tcp.stream == " + resumed.resumedFrom()
                + " && tls.handshake", "-T", "fields", "-e", "tls.handshake.length", "-e", "tls.record.content_type")) {
            for (String len : line.split("\t")[0].split(",")) if (!len.isEmpty()) tsharkBytes += Long.parseLong(len) + 4;
        }
        // tshark has no length for the encrypted Finished: add the model's own sizes of those two records.
        long encrypted = cmp.rows().stream().map(ComparisonModel.Row::left).filter(x -> x != null && x.encrypted())
                .mapToLong(LadderRow::bytes).sum();
        long ccs = cmp.rows().stream().map(ComparisonModel.Row::left)
                .filter(x -> x != null && x.kind() == LadderRow.Kind.CHANGE_CIPHER_SPEC).count();
        assertEquals(tsharkBytes + encrypted + ccs, cmp.leftTotals().handshakeBytes());
        assertTrue(cmp.savings().contains("saved " + LadderRow.formatBytes(
                cmp.leftTotals().handshakeBytes() - cmp.rightTotals().handshakeBytes())), cmp.savings());
    }
}
