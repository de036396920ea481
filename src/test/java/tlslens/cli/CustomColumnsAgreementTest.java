package tlslens.cli;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Custom columns (-o gui.column.format) in the summary lines, default and -T tabs, compared with
 * tshark's output for the same preference, byte for byte.
 */
class CustomColumnsAgreementTest {
    static final List<String> CAPTURES = List.of(
            "src/test/resources/captures/tls12_full_then_ticket.pcapng",
            "src/test/resources/captures/tls13_hrr.pcap");
    static final List<String> PUBLIC_CAPTURES = List.of(
            "zeek_tls12-decryption.pcap", "zeek_client-certificate.pcap", "scapy_tls_tcp_frag.pcap");

    static final List<String> FORMATS = List.of(
            // Wireshark's default columns with an SNI and a stream column between them.
            "\"No.\",\"%m\",\"Time\",\"%t\",\"Source\",\"%s\",\"Destination\",\"%d\",\"SNI\","
                    + "\"%Cus:tls.handshake.extensions_server_name\",\"Stream\",\"%Cus:tcp.stream\",\"Protocol\",\"%p\","
                    + "\"Length\",\"%L\",\"Info\",\"%i\"",
            // Names and numbers, several occurrences, a chosen occurrence, two fields in one column.
            "\"No.\",\"%m\",\"Type\",\"%Cus:tls.handshake.type\",\"Type#\",\"%Cus:tls.handshake.type:0:U\","
                    + "\"Version\",\"%Cus:tls.record.version\",\"Last length\",\"%Cus:tls.record.length:-1\","
                    + "\"Suite\",\"%Cus:tls.handshake.ciphersuite:1:R\",\"Flags\",\"%Cus:tcp.flags\","
                    + "\"SYN\",\"%Cus:tcp.flags.syn\",\"Either\",\"%Cus:tls.handshake.type or tcp.stream\"",
            // Destination before Source: tshark separates them with a left arrow.
            "\"Destination\",\"%d\",\"Source\",\"%s\",\"Proto\",\"%Cus:tls\",\"Random\",\"%Cus:tls.handshake.random\","
                    + "\"Relative\",\"%Cus:frame.time_relative\",\"Port\",\"%Cus:tcp.srcport\"");

    @BeforeAll
    static void tshark() throws Exception {
        GoldenSupport.requireTshark();
    }

    static Stream<Arguments> cases() {
        return cases(CAPTURES);
    }

    static Stream<Arguments> publicCases() {
        return cases(PUBLIC_CAPTURES.stream().map(n -> PublicCaptures.of(n).toString()).toList());
    }

    private static Stream<Arguments> cases(List<String> captures) {
        List<Arguments> a = new ArrayList<>();
        for (String c : captures) {
            for (int f = 0; f < FORMATS.size(); f++) {
                a.add(Arguments.of(c, f, "text"));
                a.add(Arguments.of(c, f, "tabs"));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0}: format {1}, -T {2}")
    @MethodSource("publicCases")
    @UsesPublicCaptures
    void sameSummaryLinesAsTsharkOnPublicCaptures(String capture, int format, String output) throws Exception {
        sameSummaryLinesAsTshark(capture, format, output);
    }

    @ParameterizedTest(name = "{0}: format {1}, -T {2}")
    @MethodSource("cases")
    void sameSummaryLinesAsTshark(String capture, int format, String output) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", capture));
        args.addAll(GoldenSupport.COMMON);
        args.addAll(List.of("-T", output, "-o", "gui.column.format:" + FORMATS.get(format)));
        GoldenSupport.TsharkRun expected = GoldenSupport.tshark(args);
        assertEquals(0, expected.exitCode(), "tshark " + String.join(" ", args));
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.err());
        assertEquals(expected.out(), ours.out());
    }

    /** The comparison means something: the SNI column holds the names -T fields finds, frame by frame. */
    @Test
    void customColumnHoldsTheFieldsValues() throws Exception {
        String capture = CAPTURES.get(0);
        CliRunner.Result column = CliRunner.run(new String[] {"-r", capture, "-T", "tabs",
                "-o", "gui.column.format:\"No.\",\"%m\",\"SNI\",\"%Cus:tls.handshake.extensions_server_name\""});
        CliRunner.Result fields = CliRunner.run(new String[] {"-r", capture, "-T", "fields",
                "-e", "frame.number", "-e", "tls.handshake.extensions_server_name"});
        assertEquals(0, column.exitCode(), column.err());
        List<String> fromColumn = column.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
        List<String> fromFields = fields.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
        assertEquals(fromFields, fromColumn);
        assertTrue(fromColumn.stream().anyMatch(l -> l.split(" ").length == 2), "no frame has an SNI: " + fromColumn);
    }

    @Test
    void badColumnFormatIsAUsageError() throws Exception {
        CliRunner.Result ours = CliRunner.run(new String[] {"-r", CAPTURES.get(0),
                "-o", "gui.column.format:\"No.\",\"%m\",\"Odd\""});
        assertEquals(ExitCodes.INVALID_OPTION, ours.exitCode(), ours.err());
        assertTrue(ours.err().contains("gui.column.format"), ours.err());
    }
}
