package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Wireshark's RSA keys list against tshark 4.0 on tls12_rsa_keys (RSA key exchange with and
 * without extended master secret, its ticket resumption, TLS 1.0 CBC; ECDHE, DHE and TLS 1.3
 * beside them): the same -o tls.keys_list / uat:rsa_keys options give the same fields and the same
 * decrypted bytes (-x) as tshark's golden files; the forward-secret connections stay encrypted and
 * say why; bad key files are a warning, never a failure.
 */
class RsaKeysAgreementTest {
    static final String NAME = "tls12_rsa_keys";
    static final Path CAP = CliRunner.CAPTURES.resolve(NAME + ".pcapng");
    static final Path KEY = CliRunner.CAPTURES.resolve(NAME + ".rsa-key.pem");

    private static List<String> args(Path cap, String option, String... more) throws IOException {
        List<String> a = new ArrayList<>(List.of(GoldenSupport.fieldsArgs(cap, GoldenSupport.decodeAsFromManifest(cap),
                FieldAgreementKeysTest.keyFields())));
        a.addAll(2, List.of("-o", option));
        a.addAll(List.of(more));
        return a;
    }

    private static void agrees(String option, String golden) throws IOException {
        CliRunner.Result r = CliRunner.run(args(CAP, option).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        FieldComparison c = FieldComparison.compare(NAME + " " + golden, Files.readString(CliRunner.GOLDEN.resolve(golden)),
                r.out(), KnownDivergences.load());
        assertTrue(c.agrees(), c.describe());
        assertTrue(c.compared > 1000, "cells compared: " + c.compared);
    }

    @Test
    void keysListWithPemAgreesWithTshark() throws IOException {
        agrees("tls.keys_list:0.0.0.0,8443,http," + KEY, NAME + ".rsakeys.fields.tsv");
    }

    @Test
    void uatRsaKeysWithPkcs12AgreesWithTshark() throws IOException {
        agrees("uat:rsa_keys:\"" + CliRunner.CAPTURES.resolve(NAME + ".rsa-key.p12") + "\",\"tlslens\"",
                NAME + ".rsakeys_p12.fields.tsv");
    }

    @Test
    void legacyNameAnyAddressAndSeveralEntriesAgreeToo() throws IOException {
        // ssl.keys_list, "any"/"0", two entries of which the first's key belongs to no server here
        String option = "ssl.keys_list:any,0,tls," + CliRunner.CAPTURES.resolve(NAME + ".other-rsa-key.pem")
                + ";127.0.0.1,8443,http," + KEY;
        agrees(option, NAME + ".rsakeys.fields.tsv");
    }

    @Test
    void decryptedBytesAgreeWithTshark() throws IOException {
        String option = "uat:rsa_keys:\"" + CliRunner.CAPTURES.resolve(NAME + ".rsa-key.pkcs1.pem") + "\",\"\"";
        List<String> a = new ArrayList<>(List.of("-r", CAP.toString()));
        a.addAll(GoldenSupport.COMMON);
        a.addAll(GoldenSupport.decodeAsFromManifest(CAP));
        a.addAll(List.of("-o", option, "-x"));
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        String want = Files.readString(CliRunner.GOLDEN.resolve(NAME + ".rsakeys.x.txt"));
        assertTrue(want.contains("Decrypted TLS"), "the golden file shows decrypted bytes");
        assertEquals(want, r.out());
    }

    /** The manifest says which connections used RSA key exchange; --connections must say the same. */
    @Test
    void eachConnectionSaysWhyItDecryptsOrNot() throws IOException {
        CliRunner.Result r = CliRunner.run("-r", CAP.toString(), "-o", "tls.keys_list:0.0.0.0,0,tls," + KEY, "--connections");
        assertEquals(0, r.exitCode(), r.err());
        ObjectMapper om = new ObjectMapper();
        JsonNode conns = connections(om.readTree(r.out()));
        JsonNode manifest = om.readTree(CliRunner.CAPTURES.resolve(NAME + ".manifest.json").toFile()).get("connections");
        assertEquals(manifest.size(), conns.size());
        Map<String, String> want = Map.of(
                "RSA", "decrypted",
                "ECDHE", "no keys: ECDHE: the pre-master secret never crossed the wire",
                "DHE", "no keys: DHE: the pre-master secret never crossed the wire",
                "TLS13", "no keys: TLS 1.3: there is no RSA key exchange");
        for (int i = 0; i < manifest.size(); i++) {
            String kx = manifest.get(i).get("key_exchange").asText();
            String got = conns.get(i).get("decryption").asText();
            assertTrue(got.startsWith(want.get(kx)), "connection " + i + " (" + kx + "): " + got);
            String verdict = conns.get(i).get("rsa_key_verdict").asText();
            String resumption = manifest.get(i).get("resumption").asText();
            assertEquals(switch (kx) {
                case "RSA" -> resumption.equals("none") ? "RSA_DECRYPTED" : "RSA_SESSION_RESUMED";
                case "ECDHE" -> "FORWARD_SECRET_ECDHE";
                case "DHE" -> "FORWARD_SECRET_DHE";
                default -> "FORWARD_SECRET_TLS13";
            }, verdict, "connection " + i);
        }
    }

    /** Without the key, the same connections do not decrypt: the key did it. */
    @Test
    void withoutTheKeyNothingDecrypts() throws IOException {
        CliRunner.Result r = CliRunner.run("-r", CAP.toString(), "--connections");
        JsonNode conns = connections(new ObjectMapper().readTree(r.out()));
        for (JsonNode c : conns) assertFalse(c.get("decryption").asText().startsWith("decrypted"), c.toString());
    }

    @Test
    void badKeyFilesAreWarningsNotFailures() throws IOException {
        record Bad(String option, String message) {}
        Path p12 = CliRunner.CAPTURES.resolve(NAME + ".rsa-key.p12");
        List<Bad> bad = List.of(
                new Bad("uat:rsa_keys:\"" + p12 + "\",\"wrong\"", "Wrong password for the PKCS#12 file " + NAME + ".rsa-key.p12"),
                new Bad("uat:rsa_keys:\"" + p12 + "\",\"\"", "A password is needed for the PKCS#12 file"),
                new Bad("uat:rsa_keys:\"" + CliRunner.CAPTURES.resolve(NAME + ".ecdsa-key.pem") + "\",\"\"",
                        "holds an EC private key, not an RSA key"),
                new Bad("tls.keys_list:any,0,tls," + CAP, "is neither a PEM key nor a PKCS#12 file"),
                new Bad("tls.keys_list:any,0,tls,/nonexistent/key.pem", "Can't read the RSA key file key.pem (no such file)"));
        for (Bad b : bad) {
            CliRunner.Result r = CliRunner.run("-r", CAP.toString(), "-o", b.option(), "--connections");
            assertEquals(0, r.exitCode(), b.option() + ": " + r.err());
            assertTrue(r.err().contains(b.message()), b.option() + ": " + r.err());
            assertEquals(7, connections(new ObjectMapper().readTree(r.out())).size(), "partial result: every connection");
        }
        // a key that belongs to another server: RSA connections say so
        CliRunner.Result r = CliRunner.run("-r", CAP.toString(), "-o",
                "tls.keys_list:any,0,tls," + CliRunner.CAPTURES.resolve(NAME + ".other-rsa-key.pem"), "--connections");
        JsonNode first = connections(new ObjectMapper().readTree(r.out())).get(0);
        assertEquals("no keys: RSA key exchange, but no RSA key loaded matches the server's certificate",
                first.get("decryption").asText());
    }

    @Test
    void malformedOptionsAreUsageErrors() {
        CliRunner.Result r = CliRunner.run("-r", CAP.toString(), "-o", "tls.keys_list:" + KEY);
        assertNotNull(r.err());
        assertTrue(r.err().contains("IP,PORT,PROTOCOL,KEYFILE"), r.err());
        r = CliRunner.run("-r", CAP.toString(), "-o", "uat:rsa_keys:\"" + KEY + "\"");
        assertTrue(r.err().contains("uat:rsa_keys takes"), r.err());
        assertNull(Preferences.uatFields("\"unterminated"));
        assertEquals(List.of("a b,c", "p\"w"), Preferences.uatFields("\"a b,c\",\"p\\\"w\""));
        assertEquals(List.of("/k.pem", ""), Preferences.uatFields("\"/k.pem\",\"\""));
    }

    private static JsonNode connections(JsonNode root) {
        return root.isArray() ? root : root.get("connections");
    }
}
