package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TCP's conversation analysis against tshark's, for our captures and the public ones: every
 * {@code tcp.analysis.*} field and {@code tcp.completeness} cell by cell ("-T fields", tshark run
 * now), and the frames each analysis filter selects with {@code -Y} (tshark's selection is where
 * its cell is not empty: these filters test a field's presence).
 */
class TcpAnalysisAgreementTest {
    static final List<String> FIELDS = List.of("frame.number", "tcp.completeness", "tcp.analysis", "tcp.analysis.flags",
            "tcp.analysis.acks_frame", "tcp.analysis.ack_rtt", "tcp.analysis.initial_rtt", "tcp.analysis.bytes_in_flight",
            "tcp.analysis.push_bytes_sent", "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission",
            "tcp.analysis.spurious_retransmission", "tcp.analysis.out_of_order", "tcp.analysis.lost_segment",
            "tcp.analysis.ack_lost_segment", "tcp.analysis.window_update", "tcp.analysis.window_full",
            "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack", "tcp.analysis.duplicate_ack",
            "tcp.analysis.duplicate_ack_num", "tcp.analysis.duplicate_ack_frame", "tcp.analysis.zero_window",
            "tcp.analysis.zero_window_probe", "tcp.analysis.zero_window_probe_ack", "tcp.analysis.rto",
            "tcp.analysis.rto_frame");
    /** The display filters compared: each selects the frames whose cell of the same field is not empty. */
    static final List<String> FILTERS = List.of("tcp.analysis.flags", "tcp.analysis.retransmission",
            "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission", "tcp.analysis.out_of_order",
            "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment", "tcp.analysis.duplicate_ack",
            "tcp.analysis.window_update", "tcp.analysis.window_full", "tcp.analysis.keep_alive",
            "tcp.analysis.zero_window", "tcp.analysis.acks_frame", "tcp.analysis.initial_rtt");

    @BeforeAll
    static void tshark() throws Exception {
        GoldenSupport.requireTshark();
    }

    static Stream<Path> captures() throws IOException {
        return LowerLayersAgreementTest.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void analysisFieldsAndFiltersEqualTsharks(Path capture) throws Exception {
        compare(capture, GoldenSupport.baseName(capture));
    }

    /** Compares the fields and the filters' selections for one capture; returns how many frames tshark flagged. */
    static int compare(Path capture, String name) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString()));
        args.addAll(GoldenSupport.COMMON);
        args.addAll(List.of("-T", "fields", "-E", "header=y", "-E", "occurrence=a"));
        for (String f : FIELDS) {
            args.add("-e");
            args.add(f);
        }
        GoldenSupport.TsharkRun theirs = GoldenSupport.tshark(args);
        assertTrue(theirs.exitCode() == 0 || theirs.exitCode() == 2, "tshark " + String.join(" ", args));
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertTrue(ours.exitCode() == 0 || ours.exitCode() == 2, ours.err());
        FieldComparison c = FieldComparison.compare(name, theirs.out(), ours.out(), KnownDivergences.none());
        AgreementReport.add("tcp.analysis fields", c);
        assertTrue(c.agrees(), c.describe());

        List<String[]> rows = new ArrayList<>();
        for (String line : theirs.out().split("\n")) if (!line.isEmpty()) rows.add(line.split("\t", -1));
        int flagged = 0;
        int selections = 0;
        for (String filter : FILTERS) {
            int col = FIELDS.indexOf(filter);
            List<String> expected = new ArrayList<>();
            for (String[] r : rows.subList(1, rows.size())) if (col < r.length && !r[col].isEmpty()) expected.add(r[0]);
            if (filter.equals("tcp.analysis.flags")) flagged = expected.size();
            List<String> filtered = new ArrayList<>(List.of("-r", capture.toString()));
            filtered.addAll(GoldenSupport.COMMON);
            filtered.addAll(List.of("-Y", filter, "-T", "fields", "-e", "frame.number"));
            CliRunner.Result sel = CliRunner.run(filtered.toArray(String[]::new));
            List<String> actual = sel.out().lines().filter(l -> !l.isEmpty()).toList();
            assertEquals(expected, actual, name + ": frames -Y " + filter + " selects");
            selections += expected.size();
        }
        AgreementReport.addLine("-Y tcp.analysis.*", name, selections, selections, 0, "");
        return flagged;
    }

    @AfterAll
    static void writeReport() throws IOException {
        AgreementReport.write();
    }

    static boolean exists(Path p) { return Files.exists(p); }
}
