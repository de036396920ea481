package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** tshark's option syntax: clustered short options, repeatable -e/-E/-o, -E and -o value rules. */
class OptionParsingTest {

    private static CliOptions parse(String... args) {
        CliOptions o = new CliOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void tsharkStyleCommandLineParses() {
        CliOptions o = parse("-nr", "x.pcap", "-Y", "tls", "-T", "fields", "-e", "frame.number", "-e",
                "tls.handshake.type", "-E", "header=y", "-E", "separator=,", "-c5", "-Otls,tcp", "-o",
                "tls.keylog_file:k.log", "-d", "tcp.port==8443,tls");
        assertTrue(o.noNameResolution);
        assertEquals("x.pcap", o.readFile);
        assertEquals("tls", o.displayFilter);
        assertEquals("fields", o.format);
        assertEquals(List.of("frame.number", "tls.handshake.type"), o.fields);
        assertEquals(List.of("header=y", "separator=,"), o.fieldOptions);
        assertEquals("5", o.count);
        assertEquals(List.of("tls", "tcp"), o.onlyProtocols);
        assertEquals(List.of("tls.keylog_file:k.log"), o.preferences);
        assertEquals(List.of("tcp.port==8443,tls"), o.decodeAs);
    }

    @Test
    void glossaryTakesAnOptionalReport() {
        assertEquals("fields", parse("-G").glossary);
        assertEquals("protocols", parse("-G", "protocols").glossary);
        assertNull(parse("-r", "x").glossary);
    }

    @Test
    void trailingWordsAreTheDisplayFilter() {
        assertEquals(List.of("tls.handshake.type", "==", "1"), parse("-r", "x", "tls.handshake.type", "==", "1").trailing);
    }

    @Test
    void fieldOutputOptionsFollowTshark() throws UsageException {
        FieldOutputOptions d = FieldOutputOptions.parse(List.of());
        assertEquals('\t', d.separator);
        assertEquals('a', d.occurrence);
        assertEquals(',', d.aggregator);
        assertEquals(0, d.quote);
        assertFalse(d.header);

        FieldOutputOptions o = FieldOutputOptions.parse(List.of("header=y", "separator=/s", "occurrence=l",
                "aggregator=/s", "quote=s", "bom=y"));
        assertTrue(o.header);
        assertEquals(' ', o.separator);
        assertEquals('l', o.occurrence);
        assertEquals(' ', o.aggregator);
        assertEquals('\'', o.quote);
        assertTrue(o.bom);

        assertEquals('\t', FieldOutputOptions.parse(List.of("separator=/t")).separator);
        assertEquals(';', FieldOutputOptions.parse(List.of("separator=;x")).separator);
        assertEquals('\\', FieldOutputOptions.parse(List.of("separator=/x")).separator);
        assertEquals('|', FieldOutputOptions.parse(List.of("aggregator=|")).aggregator);
        assertEquals('"', FieldOutputOptions.parse(List.of("quote=d")).quote);
    }

    @Test
    void badFieldOutputOptionsNameTheOption() {
        for (String bad : new String[] {"occurrence=2", "foo=x", "header=maybe", "quote=x", "header=", "noequals"}) {
            UsageException e = assertThrows(UsageException.class, () -> FieldOutputOptions.parse(List.of(bad)), bad);
            String name = bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad;
            assertTrue(e.getMessage().startsWith("\"" + name + "\" is not a valid field output option=value pair."),
                    e.getMessage());
            assertEquals(ExitCodes.INVALID_OPTION, e.exitCode);
        }
    }

    @Test
    void preferences() throws UsageException {
        assertEquals(Path.of("/tmp/k.log"), Preferences.parse(List.of("tls.keylog_file:/tmp/k.log")).keylogFile);
        assertEquals(Path.of("a b.log"), Preferences.parse(List.of("ssl.keylog_file:\"a b.log\"")).keylogFile);
        assertNull(Preferences.parse(List.of("tcp.desegment_tcp_streams:TRUE", "tcp.analyze_sequence_numbers:FALSE"))
                .keylogFile);
        UsageException unknown = assertThrows(UsageException.class, () -> Preferences.parse(List.of("foo.bar:1")));
        assertEquals("-o flag \"foo.bar:1\" specifies unknown preference", unknown.getMessage());
        UsageException noColon = assertThrows(UsageException.class, () -> Preferences.parse(List.of("tls.keylog_file")));
        assertEquals("Invalid -o flag \"tls.keylog_file\"", noColon.getMessage());
    }

    @Test
    void packetCount() throws UsageException {
        assertEquals(Long.MAX_VALUE, Cli.count(null));
        assertEquals(12, Cli.count("12"));
        assertEquals("The specified packet count \"abc\" isn't a decimal number",
                assertThrows(UsageException.class, () -> Cli.count("abc")).getMessage());
        assertEquals("The specified packet count \"-1\" is a negative number",
                assertThrows(UsageException.class, () -> Cli.count("-1")).getMessage());
        assertEquals("The specified packet count is zero",
                assertThrows(UsageException.class, () -> Cli.count("0")).getMessage());
    }

    @Test
    void helpAndVersionExitZero() {
        CliRunner.Result h = CliRunner.run("-h");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().matches("(?s).*\\n  -r\\s+FILE .*"), h.out());
        assertTrue(h.out().matches("(?s).*\\n  -T\\s+FORMAT .*"), h.out());
        CliRunner.Result v = CliRunner.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("TLS Lens "), v.out()); // VersionReportTest checks the rest
    }

    @Test
    void glossaryListsFieldsLikeTshark() {
        CliRunner.Result g = CliRunner.run("-G", "fields");
        assertEquals(0, g.exitCode(), g.err());
        List<String> lines = List.of(g.outLines());
        assertTrue(lines.contains("P\tFrame\tframe"), "frame protocol line");
        assertTrue(lines.contains("F\tFrame Number\tframe.number\tFT_UINT32\tframe\tBASE_DEC\t0x0\t"),
                "frame.number line: " + lines.stream().filter(l -> l.contains("\tframe.number\t")).toList());
        String ct = lines.stream().filter(l -> l.contains("\ttls.record.content_type\t")).findFirst().orElse("");
        assertEquals("F\tContent Type\ttls.record.content_type\tFT_UINT8\ttls\tBASE_DEC\t0x0\t", ct);
    }
}
