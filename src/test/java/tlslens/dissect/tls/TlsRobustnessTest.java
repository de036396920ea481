package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.*;
import static tlslens.dissect.tls.TlsFeed.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tlslens.dissect.Expert;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/**
 * Truncated and mutated records never make the dissector throw (or fall into its last-resort
 * catch), and run quickly; huge length claims are not buffered.
 */
class TlsRobustnessTest {
    static final Path CAPTURES = TlsTsharkAgreementTest.CAPTURES;
    static final String[] SOURCES = {"zeek_tls12-decryption.pcap", "zeek_ssl-v2.pcap", "zeek_hrr.pcap",
            "zeek_ocsp-stapling.pcap", "zeek_client-certificate.pcap", "scapy_tls_nss_example.pcap",
            "lek_tls_tls-null.pcapng", "zeek_tls-early-alert.pcap", "zeek_ssl.v3.pcap"};

    /** The records of each connection, in order, with their direction. */
    static Map<String, List<TlsReplay.RecordBytes>> connections() throws Exception {
        Map<String, List<TlsReplay.RecordBytes>> out = new LinkedHashMap<>();
        for (String name : SOURCES) {
            Path cap = CAPTURES.resolve(name);
            assertTrue(Files.isRegularFile(cap), "missing capture " + cap.toAbsolutePath());
            for (TlsReplay.RecordBytes r : TlsReplay.replay(cap).records()) {
                List<TlsReplay.RecordBytes> l = out.computeIfAbsent(name + "#" + r.stream(), k -> new ArrayList<>());
                if (l.size() < 40) l.add(r);
            }
        }
        return out;
    }

    static void assertNoBug(ProtoNode tls) {
        tls.walk(n -> {
            for (Expert e : n.experts()) {
                assertFalse(e.message().startsWith("Dissector bug"), e.message());
            }
        });
    }

    @Test
    @UsesPublicCaptures
    void everyPrefixOfEveryHandshakeRecord() throws Exception {
        long start = System.nanoTime();
        int runs = 0;
        for (List<TlsReplay.RecordBytes> conn : connections().values()) {
            int handshakeRecords = 0;
            for (int i = 0; i < conn.size() && handshakeRecords < 4; i++) {
                byte[] rec = conn.get(i).bytes();
                boolean handshake = rec[0] == 22 || (rec[0] & 0x80) != 0;
                if (!handshake) continue;
                handshakeRecords++;
                int step = rec.length <= 300 ? 1 : 17;
                for (int len = 0; len <= rec.length; len = len == rec.length ? len + 1 : Math.min(rec.length, len + step)) {
                    TlsFeed feed = new TlsFeed();
                    for (int j = 0; j < i; j++) feed.frame(conn.get(j).dir(), conn.get(j).bytes());
                    byte[] prefix = java.util.Arrays.copyOf(rec, len);
                    feed.frame(conn.get(i).dir(), prefix);
                    assertNoBug(feed.lastTls);
                    runs++;
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("prefixes: " + runs + " runs in " + ms + " ms");
        assertTrue(runs > 1500, "too few prefixes: " + runs);
        assertTrue(ms < 60_000, "too slow: " + ms + " ms");
    }

    @Test
    @UsesPublicCaptures
    void randomMutationsOfRealHandshakes() throws Exception {
        List<List<TlsReplay.RecordBytes>> conns = new ArrayList<>(connections().values());
        Random rnd = new Random(20240607);
        long start = System.nanoTime();
        int iterations = 1500;
        for (int it = 0; it < iterations; it++) {
            List<TlsReplay.RecordBytes> conn = conns.get(rnd.nextInt(conns.size()));
            int n = Math.min(conn.size(), 1 + rnd.nextInt(5));
            TlsFeed feed = new TlsFeed();
            for (int i = 0; i < n; i++) {
                byte[] rec = conn.get(i).bytes().clone();
                if (rnd.nextInt(3) == 0) {
                    int flips = 1 + rnd.nextInt(8);
                    for (int f = 0; f < flips; f++) {
                        int pos = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.min(rec.length, 12)) : rnd.nextInt(rec.length);
                        rec[pos] = (byte) (rnd.nextInt(4) == 0 ? 0xff : rnd.nextInt(256));
                    }
                }
                if (rnd.nextInt(10) == 0) rec = java.util.Arrays.copyOf(rec, rnd.nextInt(rec.length + 1));
                FrameDissection fd = feed.frame(conn.get(i).dir(), rec);
                assertNoBug(feed.lastTls);
                assertNotNull(fd.info());
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("mutations: " + iterations + " connections in " + ms + " ms");
        assertTrue(ms < 30_000, "too slow: " + ms + " ms");
    }

    @Test
    void randomGarbageRecords() {
        Random rnd = new Random(7);
        for (int it = 0; it < 3000; it++) {
            TlsFeed feed = new TlsFeed();
            for (int i = 0; i < 4; i++) {
                byte[] body = new byte[rnd.nextInt(300)];
                rnd.nextBytes(body);
                int ct = 20 + rnd.nextInt(6);
                byte[] rec = record(ct, 0x0300 + rnd.nextInt(5), body);
                if (rnd.nextBoolean() && body.length > 4) {
                    // A plausible handshake header with a random length.
                    rec[5] = (byte) rnd.nextInt(26);
                }
                feed.frame(rnd.nextInt(2), rec);
                assertNoBug(feed.lastTls);
            }
        }
    }

    /** A 16 MiB length claim is not buffered; a 2 MiB one grows with the data only. */
    @Test
    void hugeLengthClaimsAreBounded() {
        TlsFeed feed = new TlsFeed();
        byte[] body = new byte[1000];
        body[0] = 11;
        body[1] = (byte) 0xff;
        body[2] = (byte) 0xff;
        body[3] = (byte) 0xff;
        feed.frame(1, record(22, 0x0303, body));
        assertEquals(0, feed.conn.pendingHandshakeBytes(1));
        assertTrue(feed.trimmed().get(0).contains("Encrypted Handshake Message"), feed.trimmed().toString());

        // 2 MiB certificate: accepted for reassembly, buffer grows with what arrives.
        TlsFeed f2 = new TlsFeed();
        byte[] b2 = new byte[1000];
        b2[0] = 11;
        b2[1] = 0x20;
        f2.frame(1, record(22, 0x0303, b2));
        assertEquals(1000, f2.conn.pendingHandshakeBytes(1));
        assertTrue(f2.conn.pendingHandshakeCapacity(1) <= 4096, "allocated " + f2.conn.pendingHandshakeCapacity(1));
        for (int i = 0; i < 10; i++) f2.frame(1, record(22, 0x0303, new byte[16000]));
        assertEquals(161_000, f2.conn.pendingHandshakeBytes(1));
        assertTrue(f2.conn.pendingHandshakeCapacity(1) <= 2 * 161_000);
        // A gap drops it.
        f2.conn.onGap(1, 1234);
        assertEquals(0, f2.conn.pendingHandshakeBytes(1));
        assertEquals(1, f2.conn.log().gaps().size());
    }
}
