package tlslens.dissect.tls.decrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.dissect.tls.names.TlsVersions;

/**
 * The key files of the RSA keys list, as make-captures.sh wrote them with openssl: the same key as
 * PKCS#8 PEM, PKCS#1 PEM and PKCS#12; and what is not a usable key, each with its own message and
 * never another exception (truncated files included).
 */
class RsaKeyFileTest {
    static final Path CAPTURES = Path.of("src/test/resources/captures");
    static final String N = "tls12_rsa_keys";
    @TempDir Path dir;

    @Test
    void pkcs8Pkcs1AndPkcs12GiveTheSameKey() throws Exception {
        List<RsaServerKey> p8 = RsaKeyFile.read(CAPTURES.resolve(N + ".rsa-key.pem"), "");
        List<RsaServerKey> p1 = RsaKeyFile.read(CAPTURES.resolve(N + ".rsa-key.pkcs1.pem"), null);
        List<RsaServerKey> p12 = RsaKeyFile.read(CAPTURES.resolve(N + ".rsa-key.p12"), "tlslens");
        assertTrue(Files.readString(CAPTURES.resolve(N + ".rsa-key.pem")).contains("BEGIN PRIVATE KEY"));
        assertTrue(Files.readString(CAPTURES.resolve(N + ".rsa-key.pkcs1.pem")).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals(1, p8.size());
        assertEquals(1, p1.size());
        assertEquals(1, p12.size());
        assertEquals(2048, p8.get(0).modulus().bitLength());
        assertEquals(p8.get(0).modulus(), p1.get(0).modulus());
        assertEquals(p8.get(0).modulus(), p12.get(0).modulus());
        assertEquals(p8.get(0).key().getPrivateExponent(), p12.get(0).key().getPrivateExponent());
        assertEquals(N + ".rsa-key.p12", p12.get(0).source());
        assertTrue(!p12.get(0).toString().contains(p12.get(0).key().getPrivateExponent().toString(16)), "never the key");
        // another server's key is a key too; it just matches no certificate here
        assertTrue(!RsaKeyFile.read(CAPTURES.resolve(N + ".other-rsa-key.pem"), "").get(0).modulus()
                .equals(p8.get(0).modulus()));
    }

    private static String problem(Path file, String password) {
        return assertThrows(RsaKeyException.class, () -> RsaKeyFile.read(file, password)).getMessage();
    }

    private Path write(String name, byte[] data) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p;
    }

    @Test
    void whatIsNoUsableKeySaysWhy() throws Exception {
        Path p12 = CAPTURES.resolve(N + ".rsa-key.p12");
        assertEquals("Wrong password for the PKCS#12 file " + N + ".rsa-key.p12", problem(p12, "wrong"));
        assertEquals("A password is needed for the PKCS#12 file " + N + ".rsa-key.p12", problem(p12, ""));
        assertTrue(problem(CAPTURES.resolve(N + ".ecdsa-key.pem"), "").contains("holds an EC private key, not an RSA key"));
        assertEquals("Can't read the RSA key file nope.pem (no such file)", problem(dir.resolve("nope.pem"), ""));
        assertTrue(problem(write("empty.pem", new byte[0]), "").contains("neither a PEM key nor a PKCS#12 file"));
        assertTrue(problem(CAPTURES.resolve(N + ".pcapng"), "").contains("neither a PEM key nor a PKCS#12 file"));
        assertTrue(problem(write("enc.pem", ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0w\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII)), "").contains("encrypted PKCS#8"));
        assertTrue(problem(write("legacy.pem", ("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n-----END RSA PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII)), "").contains("encrypted PEM key"));
        String cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        assertTrue(problem(write("cert.pem", cert.getBytes(StandardCharsets.US_ASCII)), "")
                .contains("holds no RSA private key, only a certificate"));
        byte[] big = new byte[(1 << 20) + 1];
        big[0] = 0x30;
        assertTrue(problem(write("big.p12", big), "").contains("too large"));
    }

    /** Every prefix of each key file: an RsaKeyException or a key, nothing else. */
    @Test
    void truncatedKeyFilesNeverThrowAnythingElse() throws Exception {
        for (String f : List.of(".rsa-key.pem", ".rsa-key.pkcs1.pem", ".rsa-key.p12", ".ecdsa-key.pem")) {
            byte[] all = Files.readAllBytes(CAPTURES.resolve(N + f));
            for (int n = 0; n < all.length; n += 41) {
                byte[] cut = Arrays.copyOf(all, n);
                try {
                    RsaKeyFile.parse(cut, "tlslens", f);
                } catch (RsaKeyException e) {
                    assertTrue(!e.getMessage().isBlank());
                }
            }
        }
    }

    @Test
    void aClientKeyExchangeThatIsNotForThisKeyGivesNoSecret() throws Exception {
        List<RsaServerKey> keys = RsaKeyFile.read(CAPTURES.resolve(N + ".rsa-key.pem"), "");
        byte[] cke = new byte[4 + 2 + 256];
        cke[0] = 16;
        cke[3] = (byte) 258;
        cke[4] = 1;
        cke[5] = 0;
        Arrays.fill(cke, 6, cke.length, (byte) 0x5a);
        assertNull(RsaKeyExchange.decrypt(cke, TlsVersions.TLS12, keys));
        assertNull(RsaKeyExchange.decrypt(new byte[] {16, 0, 0}, TlsVersions.TLS12, keys));
        assertNull(RsaKeyExchange.serverModulus(new byte[] {11, 0, 0, 9, 0, 0, 6, 0, 0, 3, 1, 2, 3}));
    }
}
