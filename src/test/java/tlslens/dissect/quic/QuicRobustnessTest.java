package tlslens.dissect.quic;

import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.engine.Engine;

/**
 * Bad QUIC input never costs more than the packet: real QUIC datagrams (the public quic-go capture,
 * with its Initials, coalesced packets, 0-RTT and short headers) cut short at every length and
 * randomly mutated dissect without a dissector bug, and still decrypt what is left intact.
 */
@UsesPublicCaptures
class QuicRobustnessTest {
    private static final Path CAPTURE = PublicCaptures.DIR.resolve("zeek_quic_interop_quic-go_zerortt.pcap");

    private static List<RawFrame> frames() throws Exception {
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(CAPTURE)) {
            for (RawFrame f; (f = r.next()) != null; ) frames.add(f);
        }
        return frames;
    }

    private static void assertNoBug(FrameDissection fd, String where) {
        fd.root.walk(n -> {
            String t = n.text();
            if (t.contains("Dissector bug") || t.contains("Exception")) fail(where + ": " + t);
        });
    }

    private static RawFrame with(RawFrame f, byte[] b) {
        return new RawFrame(f.number(), f.time(), f.originalLength(), b, f.linkType(), 0, null);
    }

    @Test
    void everyTruncationOfEveryDatagramDissects() throws Exception {
        List<RawFrame> frames = frames();
        int runs = 0;
        // The first 25 frames hold both connections' Initials, a coalesced Initial+Handshake, 0-RTT and short headers.
        for (int i = 0; i < Math.min(25, frames.size()); i++) {
            RawFrame f = frames.get(i);
            for (int len = 1; len < f.data().length; len += 5) {
                Engine e = new Engine();
                for (int j = 0; j < i; j++) e.dissect(frames.get(j));
                FrameDissection fd = e.dissect(with(f, Arrays.copyOf(f.data(), len)));
                assertNoBug(fd, "frame " + f.number() + " cut to " + len);
                runs++;
            }
        }
        assertTrue(runs > 1000, "runs: " + runs);
    }

    @Test
    void randomMutationsDissectAndTheFirstInitialStillDecrypts() throws Exception {
        List<RawFrame> frames = frames();
        Random rnd = new Random(20261207);
        int decrypted = 0;
        for (int i = 0; i < 150; i++) {
            Engine e = new Engine();
            for (RawFrame f : frames) {
                byte[] b = f.data().clone();
                // Frame 5 (the client's first Initial) stays intact: its CRYPTO frame must still decrypt.
                if (f.number() != 5) {
                    int flips = 1 + rnd.nextInt(4);
                    for (int k = 0; k < flips && b.length > 40; k++) b[28 + rnd.nextInt(b.length - 28)] = (byte) rnd.nextInt(256);
                }
                FrameDissection fd = e.dissect(with(f, b));
                assertNoBug(fd, "mutation " + i + " frame " + f.number());
                if (f.number() == 5 && fd.root.first("tls.handshake.type") != null) decrypted++;
            }
        }
        assertTrue(decrypted == 150, "the intact Initial decrypted in " + decrypted + " of 150 runs");
    }
}
