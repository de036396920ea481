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
                Engine lean = new Engine().interfaces(r.interfaces()).detail(false).lean(true);
                Engine full = new Engine().interfaces(r.interfaces());
                RawFrame f;
                while ((f = r.next()) != null) {
                    FrameDissection leanTree = lean.dissect(f);
                    Map<String, Integer> inLight = counts(light.dissect(f));
                    Map<String, Integer> inLean = counts(leanTree);
                    FrameDissection fullTree = full.dissect(f);
                    Map<String, Integer> inFull = counts(fullTree);
                    for (Map.Entry<String, Integer> e : inFull.entrySet()) {
                        if (!LightTree.holds(e.getKey())) continue;
                        assertEquals(e.getValue(), inLight.getOrDefault(e.getKey(), 0),
                                capture.getFileName() + " #" + f.number() + ": " + e.getKey());
                        checked++;
                        if (!LightTree.holdsLean(e.getKey())) continue;
                        assertEquals(e.getValue(), inLean.getOrDefault(e.getKey(), 0),
                                capture.getFileName() + " #" + f.number() + " (lean): " + e.getKey());
                    }
                    // The window's columns come from lean light trees: the same as from full ones.
                    assertEquals(fullTree.summary(f.originalLength(), s -> s), leanTree.summary(f.originalLength(), s -> s),
                            capture.getFileName() + " #" + f.number());
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
        assertTrue(LightTree.holdsLean("tls.handshake.type"));
        assertTrue(LightTree.holdsLean("tls.handshake.certificate"));
        assertFalse(LightTree.holdsLean("x509sat.printableString"), "below a certificate: left out of lean trees");
        assertFalse(LightTree.holdsLean("tls.sct.sct_version"), "in a certificate's SCT extension");
        assertFalse(LightTree.holdsLean("tls.handshake.sig_hash_alg"), "an SCT's signature algorithm too");
        assertFalse(LightTree.holdsLean("tls.handshake.ja4"));
        assertFalse(LightTree.holdsLean("_ws.malformed"), "an X.509 error is one");
        assertFalse(LightTree.holdsLean("tcp.window_size"), "not in light trees either");
    }

    private static Map<String, Integer> counts(FrameDissection fd) {
        Map<String, Integer> m = new HashMap<>();
        fd.root.walk(n -> {
            if (n.field != null) m.merge(n.field.abbrev, 1, Integer::sum);
        });
        return m;
    }
}
