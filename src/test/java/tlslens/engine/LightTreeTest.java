package tlslens.engine;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;

/** LightTree's list against the trees: a field it says light trees hold has as many nodes in them as in full ones. */
class LightTreeTest {
    private static final List<Path> CAPTURES = List.of(
            Path.of("src/main/resources/sample/tls-sample.pcapng"), // Ethernet, pcapng interfaces
            Path.of("src/test/resources/captures/ipv6_tls12.pcap"),
            Path.of("src/test/resources/captures/truncated.pcap"),
            Path.of("src/test/resources/captures/jdk_tls.pcapng"), // retransmissions
            Path.of("src/test/resources/captures/dtls12_hello_verify.pcap")); // UDP

    @Test
    void heldFieldsAreWholeInLightTrees() throws Exception {
        int checked = heldFieldsWhole(CAPTURES);
        assertTrue(checked > 1_000, "compared " + checked + " field counts");
    }

    @Test
    @UsesPublicCaptures
    void heldFieldsAreWholeInLightTreesOfPublicCaptures() throws Exception {
        int checked = heldFieldsWhole(List.of(
                PublicCaptures.of("ja4_latest.pcapng"), // ICMP quoting TCP, lost segments
                PublicCaptures.of("lek_all_dump.pcapng"), // SSLv2, SSLv3
                PublicCaptures.of("zeek_tls-fragmented-handshake.pcap"),
                PublicCaptures.of("zeek_quic_interop_quic-go_zerortt.pcap"))); // QUIC over UDP
        assertTrue(checked > 5_000, "compared " + checked + " field counts");
    }

    private static int heldFieldsWhole(List<Path> captures) throws Exception {
        int checked = 0;
        for (Path capture : captures) {
            try (CaptureFileReader r = CaptureFileReader.open(capture)) {
                Engine light = new Engine().interfaces(r.interfaces()).detail(false);
                Engine full = new Engine().interfaces(r.interfaces());
                RawFrame f;
                while ((f = r.next()) != null) {
                    Map<String, Integer> inLight = counts(light.dissect(f));
                    Map<String, Integer> inFull = counts(full.dissect(f));
                    for (Map.Entry<String, Integer> e : inFull.entrySet()) {
                        if (!LightTree.holds(e.getKey())) continue;
                        assertEquals(e.getValue(), inLight.getOrDefault(e.getKey(), 0),
                                capture.getFileName() + " #" + f.number() + ": " + e.getKey());
                        checked++;
                    }
                }
            }
        }
        System.out.println("light trees: compared " + checked + " field counts");
        return checked;
    }

    @Test
    void thinnedLayersAreNotHeldUnlessListed() {
        assertTrue(LightTree.holds("tls.handshake.type"));
        assertTrue(LightTree.holds("tcp.analysis.retransmission"));
        assertTrue(LightTree.holds("_ws.malformed"));
        assertTrue(LightTree.holds("tcp"));
        assertFalse(LightTree.holds("tcp.window_size"), "left out of light trees (Engine.detail)");
        assertFalse(LightTree.holds("tcp.options.timestamp.tsval"));
        assertFalse(LightTree.holds("eth.ig"));
        assertFalse(LightTree.holds("frame.interface_name"));
        assertFalse(LightTree.holds("udp.checksum.status"), "generated: left out of light trees");
    }

    private static Map<String, Integer> counts(FrameDissection fd) {
        Map<String, Integer> m = new HashMap<>();
        fd.root.walk(n -> {
            if (n.field != null) m.merge(n.field.abbrev, 1, Integer::sum);
        });
        return m;
    }
}
