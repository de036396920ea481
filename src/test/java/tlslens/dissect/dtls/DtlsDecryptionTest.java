package tlslens.dissect.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import tlslens.CaptureFrames;
import tlslens.analysis.Json;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;

/**
 * DTLS decryption against what really happened: for every DTLS capture of ours with a key log
 * (DTLS 1.0, 1.2 from OpenSSL, 1.3 from wolfSSL), each association of its manifest (one UDP
 * conversation each, in order) opens with the keys — both Finished messages are read, the client's
 * application data is what the manifest says it sent, every protected record opens — and stays
 * closed without them or with a wrong secret.
 */
class DtlsDecryptionTest {
    private static final Path OURS = Path.of("src/test/resources/captures");

    @TestFactory
    List<DynamicTest> everyDtlsCaptureWithAKeyLog() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (var s = Files.list(OURS)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".manifest.json")).sorted().toList()) {
                Map<String, Object> m = Json.object(Json.parse(Files.readString(p)));
                if (!"udp".equals(m.get("transport")) || m.get("keylog") == null) continue;
                List<Object> conns = Json.array(m.get("connections"));
                if (conns.stream().noneMatch(c -> String.valueOf(Json.object(c).get("version")).startsWith("DTLS"))) {
                    continue;
                }
                Path cap = OURS.resolve((String) m.get("file"));
                Path keylog = OURS.resolve((String) m.get("keylog"));
                tests.add(DynamicTest.dynamicTest((String) m.get("name"), () -> check(cap, keylog, conns)));
            }
        }
        assertTrue(tests.size() >= 4, "DTLS captures with key logs: " + tests.size());
        return tests;
    }

    private static void check(Path cap, Path keylog, List<Object> conns) throws Exception {
        List<RawFrame> frames = CaptureFrames.read(cap);
        List<FrameDissection> keyed = dissect(frames, new TlsSecrets(KeyLog.read(keylog)));
        for (int i = 0; i < conns.size(); i++) {
            Map<String, Object> c = Json.object(conns.get(i));
            if (!Boolean.TRUE.equals(c.get("handshake_completed"))) continue;
            String where = cap.getFileName() + " association " + i + " (" + c.get("cipher_suite") + ")";
            long port = ((Number) c.get("port")).longValue();
            List<FrameDissection> mine = stream(keyed, i);
            assertFalse(mine.isEmpty(), where + ": no UDP stream " + i);
            int finished = 0;
            ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
            ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
            for (FrameDissection fd : mine) {
                boolean toServer = value(fd.root.first("udp.dstport")) == port;
                for (ProtoNode rec : fd.root.find("dtls.record")) {
                    assertTrue(rec.experts().stream().noneMatch(e -> e.message().contains("did not decrypt")),
                            where + ", frame " + fd.number + ": " + rec.experts());
                    ProtoNode epoch = rec.first("dtls.record.epoch");
                    if (epoch == null || value(epoch) == 0) continue;
                    assertNotNull(rec.first("dtls.record.content_type"), where);
                    if (value(rec.first("dtls.record.content_type")) == 22) {
                        ProtoNode type = rec.first("dtls.handshake.type");
                        assertNotNull(type, where + ", frame " + fd.number + ": the encrypted handshake record opens");
                        if (value(type) == 20) finished++;
                    }
                }
                for (ProtoNode d : fd.root.find("data.data")) {
                    (toServer ? fromClient : fromServer).writeBytes((byte[]) d.value());
                }
            }
            assertEquals(2, finished, where + ": both sides' Finished decrypted");
            assertEquals(c.get("client_sent"), fromClient.toString(StandardCharsets.UTF_8), where + ": the client's line");
            Object answer = c.get("server_sent");
            if (answer != null) {
                assertTrue(fromServer.toString(StandardCharsets.UTF_8).contains((String) answer),
                        where + ": the server's answer " + answer + ", decrypted " + fromServer);
            }
        }
        // Without keys nothing opens; with a wrong master secret nothing opens and each record says so.
        for (FrameDissection fd : dissect(frames, null)) {
            assertTrue(fd.root.find("data.data").isEmpty(), "frame " + fd.number + " decrypted without keys");
        }
        Path wrong = Files.createTempFile("dtls-wrong", ".keylog");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(keylog)) {
            // the master secret's last hex digit changed: the right length, the wrong key
            if (!line.isBlank() && !line.startsWith("#")) {
                char last = line.charAt(line.length() - 1);
                line = line.substring(0, line.length() - 1) + (last == '0' ? '1' : '0');
            }
            sb.append(line).append('\n');
        }
        Files.writeString(wrong, sb);
        int refused = 0;
        List<FrameDissection> wrongRun;
        try {
            wrongRun = dissect(frames, new TlsSecrets(KeyLog.read(wrong)));
        } finally {
            Files.delete(wrong);
        }
        for (FrameDissection fd : wrongRun) {
            assertTrue(fd.root.find("data.data").isEmpty(), "frame " + fd.number + " decrypted with a wrong key");
            for (ProtoNode rec : fd.root.find("dtls.record")) {
                if (rec.experts().stream().anyMatch(e -> e.message().contains("did not decrypt"))) refused++;
            }
        }
        assertTrue(refused >= 2 * conns.size(), "records refused with a wrong key: " + refused);
    }

    /** DTLS 1.3 (RFC 9147 4) on wolfSSL's capture: every datagram after the ServerHello is covered by unified-header records. */
    @Test
    @tlslens.UsesPublicCaptures
    void dtls13UnifiedHeadersCoverTheirDatagrams() throws Exception {
        List<FrameDissection> out = dissect(CaptureFrames.read(tlslens.PublicCaptures.of("zeek_dtls13-wolfssl.pcap")), null);
        int unified = 0;
        long[] lastEpoch = new long[2];
        for (FrameDissection fd : out) {
            ProtoNode udp = fd.root.first("udp");
            List<ProtoNode> recs = fd.root.find("dtls.record");
            assertFalse(recs.isEmpty(), "frame " + fd.number + " is DTLS");
            int covered = 0;
            for (ProtoNode r : recs) covered += r.length();
            assertEquals(value(udp.first("udp.length")) - 8, covered, "frame " + fd.number + ": records fill the datagram");
            for (ProtoNode r : recs) {
                if (r.first("dtls.unified_header.bitmask") == null) continue;
                unified++;
                assertEquals(1L, value(r.first("dtls.unified_header.fixed")), "frame " + fd.number);
                long epoch = value(r.first("dtls.record.epoch"));
                int dir = value(fd.root.first("udp.srcport")) == 11111 ? 1 : 0;
                assertEquals(value(r.first("dtls.unified_header.epoch_bits")), epoch & 3, "frame " + fd.number);
                assertTrue(epoch >= 2 && epoch >= lastEpoch[dir], "frame " + fd.number + ": epoch " + epoch);
                lastEpoch[dir] = epoch;
                long len = value(r.first("dtls.record.length"));
                assertEquals(len, r.first("dtls.enc_content").length(), "frame " + fd.number);
            }
        }
        assertEquals(11, unified, "frames 5-15 each carry one DTLS 1.3 ciphertext record");
        assertEquals(3, lastEpoch[0], "the client's last records are in the first application epoch");
        assertEquals(3, lastEpoch[1], "the server's last records are in the first application epoch");
    }

    /**
     * Cut short anywhere, or with any bit of its first 24 payload bytes flipped, an encrypted DTLS 1.2
     * datagram and DTLS 1.3 ones (EncryptedExtensions, ACK, application data) give notes, never a
     * dissector bug.
     */
    @Test
    void damagedRecordsAreNotedNotFatal() throws Exception {
        int checked = damage("dtls12_aead", 5, 7, 8) + damage("dtls13_wolfssl", 5, 11, 12);
        assertTrue(checked > 1000, "damaged datagrams dissected: " + checked);
    }

    private static int damage(String name, int... victims) throws Exception {
        List<RawFrame> frames = CaptureFrames.read(OURS.resolve(name + ".pcap"));
        TlsSecrets keys = new TlsSecrets(KeyLog.read(OURS.resolve(name + ".keylog")));
        int checked = 0;
        for (int victim : victims) {
            RawFrame f = frames.get(victim - 1);
            List<byte[]> variants = new ArrayList<>();
            for (int cut = 42; cut < f.data().length; cut++) variants.add(java.util.Arrays.copyOf(f.data(), cut));
            for (int bit = 42 * 8; bit < Math.min(f.data().length, 42 + 24) * 8; bit++) {
                byte[] d = f.data().clone();
                d[bit / 8] ^= (byte) (1 << (bit % 8));
                variants.add(d);
            }
            for (byte[] d : variants) {
                List<RawFrame> copy = new ArrayList<>(frames.subList(0, victim - 1));
                copy.add(new RawFrame(victim, f.time(), f.originalLength(), d, f.linkType(), f.interfaceId(),
                        f.interfaceName(), f.section()));
                FrameDissection fd = dissect(copy, keys).get(victim - 1);
                assertFalse(fd.root.fullText().contains("Dissector bug"), name + " frame " + victim + ": "
                        + java.util.HexFormat.of().formatHex(d, 42, d.length));
                checked++;
            }
        }
        return checked;
    }

    private static long value(ProtoNode n) {
        assertNotNull(n);
        return ((Number) n.value()).longValue();
    }

    private static List<FrameDissection> stream(List<FrameDissection> all, int stream) {
        List<FrameDissection> out = new ArrayList<>();
        for (FrameDissection fd : all) {
            ProtoNode s = fd.root.first("udp.stream");
            if (s != null && value(s) == stream) out.add(fd);
        }
        return out;
    }


    private static List<FrameDissection> dissect(List<RawFrame> frames, TlsSecrets secrets) {
        Engine engine = new Engine(secrets);
        List<FrameDissection> out = new ArrayList<>();
        for (RawFrame f : frames) out.add(engine.dissect(f));
        return out;
    }
}
