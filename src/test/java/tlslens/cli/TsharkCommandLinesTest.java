package tlslens.cli;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Users' tshark command lines, run through tshark and through us: the output must be the same,
 * byte for byte (display filter, -c, trailing filter words, -E settings, column fields, -T json -e,
 * the summary lines of TLS frames).
 */
class TsharkCommandLinesTest {
    static final List<String> CAPTURES = List.of(
            "src/test/resources/captures/tls12_full_then_ticket.pcapng",
            "src/test/resources/captures/tls13_hrr.pcap");
    static final String PUBLIC_CAPTURE = "zeek_tls12-decryption.pcap";

    static final List<String> COMMAND_LINES = List.of(
            "-Y tls",
            "tls.handshake.type == 2",
            "-c 6 -Y tls -T fields -e frame.number",
            "-T fields -e frame.number -e tls.handshake.type -E occurrence=l -E separator=, -E quote=d -E header=y",
            "-T fields -E aggregator=/s -E occurrence=f -e tls.handshake.ciphersuite -e tls.handshake.extension.type",
            "-T fields -e tls.record -e tls -e tls.handshake.random -e _ws.col.Protocol -e _ws.col.Info -e _ws.col.No. "
                    + "-e _ws.col.Source -e _ws.col.Destination -e _ws.col.Length -e _ws.col.Time -Y tls",
            "-T json -e tls.handshake.type -e frame.number -e tls.handshake.random -Y tls",
            "-x -c 12",
            "-P -x -Y tls.handshake");

    /**
     * -x with buffers beyond the frame: decrypted records (a key log), and a decrypted, reassembled
     * Certificate that Chrome compressed with brotli ("Uncompressed certificate(s)"). Handshake
     * frames only: tshark also lists the HPACK-decompressed HTTP/2 headers, which we do not dissect.
     */
    static final List<String> BYTES_WITH_KEYS = List.of(
            "src/test/resources/captures/tls13_full_then_psk.pcap|-x -o tls.keylog_file:src/test/resources/captures/tls13_full_then_psk.keylog",
            "src/test/resources/captures/tls12_full_then_ticket.pcapng|-x -Y tls -o tls.keylog_file:src/test/resources/captures/tls12_full_then_ticket.keylog");
    /** The public one: a Certificate Chrome compressed with brotli. */
    static final String PUBLIC_BYTES_WITH_KEYS = "ja4_chrome-cloudflare-quic-with-secrets.pcapng|-x -Y tcp&&tls.handshake";

    @BeforeAll
    static void tshark() throws Exception {
        GoldenSupport.requireTshark();
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (String c : CAPTURES) for (String l : COMMAND_LINES) a.add(Arguments.of(c, l));
        return a.stream();
    }

    static Stream<Arguments> publicCases() {
        String c = PublicCaptures.of(PUBLIC_CAPTURE).toString();
        List<Arguments> a = new ArrayList<>();
        for (String l : COMMAND_LINES) a.add(Arguments.of(c, l));
        String[] b = PUBLIC_BYTES_WITH_KEYS.split("\\|");
        a.add(Arguments.of(PublicCaptures.of(b[0]).toString(), b[1]));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("publicCases")
    @UsesPublicCaptures
    void sameOutputAsTsharkOnPublicCaptures(String capture, String commandLine) throws Exception {
        sameOutputAsTshark(capture, commandLine);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void sameOutputAsTshark(String capture, String commandLine) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", capture));
        args.addAll(GoldenSupport.COMMON);
        args.addAll(List.of(commandLine.split(" ")));
        String expected = tsharkOutput(args);
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.err());
        assertEquals(expected, ours.out());
    }

    static Stream<Arguments> bytesWithKeys() {
        return BYTES_WITH_KEYS.stream().map(l -> Arguments.of(l.split("\\|")[0], l.split("\\|")[1]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("bytesWithKeys")
    void sameBytesAsTsharkWithKeys(String capture, String commandLine) throws Exception {
        sameOutputAsTshark(capture, commandLine);
    }

    private static String tsharkOutput(List<String> args) throws IOException, InterruptedException {
        GoldenSupport.TsharkRun r = GoldenSupport.tshark(args);
        assertEquals(0, r.exitCode(), "tshark " + String.join(" ", args));
        return r.out();
    }

}
