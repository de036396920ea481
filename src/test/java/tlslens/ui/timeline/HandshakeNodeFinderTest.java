package tlslens.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.ProtoNode;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.ConnectionsSnapshot;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;

/**
 * Every arrow of every ladder finds its own item in its frame's detail tree (as the window
 * rebuilds it), a distinct one per arrow, and the item is the one the arrow names; and the SVG
 * export of each ladder is well-formed XML with one row group per arrow.
 */
class HandshakeNodeFinderTest {

    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/sample/tls-sample.pcapng", "src/test/resources/captures/tls12_session_id.pcap",
            "src/test/resources/captures/tls13_hrr.pcap", "src/test/resources/captures/tls12_client_cert.pcap",
            "src/test/resources/captures/tls13_psk_early_data.pcapng", "src/test/resources/captures/dtls12_hello_verify.pcap",
            "src/test/resources/captures/dtls10.pcap"})
    void everyArrowFindsItsNode(String file) throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(Path.of(file)); CaptureIndex idx = new CaptureIndex(r.linkType())) {
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            ConnectionsSnapshot snap = ConnectionsSnapshot.of(idx);
            int arrows = 0;
            for (var c : snap.connections()) {
                LadderModel m = snap.ladder(c.key());
                Set<String> seen = new HashSet<>();
                List<LadderRow> rows = m.rows();
                for (int i = 0; i < rows.size(); i++) {
                    LadderRow row = rows.get(i);
                    String where = file + " #" + c.index() + " row " + i + " " + row.label() + " frame " + row.frame();
                    if (row.ghost()) {
                        assertNull(HandshakeNodeFinder.find(idx.dissect(1).root, row, 0), where);
                        continue;
                    }
                    ProtoNode n = HandshakeNodeFinder.find(idx.dissect((int) row.frame()).root, row, m.ordinalInFrame(i));
                    assertNotNull(n, where);
                    assertTrue(seen.add(key(n, row.frame())), where + ": two arrows on one node");
                    String text = n.text();
                    switch (row.kind()) {
                        case MESSAGE -> assertEquals("Handshake Protocol: " + row.label(), text, where);
                        case CHANGE_CIPHER_SPEC -> assertTrue(text.contains("Change Cipher Spec"), where + ": " + text);
                        case ALERT -> assertTrue(text.contains("Alert"), where + ": " + text);
                        case ENCRYPTED, EARLY_DATA -> assertTrue(text.contains("Encrypted Handshake Message")
                                || text.contains("Application Data") || text.equals("Handshake Protocol"), where + ": " + text);
                        case GHOST -> { }
                    }
                    arrows++;
                }
                String svg = LadderSvg.write(m);
                javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertEquals(rows.size(), svg.split("<g class=\"row ", -1).length - 1, file);
                assertTrue(!svg.toLowerCase(Locale.ROOT).contains("nan"), file);
            }
            assertTrue(arrows > 0, file);
        }
    }

    /**
     * QUIC (quic-go's interop capture, no keys): a message arrow finds its TLS message inside its CRYPTO
     * frame, a packet arrow (an encrypted Handshake packet, a run of 0-RTT packets) its QUIC packet item.
     */
    @org.junit.jupiter.api.Test
    @tlslens.UsesPublicCaptures
    void everyQuicArrowFindsItsMessageOrPacket() throws Exception {
        Path file = tlslens.PublicCaptures.of("zeek_quic_interop_quic-go_zerortt.pcap");
        try (CaptureFileReader r = CaptureFileReader.open(file); CaptureIndex idx = new CaptureIndex(r.linkType())) {
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            ConnectionsSnapshot snap = ConnectionsSnapshot.of(idx);
            int messages = 0, packets = 0;
            for (var c : snap.connections()) {
                if (c.transport() != tlslens.engine.Transport.QUIC) continue;
                LadderModel m = snap.ladder(c.key());
                List<LadderRow> rows = m.rows();
                for (int i = 0; i < rows.size(); i++) {
                    LadderRow row = rows.get(i);
                    String where = c.label() + " row " + i + " " + row.label() + " frame " + row.frame();
                    if (row.ghost()) continue;
                    ProtoNode n = HandshakeNodeFinder.find(idx.dissect((int) row.frame()).root, row, m.ordinalInFrame(i));
                    assertNotNull(n, where);
                    if (row.kind() == LadderRow.Kind.MESSAGE) {
                        assertEquals("Handshake Protocol: " + row.label(), n.text(), where);
                        messages++;
                    } else {
                        assertEquals("quic", n.field.abbrev, where);
                        ProtoNode type = n.first("quic.long.packet_type");
                        assertNotNull(type, where);
                        assertEquals((long) row.quicPacketType(), type.value(), where);
                        packets++;
                    }
                }
            }
            assertTrue(messages >= 4 && packets >= 3, messages + " messages, " + packets + " packets");
        }
    }

    /** A node by where it is: trees are rebuilt per call, so identity would not tell two finds apart. */
    private static String key(ProtoNode n, long frame) { return frame + ":" + n.source + ":" + n.offset + ":" + n.length(); }
}
