package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.PublicCaptures;
import tlslens.SampleCapture;
import tlslens.UsesPublicCaptures;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.PcapWriter;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.Engine;

/**
 * TCP connections dissected on worker threads (ParallelDissection, routed by ConnectionSplit) must
 * print what one engine prints, byte for byte: every capture, -T fields, summary lines and filters,
 * with 1, 2 and 3 threads.
 */
class ParallelDissectionTest {
    private static final List<String> FIELDS = List.of("frame.number", "frame.time_delta", "frame.time_relative",
            "frame.time_delta_displayed", "tcp.stream", "udp.stream", "tcp.seq", "tcp.analysis.flags",
            "tls.handshake.type", "tls.record.length", "_ws.col.Info");

    /** The runs compared: the 22 core fields, summary lines, and filters over TCP, UDP and expert items. */
    private static List<String[]> runs(String capture) throws IOException {
        List<String> core = new ArrayList<>(List.of("-r", capture, "-T", "fields", "-E", "header=y", "-E", "occurrence=a"));
        for (String f : Files.readAllLines(CliRunner.GOLDEN.resolve("fields.txt"))) {
            if (!f.isBlank() && !f.startsWith("#")) core.addAll(List.of("-e", f.trim()));
        }
        List<String> custom = new ArrayList<>(List.of("-r", capture, "-T", "fields", "-Y", "tls || tcp.len > 0 || udp"));
        for (String f : FIELDS) custom.addAll(List.of("-e", f));
        return List.of(core.toArray(String[]::new), custom.toArray(String[]::new),
                new String[] {"-r", capture},
                new String[] {"-r", capture, "-Y", "tls.handshake.type == 1"},
                new String[] {"-r", capture, "-Y", "tcp.analysis.flags || _ws.expert || icmp || quic"});
    }

    private static String run(String[] args, int threads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = Cli.run(args, o, e, threads);
        }
        return "exit " + rc + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private static void sameOutput(Path capture) throws IOException {
        long lines = 0;
        for (String[] args : runs(capture.toString())) {
            String one = run(args, 1);
            lines += one.lines().count() - 1;
            for (int threads = 2; threads <= 3; threads++) {
                assertEquals(one, run(args, threads), capture + " with " + threads + " threads: " + String.join(" ", args));
            }
        }
        assertTrue(lines > 1, capture + ": nothing printed");
    }

    private static List<Path> captures(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
    }

    @Test
    void ourCapturesPrintTheSameSplitOrNot() throws IOException {
        List<Path> captures = captures(CliRunner.CAPTURES);
        assertTrue(captures.size() > 10, "captures found: " + captures);
        for (Path c : captures) sameOutput(c);
    }

    @Test
    @UsesPublicCaptures
    void publicCapturesPrintTheSameSplitOrNot() throws IOException {
        for (Path c : captures(PublicCaptures.dir())) sameOutput(c);
    }

    /**
     * TCP in a GTP-U tunnel touches a TCP connection and the UDP conversations at once: the split
     * gives up at that frame and one engine catches up on the frames before it (the output above).
     */
    @Test
    @UsesPublicCaptures
    void tcpInsideAUdpTunnelIsNotSplit() throws Exception {
        ConnectionSplit split = new ConnectionSplit();
        int none = 0, frames = 0;
        try (CaptureFileReader reader = CaptureFileReader.open(PublicCaptures.of("zeek_tunnels_gtp_gtp6_gtp_0x32.pcap"))) {
            for (RawFrame raw; (raw = reader.next()) != null; frames++) {
                if (split.route(raw) == ConnectionSplit.NONE) none++;
            }
        }
        assertTrue(none > 0, none + " of " + frames + " frames can't be split");
    }

    /**
     * A capture that turns unsplittable halfway (TLS connections, then TCP in a GTP-U tunnel, then the
     * TLS connections again): the frames before are printed split, one engine catches up on them and
     * prints the rest, and the whole is what one engine prints.
     */
    @Test
    @UsesPublicCaptures
    void aSplitThatGivesUpHalfwayPrintsTheSame(@TempDir Path dir) throws Exception {
        Path mixed = dir.resolve("mixed.pcap");
        try (PcapWriter w = new PcapWriter(mixed, 1)) {
            for (Path c : List.of(CliRunner.CAPTURES.resolve("tls12_split_records.pcap"),
                    PublicCaptures.of("zeek_tunnels_gtp_gtp6_gtp_0x32.pcap"), CliRunner.CAPTURES.resolve("tls12_split_records.pcap"))) {
                try (CaptureFileReader reader = CaptureFileReader.open(c)) {
                    for (RawFrame raw; (raw = reader.next()) != null; ) {
                        w.write(raw);
                    }
                }
            }
        }
        sameOutput(mixed);
    }

    /** The split's tcp.stream of every frame is the one the engine gives it (the numbering, port reuse included). */
    @Test
    void routesAreTheEnginesStreams() throws Exception {
        for (Path c : captures(CliRunner.CAPTURES)) {
            ConnectionSplit split = new ConnectionSplit();
            int tcp = 0;
            try (CaptureFileReader reader = CaptureFileReader.open(c)) {
                Engine engine = new Engine().interfaces(reader.interfaces());
                for (RawFrame raw; (raw = reader.next()) != null; ) {
                    int route = split.route(raw);
                    int stream = engine.dissect(raw).tcpStream();
                    assertEquals(stream < 0 ? ConnectionSplit.OTHER : stream, route, c + " frame " + raw.number());
                    if (stream >= 0) tcp++;
                }
            }
            if (!c.getFileName().toString().startsWith("quic") && !c.getFileName().toString().startsWith("dtls")) {
                assertTrue(tcp > 0, c + " has TCP frames");
            }
        }
    }

    /** The quick reading of Ethernet/IPv4 frames routes every frame as dissecting its layers does. */
    @Test
    @UsesPublicCaptures
    void quickRoutesAreTheDissectedOnes() throws Exception {
        List<Path> all = new ArrayList<>(captures(CliRunner.CAPTURES));
        all.addAll(captures(PublicCaptures.dir()));
        all.add(SampleCapture.PATH);
        int tcp = 0;
        for (Path c : all) {
            ConnectionSplit quick = new ConnectionSplit(), dissecting = new ConnectionSplit();
            try (CaptureFileReader reader = CaptureFileReader.open(c)) {
                for (RawFrame raw; (raw = reader.next()) != null; ) {
                    int route = quick.route(raw);
                    assertEquals(dissecting.dissected(raw), route, c + " frame " + raw.number());
                    if (route >= 0) tcp++;
                }
            }
        }
        assertTrue(tcp > 1000, tcp + " TCP frames");
    }

    /** Driven directly (the sample carries keys, so the command line would not split it): the same lines. */
    @Test
    void splitPrintsWhatOneEnginePrints() throws Exception {
        DisplayFilter filter = DisplayFilter.compile("tls.handshake or tcp.flags.fin == 1");
        String expected = oneEngine(filter);
        for (int threads = 2; threads <= 3; threads++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
            try (CaptureFileReader reader = CaptureFileReader.open(SampleCapture.PATH)) {
                Columns columns = new Columns(reader.timestampDecimals());
                ParallelDissection split = new ParallelDissection(threads, printer(out, columns), filter, false, false,
                        out, 5);
                for (RawFrame raw; (raw = reader.next()) != null; ) {
                    columns.observe(raw);
                    assertTrue(split.offer(raw, reader.interfaces()));
                }
                split.finish();
                assertTrue(split.running());
            }
            out.flush();
            assertEquals(expected, bytes.toString(StandardCharsets.UTF_8), threads + " threads");
        }
        long lines = expected.lines().count();
        assertTrue(lines > 3 && lines < SampleCapture.frames(), "the filter keeps some frames and drops others: " + lines);
    }

    private static String oneEngine(DisplayFilter filter) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        try (CaptureFileReader reader = CaptureFileReader.open(SampleCapture.PATH)) {
            Columns columns = new Columns(reader.timestampDecimals());
            FieldsPrinter printer = printer(out, columns);
            Engine engine = new Engine().interfaces(reader.interfaces()).detail(false);
            Instant lastShown = null;
            for (RawFrame raw; (raw = reader.next()) != null; ) {
                columns.observe(raw);
                FrameDissection fd = engine.dissect(raw);
                if (!filter.matches(fd)) continue;
                fd.displayedAfter(lastShown);
                lastShown = fd.time;
                printer.print(raw, fd);
            }
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static FieldsPrinter printer(PrintStream out, Columns columns) throws UsageException {
        return new FieldsPrinter(out, columns, FIELDS, FieldOutputOptions.parse(List.of("occurrence=a")));
    }
}
