package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tlslens.CaptureFrames;
import tlslens.analysis.Connection;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.CaptureIndex;

/**
 * Once a file is read and its connection model made, the engine lets go of every TCP connection's
 * TLS log and hellos (CaptureIndex.forgetConnectionDetail), and the next model takes them from the
 * one before. On every capture of ours: the model made again equals the first, made from whole
 * state; and keys loaded afterwards (the connections they open dissected again, as the window does)
 * give the model of keys there from the start: the re-keyed connections analysed afresh, every
 * connection linked again (a TLS 1.3 ticket the keys reveal links the connection that resumed it).
 */
class ForgottenDetailTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");

    @Test
    void theModelAfterDetailWasLetGoIsTheModelOfWholeState() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(CAPTURES)) {
            files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
        int forgotten = 0, rekeyed = 0, linkedByKeys = 0;
        for (Path cap : files) {
            List<RawFrame> frames = CaptureFrames.read(cap);
            int link = CaptureFrames.linkType(cap);
            Path keys = cap.resolveSibling(cap.getFileName().toString().replaceAll("\\.pcap(ng)?$", ".keylog"));
            try (CaptureIndex idx = read(link, frames, new TlsSecrets())) {
                ConnectionsSnapshot whole = ConnectionsSnapshot.of(idx);
                boolean tcp = idx.withConnections(cs -> cs.stream().anyMatch(c -> c.transport() == tlslens.engine.Transport.TCP));
                if (tcp) {
                    boolean let = idx.withConnections(cs -> cs.stream().anyMatch(c -> c.detailForgotten()));
                    assertTrue(let, cap + ": detail let go");
                    forgotten++;
                }
                SameModel.assertSame(whole, ConnectionsSnapshot.of(idx), cap + ", made again");
                if (!Files.exists(keys)) continue;
                // Keys loaded later: as RowFeed.rekey does.
                idx.useSecrets(new TlsSecrets(KeyLog.read(keys)));
                for (int stream : idx.rekeyable(true)) idx.redissect(stream, false, fd -> { });
                if (idx.udpRekeyable(true)) idx.redissectUdp(false, fd -> { });
                ConnectionsSnapshot later = ConnectionsSnapshot.of(idx);
                try (CaptureIndex ref = read(link, frames, new TlsSecrets(KeyLog.read(keys)))) {
                    ConnectionsSnapshot fromStart = ConnectionsSnapshot.of(ref);
                    SameModel.assertSame(fromStart, later, cap + ", keys loaded later");
                    for (Connection c : fromStart.connections()) {
                        Connection before = whole.connection(c.key());
                        if (c.resumedFrom() != null && before != null && before.resumedFrom() == null) linkedByKeys++;
                    }
                    // And once more after that: the re-keyed connections' detail went too.
                    SameModel.assertSame(fromStart, ConnectionsSnapshot.of(idx), cap + ", keys loaded later, made again");
                }
                rekeyed++;
            }
        }
        assertTrue(forgotten > 20 && rekeyed > 20, forgotten + " captures let detail go, " + rekeyed + " re-keyed");
        assertTrue(linkedByKeys > 0, "no resumption was linked by keys loaded later");
    }

    private static CaptureIndex read(int link, List<RawFrame> frames, TlsSecrets secrets) {
        CaptureIndex idx = new CaptureIndex(link, secrets);
        for (RawFrame f : frames) idx.add(f, false);
        idx.finishReading();
        return idx;
    }
}
