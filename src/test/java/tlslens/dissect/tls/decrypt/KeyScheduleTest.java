package tlslens.dissect.tls.decrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import tlslens.dissect.tls.base.HelloInfo;

/**
 * The key schedules against published values: TLS 1.3's HKDF-Expand-Label traffic keys, IVs and
 * finished key from RFC 8448 section 3 (simple 1-RTT handshake, TLS_AES_128_GCM_SHA256); the TLS
 * 1.2 PRF; and a real TLS 1.2 record (tls12_cbc.pcapng, connection 0: ECDHE-RSA-AES128-SHA with
 * encrypt_then_mac) opened from its key log's master secret.
 */
class KeyScheduleTest {
    static byte[] hex(String s) { return HexFormat.of().parseHex(s.replaceAll("\\s", "")); }

    static final byte[] SERVER_HS = hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
    static final byte[] CLIENT_HS = hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
    static final byte[] SERVER_AP = hex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643");

    @Test
    void rfc8448TrafficKeysAndIvs() {
        String h = "HmacSHA256";
        byte[] none = new byte[0];
        assertArrayEquals(hex("3fce516009c21727d0f2e4e86ee403bc"), Hkdf.expandLabel(h, SERVER_HS, "key", none, 16));
        assertArrayEquals(hex("5d313eb2671276ee13000b30"), Hkdf.expandLabel(h, SERVER_HS, "iv", none, 12));
        assertArrayEquals(hex("dbfaa693d1762c5b666af5d950258d01"), Hkdf.expandLabel(h, CLIENT_HS, "key", none, 16));
        assertArrayEquals(hex("5bd3c71b836e0b76bb73265f"), Hkdf.expandLabel(h, CLIENT_HS, "iv", none, 12));
        assertArrayEquals(hex("9f02283b6c9c07efc26bb9f2ac92e356"), Hkdf.expandLabel(h, SERVER_AP, "key", none, 16));
        assertArrayEquals(hex("cf782b88dd83549aadf1e984"), Hkdf.expandLabel(h, SERVER_AP, "iv", none, 12));
    }

    @Test
    void rfc8448FinishedKey() {
        assertArrayEquals(hex("008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8"),
                Hkdf.expandLabel("HmacSHA256", SERVER_HS, "finished", new byte[0], 32));
    }

    @Test
    void hkdfExtractOfRfc8448EarlySecret() {
        // RFC 8448 3: early secret = HKDF-Extract(0, 0^32) = 33ad0a1c...
        assertArrayEquals(hex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"),
                Hkdf.extract("HmacSHA256", new byte[0], new byte[32]));
    }

    @Test
    void tls12PrfSha256() {
        // The widely used P_SHA256 test vector (secret, "test label", seed) from the IETF TLS list.
        byte[] out = Prf.tls12("HmacSHA256", hex("9bbe436ba940f017b17652849a71db35"), "test label",
                hex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertArrayEquals(hex("e3f229ba727be17b8d122620557cd453"), java.util.Arrays.copyOf(out, 16));
        assertEquals(100, out.length);
    }

    /** A decryptor past the hellos of tls12_cbc's first connection (ECDHE-RSA-AES128-SHA, encrypt_then_mac). */
    private static ConnectionDecryptor tls12CbcEtm(KeyLog log) {
        ConnectionDecryptor d = new ConnectionDecryptor(new TlsSecrets(log));
        HelloInfo ch = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        ch.random = hex("f348e12f406a932311021b3dbfc940efdf7c2d8267e87a21840e602be6106334");
        ch.cipherSuites.add(0xc013);
        ch.encryptThenMac = true;
        HelloInfo sh = new HelloInfo(HelloInfo.Kind.SERVER_HELLO);
        sh.legacyVersion = 0x0303;
        sh.random = hex("46293c9884ddb512f5598a89481feae4226e5568d6118c38a9623a16980aec0a");
        sh.cipherSuites.add(0xc013);
        sh.compressionMethods.add(0);
        sh.encryptThenMac = true;
        d.clientHello(ch);
        d.serverHello(sh, false);
        return d;
    }

    @Test
    void tls12CbcEncryptThenMacRecordFromACapture() {
        KeyLog log = new KeyLog();
        log.add("# comment\nCLIENT_RANDOM f348e12f406a932311021b3dbfc940efdf7c2d8267e87a21840e602be6106334 "
                + "936e7c89a066d594206c0ea6e1e503df23711be978018ece69280cac6b28d2bb3eeaa8f94a78e44748fe8736bc2c11ce\n",
                "tls12_cbc.keylog");
        ConnectionDecryptor d = tls12CbcEtm(log);
        assertNull(d.decrypt(false, 22, 0x0303, new byte[32]), "nothing is encrypted before ChangeCipherSpec");
        d.changeCipherSpec(false);
        // The client's Finished (sequence number 0), then its first application data record (1).
        ConnectionDecryptor.Decrypted fin = d.decrypt(false, 22, 0x0303, hex(
                "dc648dbd7359c91d53feaf8354efb080492a2dabb4d5ce1cd2b95843d6d850a6c5df44a1464e21bf225723ff8ff4e9cb"
                        + "e88be4de3a642884ea582cda3b4cc12e819e0480"));
        assertTrue(fin.ok(), fin.error());
        assertEquals(16, fin.plaintext().length);
        assertEquals(20, fin.plaintext()[0], "a Finished message");
        assertEquals("line 2 of tls12_cbc.keylog", fin.keyOrigin());
        ConnectionDecryptor.Decrypted app = d.decrypt(false, 23, 0x0303, hex(
                "c2dff416602b36c31df7f14152712bc3c64c8046ba31d28bbccb7d7ae45855bae28543a5725a9fbc8b99b77655b9e28c"
                        + "73c74c5f529955515bdf21c85af4219efa2fd4b9436d324a3280741681255185e305f367"));
        assertTrue(app.ok(), app.error());
        assertEquals("GET /tls12_cbc-sha1_etm.txt HTTP/1.0\r\n\r\n", new String(app.plaintext(), StandardCharsets.UTF_8));
        assertEquals(DecryptionStatus.State.DECRYPTED, d.status().state());
    }

    @Test
    void aWrongMasterSecretSaysKeysDidNotMatch() {
        KeyLog log = new KeyLog();
        log.add("CLIENT_RANDOM f348e12f406a932311021b3dbfc940efdf7c2d8267e87a21840e602be6106334 "
                + "936e7c89a066d594206c0ea6e1e503df23711be978018ece69280cac6b28d2bb3eeaa8f94a78e44748fe8736bc2c11cf\n",
                "bad.keylog");
        ConnectionDecryptor d = tls12CbcEtm(log);
        d.changeCipherSpec(false);
        ConnectionDecryptor.Decrypted r = d.decrypt(false, 22, 0x0303, hex(
                "dc648dbd7359c91d53feaf8354efb080492a2dabb4d5ce1cd2b95843d6d850a6c5df44a1464e21bf225723ff8ff4e9cb"
                        + "e88be4de3a642884ea582cda3b4cc12e819e0480"));
        assertFalse(r.ok());
        assertNotNull(r.error());
        DecryptionStatus st = d.status();
        assertEquals(DecryptionStatus.State.KEYS_DID_NOT_MATCH, st.state());
        assertTrue(st.describe().contains("MAC"), st.describe());
        // Key material never appears in what we print.
        assertFalse(st.toString().contains("936e7c89"), st.toString());
        assertFalse(log.toString().contains("936e7c89"), log.toString());
    }

    @Test
    void noKeyLogLoaded() {
        ConnectionDecryptor d = new ConnectionDecryptor(null);
        HelloInfo sh = new HelloInfo(HelloInfo.Kind.SERVER_HELLO);
        sh.legacyVersion = 0x0303;
        sh.cipherSuites.add(0xc02f);
        d.serverHello(sh, false);
        d.changeCipherSpec(true);
        assertNull(d.decrypt(true, 22, 0x0303, new byte[40]));
        assertEquals(DecryptionStatus.State.NO_KEYS, d.status().state());
        assertEquals("no keys: no key log loaded", d.status().describe());
    }
}
