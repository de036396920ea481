package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.explain.Notes;

/** --explain: the notes under -V / -O trees, for handouts; the tree itself unchanged. */
class ExplainOptionTest {
    private static final String PSK = CliRunner.capture("tls13_full_then_psk.pcap");
    private static final String KEYS = CliRunner.capture("tls13_full_then_psk.keylog");

    @Test
    void theTreeIsUnchangedAndEveryHandshakeMessageHasItsNoteUnderIt() {
        CliRunner.Result plain = CliRunner.run("-r", PSK, "--keylog", KEYS, "-O", "tls");
        CliRunner.Result explained = CliRunner.run("-r", PSK, "--keylog", KEYS, "-O", "tls", "--explain");
        assertEquals(0, explained.exitCode(), explained.err());
        List<String> withoutNotes = new ArrayList<>();
        String[] lines = explained.outLines();
        int messages = 0;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            // A note starts with "»" at a tree indent (a multiple of 4); its wrapped lines sit under its text (4n + 2).
            if (t.startsWith("»") || indent(lines[i]) % 4 == 2) continue;
            withoutNotes.add(lines[i]);
            if (t.startsWith("Handshake Protocol: ")) {
                messages++;
                assertTrue(i + 1 < lines.length && lines[i + 1].strip().startsWith("» "), "no note under " + lines[i]);
            }
        }
        assertTrue(messages >= 10, "decrypted TLS 1.3 messages shown: " + messages);
        assertEquals(String.join("\n", plain.outLines()), String.join("\n", withoutNotes));
        assertTrue(explained.out().contains("» " + Notes.get().field("tls.handshake.random").text().substring(0, 30)));
    }

    @Test
    void theResumingClientHelloSaysWhichTicketItOffersAsTsharkShowsIt() throws Exception {
        // tshark: the ClientHello offering a PSK, and the NewSessionTicket frame and stream that issued it.
        String[] hello = tshark("tls.handshake.extensions.psk.identity.identity", "frame.number",
                "tls.handshake.extensions.psk.identity.identity").get(0);
        String issuer = null;
        for (String[] t : tshark("tls.handshake.type == 4", "frame.number", "tcp.stream", "tls.handshake.session_ticket")) {
            if (List.of(t[2].split(",")).contains(hello[1])) issuer = "connection #" + t[1] + " at frame " + t[0];
        }
        CliRunner.Result r = CliRunner.run("-r", PSK, "--keylog", KEYS, "-V", "--explain", "-Y", "frame.number == " + hello[0]);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("» In this connection: Offers the ticket issued in " + issuer + ", "), r.out());
    }

    @Test
    void explainNeedsATree() {
        CliRunner.Result r = CliRunner.run("-r", PSK, "--explain");
        assertEquals(ExitCodes.INVALID_OPTION, r.exitCode());
        assertTrue(r.err().contains("--explain"), r.err());
        assertEquals(ExitCodes.INVALID_OPTION, CliRunner.run("-r", PSK, "-T", "fields", "-e", "frame.number", "--explain")
                .exitCode());
    }

    @Test
    void aMissingFileIsSaidOnceAsWithoutExplain() {
        CliRunner.Result plain = CliRunner.run("-r", "no-such-file.pcap", "-V");
        CliRunner.Result explained = CliRunner.run("-r", "no-such-file.pcap", "-V", "--explain");
        assertEquals(plain.exitCode(), explained.exitCode());
        assertEquals(plain.err(), explained.err());
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') i++;
        return i;
    }

    private static List<String[]> tshark(String filter, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", PSK, "-o", "tls.keylog_file:" + KEYS, "-Y", filter,
                "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) cmd.addAll(List.of("-e", f));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) rows.add(line.split("\\|", -1));
        assertTrue(!rows.isEmpty(), "tshark found " + filter);
        return rows;
    }
}
