package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tlslens.Await;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of loopback TLS load (TlsLoadGenerator, unpaced) captured with a capture filter is
 * complete: every connection from SYN to the ACK of its last FIN, every byte of every stream without
 * a gap, and exactly the generator's count of application records (its writes, all of one size); libpcap
 * dropped nothing. (Its received counter is no reference on loopback: it counts each packet twice,
 * sent and received, where libpcap keeps one.) The reader lags until frames wait in the
 * file (the queue holds 500 in memory), then reads while the burst goes on. Nothing here depends on timing:
 * the test waits for the connections' last packets, whatever the machine's speed.
 */
class LiveBurstCompletenessTest {
    @TempDir
    Path dir;

    @Test
    void aBurstIsCapturedWholeAgainstTheGeneratorsCount() throws Exception {
        TlsLoadGenerator.Options o = new TlsLoadGenerator.Options();
        o.connections = 60;
        o.messages = 100;
        o.size = 100;
        o.threads = 4;
        o.seconds = 600; // bounded by the count; the time is only a backstop
        Path file = dir.resolve("burst.pcapng");
        Streams streams = new Streams();
        List<RawFrame> taken = new ArrayList<>();
        TlsLoadGenerator.Result r;
        try (TlsLoadGenerator g = TlsLoadGenerator.bind(o);
             LiveCapture c = LiveCapture.start("lo", "tcp port " + g.port(), file, 500)) {
            Thread reader = new Thread(() -> {
                try {
                    // Lags on purpose until frames wait in the file; from then on reads while the burst goes on.
                    Await.until("the queue to spill", Duration.ofMinutes(2),
                            () -> c.queue().spilledEver() > 0 || !c.isRunning());
                    while (streams.closed() < o.connections) {
                        RawFrame f = c.queue().poll(100, TimeUnit.MILLISECONDS);
                        if (f == null) {
                            if (!c.isRunning()) return;
                            continue;
                        }
                        taken.add(f);
                        streams.see(f);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "burst-reader");
            reader.start();
            r = g.run();
            assertEquals(0, r.failures(), r.json());
            assertEquals(o.connections, r.connections(), r.json());
            reader.join(TimeUnit.MINUTES.toMillis(2));
            assertTrue(!reader.isAlive(), "the reader did not see every connection close: " + streams.closed()
                    + " of " + o.connections + " after " + taken.size() + " frames; " + c.stats());
            c.stop();
            c.queue().drainTo(taken); // anything after the last close (nothing expected)
            CaptureStats s = c.stats();
            System.out.printf("[live burst] %d connections, %d packets, %d via the file; %s%n", r.connections(),
                    s.captured(), c.queue().spilledEver(), r.json());
            assertNull(s.error());
            assertEquals(0, s.droppedByKernel(), "libpcap's drop counter");
            assertEquals(s.captured(), taken.size());
            assertTrue(c.queue().spilledEver() > 0, "the queue of 500 never spilled: the test did not test it");
        }
        assertEquals(o.connections, streams.count());
        assertEquals(r.messages(), streams.messageRecords(), streams.sample());
        assertEquals("", streams.gaps());
        try (CaptureFileReader f = CaptureFileReader.open(file)) {
            for (RawFrame q : taken) {
                RawFrame g = f.next();
                assertNotNull(g, "the file ends before frame " + q.number());
                assertEquals(q.number(), g.number());
                assertTrue(java.util.Arrays.equals(q.data(), g.data()), "frame " + q.number());
            }
            assertNull(f.next());
        }
    }

    /** TCP connections on loopback (Ethernet, IPv4) seen segment by segment. */
    static final class Streams {
        private static final long MASK = 0xffffffffL;
        private final Map<String, Conn> conns = new HashMap<>();
        private int closed;

        int closed() { return closed; }

        int count() { return conns.size(); }

        void see(RawFrame f) {
            ByteBuffer b = ByteBuffer.wrap(f.data());
            if (b.limit() < 14 + 20 + 20 || b.getShort(12) != 0x0800) return;
            int ip = 14;
            int ihl = (b.get(ip) & 0x0f) * 4;
            int total = b.getShort(ip + 2) & 0xffff;
            if (b.get(ip + 9) != 6) return;
            int tcp = ip + ihl;
            int sport = b.getShort(tcp) & 0xffff;
            int dport = b.getShort(tcp + 2) & 0xffff;
            long seq = b.getInt(tcp + 4) & 0xffffffffL;
            long ack = b.getInt(tcp + 8) & 0xffffffffL;
            int off = ((b.get(tcp + 12) >> 4) & 0x0f) * 4;
            int flags = b.get(tcp + 13) & 0xff;
            int payload = ip + total - (tcp + off);
            boolean syn = (flags & 0x02) != 0;
            boolean fin = (flags & 0x01) != 0;
            // The client's ephemeral port is the one that sent the SYN without ACK.
            String key = Math.min(sport, dport) + "-" + Math.max(sport, dport);
            Conn c = conns.computeIfAbsent(key, k -> new Conn());
            if (syn && (flags & 0x10) == 0) c.client = sport;
            Side side = c.side(sport);
            Side other = side == c.a ? c.b : c.a;
            if (syn) side.isn = seq;
            if (side.isn < 0) return; // its SYN was not captured: hole() says so
            long rel = (seq - side.isn) & MASK; // sequence numbers wrap; offsets from the SYN don't
            if (payload > 0) {
                byte[] d = new byte[payload];
                System.arraycopy(f.data(), tcp + off, d, 0, payload);
                side.segments.put(rel, d);
            }
            if (fin) side.finRel = rel + payload;
            if ((flags & 0x10) != 0 && other.finRel >= 0 && ack == ((other.isn + other.finRel + 1) & MASK)) {
                other.finAcked = true;
            }
            if ((flags & 0x04) != 0) c.reset = true; // an abortive close ends it too; gaps() still checks the bytes
            if (!c.done && (c.reset || c.a.finAcked && c.b.finAcked)) {
                c.done = true;
                closed++;
            }
        }

        /**
         * The clients' application records of the messages' length: the generator's writes are all
         * one size, so their records are the most frequent length (the JDK's padding and tag decide
         * which); Finished and close_notify are records of other lengths.
         */
        long messageRecords() {
            Map<Integer, Long> byLength = new HashMap<>();
            for (Conn c : conns.values()) {
                byte[] s = c.clientSide().bytes();
                for (int i = 0; i + 5 <= s.length; ) {
                    int len = ((s[i + 3] & 0xff) << 8) | (s[i + 4] & 0xff);
                    if (s[i] == 23) byLength.merge(len, 1L, Long::sum);
                    i += 5 + len;
                }
            }
            return byLength.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }

        /** The start of one client stream's bytes, for a failure message. */
        String sample() {
            Conn c = conns.values().iterator().next();
            byte[] s = c.clientSide().bytes();
            StringBuilder records = new StringBuilder();
            for (int i = 0; i + 5 <= s.length && records.length() < 200; ) {
                int len = ((s[i + 3] & 0xff) << 8) | (s[i + 4] & 0xff);
                records.append(s[i]).append('/').append(len).append(' ');
                i += 5 + len;
            }
            return "a client stream of " + s.length + " bytes, records (type/length): " + records;
        }

        /** Each stream whose bytes have a hole or that never closed, one line each; empty when none. */
        String gaps() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Conn> e : conns.entrySet()) {
                for (Side s : new Side[] {e.getValue().a, e.getValue().b}) {
                    String hole = s.hole(e.getValue().reset);
                    if (hole != null) sb.append(e.getKey()).append(": ").append(hole).append('\n');
                }
                if (!e.getValue().done) sb.append(e.getKey()).append(": not closed\n");
            }
            return sb.toString();
        }
    }

    static final class Conn {
        int client = -1;
        int aPort = -1;
        final Side a = new Side();
        final Side b = new Side();
        boolean done;
        boolean reset;

        /** The side that sends from {@code port}: the first port seen gets side a. */
        Side side(int port) {
            if (aPort < 0) aPort = port;
            return port == aPort ? a : b;
        }

        Side clientSide() { return client == aPort ? a : b; }
    }

    static final class Side {
        long isn = -1;
        /** Offsets from the SYN (which takes offset 0): the FIN's, the segments'. */
        long finRel = -1;
        boolean finAcked;
        final TreeMap<Long, byte[]> segments = new TreeMap<>();

        /** The stream's bytes in order (retransmissions overlap and are skipped). */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long next = 1;
            for (Map.Entry<Long, byte[]> e : segments.entrySet()) {
                long at = e.getKey();
                byte[] d = e.getValue();
                if (at + d.length <= next) continue;
                int from = (int) (next - at);
                if (from < 0) break; // a hole
                out.write(d, from, d.length - from);
                next = at + d.length;
            }
            return out.toByteArray();
        }

        String hole(boolean reset) {
            if (isn < 0) return "no SYN";
            long next = 1;
            for (Map.Entry<Long, byte[]> e : segments.entrySet()) {
                if (e.getKey() > next) return "bytes " + (next - 1) + ".." + (e.getKey() - 1) + " missing";
                next = Math.max(next, e.getKey() + e.getValue().length);
            }
            if (finRel < 0) return reset ? null : "no FIN";
            if (finRel != next) return "FIN after byte " + (finRel - 1) + " but the bytes end at " + (next - 1);
            return null;
        }
    }
}
