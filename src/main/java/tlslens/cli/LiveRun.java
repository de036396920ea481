package tlslens.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import tlslens.capture.CaptureException;
import tlslens.capture.CaptureFilterException;
import tlslens.capture.CaptureStats;
import tlslens.capture.InterfaceInfo;
import tlslens.capture.LiveCapture;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.tls.decrypt.KeyLogWatcher;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;

/**
 * tshark's live capture: -i IFACE [-f BPF] [-c N] [-a duration:S] [-w FILE], and -D. The capture
 * thread writes every packet to a pcapng file; this thread takes them from the queue, dissects and
 * prints each at once (stdout flushed as soon as no frame waits, and at least every 20 ms while
 * frames keep coming, so "| grep" sees each row at once without a write per row). When it falls behind, the
 * frames wait in the file and are printed from there: none is skipped. With -w and nothing to
 * print it only waits for the end. Ctrl-C stops the capture, prints what is still queued and
 * "N packets captured" on stderr, as tshark does.
 */
final class LiveRun {
    /** Frames waiting in memory to be dissected; more wait in the file and are read back from it. */
    static final int QUEUE_CAPACITY = 100_000;
    /** Time column decimals: the file says nanoseconds (if_tsresol 9), as dumpcap's does. */
    private static final int TIME_DIGITS = 9;
    /** How long the Ctrl-C handler lets the printing finish before the JVM goes. */
    private static final long DRAIN_ON_SIGINT_MS = 2000;
    /** The longest printed rows wait in stdout's buffer while frames keep coming. */
    private static final long FLUSH_EVERY_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final String PREFIX = Cli.NAME + ": ";

    /** What the command line asked of the capture, checked before anything is opened. */
    static final class Plan {
        String iface;
        String captureFilter;
        Path writeFile;
        long durationMillis = -1;
        long packetLimit = Long.MAX_VALUE;
        boolean print = true;
        /** Key log files to decrypt with, watched for new lines while capturing. */
        List<Path> keylogs = List.of();
        /** The RSA keys list (-o tls.keys_list / uat:rsa_keys). */
        List<RsaKeyOption> rsaKeys = List.of();
        /** The summary lines' columns (-o gui.column.format). */
        List<tlslens.dissect.column.ColumnSpec> columns = tlslens.dissect.column.ColumnFormat.DEFAULT;
        /** Trees with the items that only describe bytes (Engine.detail): false when the output reads none, as for a file. */
        boolean detail = true;
        /** Lean trees (Engine.lean): no X.509 subtrees nor fingerprints, when the output reads none. */
        boolean lean;
    }

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch printingDone = new CountDownLatch(1);
    private boolean reported;

    LiveRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    // ---- the command line -------------------------------------------------------------------

    /** The capture plan for -i, or null when reading a file; throws for options that don't fit. */
    static Plan plan(CliOptions o) throws UsageException {
        if (o.iface == null) {
            if (o.readFile != null && o.captureFilter != null) {
                throw new UsageException("Only read filters, not capture filters, can be specified when reading a "
                        + "capture file.");
            }
            if (o.readFile != null && !o.autostop.isEmpty()) {
                throw new UsageException("-a applies to a live capture (-i), not to reading a file.");
            }
            if (o.writeFile != null) throw new UsageException("-w needs a live capture (-i INTERFACE).");
            return null;
        }
        if (o.readFile != null) throw new UsageException("-r and -i can't be used together.");
        Plan p = new Plan();
        p.iface = o.iface;
        if (!o.trailing.isEmpty()) {
            // As tshark: when capturing, words after the options form the capture filter.
            if (o.captureFilter != null) {
                throw new UsageException("Capture filters were specified both with \"-f\" and with additional "
                        + "command-line arguments.");
            }
            p.captureFilter = String.join(" ", o.trailing);
        } else {
            p.captureFilter = o.captureFilter;
        }
        for (String a : o.autostop) autostop(p, a);
        if (o.count != null) p.packetLimit = Math.min(p.packetLimit, Cli.count(o.count));
        if (o.writeFile != null) {
            p.writeFile = Path.of(o.writeFile);
            // tshark prints nothing per packet while writing a file unless asked to.
            p.print = o.printWhileWriting || o.details || o.onlyProtocols != null || o.format != null || o.hexDump
                    || o.connections;
        }
        return p;
    }

    /** -a duration:SECONDS or packets:COUNT (tshark's other conditions are about ring buffers). */
    private static void autostop(Plan p, String a) throws UsageException {
        int colon = a.indexOf(':');
        String key = colon < 0 ? a : a.substring(0, colon);
        String value = colon < 0 ? "" : a.substring(colon + 1).trim();
        switch (key) {
            case "duration": {
                double seconds;
                try {
                    seconds = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new UsageException("The specified duration \"" + value + "\" isn't a number");
                }
                if (!(seconds > 0) || Double.isInfinite(seconds)) {
                    throw new UsageException("The specified duration \"" + value + "\" isn't positive");
                }
                p.durationMillis = Math.max(1, Math.round(seconds * 1000));
                break;
            }
            case "packets":
                p.packetLimit = Math.min(p.packetLimit, Cli.count(value));
                break;
            default:
                throw new UsageException("Invalid or unknown -a flag \"" + key + "\"");
        }
    }

    /** -D: tshark's list ("1. eth0", "2. any", "3. lo (Loopback)"). */
    static int listInterfaces(PrintStream out) throws UsageException {
        List<InterfaceInfo> list;
        try {
            list = LiveCapture.interfaces();
        } catch (CaptureException e) {
            throw new UsageException(e.getMessage(), ExitCodes.CAPTURE_ERROR);
        }
        if (list.isEmpty()) {
            throw new UsageException("There are no interfaces on which a capture can be done.", ExitCodes.CAPTURE_ERROR);
        }
        int i = 1;
        for (InterfaceInfo f : list) out.println(listLine(i++, f));
        return ExitCodes.OK;
    }

    /**
     * dumpcap drops libpcap's own descriptions on Linux ("any" has one) and names the loopback
     * "Loopback"; tshark 4.0 -D therefore prints "2. any" and "3. lo (Loopback)".
     */
    static String listLine(int number, InterfaceInfo f) {
        return number + ". " + f.name() + (f.loopback() ? " (Loopback)" : "");
    }

    // ---- the capture ------------------------------------------------------------------------

    /**
     * Captures and prints until -c/-a is reached, the capture fails or Ctrl-C. The printer is made
     * from the columns (with their Time precision) by the caller, as for a file.
     */
    int run(Plan p, DisplayFilter filter, Function<Columns, FramePrinter> printers) throws UsageException {
        List<InterfaceInfo> known = knownInterfaces();
        String iface = resolve(p.iface, known);
        Path file = p.writeFile != null ? p.writeFile : tempFile(iface);
        LiveCapture capture;
        try {
            capture = LiveCapture.start(iface, p.captureFilter, file, QUEUE_CAPACITY, p.packetLimit);
        } catch (CaptureFilterException e) {
            throw new UsageException("Invalid capture filter \"" + e.filter() + "\" for interface '" + iface + "'.\n\n"
                    + "That string isn't a valid capture filter (" + e.libpcapMessage() + ").\n"
                    + "See the User's Guide for a description of the capture filter syntax.", ExitCodes.CAPTURE_ERROR);
        } catch (CaptureException e) {
            throw new UsageException(e.getMessage(), ExitCodes.CAPTURE_ERROR);
        }
        // Once the interface is open (tshark says it when dumpcap has started), so a script can wait for it.
        err.println("Capturing on '" + displayName(iface, known) + "'");
        if (p.writeFile == null) err.println("File: \"" + file + "\""); // kept, unlike tshark's temporary file

        Thread onSigint = new Thread(() -> interrupt(capture), "tlslens-sigint");
        Runtime.getRuntime().addShutdownHook(onSigint);
        try {
            Columns columns = new Columns(TIME_DIGITS, p.columns);
            loop(p, capture, filter, columns, p.print ? printers.apply(columns) : null);
        } finally {
            capture.stop();
            printingDone.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSigint);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl-C): the hook is running and reports.
            }
        }
        if (filter != null && filter.warning() != null) err.println(PREFIX + "warning: " + filter.warning());
        String error = capture.stats().error();
        if (error != null) err.println(PREFIX + error);
        report(capture);
        return error == null ? ExitCodes.OK : ExitCodes.CAPTURE_ERROR;
    }

    private void loop(Plan p, LiveCapture capture, DisplayFilter filter, Columns columns, FramePrinter printer) {
        long deadline = p.durationMillis < 0 ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(p.durationMillis);
        if (printer == null) { // -w alone: the capture thread does everything
            while (capture.isRunning()) {
                if (System.nanoTime() >= deadline) capture.stop();
                try {
                    capture.awaitEnd(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            return;
        }
        java.time.Instant lastShown = null; // frame.time_delta_displayed
        TlsSecrets secrets = p.keylogs.isEmpty() && p.rsaKeys.isEmpty() ? null : new TlsSecrets();
        for (RsaKeyOption k : p.rsaKeys) {
            try {
                secrets.addRsaKeys(tlslens.dissect.tls.decrypt.RsaKeyFile.read(k.file(), k.password()));
            } catch (tlslens.dissect.tls.decrypt.RsaKeyException e) {
                err.println(PREFIX + "warning: " + e.getMessage() + "; continuing without it.");
            }
        }
        List<KeyLogWatcher> watchers = new ArrayList<>();
        for (Path k : p.keylogs) watchers.add(new KeyLogWatcher(k, secrets));
        for (KeyLogWatcher w : watchers) w.poll();
        // As for a file: at 50,000 packets/s the whole trees -T fields never reads took half the time.
        Engine engine = new Engine(secrets).detail(p.detail).lean(p.lean);
        if (printer instanceof ConnectionsPrinter c) c.attach(engine);
        if (printer != null) printer.begin();
        long n = 0;
        long lastFlush = System.nanoTime();
        boolean unflushed = false;
        while (n < p.packetLimit) {
            if (System.nanoTime() >= deadline) capture.stop(); // what is queued still gets printed
            if (unflushed && (capture.queue().isEmpty() || System.nanoTime() - lastFlush >= FLUSH_EVERY_NS)) {
                unflushed = false;
                lastFlush = System.nanoTime();
                if (out.checkError()) { // flushes; the reader went away ("| head")
                    capture.stop();
                    break;
                }
            }
            RawFrame raw;
            try {
                raw = capture.queue().poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (raw == null) {
                if (!capture.isRunning() && capture.queue().isEmpty()) break;
                continue;
            }
            n++;
            if (printer == null) continue;
            for (KeyLogWatcher w : watchers) w.poll();
            columns.observe(raw); // Time is relative to the first frame captured, shown or not
            FrameDissection fd = engine.dissect(raw);
            if (filter != null && !filter.matches(fd)) continue;
            fd.displayedAfter(lastShown);
            lastShown = fd.time;
            printer.print(raw, fd);
            unflushed = true;
        }
        if (printer != null) printer.end();
        out.flush();
    }

    /** Ctrl-C (or SIGTERM): stop, let the main thread print what is queued, then report. */
    private void interrupt(LiveCapture capture) {
        capture.stop();
        try {
            printingDone.await(DRAIN_ON_SIGINT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        report(capture);
    }

    /** tshark's closing lines on stderr; once, from whichever thread finishes first. */
    private synchronized void report(LiveCapture capture) {
        if (reported) return;
        reported = true;
        CaptureStats s = capture.stats();
        if (s.droppedByKernel() > 0) {
            err.println(s.droppedByKernel() + " packet" + (s.droppedByKernel() == 1 ? "" : "s") + " dropped from "
                    + capture.interfaceName());
        }
        err.println(s.captured() + " packet" + (s.captured() == 1 ? "" : "s") + " captured");
        err.flush();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static List<InterfaceInfo> knownInterfaces() {
        try {
            return LiveCapture.interfaces();
        } catch (CaptureException e) {
            return List.of(); // opening the interface will say what is wrong
        }
    }

    /** A name, or the number -D printed for it (as tshark accepts). */
    static String resolve(String iface, List<InterfaceInfo> known) throws UsageException {
        for (InterfaceInfo i : known) if (i.name().equals(iface)) return iface;
        if (iface.matches("[0-9]+")) {
            int n = Integer.parseInt(iface);
            if (n < 1 || n > known.size()) {
                throw new UsageException("There is no interface with that adapter index", ExitCodes.CAPTURE_ERROR);
            }
            return known.get(n - 1).name();
        }
        return iface;
    }

    /** tshark's "Capturing on 'Loopback: lo'" wording. */
    private static String displayName(String iface, List<InterfaceInfo> known) {
        for (InterfaceInfo i : known) if (i.name().equals(iface) && i.loopback()) return "Loopback: " + iface;
        return iface;
    }

    /** tlslens_IFACE_YYYYMMDDhhmmss.pcapng in the system temp dir (dumpcap's wireshark_IFACE... file). */
    static Path tempFile(String iface) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        String base = "tlslens_" + iface.replaceAll("[^A-Za-z0-9._-]", "_") + "_"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        Path f = dir.resolve(base + ".pcapng");
        for (int i = 2; Files.exists(f); i++) f = dir.resolve(base + "_" + i + ".pcapng");
        return f;
    }
}
