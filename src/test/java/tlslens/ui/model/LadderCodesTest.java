package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.analysis.AlertEvent;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.tls.HandshakeDissector;
import tlslens.dissect.tls.SyntheticCapture;
import tlslens.dissect.tls.names.AlertLevels;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.ui.timeline.HandshakeNodeFinder;

/**
 * The ladder works from codes alone: a handshake with message types tshark has no name for (one
 * made up, one IANA assigned after tshark 4.0) and a GREASE extension still becomes rows that carry
 * those codes, find their own items in the tree, align with themselves, and are labelled at the
 * edge only.
 */
class LadderCodesTest {
    /** A type no registry assigns, and EKT Key (RFC 8870), which tshark 4.0 does not know. */
    private static final int UNASSIGNED = 0xaa;
    private static final int EKT_KEY = HandshakeTypes.EKT_KEY;
    /** An alert description no registry assigns. */
    private static final int UNKNOWN_ALERT = 0xfe;

    private static byte[] hex(String s) { return HexFormat.of().parseHex(s.replaceAll("\\s", "")); }

    private static byte[] record(int contentType, String body) {
        byte[] b = hex(body);
        byte[] r = new byte[5 + b.length];
        r[0] = (byte) contentType;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (b.length >> 8);
        r[4] = (byte) b.length;
        System.arraycopy(b, 0, r, 5, b.length);
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** ClientHello (suites GREASE + 0xc02f, a GREASE extension), ServerHello, two unnamed messages, an alert. */
    private static Path capture(Path dir) throws Exception {
        String random = "11".repeat(32);
        String clientHello = "01000031" + "0303" + random + "00" + "0004" + "1a1a" + "c02f" + "0100" + "0004" + "1a1a0000";
        String serverHello = "02000026" + "0303" + "22".repeat(32) + "00" + "c02f" + "00";
        return new SyntheticCapture(50123, 443)
                .send(0, record(ContentTypes.HANDSHAKE, clientHello))
                .send(1, record(ContentTypes.HANDSHAKE, serverHello))
                // Each first in its own record and shorter than a MAC: read as messages, not ciphertext.
                .send(1, concat(record(ContentTypes.HANDSHAKE, String.format("%02x000000", UNASSIGNED)),
                        record(ContentTypes.HANDSHAKE, String.format("%02x000000", EKT_KEY))))
                .send(0, record(ContentTypes.ALERT, String.format("%02x%02x", AlertLevels.FATAL, UNKNOWN_ALERT)))
                .write(dir, "unknown-codes.pcap");
    }

    @Test
    void unknownCodesTravelFromTheDissectorToTheLadder(@TempDir Path dir) throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(capture(dir)); CaptureIndex idx = new CaptureIndex(r.linkType())) {
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            ConnectionsSnapshot snap = ConnectionsSnapshot.of(idx);
            assertEquals(1, snap.connections().size());
            Connection c = snap.connections().get(0);

            List<Integer> types = c.handshake().stream().map(HandshakeStep::handshakeType).toList();
            assertEquals(List.of(HandshakeTypes.CLIENT_HELLO, HandshakeTypes.SERVER_HELLO, UNASSIGNED, EKT_KEY), types);
            for (HandshakeStep s : c.handshake()) {
                assertEquals(ContentTypes.HANDSHAKE, s.contentType(), s.toString());
                assertEquals(HandshakeStep.Kind.MESSAGE, s.kind(), s.toString());
            }
            AlertEvent alert = c.alerts().get(0);
            assertEquals(UNKNOWN_ALERT, alert.descriptionCode());
            assertEquals(ContentTypes.ALERT, alert.contentType());
            assertTrue(alert.fatal());

            LadderModel ladder = snap.ladder(c.index());
            List<LadderRow> rows = ladder.rows();
            assertEquals(5, rows.size(), rows.toString());
            assertEquals(List.of(1, 2, 2, 2, 3), rows.stream().map(LadderRow::flight).toList());
            for (int i = 0; i < 4; i++) {
                assertEquals(types.get(i), rows.get(i).handshakeType(), rows.get(i).toString());
                assertEquals(ContentTypes.HANDSHAKE, rows.get(i).contentType(), rows.get(i).toString());
            }
            // Labelled at the edge: what tshark shows for a type it cannot name.
            assertEquals(HandshakeDissector.ENCRYPTED_HANDSHAKE, rows.get(2).label());
            assertEquals(HandshakeDissector.ENCRYPTED_HANDSHAKE, rows.get(3).label());
            assertEquals(ContentTypes.ALERT, rows.get(4).contentType());
            assertTrue(rows.get(4).label().contains(alert.description()), rows.get(4).label());

            // Every row finds its own item, and an unnamed message's item starts with its code.
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                LadderRow row = rows.get(i);
                FrameDissection fd = idx.dissect((int) row.frame());
                ProtoNode n = HandshakeNodeFinder.find(fd.root, row, ladder.ordinalInFrame(i));
                assertNotNull(n, row.toString());
                assertTrue(seen.add(row.frame() + ":" + n.source + ":" + n.offset), "two rows on one item: " + row);
                if (row.kind() == LadderRow.Kind.MESSAGE) {
                    assertEquals(row.handshakeType(), fd.sources().get(n.source).bytes()[n.offset] & 0xff, row.toString());
                }
            }
            assertNull(HandshakeNodeFinder.find(idx.dissect(1).root, rows.get(1), 0), "no ServerHello in frame 1");

            // The connection compared with itself: every handshake row pairs with its twin.
            ComparisonModel same = ComparisonModel.of(ladder, ladder);
            assertEquals(4, same.count(ComparisonModel.Mark.SAME), same.lines().toString());
            assertEquals(4, same.rows().size(), same.lines().toString());
        }
    }
}
