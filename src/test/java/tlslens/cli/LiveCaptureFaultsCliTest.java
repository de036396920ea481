package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.Await;
import tlslens.capture.SystemCommands;
import tlslens.capture.TlsLoadGenerator;

/**
 * Headless `-i IFACE -w FILE` when the system fails it: a full disk (a 1 MiB tmpfs) and an interface
 * that goes away (a veth pair deleted) end the run with exit status 2, the reason on stderr, the
 * count of packets kept, and a file that holds exactly those. Root, as in CI.
 */
class LiveCaptureFaultsCliTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskEndsTheRunWithTheReasonAndThePacketsKept() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        try (AutoCloseable disk = SystemCommands.smallDisk(small, "1m")) {
            Path file = small.resolve("full.pcapng");
            TlsLoadGenerator.Options o = new TlsLoadGenerator.Options();
            o.connections = 40;
            o.messages = 40;
            o.size = 4000;
            o.threads = 2;
            try (TlsLoadGenerator g = TlsLoadGenerator.bind(o)) {
                LiveCaptureCliTest.Tlslens p = LiveCaptureCliTest.Tlslens.start("-i", "lo", "-f", "tcp port " + g.port(),
                        "-w", file.toString());
                p.awaitCapturing();
                g.run();
                assertTrue(p.process.waitFor(60, TimeUnit.SECONDS), "the run did not end on the full disk");
                String err = p.stderr();
                assertEquals(ExitCodes.CAPTURE_ERROR, p.process.exitValue(), err);
                int kept = LiveCaptureCliTest.count(file);
                assertTrue(kept > 0, err);
                assertTrue(err.contains("tlslens: The disk holding \"" + file + "\" is full: the capture stopped; the "
                        + kept + " packets captured before are kept in it.\n"), err);
                assertTrue(err.endsWith("\n" + kept + " packets captured\n"), err);
            }
        }
    }

    @Test
    void anInterfaceThatGoesAwayEndsTheRunWithThePacketsKept() throws Exception {
        try (SystemCommands.Veth v = SystemCommands.veth();
             DatagramSocket out = new DatagramSocket(new InetSocketAddress(v.address(), 0))) {
            Path file = dir.resolve("veth.pcapng");
            LiveCaptureCliTest.Tlslens p = LiveCaptureCliTest.Tlslens.start("-i", v.name(), "-f", "udp dst port 9",
                    "-w", file.toString(), "-P", "-T", "fields", "-e", "frame.number");
            p.awaitCapturing();
            out.setBroadcast(true);
            byte[] hello = "discard me".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            DatagramPacket broadcast = new DatagramPacket(hello, hello.length, InetAddress.getByName(v.broadcast()), 9);
            Await.until("five rows printed from " + v.name(), Duration.ofSeconds(30), () -> {
                try {
                    out.send(broadcast);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                return p.allRows.size() >= 5;
            });
            v.delete();
            assertTrue(p.process.waitFor(30, TimeUnit.SECONDS), "the run did not end when " + v.name() + " went away");
            String err = p.stderr();
            assertEquals(ExitCodes.CAPTURE_ERROR, p.process.exitValue(), err);
            int kept = LiveCaptureCliTest.count(file);
            assertEquals(kept, p.rows().size(), "every packet kept was printed");
            assertTrue(err.contains("tlslens: The capture on \"" + v.name() + "\" stopped: "), err);
            assertTrue(err.contains("; the " + kept + " packets captured are kept in \"" + file + "\".\n"), err);
            assertTrue(err.endsWith("\n" + kept + " packets captured\n"), err);
        }
    }
}
