package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;

/**
 * Issue 15: --key-schedule for DTLS 1.3 (wolfSSL peers): per epoch and side the traffic secret from
 * the key log and the write key, IV and sn key derived with DTLS's "dtls13" label prefix (RFC 9147
 * 5.9, 4.2.3). The printed server epoch 2 keys open the server's first encrypted record by hand
 * (plain JCE): the sn key unmasks its record number, the write key and IV open it to the
 * Encrypted Extensions the manifest expects.
 */
class DtlsKeyScheduleTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The value printed for step {@code name} in the first section titled {@code stage}. */
    private static byte[] printed(String out, String stage, String name) {
        int at = out.indexOf("\n  " + stage + "\n");
        assertTrue(at >= 0, stage);
        Matcher m = Pattern.compile("\n    " + Pattern.quote(name) + "(?:  \\[PSK\\])?  \\([^)]*\\)\n      = [^\n]*\n      ([0-9a-f]+)  \\[")
                .matcher(out);
        assertTrue(m.find(at), name + " in " + stage);
        return HEX.parseHex(m.group(1));
    }

    @Test
    void theServersFirstEncryptedRecordOpensWithThePrintedKeys() throws Exception {
        String pcap = CliRunner.capture("dtls13_wolfssl.pcap");
        CliRunner.Result r = CliRunner.run("-r", pcap, "--keylog", CliRunner.capture("dtls13_wolfssl.keylog"), "--key-schedule");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("DTLS association #0 · DTLS 1.3 · TLS_AES_128_GCM_SHA256"), out);
        assertTrue(out.contains("DTLS association #1 · DTLS 1.3 · TLS_AES_256_GCM_SHA384"), out);
        assertTrue(out.contains("\"dtls13\" + \"sn\""), "the sn key's label");
        assertFalse(out.contains("Epoch 1 (0-RTT)"), "no early data, no epoch 1");
        byte[] key = printed(out, "Epoch 2 (handshake)", "server write_key");
        byte[] iv = printed(out, "Epoch 2 (handshake)", "server write_iv");
        byte[] sn = printed(out, "Epoch 2 (handshake)", "server sn_key");

        // The first datagram that starts with a unified header (001CSLEE) of epoch 2 comes from the server.
        byte[] rec = null;
        try (CaptureFileReader reader = CaptureFileReader.open(Path.of(pcap))) {
            for (RawFrame f; rec == null && (f = reader.next()) != null; ) {
                byte[] d = f.data();
                int ip = 14;
                int udp = ip + (d[ip] & 0x0f) * 4;
                byte[] payload = Arrays.copyOfRange(d, udp + 8, d.length);
                if (payload.length > 0 && (payload[0] & 0xe3) == 0x22) rec = payload;
            }
        }
        assertNotNull(rec, "an epoch 2 record");
        int flags = rec[0] & 0xff;
        assertEquals(0, flags & 0x10, "no connection ID");
        int seqLen = (flags & 0x08) != 0 ? 2 : 1;
        boolean hasLength = (flags & 0x04) != 0;
        int hdr = 1 + seqLen + (hasLength ? 2 : 0);
        int len = hasLength ? (rec[1 + seqLen] & 0xff) << 8 | (rec[2 + seqLen] & 0xff) : rec.length - hdr;
        byte[] ciphertext = Arrays.copyOfRange(rec, hdr, hdr + len);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sn, "AES"));
        byte[] mask = ecb.doFinal(Arrays.copyOf(ciphertext, 16));
        byte[] header = Arrays.copyOf(rec, hdr);
        long seq = 0;
        for (int i = 0; i < seqLen; i++) {
            header[1 + i] ^= mask[i];
            seq = seq << 8 | (header[1 + i] & 0xff);
        }
        assertEquals(0, seq, "the server's first handshake record of epoch 2");
        // RFC 9147 4: the nonce is the IV XOR the 64-bit sequence number alone (unlike DTLS 1.2, without the epoch).
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) nonce[11 - i] ^= (byte) (seq >>> (8 * i));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        byte[] plain = gcm.doFinal(ciphertext);
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) end--;
        assertEquals(22, plain[end - 1], "inner content type: handshake");
        assertEquals(8, plain[0], "Encrypted Extensions");
    }
}
