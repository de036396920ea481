package tlslens.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.capture.PcapngWriter;
import tlslens.capture.RawFrame;

/**
 * The lesson lab: runs the chosen lessons between real TLS peers over loopback through a
 * recording relay (no capture privilege, no network), then writes what they said as a pcapng with
 * their secrets embedded, the manifest of what really happened beside it, and for the RSA lesson
 * the server's private key and that lesson's key log.
 */
public final class Lab {
    /** A lesson not made, and why. */
    public record Skipped(LabScenario scenario, String reason) {}

    /** What the lab made. */
    public record Result(Path capture, Path manifest, Path rsaKey, Path rsaKeyLog, List<LabConnection> connections,
                         List<Skipped> skipped, long frames, List<String> warnings) {
        /** The first connection that resumed a session, or null. */
        public LabConnection firstResumed() {
            for (LabConnection c : connections) if (c.resumed()) return c;
            return null;
        }
    }

    /** Told what the lab is doing, as a fraction of the lessons done; called on the lab's thread. */
    public interface Progress {
        void update(String message, double fraction);
    }

    private static final int ETHERNET = 1;

    private Lab() {}

    /** The manifest's path for a capture: {@code lesson.pcapng} → {@code lesson.manifest.json}. */
    public static Path manifestFor(Path capture) { return sibling(capture, ".manifest.json"); }

    /** Where the RSA lesson's server key goes: {@code lesson.pcapng} → {@code lesson-rsa-key.pem}. */
    public static Path rsaKeyFor(Path capture) { return sibling(capture, "-rsa-key.pem"); }

    public static Path rsaKeyLogFor(Path capture) { return sibling(capture, "-rsa-vs-ecdhe.keylog"); }

    private static Path sibling(Path capture, String suffix) {
        String name = capture.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return capture.resolveSibling(base + suffix);
    }

    /** Where the packets come from when the lab captures on loopback (the manifest's "packets"). */
    static final String CAPTURED = "captured by libpcap on loopback (the client's leg)";
    static final String FRAMED = "framed by the lab from the relay's record";
    /** Why a QUIC lesson is not made when the lab captures on loopback. */
    public static final String LOOPBACK_TCP_ONLY = "the loopback capture follows the lab's TCP connections only; "
            + "QUIC lessons are made without \"Capture the lab on lo\" (framed from the relay's record of each datagram)";
    /** How long the last packets may take to reach the capture after the last connection ended. */
    private static final long LAST_PACKETS_MS = 5_000;

    /**
     * Null when this process may capture the lab on loopback, else why not (for a missing permission,
     * with what to run). Opens the loopback interface: call it off the window's thread.
     */
    public static String loopbackCaptureRefusal() { return LoopbackCapture.refusal(); }

    /**
     * Makes {@code scenarios} into {@code out}. Lessons whose peers are missing or fail are skipped
     * with the reason; the others are written. {@code rttMs} 0 keeps the times as they happened.
     */
    public static Result run(Path out, List<LabScenario> scenarios, int rttMs, Progress progress)
            throws IOException, InterruptedException {
        return run(out, scenarios, rttMs, false, progress);
    }

    /**
     * As {@link #run(Path, List, int, Progress)}; with {@code captureLoopback} the packets written
     * are those libpcap captured on loopback while the peers talked (the kernel's segments and
     * times, so no simulated RTT), instead of frames the lab builds from the relay's record.
     */
    public static Result run(Path out, List<LabScenario> scenarios, int rttMs, boolean captureLoopback,
                             Progress progress) throws IOException, InterruptedException {
        if (rttMs < 0 || rttMs > 10_000) throw new IllegalArgumentException("The simulated RTT must be 0 to 10000 ms.");
        if (captureLoopback && rttMs != 0) {
            throw new IllegalArgumentException("A lab captured on loopback has the real timing: no simulated RTT.");
        }
        Path dir = out.toAbsolutePath().getParent();
        // Said before the lessons run, not after: a lab takes seconds.
        if (dir == null || !Files.isDirectory(dir)) throw new IOException("the folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new IOException("the folder " + dir + " is not writable");
        Path work = Files.createTempDirectory("tlslens-lab");
        List<Skipped> skipped = new ArrayList<>();
        List<List<MadeConnection>> made = new ArrayList<>();
        Path rsaKey = null;
        LoopbackCapture lo = null;
        try {
            // Before the first connection, so its SYN is in the capture.
            if (captureLoopback) lo = LoopbackCapture.start(work);
            OpensslPeers peers = null;
            BcPeers bc = null;
            KwikPeers kwik = null;
            try {
                int done = 0;
                for (LabScenario s : scenarios) {
                    progress.update("Making " + s.id() + ": " + s.title(), (double) done++ / scenarios.size());
                    LabPeers.Availability a = LabPeers.of(s);
                    if (!a.available()) {
                        skipped.add(new Skipped(s, a.reason()));
                        continue;
                    }
                    if (captureLoopback && !s.transport().equals("tcp")) {
                        skipped.add(new Skipped(s, LOOPBACK_TCP_ONLY));
                        continue;
                    }
                    try {
                        List<MadeConnection> got;
                        if (BcScenarios.MADE.contains(s)) {
                            if (bc == null) bc = new BcPeers();
                            got = new BcScenarios(bc).run(s);
                        } else if (KwikScenarios.MADE.contains(s)) {
                            if (kwik == null) kwik = new KwikPeers(work, rttMs);
                            got = new KwikScenarios(kwik).run(s);
                        } else {
                            if (peers == null) peers = new OpensslPeers(work, LabPeers.opensslVersion());
                            got = new OpensslScenarios(peers, work).run(s);
                        }
                        String failed = failure(got);
                        if (failed != null) {
                            skipped.add(new Skipped(s, failed));
                            continue;
                        }
                        made.add(got);
                        if (s == LabScenario.RSA_VS_ECDHE) {
                            rsaKey = rsaKeyFor(out);
                            if (bc != null && BcScenarios.MADE.contains(s)) {
                                Files.writeString(rsaKey, bc.privateKeyPem(), StandardCharsets.US_ASCII);
                            } else {
                                Files.copy(peers.serverKey(), rsaKey, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    } catch (IOException e) {
                        if (peers != null) peers.stopServer();
                        skipped.add(new Skipped(s, "failed: " + e.getMessage()));
                    }
                }
            } finally {
                if (peers != null) peers.close();
                if (kwik != null) kwik.close();
            }
            Captured captured = null;
            if (lo != null) {
                progress.update("Waiting for the last packets on " + lo.interfaceName(), 1.0);
                captured = captured(lo, made);
            }
            progress.update("Writing " + out.getFileName(), 1.0);
            return write(out, rttMs, made, skipped, rsaKey, captured);
        } finally {
            if (lo != null) lo.close();
            deleteTree(work);
        }
    }

    /** The loopback capture's frames of the lab's connections, and what is missing from them. */
    private record Captured(List<RawFrame> frames, int linkType, String iface, List<String> warnings) {}

    private static Captured captured(LoopbackCapture lo, List<List<MadeConnection>> made)
            throws IOException, InterruptedException {
        List<RelayedConnection> wires = new ArrayList<>();
        for (List<MadeConnection> l : made) {
            for (MadeConnection m : l) if (m.wire() instanceof RelayedConnection tcp) wires.add(tcp);
        }
        // The relay saw each connection end; the kernel's last segments reach libpcap a little later.
        List<String> missing = lo.awaitComplete(wires, LAST_PACKETS_MS);
        List<RawFrame> frames = lo.stopAndRead(wires);
        List<String> warnings = new ArrayList<>();
        if (!missing.isEmpty()) {
            warnings.add(missing.size() + " of " + wires.size() + " connections were not captured to their end within "
                    + LAST_PACKETS_MS / 1000 + " s of the lab's end; the file has what arrived.");
            warnings.addAll(missing);
        }
        return new Captured(frames, lo.linkType(), lo.interfaceName(), warnings);
    }

    /** Why a lesson's connections do not show what it is for, or null when they do. */
    private static String failure(List<MadeConnection> got) {
        for (MadeConnection m : got) {
            if (m.facts().version() == null) {
                return "failed: connection \"" + m.facts().role() + "\" completed no handshake";
            }
        }
        return null;
    }

    private static Result write(Path out, int rttMs, List<List<MadeConnection>> made, List<Skipped> skipped,
                                Path rsaKey, Captured captured) throws IOException {
        List<MadeConnection> all = new ArrayList<>();
        Map<MadeConnection, List<MadeConnection>> scenarioOf = new IdentityHashMap<>();
        for (List<MadeConnection> l : made) {
            for (MadeConnection m : l) {
                all.add(m);
                scenarioOf.put(m, l);
            }
        }
        all.sort(Comparator.comparingLong(m -> m.wire().openNanos()));
        // Numbered per transport as Wireshark does (tcp.stream; quic.connection.number), in order of appearance.
        Map<MadeConnection, Integer> index = new IdentityHashMap<>();
        Map<String, Integer> next = new HashMap<>();
        for (MadeConnection m : all) index.put(m, next.merge(m.facts().scenario().transport(), 1, Integer::sum) - 1);

        List<LabConnection> facts = new ArrayList<>();
        StringBuilder keyLog = new StringBuilder();
        StringBuilder rsaKeyLog = new StringBuilder();
        for (MadeConnection m : all) {
            LabConnection f = m.facts();
            int origin = f.origin() < 0 ? -1 : index.get(scenarioOf.get(m).get(f.origin()));
            facts.add(f.withIndex(index.get(m), origin));
            (f.keysEmbedded() ? keyLog : rsaKeyLog).append(m.keyLog());
        }

        List<RawFrame> frames = captured != null ? captured.frames() : framed(all, rttMs);
        int linkType = captured != null ? captured.linkType() : ETHERNET;
        try (PcapngWriter w = new PcapngWriter(out, linkType, captured != null ? captured.iface() : "lab")) {
            if (keyLog.length() > 0) w.writeTlsKeyLog(keyLog.toString());
            for (RawFrame f : frames) w.write(f);
        }
        Path rsaLog = null;
        if (rsaKeyLog.length() > 0) {
            rsaLog = rsaKeyLogFor(out);
            Files.writeString(rsaLog, rsaKeyLog.toString(), StandardCharsets.ISO_8859_1);
        }
        Path manifest = manifestFor(out);
        Files.writeString(manifest, LabManifest.write(out.getFileName().toString(), rttMs,
                captured != null ? CAPTURED : FRAMED, facts, skipped), StandardCharsets.UTF_8);
        return new Result(out, manifest, rsaKey, rsaLog, facts, skipped, frames.size(),
                captured != null ? captured.warnings() : List.of());
    }

    /** The connections as the lab frames them from the relay's record, at their times or over the simulated RTT. */
    static List<RawFrame> framed(List<MadeConnection> all, int rttMs) {
        TcpFramer framer = new TcpFramer(rttMs);
        List<TcpFramer.Frame> frames = new ArrayList<>();
        long shift = 0;
        Set<Integer> used = new HashSet<>();
        for (MadeConnection m : all) {
            int port = m.wire().clientPort();
            while (!used.add(port)) port = port >= 65535 ? 49152 : port + 1;
            // One set of ports for both: a QUIC connection never shares its client port with a TCP one either.
            TcpFramer.Framed f = m.wire() instanceof RelayedDatagrams d ? UdpFramer.frame(d, port, shift)
                    : framer.frame((RelayedConnection) m.wire(), port, shift);
            frames.addAll(f.frames());
            shift += f.addedNanos();
        }
        frames.sort(Comparator.comparingLong(TcpFramer.Frame::nanos));
        Instant start = Instant.now();
        long base = frames.isEmpty() ? 0 : frames.get(0).nanos();
        List<RawFrame> out = new ArrayList<>(frames.size());
        for (TcpFramer.Frame f : frames) {
            Instant t = start.plus(Duration.ofNanos(f.nanos() - base));
            out.add(new RawFrame(out.size() + 1, t, f.data().length, f.data(), ETHERNET, 0, "lab"));
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temp directory left behind is not worth failing the lesson for
        }
    }

    /** Counts per scenario, for a summary line. */
    public static Map<LabScenario, Integer> perScenario(List<LabConnection> connections) {
        Map<LabScenario, Integer> m = new HashMap<>();
        for (LabConnection c : connections) m.merge(c.scenario(), 1, Integer::sum);
        return m;
    }
}
