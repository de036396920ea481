package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.CaptureIndex;
import tlslens.engine.Transport;

/**
 * The window's "Key schedule" tab for a QUIC connection (issue 15): its Initial secrets (from the
 * wire, with or without a key log) and, with the key log, the packet keys of each space and both
 * Finished checked, from the capture's own index.
 */
class QuicKeyScheduleModelTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");

    private static KeyScheduleModel model(String name, boolean keys) throws Exception {
        Path cap = CAPTURES.resolve(name + ".pcap");
        TlsSecrets secrets = keys ? new TlsSecrets(KeyLog.read(CAPTURES.resolve(name + ".keylog"))) : null;
        try (CaptureFileReader r = CaptureFileReader.open(cap); CaptureIndex idx = new CaptureIndex(r.linkType(), secrets)) {
            for (RawFrame f; (f = r.next()) != null; ) idx.add(f, false);
            List<Connection> cs = idx.withConnections(ConnectionAnalyzer::analyze);
            Connection c = cs.stream().filter(x -> x.transport() == Transport.QUIC).findFirst().orElseThrow();
            return KeyScheduleModel.of(c, idx.quicKeySchedule(c.index()));
        }
    }

    private static List<String> titles(KeyScheduleModel m) { return m.sections().stream().map(KeyScheduleModel.Section::title).toList(); }

    @Test
    void aQuicConnectionsScheduleWithItsKeyLog() throws Exception {
        KeyScheduleModel m = model("quic_kwik_key_update", true);
        assertTrue(m.title().startsWith("Key schedule · QUIC #0"), m.title());
        assertEquals(List.of("QUIC Initial secrets", "Early secret", "Handshake secret", "Master secret", "Finished",
                "QUIC packet protection", "QUIC key update"), titles(m));
        assertTrue(m.summary().contains("\u2713"), m.summary());
        KeyScheduleModel.Row hp = m.sections().get(5).rows().stream().filter(r -> r.name().equals("client 1-RTT hp"))
                .findFirst().orElse(null);
        assertNotNull(hp);
        assertTrue(!hp.value().equals("?") && hp.source().equals("derived"), hp.toString());
    }

    @Test
    void withoutAKeyLogTheInitialSecretsAlone() throws Exception {
        KeyScheduleModel m = model("quic_kwik_full", false);
        assertEquals(List.of("QUIC Initial secrets"), titles(m));
        assertTrue(m.summary().contains("Initial keys come from the wire alone"), m.summary());
    }
}
