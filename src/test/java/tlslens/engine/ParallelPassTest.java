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
import tlslens.ui.model.ColouringRules;

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
        // filters a pass answers from the fields the first pass recorded (CaptureIndex.mayMatch) and ones it cannot
        "tls.handshake.type == 2 || tls.alert_message", "tls.handshake.type == 1 && tcp.srcport > 1024",
        "!(tls.handshake.type == 1)", "tls.handshake.type != 1", "tls.record.content_type == 21 || !tls.handshake",
        "tls.handshake.extensions_server_name contains \"e\"", "tls.handshake.session_id_length > 0",
        // filters over integer fields only, which a first pass that kept their values answers without a pass (FieldPresence.decided)
        "count(tls.handshake.type) == 2", "len(tls.handshake.type) == 1", "tls.handshake.type in {1, 2, 11}",
        "tls.handshake.type & 0x2", "tls.handshake.type > 10 && !(tls.handshake.type == 14)",
        "tls.handshake.extensions.supported_version == 0x0304 || tls.handshake.type == 4", "tls.record.version == 0x0303",
        "tls.handshake.type == 2 && !(tls.handshake.type == 11) && !tls.handshake.extensions.supported_version",
        "!tls.handshake.type", "tls.alert_message.desc == 0 || tls.handshake.type == 20",
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
        for (String name : PublicCaptures.ASSORTED) {
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
            // A window's first pass (sparse trees of the colouring rules' fields) records other values: the same matches.
            try (CaptureFileReader again = CaptureFileReader.open(cap);
                 CaptureIndex sparse = new CaptureIndex(again.linkType(), secrets)) {
                sparse.interfaces(again.interfaces());
                List<String> keep = LightTree.sparse(ColouringRules.defaults().fields());
                for (RawFrame f; (f = again.next()) != null; ) sparse.add(f, false, keep);
                for (String text : FILTERS) {
                    DisplayFilter df = DisplayFilter.compile(text);
                    assertArrayEquals(index.matching(df, () -> false), sparse.matching(df, n, 3, null, () -> false),
                            cap.getFileName() + " (sparse first pass): " + text);
                }
            }
            return index.parallelizable(n);
        }
    }

    /**
     * A filter over fields whose values the first pass kept is answered from them: after a window's
     * first pass (the colouring rules keep tls.handshake.type), "tls.handshake.type == 1" needs no
     * frame dissected again; a filter on a field the pass did not keep still does.
     */
    @Test
    void aFilterOverKeptValuesNeedsNoPass() throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/main/resources/sample/tls-sample.pcapng"));
             CaptureIndex index = new CaptureIndex(r.linkType())) {
            List<String> keep = LightTree.sparse(ColouringRules.defaults().fields());
            for (RawFrame f; (f = r.next()) != null; ) index.add(f, false, keep);
            int n = index.frameCount();
            byte[] hello = index.decided(DisplayFilter.compile("tls.handshake.type == 1"), n);
            int ones = 0;
            for (int i = 1; i <= n; i++) {
                assertTrue(hello[i] >= 0, "frame " + i + " not known");
                ones += hello[i];
            }
            assertTrue(ones > 0, "no ClientHello known");
            byte[] version = index.decided(DisplayFilter.compile("tls.record.version == 0x0303"), n);
            int unknown = 0;
            for (int i = 1; version != null && i <= n; i++) unknown += version[i] < 0 ? 1 : 0;
            assertTrue(version == null || unknown > 0, "tls.record.version is not kept by the colouring rules");
            assertEquals(null, index.decided(DisplayFilter.compile("tls.handshake.type == 1 && tcp.srcport > 1024"), n));
        }
    }

    /**
     * The frames a filter pass skips (their first-pass trees held none of the filter's fields, and a
     * tree without them does not match) include no match, and the pass does skip some.
     */
    @Test
    void theFramesAFilterPassSkipsCannotMatch() throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/main/resources/sample/tls-sample.pcapng"));
             CaptureIndex index = new CaptureIndex(r.linkType())) {
            for (RawFrame f; (f = r.next()) != null; ) index.add(f, false);
            int n = index.frameCount();
            DisplayFilter hello = DisplayFilter.compile("tls.handshake.type == 1");
            boolean[] may = index.mayMatch(hello, n);
            int skipped = 0;
            for (int i = 1; i <= n; i++) skipped += may[i] ? 0 : 1;
            assertTrue(skipped > 0 && skipped < n, "skipped " + skipped + " of " + n);
            int[] matches = index.matching(hello, () -> false);
            assertTrue(matches.length > 0);
            for (int m : matches) assertTrue(may[m], "frame " + m);
            // A filter a tree without its fields matches cannot skip; nor one naming a field light trees thin.
            assertEquals(null, index.mayMatch(DisplayFilter.compile("!(tls.handshake.type == 1)"), n));
            assertEquals(null, index.mayMatch(DisplayFilter.compile("tcp.options"), n));
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
