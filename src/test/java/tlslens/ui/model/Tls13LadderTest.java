package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.model.LadderModelTest.SAMPLE;
import static tlslens.ui.model.LadderModelTest.tshark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.analysis.Resumption;
import tlslens.analysis.SkippedMessage;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.engine.CaptureIndex;

/**
 * Issue 12, items 4 to 6: the bundled sample with its key log (the two key logs of the captures it
 * was made from), as a teacher opens it. The resumed TLS 1.3 connection's ghosts stand where the full
 * handshake had its Certificate and CertificateVerify, with the sizes that handshake sent; what
 * travelled encrypted keeps its lock once decrypted; the side-by-side keeps each side's order and says
 * what changed and what the resumption saved. Expected values come from the connection model of the
 * full handshake and from tshark.
 */
class Tls13LadderTest {
    @TempDir
    static Path dir;

    private static ConnectionsSnapshot sampleWithKeys() throws IOException {
        // The keys embedded in the sample, handed over as a key log.
        Path keylog = tlslens.SampleCapture.keyLog(dir);
        TlsSecrets secrets = new TlsSecrets(KeyLog.read(keylog));
        try (CaptureFileReader r = CaptureFileReader.open(SAMPLE); CaptureIndex idx = new CaptureIndex(r.linkType(), secrets)) {
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            return ConnectionsSnapshot.of(idx);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + SAMPLE, e);
        }
    }

    private static Connection resumed(ConnectionsSnapshot snap, Resumption how) {
        return snap.connections().stream().filter(c -> c.resumption() == how).findFirst().orElseThrow();
    }

    @Test
    void ghostsStandWhereTheFullHandshakeHadThemWithItsSizes() throws Exception {
        ConnectionsSnapshot snap = sampleWithKeys();
        Connection psk = resumed(snap, Resumption.PSK);
        assertNotNull(psk.resumedFrom(), "the key log shows the ticket: the origin is known");
        Connection full = snap.connection(psk.resumedFrom());
        List<LadderRow> rows = snap.ladder(psk.index()).rows().stream().filter(r -> r.kind() != LadderRow.Kind.ALERT).toList();
        List<String> labels = rows.stream().map(r -> (r.ghost() ? "ghost " : "") + r.label()).toList();
        // The full handshake's server flight, in its order: the ghosts take the place of its certificate messages.
        List<String> fullServerFlight = new ArrayList<>();
        boolean afterServerHello = false;
        for (HandshakeStep s : full.handshake()) {
            if (s.fromClient()) {
                if (afterServerHello) break;
                continue;
            }
            afterServerHello |= s.is(HandshakeTypes.SERVER_HELLO);
            boolean skipped = s.is(HandshakeTypes.CERTIFICATE) || s.is(HandshakeTypes.CERTIFICATE_VERIFY);
            fullServerFlight.add((skipped ? "ghost " : "") + s.message());
        }
        int sh = labels.indexOf("Server Hello");
        assertEquals(fullServerFlight, labels.subList(sh, sh + fullServerFlight.size()), labels.toString());
        int ee = labels.indexOf("Encrypted Extensions");
        assertTrue(ee > labels.indexOf("Change Cipher Spec"), labels.toString());
        assertEquals("ghost Certificate", labels.get(ee + 1), labels.toString());
        assertEquals("ghost Certificate Verify", labels.get(ee + 2), labels.toString());
        assertEquals("Finished", labels.get(ee + 3), labels.toString());

        // Sizes from the connection that issued the ticket.
        for (LadderRow g : rows.stream().filter(LadderRow::ghost).toList()) {
            HandshakeStep original = full.handshake().stream().filter(s -> !s.fromClient() && s.is(g.handshakeType()))
                    .findFirst().orElseThrow();
            assertEquals(original.bytes(), g.bytes(), g.label());
            assertEquals("skipped · " + LadderRow.formatBytes(original.bytes()), g.detail());
        }
        int sum = full.handshake().stream().filter(s -> s.is(HandshakeTypes.CERTIFICATE) || s.is(HandshakeTypes.CERTIFICATE_VERIFY))
                .mapToInt(HandshakeStep::bytes).sum();
        assertEquals(sum, psk.skippedBytes());
        assertFalse(snap.ladder(psk.index()).banner().text().contains("size unknown"));
        for (SkippedMessage m : psk.skipped()) {
            assertTrue(snap.ladder(psk.index()).banner().text().contains(m.message() + " (" + LadderRow.formatBytes(m.bytes()) + ")"),
                    snap.ladder(psk.index()).banner().text());
        }
    }

    @Test
    void whatTravelledEncryptedKeepsItsLockOnceDecrypted() throws Exception {
        ConnectionsSnapshot snap = sampleWithKeys();
        // tshark: the frames whose TLS records are application_data on the wire, handshake inside once decrypted.
        Set<Long> wire = new LinkedHashSet<>();
        for (String line : tshark("-r", SAMPLE.toString(), "-Y", "tls.record.opaque_type == 23", "-T", "fields",
                "-e", "frame.number")) {
            wire.add(Long.parseLong(line.trim()));
        }
        assertFalse(wire.isEmpty());
        int decrypted = 0;
        for (Connection c : snap.connections()) {
            if (!"TLS 1.3".equals(c.version())) continue;
            for (LadderRow r : snap.ladder(c.index()).rows()) {
                if (r.ghost()) {
                    assertTrue(r.locked(), "TLS 1.3 sends a skipped Certificate encrypted");
                    continue;
                }
                boolean names = r.is(HandshakeTypes.ENCRYPTED_EXTENSIONS) || r.is(HandshakeTypes.CERTIFICATE)
                        || r.is(HandshakeTypes.CERTIFICATE_VERIFY) || r.is(HandshakeTypes.FINISHED);
                if (names) {
                    decrypted++;
                    assertTrue(wire.contains(r.frame()), "tshark: frame " + r.frame() + " carries an encrypted record");
                    assertEquals(ContentTypes.APPLICATION_DATA, r.contentType());
                    assertTrue(r.locked(), r.label() + " keeps its lock");
                    assertTrue(r.decrypted(), r.label());
                    assertTrue(r.detail().startsWith("Application Data, decrypted · "), r.detail());
                }
                if (r.kind() == LadderRow.Kind.CHANGE_CIPHER_SPEC || r.is(HandshakeTypes.CLIENT_HELLO)
                        || r.is(HandshakeTypes.SERVER_HELLO)) {
                    assertFalse(r.locked(), r.label() + " travelled in the clear");
                }
            }
        }
        assertTrue(decrypted >= 8, "both TLS 1.3 handshakes' decrypted messages: " + decrypted);
    }

    /** tshark's extension types and lengths of the ClientHello of TCP stream {@code stream}. */
    private static Map<Integer, Integer> tsharkExtensions(int stream) throws Exception {
        List<String> out = tshark("-r", SAMPLE.toString(), "-Y", "tcp.stream == " + stream + " && tls.handshake.type == 1",
                "-T", "fields", "-e", "tls.handshake.extension.type", "-e", "tls.handshake.extension.len");
        String[] f = out.get(0).split("\t");
        String[] types = f[0].split(",");
        String[] lens = f[1].split(",");
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < types.length; i++) m.putIfAbsent(Integer.parseInt(types[i]), Integer.parseInt(lens[i]));
        return m;
    }

    private static int tsharkClientHelloBytes(int stream) throws Exception {
        List<String> out = tshark("-r", SAMPLE.toString(), "-Y", "tcp.stream == " + stream + " && tls.handshake.type == 1",
                "-T", "fields", "-e", "tls.handshake.length");
        return Integer.parseInt(out.get(0).split(",")[0]) + 4;
    }

    @Test
    void sideBySideKeepsEachOrderAndSaysWhatChanged() throws Exception {
        ConnectionsSnapshot snap = sampleWithKeys();
        for (Resumption how : List.of(Resumption.SESSION_TICKET, Resumption.PSK)) {
            Connection r = resumed(snap, how);
            Connection full = snap.connection(r.resumedFrom());
            ComparisonModel cmp = ComparisonModel.of(snap.ladder(full.index()), snap.ladder(r.index()));
            String where = how + "\n" + String.join("\n", cmp.lines());
            // Each side's rows in its own wire order.
            List<LadderRow> left = new ArrayList<>();
            List<LadderRow> right = new ArrayList<>();
            for (ComparisonModel.Row row : cmp.rows()) {
                if (row.left() != null) left.add(row.left());
                if (row.right() != null && !row.right().ghost()) right.add(row.right());
            }
            assertEquals(handshake(snap.ladder(full.index())), left, where);
            assertEquals(handshake(snap.ladder(r.index())), right, where);
            assertFalse(cmp.reordered(), where);

            // The ClientHello grew by the ticket: changed, by tshark's sizes, with the extensions that differ.
            ComparisonModel.Row ch = cmp.rows().stream().filter(x -> x.left() != null && x.left().is(HandshakeTypes.CLIENT_HELLO))
                    .findFirst().orElseThrow();
            assertEquals(ComparisonModel.Mark.CHANGED, ch.mark(), where);
            Map<Integer, Integer> a = tsharkExtensions(full.index());
            Map<Integer, Integer> b = tsharkExtensions(r.index());
            Set<Integer> codes = new LinkedHashSet<>(a.keySet());
            codes.addAll(b.keySet());
            List<String> differ = codes.stream().filter(k -> !Objects.equals(a.get(k), b.get(k)))
                    .map(ExtensionTypes::nameOrUnknown).toList();
            assertFalse(differ.isEmpty());
            int grew = tsharkClientHelloBytes(r.index()) - tsharkClientHelloBytes(full.index());
            assertEquals(String.format("%+,d B (%s)", grew, String.join(", ", differ)), ch.note(), where);
            assertTrue(ch.note().contains(how == Resumption.PSK ? "pre_shared_key" : "session_ticket"), ch.note());
            for (ComparisonModel.Row x : cmp.rows()) {
                if (x.mark() == ComparisonModel.Mark.SAME) assertEquals(x.left().bytes(), x.right().bytes(), where);
            }

            String headline = cmp.savings();
            assertFalse(headline.contains("slower"), headline);
            assertTrue(headline.contains("saved " + LadderRow.formatBytes(cmp.leftTotals().handshakeBytes()
                    - cmp.rightTotals().handshakeBytes())), headline);
            for (SkippedMessage m : r.skipped()) assertTrue(headline.contains(m.message()), headline);
            int rt = full.roundTrips() - r.roundTrips();
            assertTrue(headline.contains(rt == 0 ? "same round trips (" + full.roundTrips() + ")" : rt + " round trip"), headline);
            if (how == Resumption.PSK) {
                assertTrue(headline.contains("no signature to make or check"), headline);
                assertTrue(headline.contains("0-RTT"), headline);
            }
            assertEquals(r.handshakeMs() > full.handshakeMs(), cmp.slower());
            if (cmp.slower()) {
                // Where the time went: the gap that grew most, both sides' values from the models.
                assertTrue(headline.contains(String.format(java.util.Locale.ROOT, "took %.3f ms longer",
                        r.handshakeMs() - full.handshakeMs())), headline);
                assertTrue(headline.contains(" went from "), headline);
            }
        }
    }

    private static List<LadderRow> handshake(LadderModel l) {
        Double end = l.connection().handshakeMs();
        return l.rows().stream().filter(x -> !x.ghost() && x.kind() != LadderRow.Kind.ALERT)
                .filter(x -> end == null || x.timeMs() == null || x.timeMs() <= end).toList();
    }
}
