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
 * made from scratch of the same frames; and so does the model once the file is read.
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
                ConnectionsSnapshot remade = ConnectionsSnapshot.of(idx);
                reused += ((Analysis) idx.modelToUpdate()).reused();
                assertSame(fromScratch(idx), remade, cap.getFileName() + " after frame " + idx.frameCount());
            }
            ConnectionsSnapshot whole = fromScratch(idx);
            idx.finishReading();
            ConnectionsSnapshot read = ConnectionsSnapshot.of(idx);
            reused += ((Analysis) idx.modelToUpdate()).reused();
            assertSame(whole, read, cap.getFileName() + " once read");
        }
        return reused;
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
