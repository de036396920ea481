package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.*;
import static tlslens.dissect.tls.TlsFeed.concat;
import static tlslens.dissect.tls.TlsFeed.hex;
import static tlslens.dissect.tls.TlsFeed.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made connections (RFC 8448 messages, handshake messages split over records, rarely seen
 * message and record types) written to a pcap and dissected by both tshark and us; trees, fields
 * and columns must agree.
 */
class SyntheticAgreementTest {
    @TempDir Path dir;

    @BeforeAll
    static void needTshark() {
        Assertions.assertTrue(TlsTreeText.tsharkAvailable(), "tshark is not installed: run src/test/scripts/test.sh, which installs it");
    }

    static void assertAgrees(Path cap) throws Exception {
        TlsAgreementReport r = TlsAgreementReport.compare(cap, 5);
        String details = String.join("\n", r.diffs) + "\n" + String.join("\n", r.fieldDiffs) + "\n"
                + String.join("\n", r.columnDiffs);
        System.out.println(cap.getFileName() + ": " + r);
        assertTrue(r.frames > 0, "no frames");
        assertEquals(r.frames, r.identicalFrames, details);
        assertEquals(r.fieldCells, r.equalFieldCells, details);
        assertEquals(r.columnFrames, r.equalColumns, details);
    }

    @Test
    void rfc8448HandshakesAgree() throws Exception {
        SyntheticCapture c = new SyntheticCapture(50000, 443);
        c.send(0, record(22, 0x0301, Rfc8448Test.CH));
        c.send(1, concat(record(22, 0x0303, Rfc8448Test.SH), record(20, 0x0303, new byte[] {1}),
                record(23, 0x0303, new byte[40])));
        c.send(0, concat(record(20, 0x0303, new byte[] {1}), record(23, 0x0303, new byte[53])));
        assertAgrees(c.write(dir, "rfc8448-1rtt.pcap"));

        SyntheticCapture h = new SyntheticCapture(50001, 443);
        h.send(0, record(22, 0x0301, Rfc8448Test.CH1));
        h.send(1, record(22, 0x0303, Rfc8448Test.HRR));
        h.send(1, record(22, 0x0303, Rfc8448Test.SH2));
        assertAgrees(h.write(dir, "rfc8448-hrr.pcap"));
    }

    /** A ServerHello flight with its Certificate and ServerKeyExchange split over records. */
    @Test
    @UsesPublicCaptures
    void handshakeMessagesSpanningRecordsAgree() throws Exception {
        TlsReplay.Result real = TlsReplay.replay(TlsTsharkAgreementTest.CAPTURES.resolve("zeek_tls12-decryption.pcap"));
        List<byte[]> server = new ArrayList<>();
        byte[] ch = null;
        for (TlsReplay.RecordBytes r : real.records()) {
            if (r.dir() == 0 && ch == null) ch = r.bytes();
            if (r.dir() == 1 && server.size() < 4) server.add(Arrays.copyOfRange(r.bytes(), 5, r.bytes().length));
        }
        byte[] sh = server.get(0), cert = server.get(1), ske = server.get(2), shd = server.get(3);
        SyntheticCapture c = new SyntheticCapture(50002, 443);
        c.send(0, ch);
        c.send(1, record(22, 0x0303, sh));
        c.send(1, record(22, 0x0303, Arrays.copyOfRange(cert, 0, 1000)));
        c.send(1, record(22, 0x0303, Arrays.copyOfRange(cert, 1000, 2000)));
        c.send(1, record(22, 0x0303, concat(Arrays.copyOfRange(cert, 2000, cert.length), Arrays.copyOfRange(ske, 0, 100))));
        c.send(1, record(22, 0x0303, concat(Arrays.copyOfRange(ske, 100, ske.length), shd)));
        c.send(1, record(22, 0x0303, concat(sh, shd)));
        c.send(1, record(22, 0x0303, Arrays.copyOfRange(ske, 0, 2)));
        c.send(1, record(22, 0x0303, Arrays.copyOfRange(ske, 2, ske.length)));
        // Two fragments in one frame.
        c.send(1, concat(record(22, 0x0303, Arrays.copyOfRange(ske, 0, 50)), record(22, 0x0303,
                Arrays.copyOfRange(ske, 50, ske.length))));
        assertAgrees(c.write(dir, "fragments.pcap"));
    }

    /** Messages and records the public captures lack. */
    @Test
    void rareMessagesAgree() throws Exception {
        SyntheticCapture c = new SyntheticCapture(50003, 443);
        byte[] ch = TlsFeed.hex("0100002d0303" + "11".repeat(32) + "000004002f00ff0100" + "0000");
        c.send(0, record(22, 0x0301, ch));
        // ServerHello (TLS 1.2, TLS_PSK_WITH_AES_128_CBC_SHA), HelloRequest, PSK ServerKeyExchange, ServerHelloDone.
        byte[] sh = TlsFeed.hex("020000260303" + "22".repeat(32) + "00008c00");
        byte[] hello = TlsFeed.hex("00000000");
        byte[] ske = TlsFeed.hex("0c000007" + "0005" + "68696e7421");
        byte[] shd = TlsFeed.hex("0e000000");
        c.send(1, record(22, 0x0303, concat(sh, hello, ske, shd)));
        // PSK ClientKeyExchange, a plaintext alert, heartbeat request and response, an unknown record type.
        c.send(0, record(22, 0x0303, TlsFeed.hex("10000008" + "0006" + "636c69656e74")));
        c.send(1, record(21, 0x0303, TlsFeed.hex("0230")));
        c.send(0, record(24, 0x0303, TlsFeed.hex("010004" + "61626364" + "00".repeat(16))));
        c.send(1, record(24, 0x0303, TlsFeed.hex("020004" + "61626364" + "00".repeat(16))));
        c.send(1, record(24, 0x0303, TlsFeed.hex("020040" + "61626364" + "00".repeat(16))));
        c.send(0, concat(record(25, 0x0303, new byte[4]), record(22, 0x0303, TlsFeed.hex("14000000"))));
        assertAgrees(c.write(dir, "rare.pcap"));
    }

    /** Diffie-Hellman and RSA-export key exchanges, CertificateRequest with names, CertificateVerify. */
    @Test
    void keyExchangeVariantsAgree() throws Exception {
        SyntheticCapture c = new SyntheticCapture(50004, 443);
        c.send(0, record(22, 0x0301, TlsFeed.hex("0100002d0303" + "11".repeat(32) + "000004003300ff0100" + "0000")));
        // TLS_DHE_RSA_WITH_AES_128_CBC_SHA (0x0033) in TLS 1.0: no signature algorithm in the SKE.
        byte[] sh = TlsFeed.hex("020000260301" + "22".repeat(32) + "00003300");
        byte[] ske = TlsFeed.hex("0c000014" + "0003" + "ffffff" + "0001" + "02" + "0003" + "abcdef" + "0003" + "010203");
        byte[] cr = TlsFeed.hex("0d00000a" + "02" + "0140" + "0005" + "0003" + "303132");
        byte[] shd = TlsFeed.hex("0e000000");
        c.send(1, record(22, 0x0301, concat(sh, ske, cr, shd)));
        byte[] cke = TlsFeed.hex("10000005" + "0003" + "aabbcc");
        byte[] cv = TlsFeed.hex("0f000004" + "0002" + "eeff");
        c.send(0, record(22, 0x0301, concat(cke, cv)));
        assertAgrees(c.write(dir, "dhe.pcap"));
    }

    /** CertificateURL, NPN's EncryptedExtensions, KeyUpdate, an unknown message type, early data. */
    @Test
    void moreMessagesAgree() throws Exception {
        SyntheticCapture c = new SyntheticCapture(50005, 443);
        c.send(0, record(22, 0x0301, TlsFeed.hex("0100002d0303" + "11".repeat(32) + "000004c02f00ff0100" + "0000")));
        byte[] sh = TlsFeed.hex("020000260303" + "22".repeat(32) + "00c02f00");
        c.send(1, record(22, 0x0303, sh));
        byte[] url = TlsFeed.hex("15000021" + "01" + "0001" + "0007" + "687474703a2f2f" + "01" + "ab".repeat(20));
        byte[] npn = TlsFeed.hex("43000007" + "02" + "6832" + "03" + "000000");
        byte[] ku = TlsFeed.hex("18000001" + "01");
        byte[] unknown = TlsFeed.hex("63000002" + "0102");
        c.send(0, record(22, 0x0303, concat(url, npn)));
        c.send(0, record(22, 0x0303, ku));
        c.send(0, record(22, 0x0303, concat(ku, unknown, ku)));
        assertAgrees(c.write(dir, "more.pcap"));

        // A ClientHello with early_data makes the session TLS 1.3 at once: its 0-RTT data is opaque.
        SyntheticCapture e = new SyntheticCapture(50006, 443);
        byte[] ch = TlsFeed.hex("01000036" + "0303" + "33".repeat(32) + "00" + "00021301" + "0100"
                + "000b" + "002b0003020304" + "002a0000");
        e.send(0, concat(record(22, 0x0301, ch), record(23, 0x0303, new byte[30])));
        assertAgrees(e.write(dir, "early.pcap"));
    }
}
