package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tlslens.CaptureFrames;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.analysis.Analysis;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.CaptureIndex;

/**
 * While a file loads the window remakes the connection model as it goes, each time taking the
 * connections without a frame since from the model before (ConnectionAnalyzer.read). On every
 * capture of ours, with its key log when it has one, and on the public ones: a model remade so at
 * cut points through the feed (at every frame of a small capture) equals, field by field, the model
 * made from scratch of the same frames; and so does the model once the file is read. The remade
 * model links only the connections new or changed since and those whose links they may change
 * (ConnectionAnalyzer.relink); the others, resumptions linked to their origin among them (session
 * ids, TLS 1.2 tickets, TLS 1.3 PSKs), stay as linked before, and still share equal values with the
 * new ones (Canon).
 */
class IncrementalModelTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");

    @Test
    void aModelRemadeAsFramesComeIsTheModelMadeFromScratch() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(CAPTURES)) {
            files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
        int reused = 0;
        for (Path cap : files) reused += compare(cap);
        assertTrue(files.size() > 30 && reused > 1000, files.size() + " captures, " + reused + " connections taken unchanged");
        // Resumptions linked across connections were kept as linked, by every way of resuming.
        // (Our session id resumptions are each their capture's last connection: never unchanged since.)
        for (tlslens.analysis.Resumption r : List.of(tlslens.analysis.Resumption.SESSION_TICKET, tlslens.analysis.Resumption.PSK)) {
            assertTrue(KEPT_RESUMED.getOrDefault(r, 0) > 0, r + ": no linked resumption kept as linked " + KEPT_RESUMED);
        }
    }

    @Test
    @UsesPublicCaptures
    void onPublicCaptures() throws Exception {
        int reused = 0;
        for (String name : PublicCaptures.ASSORTED) reused += compare(PublicCaptures.of(name));
        assertTrue(reused > 0, "no connection was taken unchanged");
    }

    /** Feeds {@code cap} and compares at each cut point; returns how many connections the remade models took unchanged. */
    private static int compare(Path cap) throws Exception {
        List<RawFrame> frames = CaptureFrames.read(cap);
        Path keys = cap.resolveSibling(cap.getFileName().toString().replaceAll("\\.pcap(ng)?$", ".keylog"));
        TlsSecrets secrets = Files.exists(keys) ? new TlsSecrets(KeyLog.read(keys)) : null;
        int n = frames.size();
        int step = n <= 300 ? 1 : n / 100; // every frame of a small capture: cuts inside every handshake
        int reused = 0;
        try (CaptureIndex idx = new CaptureIndex(CaptureFrames.linkType(cap), secrets)) {
            for (RawFrame f : frames) {
                idx.add(f, false);
                if (idx.frameCount() % step != 0 && idx.frameCount() != n) continue;
                Object before = idx.modelToUpdate();
                ConnectionsSnapshot remade = ConnectionsSnapshot.of(idx);
                reused += ((Analysis) idx.modelToUpdate()).reused();
                assertSame(fromScratch(idx), remade, cap.getFileName() + " after frame " + idx.frameCount());
                keptResumed(cap, before, remade);
                assertShared(remade, cap.getFileName() + " after frame " + idx.frameCount());
            }
            ConnectionsSnapshot whole = fromScratch(idx);
            idx.finishReading();
            ConnectionsSnapshot read = ConnectionsSnapshot.of(idx);
            reused += ((Analysis) idx.modelToUpdate()).reused();
            assertSame(whole, read, cap.getFileName() + " once read");
        }
        return reused;
    }

    /** By way of resuming: resumptions with a known origin that a remade model took as the model before linked them. */
    private static final java.util.Map<tlslens.analysis.Resumption, Integer> KEPT_RESUMED = new java.util.EnumMap<>(tlslens.analysis.Resumption.class);

    private static void keptResumed(Path cap, Object before, ConnectionsSnapshot remade) {
        if (!(before instanceof Analysis b)) return;
        java.util.Set<tlslens.analysis.Connection> old = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        old.addAll(b.connections());
        for (tlslens.analysis.Connection c : remade.connections()) {
            if (c.resumedFrom() != null && old.contains(c)) KEPT_RESUMED.merge(c.resumption(), 1, Integer::sum);
        }
    }

    /** Equal values of the model's connections are one object, kept or linked again (Canon). */
    private static void assertShared(ConnectionsSnapshot s, String where) {
        java.util.Map<Object, Object> first = new java.util.HashMap<>();
        for (tlslens.analysis.Connection c : s.connections()) {
            for (Object v : new Object[] {c.server(), c.sni(), c.version(), c.cipherSuite(), c.firstTime(), c.findings(),
                    c.skipped(), c.resumptionOffered()}) {
                // (Canon shares immutable lists only: a DTLS model's may be another kind.)
                if (v == null || v instanceof List<?> l && (l.isEmpty() || List.copyOf(l) != l)) continue;
                assertTrue(first.computeIfAbsent(v, k -> v) == v, where + ": " + v + " of " + c.label() + " not shared");
            }
        }
    }

    /** The model of the index's connections as they are, analysed each afresh. */
    private static ConnectionsSnapshot fromScratch(CaptureIndex idx) {
        return idx.withConnections(states -> ConnectionsSnapshot.of(ConnectionAnalyzer.analyze(states), idx.firstTime(),
                f -> f >= 1 && f <= idx.frameCount() ? idx.time((int) f) : null, idx.frameCount()));
    }

    /** The same connections, field by field, made of as many frames (SameModel). */
    private static void assertSame(ConnectionsSnapshot expected, ConnectionsSnapshot actual, String where) {
        assertEquals(expected.frameCount(), actual.frameCount(), where);
        SameModel.assertSame(expected, actual, where);
    }
}
