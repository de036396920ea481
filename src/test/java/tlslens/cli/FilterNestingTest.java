package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FilterException;

/**
 * Filters nested 10,000 deep used to end in StackOverflowError (exit 1); a flat chain of 10,000
 * {@code or} terms too, which tshark accepts. Now: chains of any length are accepted and match what
 * tshark matches, a run of {@code not}/{@code !} keeps its parity (as tshark reads it), and deep
 * nesting of parentheses, function calls or slices is a clear error at the level that crosses the limit.
 */
class FilterNestingTest {
    static final String CAPTURE = CliRunner.capture("tls12_session_id.pcap");

    static List<String> tsharkFrames(String filter) throws Exception {
        GoldenSupport.TsharkRun r = GoldenSupport.tshark(List.of("-r", CAPTURE, "-Y", filter, "-T", "fields", "-e", "frame.number"));
        assertEquals(0, r.exitCode(), "tshark refused the filter");
        return r.out().lines().toList();
    }

    static List<String> ourFrames(String filter) {
        CliRunner.Result r = CliRunner.run("-r", CAPTURE, "-Y", filter, "-T", "fields", "-e", "frame.number");
        assertEquals(0, r.exitCode(), r.err());
        return r.outLines().length == 0 ? List.of() : List.of(r.outLines());
    }

    @Test
    void flatChainsOfTenThousandTermsMatchWhatTsharkMatches() throws Exception {
        String ors = "udp or ".repeat(9_999) + "tls.handshake.type == 1";
        assertTrue(ors.length() < 131_072); // one command-line argument for tshark
        List<String> theirs = tsharkFrames(ors);
        assertFalse(theirs.isEmpty());
        assertEquals(theirs, ourFrames(ors));
        String ands = "tcp and ".repeat(9_999) + "tls.handshake.type == 2";
        assertEquals(tsharkFrames(ands), ourFrames(ands));
        // Ten thousand distinct terms, as a generated filter has them.
        String ports = IntStream.range(0, 10_000).mapToObj(i -> "tcp.srcport == " + (i + 40_000))
                .collect(Collectors.joining(" || "));
        assertFalse(ourFrames(ports).isEmpty());
    }

    @Test
    void runsOfNotKeepTheirParityAsInTshark() throws Exception {
        for (String f : List.of("not ".repeat(10_000) + "tls", "!".repeat(10_001) + "tls", "not ".repeat(9_999) + "!tls.record")) {
            List<String> theirs = tsharkFrames(f);
            assertEquals(theirs, ourFrames(f), f.substring(0, 20));
        }
        assertNotEquals(ourFrames("!".repeat(10_000) + "tls"), ourFrames("!".repeat(10_001) + "tls"));
    }

    @Test
    void deepNestingIsAClearErrorNotAStackOverflow() {
        List<String> deep = new ArrayList<>(List.of("(".repeat(10_000) + "tls" + ")".repeat(10_000),
                "len(".repeat(10_000) + "tls.handshake.extensions_server_name" + ")".repeat(10_000),
                "tls.handshake.random" + "[1:]".repeat(10_000) + " == 00",
                "(not ".repeat(5_000) + "tls" + ")".repeat(5_000)));
        for (String f : deep) {
            CliRunner.Result r = CliRunner.run("-r", CAPTURE, "-Y", f);
            assertEquals(ExitCodes.INVALID_FILTER, r.exitCode(), r.err());
            assertTrue(r.err().contains("nested too deeply: more than 200 levels"), r.err());
            assertFalse(r.err().contains("StackOverflow"), r.err());
        }
    }

    @Test
    void theDeepestFilterAllowedRunsOnASmallThreadStack() throws Exception {
        // The window compiles and applies filters on threads of its own: 256 KiB of stack is enough.
        String f = "(".repeat(100) + "tls.handshake.random" + "[1:]".repeat(99) + " == 00" + ")".repeat(100);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                DisplayFilter df = DisplayFilter.compile(f);
                result.set(df.matches(tlslens.dissect.ProtoNode.root()));
            } catch (FilterException | RuntimeException | StackOverflowError e) {
                result.set(e);
            }
        }, "small-stack", 256 << 10);
        t.start();
        t.join();
        assertEquals(Boolean.FALSE, result.get());
        FilterException e = org.junit.jupiter.api.Assertions.assertThrows(FilterException.class,
                () -> DisplayFilter.compile("(".repeat(201) + "tls" + ")".repeat(201)));
        assertEquals(200, e.position()); // the parenthesis that crosses the limit
    }
}
