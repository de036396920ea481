package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.RobustnessTest;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * A pass over the index on several threads (each TCP connection replayed alone, the UDP frames in
 * order) gives every frame the tree the sequential pass gives it, and a display filter the same
 * matches; a capture with frames of no connection falls back to the sequential pass.
 */
class ParallelPassTest {
    private static final String[] FILTERS = {
        "tls.handshake.type == 1", "tls", "!tls", "tcp.analysis.flags", "tcp.stream == 1", "frame.time_delta > 0.001",
        "tls.record.content_type == 23", "tcp.len > 0 && !tls", "udp", "tls.handshake.extensions_server_name",
        "x509sat.printableString", "tls.handshake.ja4",
    };

    @Test
    void treesAndMatchesEqualTheSequentialPass() throws Exception {
        int parallel = 0;
        for (Path cap : RobustnessTest.captures()) parallel += compare(cap, null) ? 1 : 0;
        assertTrue(parallel > 10, "captures passed in parallel: " + parallel);
    }

    @Test
    void withKeysTheReplaysDecryptAsTheSequentialPass() throws Exception {
        Path dir = Path.of("src/test/resources/captures");
        assertTrue(compare(dir.resolve("tls12_resumption_keys.pcapng"),
                new TlsSecrets(KeyLog.read(dir.resolve("tls12_resumption_keys.keylog")))));
        assertTrue(compare(dir.resolve("tls13_psk_early_data.pcapng"),
                new TlsSecrets(KeyLog.read(dir.resolve("tls13_psk_early_data.keylog")))));
    }

    @Test
    @UsesPublicCaptures
    void treesAndMatchesEqualTheSequentialPassOnPublicCaptures() throws Exception {
        int parallel = 0;
        for (String name : List.of("zeek_tls-1.2-stream-keylog.pcap", "zeek_hrr.pcap", "ja4_latest.pcapng",
                "zeek_quic_interop_quic-go_zerortt.pcap", "ja4_tls-handshake.pcapng", "zeek_dtls1_2.pcap",
                "lek_all_dump.pcapng", "scapy_tls_tcp_frag.pcap")) {
            parallel += compare(PublicCaptures.of(name), null) ? 1 : 0;
        }
        assertTrue(parallel > 3, "captures passed in parallel: " + parallel);
    }

    /** Compares both passes over {@code cap}; returns whether the parallel one ran on several threads. */
    private static boolean compare(Path cap, TlsSecrets secrets) throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(cap); CaptureIndex index = new CaptureIndex(r.linkType(), secrets)) {
            index.interfaces(r.interfaces());
            for (RawFrame f; (f = r.next()) != null; ) index.add(f, false);
            int n = index.frameCount();
            List<String> sequential = new ArrayList<>();
            index.redissect(n, true, () -> false, fd -> sequential.add(CaptureIndexTest.dump(fd)));
            Map<Integer, String> parallel = new ConcurrentHashMap<>();
            Map<String, Boolean> threads = new ConcurrentHashMap<>();
            assertTrue(index.parallelPass(n, true, 3, null, () -> false, fd -> {
                parallel.put(fd.number, CaptureIndexTest.dump(fd));
                threads.put(Thread.currentThread().getName(), true);
            }));
            assertEquals(n, parallel.size(), cap.getFileName().toString());
            for (int i = 1; i <= n; i++) assertEquals(sequential.get(i - 1), parallel.get(i), cap.getFileName() + " frame " + i);
            for (String text : FILTERS) {
                DisplayFilter df = DisplayFilter.compile(text);
                assertArrayEquals(index.matching(df, () -> false), index.matching(df, n, 3, null, () -> false),
                        cap.getFileName() + ": " + text);
            }
            return index.parallelizable(n);
        }
    }

    @Test
    void aCancelledPassSaysSo() throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/main/resources/sample/tls-sample.pcapng"));
             CaptureIndex index = new CaptureIndex(r.linkType())) {
            for (RawFrame f; (f = r.next()) != null; ) index.add(f, false);
            assertTrue(index.parallelizable(index.frameCount()));
            assertEquals(null, index.matching(DisplayFilter.compile("tls"), index.frameCount(), 2, null, () -> true));
        }
    }
}
