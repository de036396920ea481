package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.quic.QuicKeySchedule;
import tlslens.dissect.quic.QuicKeys;
import tlslens.dissect.tls.decrypt.KeySchedule;

/**
 * Issue 15: the key schedule of QUIC connections (--key-schedule). The Initial secrets from the
 * client's DCID reproduce RFC 9001 Appendix A.1's (and RFC 9369 Appendix A.1's for v2); on a real
 * kwik capture the printed client Initial key, IV and hp remove the first Initial packet's protection
 * by hand (plain JCE, not our dissector) and reveal the Client Hello whose random the key log names,
 * the printed Handshake and 1-RTT keys come from the key log's lines, and both Finished check.
 */
class QuicKeyScheduleTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Map<String, String> values(List<KeySchedule.Step> steps) {
        Map<String, String> m = new java.util.HashMap<>();
        for (KeySchedule.Step s : steps) if (s.value() != null) m.put(s.name(), s.hex());
        return m;
    }

    @Test
    void rfc9001AppendixA1InitialSecrets() {
        // RFC 9001 A.1: "the client chooses ... Destination Connection ID of 0x8394c8f03e515708".
        Map<String, String> v = values(QuicKeySchedule.initial(QuicKeys.V1, HEX.parseHex("8394c8f03e515708"), "Initial"));
        assertEquals("7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44", v.get("initial_secret"));
        assertEquals("c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea", v.get("client_initial_secret"));
        assertEquals("1f369613dd76d5467730efcbe3b1a22d", v.get("client Initial key"));
        assertEquals("fa044b2f42a3fd3b46fb255c", v.get("client Initial iv"));
        assertEquals("9f50449e04a0e810283a1e9933adedd2", v.get("client Initial hp"));
        assertEquals("3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b", v.get("server_initial_secret"));
        assertEquals("cf3a5331653c364c88f0f379b6067e37", v.get("server Initial key"));
        assertEquals("0ac1493ca1905853b0bba03e", v.get("server Initial iv"));
        assertEquals("c206b8d9b9f0f37644430b490eeaa314", v.get("server Initial hp"));
        assertEquals("38762cf7f55934b34d179ae6a4c80cadccbb7f0a", v.get("initial_salt"));
    }

    @Test
    void rfc9369AppendixA1InitialSecretsOfQuicV2() {
        Map<String, String> v = values(QuicKeySchedule.initial(QuicKeys.V2, HEX.parseHex("8394c8f03e515708"), "Initial"));
        assertEquals("0dede3def700a6db819381be6e269dcbf9bd2ed9", v.get("initial_salt"));
        assertEquals("14ec9d6eb9fd7af83bf5a668bc17a7e283766aade7ecd0891f70f9ff7f4bf47b", v.get("client_initial_secret"));
        assertEquals("8b1a0bc121284290a29e0971b5cd045d", v.get("client Initial key"));
        assertEquals("91f73e2351d8fa91660e909f", v.get("client Initial iv"));
        assertEquals("45b95e15235d6f45a6b19cbcb0294ba9", v.get("client Initial hp"));
    }

    /** "    NAME  (RFC ...)\n      = ...\n      VALUE  [SOURCE]" of the printed schedule. */
    private static String printed(String out, String name) {
        Matcher m = Pattern.compile("\n    " + Pattern.quote(name) + "(?:  \\[PSK\\])?  \\([^)]*\\)\n      = [^\n]*\n      ([0-9a-f?]+)  \\[([^\\]]*)\\]")
                .matcher(out);
        return m.find() ? m.group(1) + " " + m.group(2) : null;
    }

    @Test
    void aKwikConnectionsPrintedScheduleOpensItsFirstInitialByHand() throws Exception {
        String pcap = CliRunner.capture("quic_kwik_full.pcap");
        String keys = CliRunner.capture("quic_kwik_full.keylog");
        CliRunner.Result r = CliRunner.run("-r", pcap, "--keylog", keys, "--key-schedule");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("QUIC connection #0 · QUIC v1 · TLS 1.3"), out);
        for (String stage : List.of("QUIC Initial secrets", "Handshake secret", "Master secret", "Finished",
                "QUIC packet protection")) {
            assertTrue(out.contains("\n  " + stage + "\n"), stage);
        }
        assertFalse(out.contains("\n  Traffic keys\n"), "TLS's record keys protect nothing in QUIC");
        // Both Finished recomputed from the key log's secrets equal the wire's.
        assertEquals(2, out.split("\u2713 equals the verify_data on the wire", -1).length - 1, out);
        // The Handshake and 1-RTT keys come from the key log's lines.
        for (String secret : List.of("client_handshake_traffic_secret", "server_handshake_traffic_secret",
                "client_application_traffic_secret_0", "server_application_traffic_secret_0")) {
            assertTrue(printed(out, secret).contains("key log, line "), secret + ": " + printed(out, secret));
        }
        for (String k : List.of("client Handshake key", "server Handshake hp", "client 1-RTT iv", "server 1-RTT key")) {
            assertTrue(printed(out, k).endsWith(" derived"), k);
        }

        // The first frame's Initial packet, opened with the printed values alone.
        byte[] dcid = HEX.parseHex(printed(out, "client_dst_connection_id").split(" ")[0]);
        byte[] key = HEX.parseHex(printed(out, "client Initial key").split(" ")[0]);
        byte[] iv = HEX.parseHex(printed(out, "client Initial iv").split(" ")[0]);
        byte[] hp = HEX.parseHex(printed(out, "client Initial hp").split(" ")[0]);
        byte[] udp;
        try (CaptureFileReader reader = CaptureFileReader.open(java.nio.file.Path.of(pcap))) {
            RawFrame f = reader.next();
            byte[] d = f.data();
            int ip = 14;
            int ihl = (d[ip] & 0x0f) * 4;
            udp = Arrays.copyOfRange(d, ip + ihl + 8, d.length);
        }
        assertEquals(0xc0, udp[0] & 0xf0, "a long header Initial");
        assertArrayEquals(dcid, Arrays.copyOfRange(udp, 6, 6 + (udp[5] & 0xff)), "the DCID on the wire");
        int p = 6 + dcid.length;
        p += 1 + (udp[p] & 0xff); // SCID
        long[] token = varint(udp, p);
        p += (int) token[1] + (int) token[0];
        long[] length = varint(udp, p);
        p += (int) length[1];
        int pnOffset = p;
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
        byte[] mask = ecb.doFinal(Arrays.copyOfRange(udp, pnOffset + 4, pnOffset + 20));
        byte[] header = Arrays.copyOfRange(udp, 0, pnOffset + 4);
        header[0] ^= (byte) (mask[0] & 0x0f);
        int pnLen = (header[0] & 3) + 1;
        header = Arrays.copyOf(header, pnOffset + pnLen);
        long pn = 0;
        for (int i = 0; i < pnLen; i++) {
            header[pnOffset + i] ^= mask[1 + i];
            pn = pn << 8 | (header[pnOffset + i] & 0xff);
        }
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) nonce[11 - i] ^= (byte) (pn >>> (8 * i));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        int end = pnOffset + (int) length[0];
        byte[] plain = gcm.doFinal(Arrays.copyOfRange(udp, pnOffset + pnLen, end));
        // A CRYPTO frame (0x06) at offset 0 holding a Client Hello (1) whose random the key log names.
        assertEquals(0x06, plain[0]);
        int q = 1;
        long[] off = varint(plain, q);
        q += (int) off[1];
        long[] len = varint(plain, q);
        q += (int) len[1];
        assertEquals(0, off[0]);
        assertEquals(1, plain[q]);
        String random = HEX.formatHex(Arrays.copyOfRange(plain, q + 6, q + 38));
        assertTrue(Files.readString(java.nio.file.Path.of(keys)).contains(" " + random + " "),
                "the Client Hello's random " + random + " is the key log's");
    }

    /** A QUIC variable-length integer at p: {value, its length}. */
    private static long[] varint(byte[] b, int p) {
        int n = 1 << ((b[p] & 0xff) >> 6);
        long v = b[p] & 0x3f;
        for (int i = 1; i < n; i++) v = v << 8 | (b[p + i] & 0xff);
        return new long[] {v, n};
    }

    @Test
    void withoutAKeyLogTheInitialSecretsAreStillShown() {
        CliRunner.Result r = CliRunner.run("-r", CliRunner.capture("quic_kwik_v2.pcap"), "--key-schedule");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("QUIC connection #0 · QUIC v2"), r.out());
        assertTrue(r.out().contains("no key log for this connection: the Initial keys come from the wire alone"), r.out());
        String salt = printed(r.out(), "initial_salt");
        assertNotNull(salt);
        assertEquals("0dede3def700a6db819381be6e269dcbf9bd2ed9 constant", salt, "v2's salt (RFC 9369 §3.3.1)");
        assertTrue(r.out().contains("\"quicv2 key\""), "v2's labels");
        assertTrue(printed(r.out(), "client Initial key").endsWith(" derived"));
    }
}
