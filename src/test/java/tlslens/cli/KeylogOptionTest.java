package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --keylog FILE is tshark's -o tls.keylog_file:FILE; a missing key log is a warning; --connections says per connection how decryption went. */
class KeylogOptionTest {
    static final String CAP = CliRunner.capture("tls13_full_then_psk.pcap");
    static final String KEYS = CliRunner.capture("tls13_full_then_psk.keylog");

    @Test
    void keylogOptionEqualsTsharksPreference() {
        CliRunner.Result a = CliRunner.run("-r", CAP, "--keylog", KEYS, "-V");
        CliRunner.Result b = CliRunner.run("-r", CAP, "-o", "tls.keylog_file:" + KEYS, "-V");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().contains("[Content Type: Handshake (22)]"), "decrypted records show their inner type");
        assertTrue(a.out().contains("[Decrypted with key from line 2 of tls13_full_then_psk.keylog]"));
        assertTrue(a.out().contains("Verify Data: \u2713 correct"), "Finished verify_data checked");
        assertFalse(a.out().contains("\u2717"), "no Finished fails");
        assertTrue(a.out().contains("Session Ticket Age Add:"), "TLS 1.3 NewSessionTicket dissected");
        assertNotEquals(a.out(), CliRunner.run("-r", CAP, "-V").out());
    }

    @Test
    void aMissingKeyLogIsAWarningNotAnError() {
        CliRunner.Result r = CliRunner.run("-r", CAP, "--keylog", "no-such.keylog", "-T", "fields", "-e",
                "tls.handshake.type");
        assertEquals(0, r.exitCode());
        assertTrue(r.err().contains("no-such.keylog") && r.err().contains("warning"), r.err());
        assertEquals(CliRunner.run("-r", CAP, "-T", "fields", "-e", "tls.handshake.type").out(), r.out());
    }

    @Test
    void connectionsSayHowDecryptionWent() {
        CliRunner.Result r = CliRunner.run("-r", CAP, "--keylog", KEYS, "--connections");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.out().split("\"decryption\": \"decrypted\"", -1).length - 1, r.out());
        CliRunner.Result none = CliRunner.run("-r", CAP, "--connections");
        assertTrue(none.out().contains("\"decryption\": \"no keys: no key log loaded\""), none.out());
        CliRunner.Result bad = CliRunner.run("-r", CliRunner.capture("tls12_aead.pcapng"), "--keylog",
                CliRunner.capture("tls12_aead.badkeys.keylog"), "--connections");
        assertTrue(bad.out().contains("\"decryption\": \"keys did not match: "), bad.out());
        assertTrue(bad.out().contains("\"decryption\": \"no keys: no CLIENT_RANDOM line"), bad.out());
    }
}
