package tlslens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tlslens.capture.RawFrame;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.engine.ConnectionState;
import tlslens.engine.Engine;

/**
 * The connection model's compact forms (handshake steps in primitive arrays, a hello's extensions as
 * code/length pairs) read back exactly what the analysis made, on every connection of our captures:
 * each step field by field (flags, kinds, missing times, QUIC CRYPTO frames) and each extension map
 * as the LinkedHashMap it replaced, in wire order.
 */
class CompactModelTest {
    @Test
    void stepsAndExtensionsReadBackAsMadeOnEveryCapture() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Captures.OURS)) {
            files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
        int steps = 0, quicSteps = 0, hellos = 0;
        for (Path file : files) {
            Engine engine = new Engine();
            for (RawFrame f : Captures.frames(file)) engine.dissect(f);
            for (ConnectionState s : engine.allConnections()) {
                if (s.tls() == null || s.dtls() != null) continue;
                List<HandshakeStep> made = new HandshakeTimeline(s).handshakeSteps();
                List<HandshakeStep> compact = StepList.of(made);
                assertEquals(made, compact, file + " #" + s.index());
                assertEquals(made, new ArrayList<>(compact), file + " #" + s.index());
                for (HandshakeStep h : made) if (!h.cryptoFrames().isEmpty()) quicSteps++;
                steps += made.size();
                for (HelloInfo h : s.tls().log().clientHellos()) {
                    assertEquals(linked(h), CodeLengths.of(h), file + " #" + s.index());
                    assertEquals(List.copyOf(linked(h).keySet()), List.copyOf(CodeLengths.of(h).keySet()));
                    hellos++;
                }
                for (HelloInfo h : s.tls().log().serverHellos()) assertEquals(linked(h), CodeLengths.of(h));
            }
        }
        assertTrue(steps > 100 && hellos > 10, steps + " steps, " + hellos + " hellos");
        assertTrue(quicSteps > 0, "no QUIC step carried CRYPTO frames");
        assertFalse(CodeLengths.of(null).containsKey(0));
    }

    /**
     * Steps whose codes do not fit a byte (a content type or handshake type of 255 read off the wire)
     * or whose frame number does not fit an int read back as made too (the compact form's wider layouts).
     */
    @Test
    void stepsOutsideThePackedRangeReadBackAsMade() {
        HandshakeStep usual = new HandshakeStep(7, true, HandshakeStep.Kind.MESSAGE, 22, 1, 517, 0.0, false, false);
        HandshakeStep odd = new HandshakeStep(9, false, HandshakeStep.Kind.MESSAGE, 255, 255, 40, null, true, true, 3,
                List.of(9L, 10L), true);
        HandshakeStep far = new HandshakeStep(1L << 33, false, HandshakeStep.Kind.VERSION_NEGOTIATION, 22, -1, 12, 1.5,
                false, false);
        for (List<HandshakeStep> made : List.of(List.of(usual), List.of(usual, odd), List.of(far, usual), List.of(odd, far))) {
            assertEquals(made, StepList.of(made));
            assertEquals(made, new ArrayList<>(StepList.of(made)));
        }
    }

    /** The map the model kept before: first occurrence of each code, -1 for a length not known. */
    private static Map<Integer, Integer> linked(HelloInfo h) {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < h.extensions.size(); i++) {
            m.putIfAbsent(h.extensions.get(i), i < h.extensionLengths.size() ? h.extensionLengths.get(i) : -1);
        }
        return m;
    }
}
