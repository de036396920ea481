package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wireshark's old protocol name "ssl" is an alias of "tls" (tshark 4.0): -Y ssl, -O ssl and
 * ssl.* field names in a display filter mean tls and tls.*, while -e takes only the registered
 * names. A misspelt field gets tshark's message and a hint of the nearest name.
 */
class SslAliasTest {
    private static final String CAPTURE = "src/test/resources/captures/tls12_full_then_ticket.pcapng";

    @BeforeAll
    static void tshark() throws Exception {
        GoldenSupport.requireTshark();
    }

    private static void sameAsTshark(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", CAPTURE));
        args.addAll(GoldenSupport.COMMON);
        args.addAll(List.of(options));
        GoldenSupport.TsharkRun t = GoldenSupport.tshark(args);
        assertEquals(0, t.exitCode(), "tshark " + args);
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.err());
        assertFalse(ours.out().isEmpty(), "nothing printed for " + args);
        assertEquals(t.out(), ours.out(), String.join(" ", options));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Y|ssl", "-Y|ssl.handshake.type == 1",
            "-Y|ssl.record.version == 0x0303 && !ssl.handshake", "-Y|ssl.handshake.type == 2|-T|fields|-e|tls.handshake.type"})
    void sslMeansTlsAsInTshark(String options) throws Exception {
        sameAsTshark(options.split("\\|"));
    }

    /**
     * -O's trees differ from tshark's in lines outside TLS (LowerLayersAgreementTest's business), so
     * -O ssl is checked as tshark treats it: it prints what -O tls prints, there and here.
     */
    @Test
    void sslPrintsWhatTlsPrints() throws Exception {
        List<String> tsharkSsl = List.of("-r", CAPTURE, "-Y", "ssl", "-O", "ssl");
        List<String> tsharkTls = List.of("-r", CAPTURE, "-Y", "tls", "-O", "tls");
        assertEquals(GoldenSupport.tshark(tsharkTls).out(), GoldenSupport.tshark(tsharkSsl).out());
        CliRunner.Result ssl = CliRunner.run(tsharkSsl.toArray(String[]::new));
        CliRunner.Result tls = CliRunner.run(tsharkTls.toArray(String[]::new));
        assertEquals(0, ssl.exitCode(), ssl.err());
        assertTrue(ssl.out().contains("Transport Layer Security"), ssl.out());
        assertEquals(tls.out(), ssl.out());
    }

    @Test
    void dashEDoesNotTakeTheAliasAsTsharkDoesNot() throws Exception {
        List<String> args = List.of("-r", CAPTURE, "-T", "fields", "-e", "ssl.handshake.type");
        GoldenSupport.TsharkRun t = GoldenSupport.tshark(args);
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertNotEquals(0, t.exitCode());
        assertEquals(t.exitCode(), ours.exitCode(), ours.err());
    }

    @Test
    void misspeltFieldGetsTsharksMessageAndTheNearestName() throws Exception {
        String typo = "tls.handshake.extension_server_name";
        List<String> args = List.of("-r", CAPTURE, "-Y", typo);
        GoldenSupport.TsharkRun t = GoldenSupport.tshark(args);
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertEquals(t.exitCode(), ours.exitCode());
        String[] lines = ours.errLines();
        // tshark's three lines (message, filter, caret) as tshark prints them, then the hint.
        assertEquals("tlslens: " + typo + " is neither a field nor a protocol name.", lines[0]);
        assertEquals("    did you mean tls.handshake.extensions_server_name?", lines[lines.length - 1], ours.err());
    }

    @Test
    void nothingNearMeansNoHint() {
        CliRunner.Result ours = CliRunner.run("-r", CAPTURE, "-Y", "zzqqxx.yyy");
        assertEquals(2, ours.exitCode());
        assertFalse(ours.err().contains("did you mean"), ours.err());
    }
}
