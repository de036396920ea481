package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * --key-schedule prints each connection's schedule, each step with its RFC section, and each Finished
 * checked: the verify_data it prints are those tshark reads from the wire with the same key log.
 */
class KeyScheduleCliTest {

    @Test
    void printsEachConnectionsScheduleWithTheFinishedChecked() throws Exception {
        String pcap = CliRunner.capture("tls13_full_then_psk.pcap");
        String keys = CliRunner.capture("tls13_full_then_psk.keylog");
        CliRunner.Result r = CliRunner.run("-r", pcap, "--keylog", keys, "--key-schedule");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("Connection #0") && out.contains("Connection #1"), out);
        assertTrue(out.contains("client_handshake_traffic_secret  (RFC 8446 §7.1)"), out);
        assertTrue(out.contains("binder_key  [PSK]"), "the resumption's binder key is marked");
        assertTrue(out.contains("not in the key log"), out);
        List<String> tshark = WindowlessTshark.lines("-r", pcap, "-o", "tls.keylog_file:" + keys, "-Y", "tls.handshake.type == 20",
                "-T", "json", "-x");
        Matcher m = Pattern.compile("\"tls\\.handshake\\.verify_data_raw\": \\[\\s*\"([0-9a-f]+)\"").matcher(String.join("\n", tshark));
        int n = 0;
        while (m.find()) {
            n++;
            // Printed as the value of a verify_data step, then checked.
            assertTrue(out.contains("      " + m.group(1) + "  [derived]\n      \u2713 equals the verify_data on the wire"),
                    "verify_data " + m.group(1) + " recomputed and checked");
        }
        assertEquals(4, n, "two Finished per connection on the wire");
        assertTrue(!out.contains("\u2717"), "no Finished differs");
    }

    @Test
    void tls12ShowsTheKeyBlockAndWithoutKeysSaysHowToGetThem() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("tls12_aead.pcapng"), "--keylog",
                CliRunner.capture("tls12_aead.keylog"), "--key-schedule");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("key_block  (RFC 5246 §6.3)"), r.out());
        assertTrue(r.out().contains("client_write_key  (RFC 5246 §6.3)"), r.out());
        assertTrue(r.out().contains("master_secret  (RFC"), r.out());
        CliRunner.Result none = CliRunner.run("-r", CliRunner.capture("tls12_aead.pcapng"), "--key-schedule");
        assertTrue(none.out().contains("no key log: load one (--keylog FILE)"), none.out());
        CliRunner.Result both = CliRunner.run("-r", CliRunner.capture("tls12_aead.pcapng"), "--key-schedule", "--connections");
        assertTrue(both.exitCode() != 0 && both.err().contains("--key-schedule"), both.err());
    }

    /** tshark's output lines. */
    static final class WindowlessTshark {
        static List<String> lines(String... args) throws Exception {
            List<String> cmd = new java.util.ArrayList<>(List.of("tshark"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String s = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "tshark " + cmd);
            return s.lines().toList();
        }
    }
}
