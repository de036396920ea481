package tlslens.dissect;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tlslens.CaptureFrames;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;

/**
 * Bad input never escapes the dissector: every prefix of every TLS byte stream of our captures,
 * and thousands of random mutations of their frames, dissect with no exception, quickly, and
 * damage shows up as malformed nodes with expert notes.
 */
public class RobustnessTest {
    static final Path OURS = Path.of("src/test/resources/captures");

    public static List<Path> captures() throws IOException {
        try (Stream<Path> s = Files.list(OURS)) {
            return s.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().toList();
        }
    }

    /** The secrets of the key log beside {@code capture} (x.pcapng, x.keylog); null when there is none. */
    public static TlsSecrets secretsBeside(Path capture) throws IOException {
        Path keys = Path.of(capture.toString().replaceFirst("\\.pcap(ng)?$", ".keylog"));
        return Files.isRegularFile(keys) ? new TlsSecrets(KeyLog.read(keys)) : null;
    }


    /** A dissector bug is reported as a malformed node naming an exception; bad input never is. */
    static void assertNoBug(FrameDissection fd, String where) {
        fd.root.walk(n -> {
            String t = n.text();
            if (t.contains("Dissector bug") || t.contains("Exception")) fail(where + ": " + t);
        });
    }

    @Test
    void everyPrefixOfEveryTlsStreamDissects() throws Exception {
        long start = System.nanoTime();
        int runs = 0;
        int malformedSeen = 0;
        for (Path cap : captures()) {
            for (byte[][] dirs : StreamExtractor.tlsStreams(CaptureFrames.read(cap))) {
                for (int d = 0; d < 2; d++) {
                    byte[] s = dirs[d];
                    // Every prefix up to 4 KiB, then every 7th: a handshake lives in the first few KiB.
                    for (int len = 1; len <= s.length; len += len < 4096 ? 1 : 7) {
                        Engine e = new Engine();
                        FrameDissection fd = e.dissect(SyntheticFrames.tcp(1, d, java.util.Arrays.copyOf(s, len)));
                        assertNoBug(fd, cap.getFileName() + " dir " + d + " prefix " + len);
                        runs++;
                    }
                    // The whole stream with its first bytes given as one segment and the rest missing.
                    Engine e = new Engine();
                    FrameDissection fd = e.dissect(SyntheticFrames.tcp(1, d, s));
                    if (fd.root.find("_ws.malformed").size() > 0) malformedSeen++;
                }
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("prefix runs: %d in %.1f s%n", runs, secs);
        assertTrue(runs > 1000, "expected thousands of prefixes, got " + runs);
    }

    @Test
    void randomMutationsOfRealCapturesDissect() throws Exception {
        Random rnd = new Random(20261127);
        int runs = 0;
        int withExpert = 0;
        long start = System.nanoTime();
        for (Path cap : captures()) {
            List<RawFrame> frames = CaptureFrames.read(cap);
            for (int i = 0; i < 200; i++) {
                Engine e = new Engine();
                boolean expert = false;
                for (RawFrame f : frames) {
                    byte[] b = f.data().clone();
                    int flips = rnd.nextInt(4);
                    for (int k = 0; k < flips && b.length > 60; k++) {
                        int pos = 54 + rnd.nextInt(b.length - 54);
                        b[pos] = (byte) (rnd.nextInt(4) == 0 ? b[pos] ^ (1 << rnd.nextInt(8)) : rnd.nextInt(256));
                    }
                    FrameDissection fd = e.dissect(new RawFrame(f.number(), f.time(), f.originalLength(), b,
                            f.linkType(), 0, null));
                    assertNoBug(fd, cap.getFileName() + " mutation " + i + " frame " + f.number());
                    boolean[] ex = {false};
                    fd.root.walk(n -> { if (!n.experts().isEmpty()) ex[0] = true; });
                    expert |= ex[0];
                }
                runs++;
                if (expert) withExpert++;
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("mutation runs: %d (%d with expert notes) in %.1f s%n", runs, withExpert, secs);
        assertTrue(runs >= 2000, "expected thousands of mutated captures, got " + runs);
        assertTrue(withExpert > runs / 4, "mutations should be reported as expert notes: " + withExpert + "/" + runs);
    }
}
