package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.analysis.Connection;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.engine.Transport;
import tlslens.ui.decrypt.CaptureKeys;

/**
 * The status bar's word when a connection's keys left part of it closed. Chrome → Cloudflare over QUIC with its
 * embedded secrets: a TCP connection "#0" and a QUIC connection "QUIC #0"; one stray short-header packet of the
 * QUIC one does not open (tshark 4.0 reports the same frame "Decryption failed"). The verdict must name the QUIC
 * connection, not the TCP one of the same number, and say how much did not open rather than "it".
 */
@UsesPublicCaptures
class QuicKeyVerdictTest {
    @Test
    void namesTheQuicConnectionAndHowMuchStayedClosed() throws Exception {
        Path file = PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng");
        CaptureKeys keys = CaptureKeys.load(null, file);
        List<Connection> model;
        try (CaptureFileReader r = CaptureFileReader.open(file);
                CaptureIndex idx = new CaptureIndex(r.linkType(), keys.secrets()).interfaces(r.interfaces())) {
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            model = tlslens.ui.model.ConnectionsSnapshot.of(idx).connections();
        }
        Connection quic = model.stream().filter(c -> c.transport() == Transport.QUIC).findFirst().orElseThrow();
        var d = quic.decryption();
        assertTrue(d.recordsDecrypted() > 0 && d.recordsFailed() > 0, "partly opened: " + d.describe());
        String verdict = DecryptionControl.verdict(model, 10);
        assertNotNull(verdict);
        String expected = "Keys for connection QUIC #" + quic.index() + " did not decrypt " + d.recordsFailed() + " of its "
                + (d.recordsDecrypted() + d.recordsFailed()) + " protected packets";
        assertEquals(expected, verdict.substring(0, Math.min(verdict.length(), expected.length())), verdict);
    }
}
