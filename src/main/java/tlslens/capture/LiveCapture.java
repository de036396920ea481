package tlslens.capture;

import java.io.EOFException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

import tlslens.net.Ipv6Text;

/**
 * Captures packets from a network interface with libpcap. One thread (the capture thread) only
 * reads packets, appends each to a pcapng file and hands it to a {@link PacketQueue}; whoever reads
 * the queue (the window, the command line) dissects at its own pace. Past the queue's memory
 * budget frames wait in the file only and the reader reads them back: a slow reader never costs a
 * packet, and never slows the capture thread, whose work per packet is a copy into the file's
 * buffer (a write to the page cache every 256 KiB).
 *
 * <p>What absorbs the moments the JVM is not scheduled (a busy machine, a collection) is the
 * kernel's ring: 128 MiB in TPACKET_V3 mode, where packets are packed into blocks as they come
 * (about 500,000 small loopback packets, seconds at 50,000 packets/s). Immediate mode is off on
 * purpose: libpcap then falls back to TPACKET_V2, whose fixed slots are as large as the biggest
 * packet the interface can hand over (65,554 bytes on loopback, which has segmentation offload:
 * 128 KiB per slot), so the same memory holds about a thousand packets and a 20 ms pause drops
 * some. A V3 block is handed over when full or after the read timeout, which bounds the latency
 * (20 ms) instead.
 *
 * <p>libpcap 1.10 on Linux never returns from a blocking read when no packet comes, whatever the
 * read timeout (the timeout only bounds how long packets are buffered); {@link #stop()} therefore
 * wakes the read with pcap_breakloop, which libpcap implements with an eventfd.
 */
public final class LiveCapture implements AutoCloseable {
    public static final int SNAPLEN = PcapngWriter.DEFAULT_SNAPLEN;
    public static final int BUFFER_SIZE = 128 << 20;
    /** The most a packet waits in the kernel's ring before it is handed over (TPACKET_V3's block timeout). */
    public static final int READ_TIMEOUT_MS = 20;
    /** How long a captured packet may sit in the writer's buffer before it reaches the file. */
    static final long FLUSH_EVERY_MS = 20;
    private static final long STATS_EVERY_MS = 250;
    private static final long STOP_WITHIN_MS = 900;

    private final String iface;
    private final PcapHandle handle;
    private final PcapngWriter writer;
    private final Path file;
    private final int linkType;
    private final boolean nanosecondTimestamps;
    private final PacketQueue queue;
    private final long packetLimit;
    private final Instant started = Instant.now();
    private final AtomicLong captured = new AtomicLong();
    private volatile long receivedByKernel;
    private volatile long droppedByKernel;
    private volatile String error;
    private volatile boolean stopRequested;
    private volatile boolean running = true;
    private volatile boolean dirty;
    private volatile boolean housekeeping = true;
    private final Thread captureThread;
    private final Thread housekeeper;

    /** Captures to stop (and so flush and close their files) when the JVM exits without stop(). */
    private static final Set<LiveCapture> RUNNING = ConcurrentHashMap.newKeySet();
    private static boolean exitHookInstalled;

    private LiveCapture(String iface, PcapHandle handle, PcapngWriter writer, Path file, int queueCapacity,
                        long packetLimit) {
        this.iface = iface;
        this.handle = handle;
        this.writer = writer;
        this.file = file;
        this.linkType = handle.getDlt().value();
        this.nanosecondTimestamps = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
        this.queue = new PacketQueue(writer, queueCapacity, iface);
        this.packetLimit = packetLimit;
        this.captureThread = new Thread(this::capture, "tlslens-capture-" + iface);
        this.captureThread.setDaemon(true); // never keeps the JVM alive; stop() or the flusher saves the data
        this.housekeeper = new Thread(this::housekeeping, "tlslens-capture-flush-" + iface);
        this.housekeeper.setDaemon(true);
    }

    // ---- listing and checking -------------------------------------------------------------

    /** pcap4j's device list (Pcaps.findAllDevs) with descriptions and addresses; includes "any" and "lo". */
    public static List<InterfaceInfo> interfaces() throws CaptureException {
        Libpcap.configure();
        List<PcapNetworkInterface> devs;
        try {
            devs = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw CaptureErrors.listFailed(e.getMessage());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw CaptureErrors.libpcapMissing(e);
        }
        List<InterfaceInfo> out = new ArrayList<>(devs.size());
        for (PcapNetworkInterface d : devs) {
            List<String> addresses = new ArrayList<>();
            for (PcapAddress a : d.getAddresses()) {
                if (a.getAddress() != null) addresses.add(addressText(a.getAddress()));
            }
            String description = d.getDescription() != null ? d.getDescription() : d.isLoopBack() ? "Loopback" : "";
            out.add(new InterfaceInfo(d.getName(), description, List.copyOf(addresses), d.isLoopBack(), d.isUp()));
        }
        return out;
    }

    /**
     * Checks a BPF capture filter with libpcap (pcap_compile on a dead handle) before starting:
     * null when fine, else libpcap's message. The netmask is unknown here, so "ip broadcast"
     * is refused even though {@link #start} (which asks the interface) would accept it.
     */
    public static String checkFilter(String bpf, int linkType) {
        if (bpf == null || bpf.isBlank()) return null;
        Libpcap.configure();
        PcapHandle dead = null;
        try {
            dead = Pcaps.openDead(DataLinkType.getInstance(linkType), SNAPLEN);
            BpfProgram p = dead.compileFilter(bpf, BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
            p.free();
            return null;
        } catch (PcapNativeException e) {
            return CaptureErrors.clean(e.getMessage());
        } catch (NotOpenException e) {
            return "libpcap handle closed";
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "libpcap could not be loaded (install libpcap0.8): " + e.getMessage();
        } finally {
            if (dead != null) dead.close();
        }
    }

    /**
     * The loopback interface libpcap lists ("lo" on Linux, "lo0" on macOS and the BSDs), or null when
     * it lists none.
     */
    public static String loopbackInterface() throws CaptureException {
        for (InterfaceInfo i : interfaces()) if (i.loopback()) return i.name();
        return null;
    }

    /**
     * Null when this process may capture on {@code iface}, else why not (the message starting a
     * capture would give, with the fix for a missing permission): opens the interface and closes it.
     */
    public static String probe(String iface) {
        Libpcap.configure();
        try {
            open(iface).close();
            return null;
        } catch (CaptureException e) {
            return e.getMessage();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return CaptureErrors.libpcapMissing(e).getMessage();
        }
    }

    // ---- starting ---------------------------------------------------------------------------

    /**
     * Opens {@code iface} (snaplen 262144, kernel buffer 128 MiB, nanosecond timestamps where the
     * platform gives them, read timeout 20 ms), applies the BPF filter (null or blank: none) and
     * starts the capture thread, which appends every packet to {@code file} (pcapng) and hands it
     * to the queue, frames numbered 1, 2, 3...; up to {@code queueCapacity} of them wait in
     * memory, more wait in the file.
     *
     * @throws CapturePermissionException when the process may not capture (the message says what to run)
     * @throws CaptureFilterException when libpcap refuses the filter
     * @throws CaptureException for anything else (no such device, device down, file not writable)
     */
    public static LiveCapture start(String iface, String bpf, Path file, int queueCapacity) throws CaptureException {
        return start(iface, bpf, file, queueCapacity, Long.MAX_VALUE);
    }

    /** As {@link #start(String, String, Path, int)}, stopping by itself after {@code packetLimit} packets. */
    public static LiveCapture start(String iface, String bpf, Path file, int queueCapacity, long packetLimit)
            throws CaptureException {
        if (iface == null || iface.isBlank()) throw new CaptureException("No interface given.");
        if (file == null) throw new CaptureException("No capture file given.");
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity " + queueCapacity);
        if (packetLimit < 1) throw new IllegalArgumentException("packetLimit " + packetLimit);
        Libpcap.configure();
        PcapHandle handle;
        try {
            handle = open(iface);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw CaptureErrors.libpcapMissing(e);
        }
        PcapngWriter writer = null;
        try {
            applyFilter(handle, iface, bpf);
            try {
                writer = new PcapngWriter(file, handle.getDlt().value(), iface);
            } catch (IOException e) {
                throw new CaptureException("Can't write the capture file \"" + file + "\": " + e.getMessage(), e);
            }
            LiveCapture c = new LiveCapture(iface, handle, writer, file, queueCapacity, packetLimit);
            stopAtExit(c);
            c.housekeeper.start();
            c.captureThread.start();
            return c;
        } catch (CaptureException | RuntimeException e) {
            handle.close();
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException ignored) {
                    // Already failing; the first error is the one to report.
                }
            }
            throw e;
        }
    }

    private static PcapHandle open(String iface) throws CaptureException {
        try {
            return open(iface, PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (!msg.toLowerCase().contains("precision")) throw CaptureErrors.openFailed(iface, msg, e.getReturnCode());
        }
        try {
            // Some interfaces (and old libpcaps) have no nanosecond timestamps.
            return open(iface, PcapHandle.TimestampPrecision.MICRO);
        } catch (PcapNativeException e) {
            throw CaptureErrors.openFailed(iface, e.getMessage(), e.getReturnCode());
        }
    }

    private static PcapHandle open(String iface, PcapHandle.TimestampPrecision precision) throws PcapNativeException {
        // The Builder (pcap_create + pcap_set_* + pcap_activate), not openLive, which can set
        // neither the buffer size nor the timestamp precision. No immediate mode: see the class comment.
        // libpcap shrinks the ring by itself (5% at a time) where the kernel can't give 128 MiB.
        return new PcapHandle.Builder(iface)
                .snaplen(SNAPLEN)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS) // tshark's default
                .timeoutMillis(READ_TIMEOUT_MS)
                .bufferSize(BUFFER_SIZE)
                .timestampPrecision(precision)
                .build();
    }

    private static void applyFilter(PcapHandle handle, String iface, String bpf) throws CaptureException {
        if (bpf == null || bpf.isBlank()) return;
        try {
            BpfProgram p = handle.compileFilter(bpf, BpfProgram.BpfCompileMode.OPTIMIZE, netmask(iface));
            try {
                handle.setFilter(p);
            } finally {
                p.free();
            }
        } catch (PcapNativeException e) {
            throw new CaptureFilterException(bpf, iface, CaptureErrors.clean(e.getMessage()));
        } catch (NotOpenException e) {
            throw new CaptureException("The capture on \"" + iface + "\" was closed while setting its filter.", e);
        }
    }

    /** The interface's IPv4 netmask, which "ip broadcast" needs, as tshark passes it. */
    private static Inet4Address netmask(String iface) {
        try {
            InetAddress m = Pcaps.lookupNet(iface).getMask();
            if (m instanceof Inet4Address) return (Inet4Address) m;
        } catch (PcapNativeException | RuntimeException e) {
            // "any" and interfaces without IPv4 have none.
        }
        return PcapHandle.PCAP_NETMASK_UNKNOWN;
    }

    // ---- the capture thread ---------------------------------------------------------------------

    private void capture() {
        PacketReader reader = new PacketReader(handle);
        try {
            while (!stopRequested) {
                byte[] data;
                try {
                    data = reader.next();
                } catch (TimeoutException e) {
                    continue; // the read timeout, on platforms whose libpcap returns on it
                } catch (EOFException e) {
                    break; // pcap_breakloop from stop()
                }
                long fraction = reader.fraction();
                Instant t = Instant.ofEpochSecond(reader.seconds(), nanosecondTimestamps ? fraction : fraction * 1000);
                long n = captured.get() + 1;
                RawFrame f = new RawFrame((int) n, t, reader.originalLength(), data, linkType, 0, iface);
                long offset = writer.write(f);
                dirty = true;
                captured.set(n);
                queue.add(f, offset);
                if (n >= packetLimit) break;
            }
        } catch (IOException e) {
            error = writeFailed(e);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            if (!stopRequested) {
                // e.g. the interface went away: libpcap says so ("The interface disappeared")
                long n = captured.get();
                error = "The capture on \"" + iface + "\" stopped: " + CaptureErrors.clean(e.getMessage()) + "; the "
                        + n + " packet" + (n == 1 ? "" : "s") + " captured are kept in \"" + file + "\".";
            }
        } finally {
            finish();
        }
    }

    /** Why the file could not be written, and what it keeps (the blocks written whole before). */
    private String writeFailed(IOException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        String what = why.contains("No space left on device")
                ? "The disk holding \"" + file + "\" is full"
                : "Can't write the capture file \"" + file + "\" (" + why + ")";
        long kept = writer.framesInFile();
        return what + ": the capture stopped; the " + kept + " packet" + (kept == 1 ? "" : "s")
                + " captured before are kept in it.";
    }

    /** Last kernel counters, then the handle and the file are closed; runs on the capture thread. */
    private void finish() {
        housekeeping = false;
        housekeeper.interrupt(); // wakes it from its sleep (the writer's FileOutputStream ignores interrupts)
        try {
            housekeeper.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        updateKernelStats();
        handle.close();
        try {
            writer.close();
        } catch (IOException e) {
            if (error == null) error = writeFailed(e);
        }
        if (error != null) captured.set(writer.framesInFile()); // what the file has is what was captured
        queue.end();
        running = false;
        RUNNING.remove(this);
    }

    /** System.exit, Ctrl-C or the window's last close: the packets captured so far reach the file. */
    private static synchronized void stopAtExit(LiveCapture c) {
        RUNNING.add(c);
        if (exitHookInstalled) return;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(LiveCapture::stop),
                    "tlslens-capture-exit"));
            exitHookInstalled = true;
        } catch (IllegalStateException e) {
            // Already exiting.
        }
    }

    /** Flushes the file soon after each burst of packets and refreshes the kernel's counters. */
    private void housekeeping() {
        long lastStats = System.nanoTime();
        try {
            while (housekeeping) {
                Thread.sleep(FLUSH_EVERY_MS);
                if (dirty) {
                    dirty = false;
                    writer.flush();
                }
                if (System.nanoTime() - lastStats >= TimeUnit.MILLISECONDS.toNanos(STATS_EVERY_MS)) {
                    lastStats = System.nanoTime();
                    updateKernelStats();
                }
            }
        } catch (InterruptedException e) {
            // finish() is closing the file, which flushes it.
        } catch (IOException e) {
            // The capture thread meets the same failure at its next write and reports it.
        }
    }

    private void updateKernelStats() {
        try {
            if (!handle.isOpen()) return;
            PcapStat s = handle.getStats();
            droppedByKernel = s.getNumPacketsDropped() + s.getNumPacketsDroppedByIf();
            receivedByKernel = s.getNumPacketsReceived();
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            // Counters are best effort; the packets themselves are what matters.
        }
    }

    // ---- the public face ------------------------------------------------------------------------

    public PacketQueue queue() { return queue; }

    public int linkType() { return linkType; }

    public Path file() { return file; }

    public String interfaceName() { return iface; }

    /** False when the platform gave only microsecond timestamps (the file still says ns; the last 3 digits are 0). */
    public boolean nanosecondTimestamps() { return nanosecondTimestamps; }

    /**
     * Stops the capture and closes the file, within about a second even when no packet arrives.
     * Idempotent and safe from any thread; frames already queued stay in {@link #queue()}.
     */
    public void stop() {
        stopRequested = true;
        if (Thread.currentThread() == captureThread) return;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WITHIN_MS);
        while (captureThread.isAlive() && System.nanoTime() < deadline) {
            try {
                if (handle.isOpen()) handle.breakLoop();
            } catch (NotOpenException e) {
                // Closed by the capture thread meanwhile: it is finishing.
            }
            try {
                // Again after a while: a breakloop that lands between two reads is consumed by the
                // first of them, which may return a packet instead of stopping.
                captureThread.join(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public boolean isRunning() { return running; }

    /** Waits up to {@code millis} for the capture to end (stop(), its packet limit, an error). */
    public void awaitEnd(long millis) throws InterruptedException {
        captureThread.join(Math.max(1, millis));
    }

    public CaptureStats stats() {
        return new CaptureStats(captured.get(), droppedByKernel, receivedByKernel, queue.size(), started, error);
    }

    @Override
    public void close() { stop(); }

    // ---- helpers ----------------------------------------------------------------------------

    /** "127.0.0.1", "::1", "fe80::fc:ff:fe00:1", "::ffff:192.0.2.1": Wireshark's forms, not Java's. */
    static String addressText(InetAddress a) {
        return a instanceof Inet6Address ? Ipv6Text.compress(a.getAddress()) : a.getHostAddress();
    }
}
