package tlslens.analysis;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tlslens.ui.model.LadderModel;

/**
 * Each connection carries TCP's initial round-trip time (tshark's tcp.analysis.initial_rtt), the
 * unit a handshake's time is read in; the ladder's summary says what one round trip costs there.
 */
class InitialRttTest {

    @Test
    @UsesPublicCaptures
    void everyConnectionsIrttIsTsharks() throws Exception {
        for (Path capture : List.of(Captures.OURS.resolve("tls12_resumption_keys.pcapng"),
                Captures.publicCapture("zeek_tls1_1.pcap"), Captures.publicCapture("ja4_latest.pcapng"))) {
            Map<Integer, Duration> theirs = tsharkIrtt(capture);
            assertTrue(!theirs.isEmpty(), "tshark measured an iRTT in " + capture);
            for (Connection c : Captures.model(capture)) {
                assertEquals(theirs.get(c.index()), c.initialRtt(), capture + " stream " + c.index());
            }
        }
    }

    @Test
    @UsesPublicCaptures
    void noIrttWithoutTheTcpHandshake() {
        // The capture starts after the TCP handshake: no SYN, so no round trip to measure.
        List<Connection> model = Captures.model(Captures.publicCapture("scapy_tls_new-session-ticket.pcap"));
        assertTrue(!model.isEmpty());
        for (Connection c : model) assertNull(c.initialRtt(), "stream " + c.index());
    }

    @Test
    void theLadderSaysWhatOneRoundTripCosts() {
        Connection c = Captures.model(Captures.OURS.resolve("tls12_resumption_keys.pcapng")).get(0);
        assertNotNull(c.initialRtt());
        String summary = LadderModel.of(c, null).summary();
        String ms = String.format(java.util.Locale.ROOT, "%.3f", c.initialRtt().toNanos() / 1e6);
        assertTrue(summary.endsWith(" · 1 round trip \u2248 " + ms + " ms here"), summary);
    }

    /** tcp.stream → the iRTT tshark shows in that stream's frames. */
    private static Map<Integer, Duration> tsharkIrtt(Path capture) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", capture.toString(), "-Y", "tcp.analysis.initial_rtt", "-T", "fields",
                "-e", "tcp.stream", "-e", "tcp.analysis.initial_rtt").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        Map<Integer, Duration> m = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] c = line.split("\t");
            if (c.length < 2 || c[1].isEmpty()) continue;
            long ns = new BigDecimal(c[1]).movePointRight(9).longValueExact();
            m.putIfAbsent(Integer.parseInt(c[0]), Duration.ofNanos(ns));
        }
        return m;
    }
}
