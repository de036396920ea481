package tlslens.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import tlslens.capture.CaptureException;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.LiveCapture;
import tlslens.capture.RawFrame;

/**
 * The lab captured on loopback by libpcap, for a lesson whose packets are the kernel's own (real
 * segment sizes, window updates, timing) rather than framed by the lab. The peers still talk
 * through the relay; of the two legs each connection has on loopback (client ↔ relay and relay ↔
 * server, the same bytes twice) the capture keeps the client's, the one the relay records and the
 * manifest describes, so each connection appears once.
 *
 * <p>Which ports the relays will listen on is not known when the capture starts (before the first
 * connection), so libpcap's filter keeps loopback TCP and the lab picks its own connections by
 * their client and relay ports; other programs' loopback traffic never reaches the file.
 */
final class LoopbackCapture implements AutoCloseable {
    static final String FILTER = "tcp and (host 127.0.0.1 or host ::1)";
    /** Plenty for a lab's packets between two drains; more only lands in the file (and is still read). */
    private static final int QUEUE = 1 << 16;

    /** One loopback TCP connection seen so far, named by its two ports (lower first). */
    private record Ports(int low, int high) {
        static Ports of(int a, int b) { return new Ports(Math.min(a, b), Math.max(a, b)); }
    }

    /** What a leg's packets said so far: payload bytes per sending port, its FINs, whether it ended. */
    private static final class Seen {
        final Map<Integer, Long> bytes = new HashMap<>();
        final Set<Integer> finFrom = new HashSet<>();
        int lastFinBy = -1;
        boolean ended;
        boolean reset;
    }

    private final LiveCapture live;
    private final Path file;
    private final Map<Ports, Seen> seen = new HashMap<>();
    private final Thread reader;
    private volatile boolean reading = true;

    private LoopbackCapture(LiveCapture live, Path file) {
        this.live = live;
        this.file = file;
        this.reader = new Thread(this::read, "lab-loopback-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Null when this process may capture on loopback, else why not: the message a capture would
     * give (for a missing permission, with what to run). Opens the interface, so it takes I/O time.
     */
    static String refusal() {
        try {
            String lo = LiveCapture.loopbackInterface();
            if (lo == null) return "libpcap lists no loopback interface.";
            return LiveCapture.probe(lo);
        } catch (CaptureException e) {
            return e.getMessage();
        }
    }

    /** Starts capturing loopback TCP into a file in {@code work}; before the lab's first connection. */
    static LoopbackCapture start(Path work) throws IOException {
        try {
            String lo = LiveCapture.loopbackInterface();
            if (lo == null) throw new IOException("libpcap lists no loopback interface.");
            Path file = Files.createTempFile(work, "loopback", ".pcapng");
            return new LoopbackCapture(LiveCapture.start(lo, FILTER, file, QUEUE), file);
        } catch (CaptureException e) {
            throw new IOException("the lab could not be captured on loopback: " + e.getMessage(), e);
        }
    }

    private void read() {
        int linkType = live.linkType();
        while (reading || !live.queue().isEmpty()) {
            RawFrame f;
            try {
                f = live.queue().poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (f == null) continue;
            LoopbackSegment s = LoopbackSegment.parse(f.data(), linkType);
            if (s != null) see(s);
        }
    }

    private synchronized void see(LoopbackSegment s) {
        Seen leg = seen.computeIfAbsent(Ports.of(s.srcPort(), s.dstPort()), p -> new Seen());
        leg.bytes.merge(s.srcPort(), (long) s.payload(), Long::sum);
        if (s.has(LoopbackSegment.RST)) {
            leg.ended = true;
            leg.reset = true;
        } else if (s.has(LoopbackSegment.FIN)) {
            if (leg.finFrom.add(s.srcPort()) && leg.finFrom.size() == 2) leg.lastFinBy = s.srcPort();
        } else if (leg.finFrom.size() == 2 && s.srcPort() != leg.lastFinBy && s.has(LoopbackSegment.ACK)) {
            leg.ended = true; // the ACK of the last FIN: nothing more comes on this connection
        }
        notifyAll();
    }

    /** Whether every byte the relay carried on {@code c}'s client leg, and its close, has been captured. */
    private boolean complete(RelayedConnection c) {
        Seen leg = seen.get(Ports.of(c.clientPort(), c.relayPort()));
        if (leg == null || !leg.ended) return false;
        if (leg.reset) return true; // nothing more comes, whatever was left unsent
        return leg.bytes.getOrDefault(c.clientPort(), 0L) == c.bytes(true)
                && leg.bytes.getOrDefault(c.relayPort(), 0L) == c.bytes(false);
    }

    /**
     * Waits until every packet of these connections has been captured, or {@code timeoutMs} has
     * passed; returns what is missing then, one line per incomplete connection (empty: nothing).
     */
    synchronized List<String> awaitComplete(List<RelayedConnection> connections, long timeoutMs)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            List<String> missing = new ArrayList<>();
            for (RelayedConnection c : connections) if (!complete(c)) missing.add(missing(c));
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (missing.isEmpty() || left <= 0) return missing;
            wait(left);
        }
    }

    /** What the capture lacks of {@code c}: "port 42020 ↔ 46421: 347 of 347 bytes from the client, ...". */
    private String missing(RelayedConnection c) {
        Seen leg = seen.get(Ports.of(c.clientPort(), c.relayPort()));
        String ports = "port " + c.clientPort() + " ↔ " + c.relayPort() + ": ";
        if (leg == null) return ports + "no packet captured";
        return ports + leg.bytes.getOrDefault(c.clientPort(), 0L) + " of " + c.bytes(true) + " bytes from the client, "
                + leg.bytes.getOrDefault(c.relayPort(), 0L) + " of " + c.bytes(false) + " from the server, "
                + (leg.ended ? "closed" : leg.finFrom.size() + " FIN(s) seen");
    }

    /**
     * Stops the capture and reads back, in capture order, the frames of these connections' client
     * legs, numbered from 1.
     */
    List<RawFrame> stopAndRead(List<RelayedConnection> connections) throws IOException {
        close();
        String error = live.stats().error();
        if (error != null) throw new IOException(error);
        Set<Ports> wanted = new HashSet<>();
        for (RelayedConnection c : connections) wanted.add(Ports.of(c.clientPort(), c.relayPort()));
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            for (RawFrame f = r.next(); f != null; f = r.next()) {
                LoopbackSegment s = LoopbackSegment.parse(f.data(), f.linkType());
                if (s == null || !wanted.contains(Ports.of(s.srcPort(), s.dstPort()))) continue;
                frames.add(new RawFrame(frames.size() + 1, f.time(), f.originalLength(), f.data(), f.linkType(), 0,
                        f.interfaceName()));
            }
            if (r.warning() != null) throw new IOException("the loopback capture is damaged: " + r.warning());
        } catch (CaptureException e) {
            throw new IOException(e.getMessage(), e);
        }
        return frames;
    }

    int linkType() { return live.linkType(); }

    String interfaceName() { return live.interfaceName(); }

    @Override
    public void close() {
        live.stop();
        reading = false;
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
