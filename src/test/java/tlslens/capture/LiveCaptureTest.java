package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.Await;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.Engine;

/**
 * Real captures on the loopback interface (the tests run as root) while a JDK TLS client and
 * server shake hands. Prints the measured latencies for the report.
 */
class LiveCaptureTest {
    /** How long loopback stays without a packet once a connection has closed. */
    static final Duration QUIET = Duration.ofMillis(200);
    private static LocalTls tls;
    private static ExecutorService clients;

    @TempDir
    Path dir;

    @BeforeAll
    static void server() throws Exception {
        tls = LocalTls.start();
        clients = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void shutdown() throws IOException {
        tls.close();
        clients.shutdownNow();
    }

    @Test
    void interfacesListLoopbackAndAny() throws Exception {
        List<InterfaceInfo> list = LiveCapture.interfaces();
        InterfaceInfo lo = list.stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
        assertTrue(lo.loopback());
        assertTrue(lo.up());
        assertTrue(lo.addresses().contains("127.0.0.1"), lo.addresses().toString());
        assertEquals("Loopback", lo.description());
        InterfaceInfo any = list.stream().filter(i -> i.name().equals("any")).findFirst().orElseThrow();
        assertEquals("Pseudo-device that captures on all interfaces", any.description());
        assertFalse(any.loopback());
    }

    @Test
    void checkFilterGivesLibpcapsMessage() {
        assertNull(LiveCapture.checkFilter("tcp port 443", 1));
        assertNull(LiveCapture.checkFilter("", 1));
        assertNull(LiveCapture.checkFilter("tcp port 443 and host 127.0.0.1", 113));
        assertEquals("can't parse filter expression: syntax error", LiveCapture.checkFilter("tcp prt 80", 1));
        assertEquals("illegal port number 99999 > 65535", LiveCapture.checkFilter("tcp port 99999", 1));
        // Link types matter: Ethernet addresses make no sense on raw IP.
        assertNull(LiveCapture.checkFilter("ether host 00:11:22:33:44:55", 1));
        assertNotNull(LiveCapture.checkFilter("ether host 00:11:22:33:44:55", 101));
    }

    @Test
    void clientHelloArrivesQuicklyStopIsFastAndTheFileHasEveryPacket() throws Exception {
        Path file = dir.resolve("live.pcapng");
        DisplayFilter clientHello = DisplayFilter.compile("tls.handshake.type == 1");
        List<RawFrame> taken = new ArrayList<>();
        warmUpDissector();
        Engine engine = new Engine();
        long latencyNanos = -1;
        java.time.Duration sinceCaptured = null;
        java.time.Duration firstFrameDelay = null;
        try (LiveCapture c = LiveCapture.start("lo", "tcp port " + tls.port(), file, 10_000)) {
            assertTrue(c.isRunning());
            assertEquals(1, c.linkType());
            assertEquals(file, c.file());
            long connect = System.nanoTime();
            Future<String> reply = clients.submit(() -> tls.exchange("hello"));
            long deadline = connect + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                RawFrame f = c.queue().poll(10, TimeUnit.MILLISECONDS);
                if (f == null) continue;
                java.time.Instant dequeued = java.time.Instant.now();
                if (firstFrameDelay == null) firstFrameDelay = java.time.Duration.between(f.time(), dequeued);
                taken.add(f);
                FrameDissection fd = engine.dissect(f);
                if (clientHello.matches(fd)) {
                    latencyNanos = System.nanoTime() - connect;
                    sinceCaptured = java.time.Duration.between(f.time(), dequeued);
                    break;
                }
            }
            assertTrue(latencyNanos >= 0, "no ClientHello within 2 s; frames: " + taken.size());
            assertEquals("echo hello", reply.get(5, TimeUnit.SECONDS));

            Await.quiet("the connection's last packets (FIN, ACK), then silence", QUIET, Duration.ofSeconds(5),
                    () -> c.stats().captured());
            long t0 = System.nanoTime();
            c.stop();
            long stopNanos = System.nanoTime() - t0;
            assertFalse(c.isRunning());
            assertTrue(stopNanos < TimeUnit.SECONDS.toNanos(1), "stop() took " + stopNanos / 1e6 + " ms");
            System.out.printf("[live capture] ClientHello off the queue and dissected %.1f ms after connect() "
                    + "(taken off the queue %.3f ms after its capture timestamp; frame 1 %.3f ms); stop() %.1f ms%n",
                    latencyNanos / 1e6, sinceCaptured.toNanos() / 1e6, firstFrameDelay.toNanos() / 1e6,
                    stopNanos / 1e6);
            c.stop(); // idempotent

            c.queue().drainTo(taken);
            CaptureStats s = c.stats();
            assertNull(s.error());
            assertEquals(0, s.waiting());
            assertEquals(0, s.droppedByKernel());
            assertEquals(taken.size(), s.captured());
            assertTrue(s.captured() >= 8, "a TLS connection has more packets: " + s.captured());
            assertNotNull(s.started());
        }
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            assertEquals(1, r.linkType());
            for (RawFrame q : taken) {
                RawFrame f = r.next();
                assertNotNull(f, "file ends before frame " + q.number());
                assertEquals(q.number(), f.number());
                assertArrayEquals(q.data(), f.data(), "frame " + q.number());
                assertEquals(q.time(), f.time(), "frame " + q.number());
                assertEquals(q.originalLength(), f.originalLength());
            }
            assertNull(r.next(), "more packets in the file than came off the queue");
            assertNull(r.warning());
        }
    }

    @Test
    void stopReturnsWithinASecondWhenNothingArrives() throws Exception {
        int port = freePort();
        try (LiveCapture c = LiveCapture.start("lo", "tcp port " + port, dir.resolve("idle.pcapng"), 10)) {
            Await.until("the capture thread to wait in its packet read", Duration.ofSeconds(2),
                    () -> waitingForAPacket("tlslens-capture-lo"));
            long t0 = System.nanoTime();
            c.stop();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 1000, "stop() took " + ms + " ms");
            assertFalse(c.isRunning());
            assertEquals(0, c.stats().captured());
        }
        // An empty capture is still a valid pcapng file.
        try (CaptureFileReader r = CaptureFileReader.open(dir.resolve("idle.pcapng"))) {
            assertNull(r.next());
        }
    }

    /**
     * A reader that takes nothing while packets come: two wait in memory, the rest only in the
     * file, and the reader still gets every one, in order, the same as the file has them.
     */
    @Test
    void aFullQueueSpillsToTheFileAndTheReaderGetsEveryPacket() throws Exception {
        Path file = dir.resolve("full.pcapng");
        try (LiveCapture c = LiveCapture.start("lo", "tcp port " + tls.port(), file, 2)) {
            assertEquals("echo a", tls.exchange("a"));
            waitForSilence(c);
            // Half read while the capture still runs (from memory, then from the file), half after.
            long first = c.stats().captured();
            List<RawFrame> taken = new ArrayList<>();
            for (int i = 0; i < first / 2; i++) taken.add(c.queue().poll(5, TimeUnit.SECONDS));
            assertEquals("echo b", tls.exchange("b"));
            waitForSilence(c);
            c.stop();
            CaptureStats s = c.stats();
            assertTrue(s.captured() >= 16, "two TLS connections: " + s.captured());
            assertEquals(s.captured() - taken.size(), c.queue().size());
            assertEquals(s.captured() - taken.size(), s.waiting());
            assertTrue(c.queue().spilledEver() >= s.captured() - 4, "spilled " + c.queue().spilledEver());
            c.queue().drainTo(taken);
            assertTrue(c.queue().isEmpty());
            assertEquals(s.captured(), taken.size());
            try (CaptureFileReader r = CaptureFileReader.open(file)) {
                for (RawFrame q : taken) {
                    RawFrame f = r.next();
                    assertNotNull(f, "file ends before frame " + q.number());
                    assertEquals(f.number(), q.number());
                    assertArrayEquals(f.data(), q.data(), "frame " + q.number());
                    assertEquals(f.time(), q.time(), "frame " + q.number());
                    assertEquals(f.originalLength(), q.originalLength());
                    assertEquals(f.linkType(), q.linkType());
                }
                assertNull(r.next());
            }
        }
    }

    @Test
    void packetLimitStopsTheCaptureByItself() throws Exception {
        Path file = dir.resolve("limit.pcapng");
        try (LiveCapture c = LiveCapture.start("lo", "tcp port " + tls.port(), file, 100, 3)) {
            tls.exchange("x");
            Await.until("the capture to stop at its packet limit", Duration.ofSeconds(2), () -> !c.isRunning());
            assertEquals(3, c.stats().captured());
            assertEquals(3, c.queue().size());
            assertEquals(3, count(file));
        }
    }

    @Test
    void refusalsAreOneClearMessage() throws Exception {
        CaptureFilterException bad = assertThrows(CaptureFilterException.class,
                () -> LiveCapture.start("lo", "tcp prt 80", dir.resolve("x.pcapng"), 10));
        assertEquals("can't parse filter expression: syntax error", bad.libpcapMessage());
        assertEquals("Invalid capture filter \"tcp prt 80\" for interface 'lo': can't parse filter expression: "
                + "syntax error.", bad.getMessage());

        CaptureException none = assertThrows(CaptureException.class,
                () -> LiveCapture.start("nosuch0", null, dir.resolve("y.pcapng"), 10));
        assertTrue(none.getMessage().startsWith("There is no device named \"nosuch0\""), none.getMessage());
        assertFalse(Files.exists(dir.resolve("y.pcapng")), "no file for a capture that never started");

        CaptureException unwritable = assertThrows(CaptureException.class,
                () -> LiveCapture.start("lo", null, dir.resolve("no/such/dir/z.pcapng"), 10));
        assertTrue(unwritable.getMessage().startsWith("Can't write the capture file"), unwritable.getMessage());
    }

    /**
     * The first frames a JVM dissects load and initialise the whole dissector (hundreds of ms
     * on a busy machine); that is not capture latency, so it happens before the clock starts.
     */
    private static void warmUpDissector() throws CaptureException {
        Engine e = new Engine();
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/test/resources/captures/jdk_tls.pcapng"))) {
            for (RawFrame f; (f = r.next()) != null; ) e.dissect(f);
        }
    }

    /** Whether the capture thread of that name is inside libpcap's read (here: blocked, no packet comes). */
    private static boolean waitingForAPacket(String threadName) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(threadName))
                .flatMap(e -> Arrays.stream(e.getValue()))
                // PacketReader's own pcap_next_ex, or pcap4j's where that is not linked
                .anyMatch(frame -> frame.getMethodName().equals("pcap_next_ex")
                        || frame.getMethodName().equals("getNextRawPacketEx"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until no packet has arrived for a while: the exchanges' connections have closed. */
    static void waitForSilence(LiveCapture c) {
        Await.quiet("the capture to fall silent", QUIET, Duration.ofSeconds(5), () -> c.stats().captured());
    }

    static int count(Path file) throws CaptureException {
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            int n = 0;
            while (r.next() != null) n++;
            return n;
        }
    }
}
