package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.Await;

/**
 * A capture meets a fault of the system: the disk fills up (a 1 MiB tmpfs), the interface goes away
 * (a veth pair deleted). Either way it stops by itself with a message that says what happened, and
 * the file keeps every packet written before, readable to its last block. Root (as in CI).
 */
class CaptureFaultsTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsTheCaptureAndKeepsWhatWasWritten() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        try (AutoCloseable disk = SystemCommands.smallDisk(small, "1m")) {
            Path file = small.resolve("full.pcapng");
            TlsLoadGenerator.Options o = new TlsLoadGenerator.Options();
            o.connections = 40;
            o.messages = 40;
            o.size = 4000; // 6.4 MB of payload for a 1 MiB disk
            o.threads = 2;
            try (TlsLoadGenerator g = TlsLoadGenerator.bind(o);
                 LiveCapture c = LiveCapture.start("lo", "tcp port " + g.port(), file, 100_000)) {
                g.run();
                Await.until("the capture to stop on the full disk", Duration.ofMinutes(1), () -> !c.isRunning());
                CaptureStats s = c.stats();
                assertNotNull(s.error(), "the capture should have stopped with an error: " + s);
                assertEquals("The disk holding \"" + file + "\" is full: the capture stopped; the " + s.captured()
                        + " packets captured before are kept in it.", s.error());
                assertTrue(s.captured() > 0, s.toString());
                List<RawFrame> kept = readAll(file);
                assertEquals(s.captured(), kept.size());
                assertTrue(Files.size(file) <= 1 << 20, Files.size(file) + " bytes on a 1 MiB disk");
                // What the reader was given includes the file's frames, the same ones.
                List<RawFrame> given = new ArrayList<>();
                c.queue().drainTo(given);
                for (int i = 0; i < kept.size(); i++) {
                    assertEquals(kept.get(i).number(), given.get(i).number());
                    assertTrue(java.util.Arrays.equals(kept.get(i).data(), given.get(i).data()));
                }
            }
        }
    }

    @Test
    void anInterfaceThatGoesAwayStopsTheCaptureWithItsPackets() throws Exception {
        try (SystemCommands.Veth v = SystemCommands.veth()) {
            Path file = dir.resolve("veth.pcapng");
            try (LiveCapture c = LiveCapture.start(v.name(), "udp dst port 9", file, 1000);
                 DatagramSocket out = new DatagramSocket(new InetSocketAddress(v.address(), 0))) {
                out.setBroadcast(true);
                byte[] hello = "discard me".getBytes(StandardCharsets.US_ASCII);
                DatagramPacket broadcast = new DatagramPacket(hello, hello.length,
                        InetAddress.getByName(v.broadcast()), 9);
                // One more each poll until five are seen: the link takes a moment to get its carrier.
                Await.until("five broadcasts captured on " + v.name(), Duration.ofSeconds(20), () -> {
                    try {
                        out.send(broadcast);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                    return c.stats().captured() >= 5;
                });
                v.delete();
                Await.until("the capture to stop when " + v.name() + " goes away", Duration.ofSeconds(20),
                        () -> !c.isRunning());
                CaptureStats s = c.stats();
                System.out.println("[live faults] " + s.error());
                assertNotNull(s.error());
                assertTrue(s.error().startsWith("The capture on \"" + v.name() + "\" stopped: "), s.error());
                assertTrue(s.error().endsWith("the " + s.captured() + " packets captured are kept in \"" + file + "\"."),
                        s.error());
                List<RawFrame> kept = readAll(file);
                assertEquals(s.captured(), kept.size());
                for (RawFrame f : kept) {
                    String data = new String(f.data(), StandardCharsets.US_ASCII);
                    assertTrue(data.endsWith("discard me"), data);
                }
            }
        }
    }

    static List<RawFrame> readAll(Path file) throws CaptureException {
        List<RawFrame> out = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            for (RawFrame f; (f = r.next()) != null; ) out.add(f);
            assertNull(r.warning(), "the file should end cleanly");
        }
        return out;
    }
}
