package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.capture.PcapWriter;
import tlslens.capture.RawFrame;

/**
 * The TCP analysis notes our captures never show (duplicate ACKs, fast and spurious
 * retransmissions, zero window and its probe, window update and full, keep-alive, a lost and an
 * out-of-order segment, an ACK of unseen bytes, an RTO retransmission), on one connection written
 * at test time segment by segment: the TCP subtree of every frame and every tcp.analysis field must
 * be tshark's.
 */
class TcpAnalysisScenarioTest {
    private static final int SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01;
    private static final byte[] CLIENT = {10, 0, 0, 1};
    private static final byte[] SERVER = {10, 0, 0, 2};
    private static final int CPORT = 50000, SPORT = 60000;

    @TempDir
    static Path dir;

    private static Path capture;
    /** The analysis tshark should find in each frame (what the scenario was written to show). */
    private static final Map<Integer, String> INTENDED = new LinkedHashMap<>();

    @BeforeAll
    static void write() throws Exception {
        GoldenSupport.requireTshark();
        capture = dir.resolve("tcp-analysis-scenario.pcap");
        List<RawFrame> f = new ArrayList<>();
        long c = 1000, s = 5000; // initial sequence numbers
        add(f, 0, true, c, 0, SYN, 8192, 0, true);
        add(f, 10, false, s, c + 1, SYN | ACK, 8192, 0, true);
        add(f, 20, true, c + 1, s + 1, ACK, 8192, 0, false);
        add(f, 21, true, c + 1, s + 1, PSH | ACK, 8192, 100, false);
        add(f, 22, true, c + 101, s + 1, PSH | ACK, 8192, 100, false);
        add(f, 30, false, s + 1, c + 101, ACK, 8192, 0, false);
        add(f, 31, false, s + 1, c + 101, ACK, 8192, 0, false);
        INTENDED.put(7, "tcp.analysis.duplicate_ack");
        add(f, 32, false, s + 1, c + 101, ACK, 8192, 0, false);
        add(f, 33, true, c + 101, s + 1, PSH | ACK, 8192, 100, false);
        INTENDED.put(9, "tcp.analysis.fast_retransmission");
        add(f, 40, false, s + 1, c + 201, ACK, 8192, 0, false);
        add(f, 60, true, c + 101, s + 1, PSH | ACK, 8192, 100, false);
        INTENDED.put(11, "tcp.analysis.spurious_retransmission");
        add(f, 70, false, s + 1, c + 201, ACK, 0, 0, false);
        INTENDED.put(12, "tcp.analysis.zero_window");
        add(f, 80, true, c + 201, s + 1, ACK, 8192, 1, false);
        INTENDED.put(13, "tcp.analysis.zero_window_probe");
        add(f, 90, false, s + 1, c + 201, ACK, 0, 0, false);
        INTENDED.put(14, "tcp.analysis.zero_window_probe_ack");
        add(f, 100, false, s + 1, c + 201, ACK, 8192, 0, false);
        INTENDED.put(15, "tcp.analysis.window_update");
        add(f, 200, true, c + 200, s + 1, ACK, 8192, 0, false);
        INTENDED.put(16, "tcp.analysis.keep_alive");
        add(f, 210, false, s + 1, c + 201, ACK, 8192, 0, false);
        INTENDED.put(17, "tcp.analysis.keep_alive_ack");
        add(f, 220, true, c + 201, s + 1, ACK, 8192, 8192, false);
        INTENDED.put(18, "tcp.analysis.window_full");
        long n = c + 201 + 8192;
        add(f, 230, false, s + 1, n, ACK, 8192, 0, false);
        add(f, 240, true, n + 100, s + 1, PSH | ACK, 8192, 10, false);
        INTENDED.put(20, "tcp.analysis.lost_segment");
        add(f, 241, true, n, s + 1, ACK, 8192, 100, false);
        INTENDED.put(21, "tcp.analysis.out_of_order");
        add(f, 250, false, s + 1, n + 110, ACK, 8192, 0, false);
        add(f, 260, false, s + 1, n + 210, ACK, 8192, 0, false);
        INTENDED.put(23, "tcp.analysis.ack_lost_segment");
        add(f, 600, true, n + 210, s + 1, PSH | ACK, 8192, 50, false);
        add(f, 900, true, n + 210, s + 1, PSH | ACK, 8192, 50, false);
        INTENDED.put(25, "tcp.analysis.retransmission");
        add(f, 910, true, n + 260, s + 1, FIN | ACK, 8192, 0, false);
        add(f, 920, false, s + 1, n + 261, FIN | ACK, 8192, 0, false);
        add(f, 930, true, n + 261, s + 2, ACK, 8192, 0, false);
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            for (RawFrame r : f) w.write(r);
        }
    }

    @Test
    void everyAnalysisFieldIsTsharks() throws Exception {
        int flagged = TcpAnalysisAgreementTest.compare(capture, "tcp-analysis-scenario");
        assertTrue(flagged >= INTENDED.size(), "tshark flags the frames the scenario was written for");
    }

    @Test
    void theScenarioShowsWhatItWasWrittenFor() throws Exception {
        for (Map.Entry<Integer, String> e : INTENDED.entrySet()) {
            CliRunner.Result r = CliRunner.run("-r", capture.toString(), "-Y", e.getValue(), "-T", "fields", "-e",
                    "frame.number");
            assertTrue(r.out().lines().anyMatch(l -> l.equals(e.getKey().toString())),
                    "frame " + e.getKey() + " is " + e.getValue() + ": " + r.out());
        }
    }

    @Test
    void tcpSubtreesEqualTsharks() throws Exception {
        List<String> args = List.of("-r", capture.toString(), "-n", "-V");
        GoldenSupport.TsharkRun theirs = GoldenSupport.tshark(args);
        assertEquals(0, theirs.exitCode());
        CliRunner.Result ours = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.err());
        Map<String, List<String>> expected = LowerLayersAgreementTest.blocks(theirs.out());
        Map<String, List<String>> actual = LowerLayersAgreementTest.blocks(ours.out());
        assertEquals(expected.keySet(), actual.keySet());
        int compared = 0;
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            assertEquals(String.join("\n", e.getValue()), String.join("\n", actual.get(e.getKey())), "frame " + e.getKey());
            compared += e.getValue().size();
        }
        AgreementReport.addLine("-V lower layers", "tcp-analysis-scenario", compared, compared, 0, "");
    }

    /** One Ethernet/IPv4/TCP frame, {@code ms} after the start, with {@code len} zero bytes of payload. */
    private static void add(List<RawFrame> frames, int ms, boolean fromClient, long seq, long ack, int flags, int window,
                            int len, boolean windowScale) {
        int tcpLen = windowScale ? 24 : 20;
        byte[] d = new byte[14 + 20 + tcpLen + len];
        d[12] = 0x08; // IPv4
        d[0] = 2;
        d[6] = 4;
        int ip = 14;
        d[ip] = 0x45;
        int total = 20 + tcpLen + len;
        d[ip + 2] = (byte) (total >> 8);
        d[ip + 3] = (byte) total;
        d[ip + 8] = 64;
        d[ip + 9] = 6;
        System.arraycopy(fromClient ? CLIENT : SERVER, 0, d, ip + 12, 4);
        System.arraycopy(fromClient ? SERVER : CLIENT, 0, d, ip + 16, 4);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) sum += ((d[ip + i] & 0xff) << 8) | (d[ip + i + 1] & 0xff);
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        sum = ~sum & 0xffff;
        d[ip + 10] = (byte) (sum >> 8);
        d[ip + 11] = (byte) sum;
        int t = ip + 20;
        int sp = fromClient ? CPORT : SPORT, dp = fromClient ? SPORT : CPORT;
        d[t] = (byte) (sp >> 8);
        d[t + 1] = (byte) sp;
        d[t + 2] = (byte) (dp >> 8);
        d[t + 3] = (byte) dp;
        put32(d, t + 4, seq);
        put32(d, t + 8, (flags & ACK) != 0 ? ack : 0);
        d[t + 12] = (byte) ((tcpLen / 4) << 4);
        d[t + 13] = (byte) flags;
        d[t + 14] = (byte) (window >> 8);
        d[t + 15] = (byte) window;
        if (windowScale) {
            d[t + 20] = 1; // NOP
            d[t + 21] = 3; // window scale, shift 0
            d[t + 22] = 3;
            d[t + 23] = 0;
        }
        Instant time = Instant.ofEpochSecond(1_700_000_000L).plusMillis(ms);
        frames.add(new RawFrame(frames.size() + 1, time, d.length, d, 1, 0, null));
    }

    private static void put32(byte[] d, int o, long v) {
        d[o] = (byte) (v >> 24);
        d[o + 1] = (byte) (v >> 16);
        d[o + 2] = (byte) (v >> 8);
        d[o + 3] = (byte) v;
    }
}
