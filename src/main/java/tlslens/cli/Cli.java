package tlslens.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import picocli.CommandLine.ParameterException;
import picocli.CommandLine;
import tlslens.about.VersionReport;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.CaptureException;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.registry.FieldRegistry;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.column.ColumnSpec;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FieldNames;
import tlslens.dissect.filter.FilterException;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;
import tlslens.engine.LightTree;
import tlslens.explain.Explainer;

/**
 * The tshark-compatible command line: parses the options, reads the capture frame by frame and
 * prints each frame as soon as it is dissected. Never touches JavaFX.
 */
public final class Cli {
    public static final String NAME = "tlslens";
    private static final String PREFIX = NAME + ": ";
    /** How often (in frames) to ask whether stdout was closed, e.g. by "| head". */
    private static final int CHECK_OUTPUT_EVERY = 1024;

    private final PrintStream out;
    private final PrintStream err;
    /** Threads that dissect a file when its TCP connections can be split (ParallelDissection); 1 for none. */
    private final int threads;

    private Cli(PrintStream out, PrintStream err, int threads) {
        this.out = out;
        this.err = err;
        this.threads = threads;
    }

    /** Runs one command line; returns the exit code. Output is UTF-8 (tshark prints "→" and "·"). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, dissectThreads());
    }

    /** As above, with {@code threads} dissecting threads when the run can split its TCP connections (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, int threads) {
        Cli cli = new Cli(out, err, threads);
        try {
            return cli.execute(args);
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage());
            return e.exitCode;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs with the process's stdout/stderr, buffered and in UTF-8 whatever the locale. */
    public static int runWithSystemStreams(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return run(args, out, err);
    }

    private int execute(String[] args) throws UsageException {
        CliOptions o = new CliOptions();
        CommandLine cl = new CommandLine(o);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExpandAtFiles(false); // "@x" is filter text, not a file of arguments
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage() + "\nRun \"" + NAME + " -h\" for the options.");
        }
        if (o.help) {
            cl.usage(out);
            return ExitCodes.OK;
        }
        if (o.version) {
            out.print(VersionReport.current().text(null));
            return ExitCodes.OK;
        }
        if (o.glossary != null) return glossary(o.glossary);
        if (o.listInterfaces) return LiveRun.listInterfaces(out);
        if (o.lab != null || o.labScenarios != null || o.labRtt != null || o.labCaptureLo) return new LabRun(out, err).run(o);

        LiveRun.Plan live = LiveRun.plan(o);
        RunSettings s = settings(o);
        DisplayFilter filter = compileFilter(s.filter);
        if (live != null) {
            live.keylogs = s.keylogs;
            live.rsaKeys = s.preferences.rsaKeys;
            live.columns = s.preferences.columns;
            live.detail = !lightTreesSuffice(s, filter);
            live.lean = leanTreesSuffice(s, filter);
            return new LiveRun(out, err).run(live, filter, columns -> printer(s, columns));
        }
        return read(s, filter);
    }

    private int glossary(String report) throws UsageException {
        switch (report) {
            case "fields": FieldGlossary.printFields(out); return ExitCodes.OK;
            case "protocols": FieldGlossary.printProtocols(out); return ExitCodes.OK;
            default: throw new UsageException("Invalid -G argument \"" + report + "\"; it must be fields or protocols.");
        }
    }

    /** Everything checked and converted before the file is opened. */
    static final class RunSettings {
        Path file;
        String format = "text";
        boolean details;
        /** -x: the bytes of each frame after its tree or summary (-P), or alone. */
        boolean hexDump;
        /** -P: with -x, the summary line before the bytes. */
        boolean summaryWithBytes;
        Set<String> onlyProtocols;
        List<String> fields = List.of();
        FieldOutputOptions fieldOptions;
        Preferences preferences;
        long maxFrames = Long.MAX_VALUE;
        String filter;
        /** --connections: "json" or "text"; null for frame output. */
        String connections;
        /** --explain: notes under the tree's items (-V / -O). */
        boolean explain;
        /** --key-schedule. */
        boolean keySchedule;
        /** --keylog / -o tls.keylog_file: the key log files (null when none). */
        List<Path> keylogs = new ArrayList<>();
    }

    RunSettings settings(CliOptions o) throws UsageException {
        RunSettings s = new RunSettings();
        s.connections = ConnectionsPrinter.format(o);
        s.keySchedule = o.keySchedule;
        if (o.keySchedule && (s.connections != null || o.format != null || o.details || !o.fields.isEmpty())) {
            throw new UsageException("--key-schedule prints key schedules, not frames or connections: it cannot be "
                    + "combined with --connections, -T, -V or -e.");
        }
        if (o.format != null) {
            if (!o.format.equals("text") && !o.format.equals("tabs") && !o.format.equals("fields")
                    && !o.format.equals("json")) {
                throw new UsageException("Invalid -T parameter \"" + o.format + "\"; it must be one of:\n"
                        + "\t\"fields\"  The values of fields specified with the -e option, in a form\n"
                        + "\t          specified by the -E option.\n"
                        + "\t\"json\"    Packet Summary, an JSON-based format for the details\n"
                        + "\t          summary information of a decoded packet.\n"
                        + "\t\"tabs\"    Similar to the text report except that each column of the\n"
                        + "\t          human-readable one-line summary is delimited with an ASCII\n"
                        + "\t          horizontal tab character.\n"
                        + "\t\"text\"    Text of a human-readable one-line summary of each of the\n"
                        + "\t          packets, or a multi-line view of the details of each of the\n"
                        + "\t          packets, depending on whether the -V flag was specified.\n"
                        + "\t          This is the default.");
            }
            s.format = o.format;
        }
        s.maxFrames = count(o.count);
        s.fieldOptions = FieldOutputOptions.parse(o.fieldOptions);
        s.preferences = Preferences.parse(o.preferences);
        if (s.preferences.keylogFile != null) s.keylogs.add(s.preferences.keylogFile);
        if (o.keylog != null && !o.keylog.isBlank()) s.keylogs.add(Path.of(o.keylog));
        if (!o.decodeAs.isEmpty()) {
            err.println(PREFIX + "note: -d is ignored: TLS Lens recognises TLS by its content, on any port.");
        }
        if (o.onlyProtocols != null) {
            s.onlyProtocols = new LinkedHashSet<>();
            // -O ssl is -O tls, as in tshark 4.0 (ssl is the old name of the protocol).
            for (String p : o.onlyProtocols) if (!p.isBlank()) s.onlyProtocols.add(FieldNames.canonical(p.trim()));
        }
        s.details = o.details || s.onlyProtocols != null;
        s.explain = o.explain;
        if (o.explain && (!s.details || s.connections != null || !s.format.equals("text"))) {
            throw new UsageException("--explain prints notes under the packet tree: use it with -V or -O (text output).");
        }
        s.hexDump = o.hexDump;
        s.summaryWithBytes = o.printWhileWriting;

        if (s.format.equals("fields") && o.fields.isEmpty()) {
            throw new UsageException("\"-Tfields\" was specified, but no fields were specified with \"-e\".");
        }
        if (!o.fields.isEmpty() && (s.format.equals("text") || s.format.equals("tabs"))) {
            throw new UsageException("Output fields were specified with \"-e\", but \"-Tfields\" or \"-Tjson\" was not "
                    + "specified.");
        }
        checkFields(o.fields);
        s.fields = List.copyOf(o.fields);

        if (!o.trailing.isEmpty() && o.iface == null) { // with -i they are the capture filter
            if (o.displayFilter != null) {
                throw new UsageException("Display filters were specified both with \"-Y\" and with additional "
                        + "command-line arguments.");
            }
            s.filter = String.join(" ", o.trailing);
        } else {
            s.filter = o.displayFilter;
        }
        if (o.iface != null) return s; // LiveRun captures
        if (o.readFile == null) {
            throw new UsageException("No capture file or interface given: use -r FILE, or -i INTERFACE to capture "
                    + "(-D lists the interfaces).");
        }
        s.file = Path.of(o.readFile);
        return s;
    }

    static long count(String c) throws UsageException {
        if (c == null) return Long.MAX_VALUE;
        long n;
        try {
            n = Long.parseLong(c.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("The specified packet count \"" + c + "\" isn't a decimal number");
        }
        if (n < 0) throw new UsageException("The specified packet count \"" + c + "\" is a negative number");
        if (n == 0) throw new UsageException("The specified packet count is zero");
        return n;
    }

    /** tshark lists every unknown -e field, most recent first. */
    private static void checkFields(List<String> fields) throws UsageException {
        List<String> invalid = new ArrayList<>();
        for (String f : fields) {
            if (f.startsWith("_ws.col.")) continue;
            if (FieldRegistry.byName(f) == null) invalid.add(0, f);
        }
        if (!invalid.isEmpty()) {
            throw new UsageException("Some fields aren't valid:\n\t" + String.join("\n\t", invalid));
        }
    }

    private static DisplayFilter compileFilter(String text) throws UsageException {
        if (text == null || text.isBlank()) return null;
        try {
            return DisplayFilter.compile(text);
        } catch (FilterException e) {
            throw new UsageException(e.describe(text), ExitCodes.INVALID_FILTER);
        }
    }

    private int read(RunSettings s, DisplayFilter filter) throws UsageException {
        CaptureFileReader reader;
        try {
            reader = CaptureFileReader.open(s.file);
        } catch (CaptureException e) {
            throw new UsageException(e.getMessage(), ExitCodes.INVALID_FILE);
        }
        try (reader) {
            // The file's time stamp resolution, as the reader found it (the file is not opened twice:
            // it may be a pipe or standard input).
            Columns columns = new Columns(reader.timestampDecimals(), s.preferences.columns);
            FramePrinter printer = printer(s, columns, s.explain ? explainer(s) : null);
            TlsSecrets secrets = secrets(s, reader.decryptionSecrets(), s.file);
            boolean detail = !lightTreesSuffice(s, filter), lean = leanTreesSuffice(s, filter);
            List<String> kept = lean ? keptFields(s, filter) : null;
            Engine engine = new Engine(secrets).interfaces(reader.interfaces()).detail(detail).lean(lean).keepOnly(kept);
            if (printer instanceof ConnectionsPrinter c) c.attach(engine);
            if (printer instanceof KeySchedulePrinter k) k.attach(engine);
            printer.begin();
            long n = 0;
            RawFrame raw;
            java.time.Instant lastShown = null;
            // Every core: TCP connections dissected on worker threads, printed in frame order (same output).
            ParallelDissection split = splittable(printer, s, filter) && secrets == null && threads > 1
                    && java.nio.file.Files.isRegularFile(s.file)
                    ? new ParallelDissection(threads, printer, filter, detail, lean, out, CHECK_OUTPUT_EVERY).keepOnly(kept) : null;
            // Two cores: this thread reads and dissects, another filters and prints (same output, in order).
            PrintStage stage = split == null && pipelined(printer, s, filter)
                    ? new PrintStage(printer, filter, out, CHECK_OUTPUT_EVERY) : null;
            while (n < s.maxFrames && (raw = reader.next()) != null) {
                n++;
                columns.observe(raw);
                if (split != null) {
                    if (split.offer(raw, reader.interfaces())) {
                        if (!split.running()) break; // reader went away
                        continue;
                    }
                    // A frame no split can take: the frames before it are printed, then one engine catches up.
                    split.finish();
                    lastShown = split.lastShown();
                    boolean going = split.running();
                    split = null;
                    if (!going || !catchUp(engine, s.file, n - 1)) break;
                }
                FrameDissection fd = engine.dissect(raw);
                if (stage != null) {
                    if (!stage.offer(raw, fd)) break; // reader went away
                    continue;
                }
                if (filter != null && !filter.matches(fd)) continue;
                fd.displayedAfter(lastShown);
                lastShown = fd.time;
                printer.print(raw, fd);
                if (n % CHECK_OUTPUT_EVERY == 0 && out.checkError()) break; // reader went away
            }
            if (split != null) split.finish();
            if (stage != null) stage.finish();
            printer.end();
            out.flush();
            if (filter != null && filter.warning() != null) err.println(PREFIX + "warning: " + filter.warning());
            if (reader.warning() != null) {
                err.println(PREFIX + reader.warning());
                return ExitCodes.INVALID_FILE;
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Threads that dissect when TCP connections are split (ParallelDissection); 1, the default, for
     * none: measured on 1M packets (load 4-9, alternating) the split took as long as or longer than one
     * dissecting thread beside PrintStage (-T fields 12.0-13.8 s against 8.1-13.5 s, 30 % more CPU):
     * the serial collector's pauses, which stop every thread, were half the time and grew with the trees
     * and engines in flight. The system property tlslens.dissectThreads=N turns it on (tests, benchmarks).
     * With one engine per worker (not per connection) the split's -Y on 1M packets took 5.9 s against 11.1 s
     * before (one engine alone 4.7 s, same minute, load 3), and its threads' CPU is close to one engine's
     * (workers 1.8 + 1.6 s, reader 0.9 s, against 3.0 s), but on two cores the JIT compiler's ~4 s of CPU
     * (C2) competes with them: a run is bound by its total CPU, which the split does not lower. Still off.
     */
    static int dissectThreads() {
        String p = System.getProperty("tlslens.dissectThreads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                // the default
            }
        }
        return 1;
    }

    /**
     * Dissects the first {@code frames} frames of the file again through {@code engine}, printing
     * nothing: after a split run met a frame it can't split, the one engine that goes on needs the
     * state those frames left. False (with a message) when the file can't be read again.
     */
    private boolean catchUp(Engine engine, Path file, long frames) {
        try (CaptureFileReader again = CaptureFileReader.open(file)) {
            RawFrame raw;
            for (long i = 0; i < frames && (raw = again.next()) != null; i++) engine.dissect(raw);
            return true;
        } catch (CaptureException e) {
            err.println(PREFIX + "the file could not be read again: " + e.getMessage());
            return false;
        }
    }

    /**
     * Whether the filter and printer run on a thread of their own (PrintStage): with two cores, for
     * summary lines and -T fields over light trees, whose printing reads only the frame's own
     * dissection (its labels made from its own values), never the engine's later state.
     */
    static boolean pipelined(FramePrinter printer, RunSettings s, DisplayFilter filter) {
        return splittable(printer, s, filter) && PrintStage.worthIt();
    }

    /** Whether the printer reads nothing but each frame's own dissection (see pipelined): what lets frames be dissected apart. */
    static boolean splittable(FramePrinter printer, RunSettings s, DisplayFilter filter) {
        return (printer instanceof FieldsPrinter || printer instanceof SummaryPrinter) && lightTreesSuffice(s, filter);
    }

    /**
     * Whether trees without the items that only describe bytes (Engine.detail(false), as a file's
     * first pass in the window) give this run's output: summary lines, -T fields and --connections
     * whose fields, custom columns and filter read only what such trees hold (LightTree). Measured
     * on 1M packets: -T fields with the 22 core fields in two thirds of the time.
     */
    static boolean lightTreesSuffice(RunSettings s, DisplayFilter filter) {
        if (s.details || s.hexDump) return false;
        if (s.connections == null && !s.format.equals("fields") && !s.format.equals("text") && !s.format.equals("tabs")) {
            return false;
        }
        List<String> read = new ArrayList<>(s.fields);
        for (ColumnSpec c : s.preferences.columns) read.addAll(c.fields());
        if (filter != null) read.addAll(filter.fields());
        for (String f : read) {
            if (f.startsWith("_ws.col.")) continue; // columns are made whole in light trees
            // A protocol's own item ("tcp") is left whole only by protocols that are not thinned.
            if (!LightTree.holds(f) || (f.indexOf('.') < 0 && !LightTree.holds(f + ".x"))) return false;
        }
        return true;
    }

    /** Protocols whose fields are never below a certificate (tls.sct.* is, in its SCT extension). */
    private static final Set<String> NOT_BELOW_CERTIFICATES = Set.of("frame", "eth", "sll", "ip", "ipv6", "tcp", "udp", "tls");

    /**
     * Whether lean trees (Engine.lean) give this run's output: it reads no field that a
     * certificate's X.509 subtree holds, no JA3/JA4 fingerprint, nor expert or malformed items
     * (an X.509 error is one).
     */
    static boolean leanTreesSuffice(RunSettings s, DisplayFilter filter) {
        if (!lightTreesSuffice(s, filter)) return false; // the same kinds of output: no trees printed
        List<String> read = new ArrayList<>(s.fields);
        for (ColumnSpec c : s.preferences.columns) read.addAll(c.fields());
        if (filter != null) read.addAll(filter.fields());
        for (String f : read) {
            if (f.startsWith("_ws.col.")) continue;
            int dot = f.indexOf('.');
            // An SCT's signature algorithm (tls.handshake.sig_hash_*) sits below a certificate too.
            if (!NOT_BELOW_CERTIFICATES.contains(dot < 0 ? f : f.substring(0, dot)) || f.startsWith("tls.sct.")
                    || f.startsWith("tls.handshake.sig_hash") || f.startsWith("tls.handshake.ja")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fields sparse trees must keep for this run (Engine.keepOnly), or null for whole trees: for
     * lean runs whose -e fields, custom columns and filter are all plain fields, every one of which
     * the output reads by name. Not with expert items, notes (fields without a value: an expert
     * note's presence) or columns (_ws.*), which stand for more than the items of their own name.
     * Measured on 1M packets: most of the tree's items and their garbage are never made.
     */
    static List<String> keptFields(RunSettings s, DisplayFilter filter) {
        List<String> read = new ArrayList<>(s.fields);
        for (ColumnSpec c : s.preferences.columns) read.addAll(c.fields());
        if (filter != null) read.addAll(filter.fields());
        for (String f : read) {
            if (f.startsWith("_ws.")) return null;
            tlslens.dissect.FieldDef d = FieldRegistry.byName(f);
            if (d == null || d.type == tlslens.dissect.FieldType.NONE) return null;
        }
        return read;
    }

    /**
     * The secrets to decrypt with: the key log files, then the capture's embedded Decryption
     * Secrets Blocks (tshark uses those without being asked). Null when there are none at all.
     * A key log that can't be read is a warning, as in tshark, not an error.
     */
    private TlsSecrets secrets(RunSettings s, List<String> embedded, Path capture) {
        TlsSecrets secrets = null;
        for (Path k : s.keylogs) {
            try {
                KeyLog log = KeyLog.read(k);
                if (secrets == null) secrets = new TlsSecrets();
                secrets.add(log);
                if (log.cut()) {
                    err.println(PREFIX + "warning: the key log \"" + k + "\" is larger than " + (KeyLog.MAX_BYTES >> 20)
                            + " MiB: only its first " + (KeyLog.MAX_BYTES >> 20) + " MiB were read.");
                }
            } catch (IOException | RuntimeException e) {
                err.println(PREFIX + "warning: the key log \"" + k + "\" can't be read ("
                        + e.getClass().getSimpleName() + "); continuing without it.");
            }
        }
        for (RsaKeyOption k : s.preferences.rsaKeys) {
            try {
                var keys = tlslens.dissect.tls.decrypt.RsaKeyFile.read(k.file(), k.password());
                if (secrets == null) secrets = new TlsSecrets();
                secrets.addRsaKeys(keys);
            } catch (tlslens.dissect.tls.decrypt.RsaKeyException e) {
                err.println(PREFIX + "warning: " + e.getMessage() + "; continuing without it.");
            }
        }
        if (capture != null) {
            int n = 0;
            for (String text : embedded) {
                KeyLog log = new KeyLog();
                log.add(text, "Decryption Secrets Block #" + (++n) + " of " + capture.getFileName());
                if (secrets == null) secrets = new TlsSecrets();
                secrets.add(log);
            }
        }
        return secrets;
    }

    private SummaryPrinter summary(RunSettings s, Columns columns) {
        return new SummaryPrinter(out, columns, s.format.equals("tabs"));
    }

    /**
     * --explain: the notes with the capture's connection model, from a first pass over the file (a resumption's
     * notes name the connection that issued its session, which may come later than nothing printed yet needs).
     * A pipe can't be read twice: its notes come without the model.
     */
    private Explainer explainer(RunSettings s) {
        if (!java.nio.file.Files.isRegularFile(s.file)) {
            // A missing file is said by the frame pass; a pipe or standard input is read once.
            if (java.nio.file.Files.exists(s.file) || s.file.toString().equals("-")) {
                err.println(PREFIX + "note: --explain on a pipe: notes without what each message means in its connection.");
            }
            return new Explainer(List.of());
        }
        try (CaptureFileReader reader = CaptureFileReader.open(s.file)) {
            Engine engine = new Engine(secrets(s, reader.decryptionSecrets(), s.file)).interfaces(reader.interfaces());
            long n = 0;
            RawFrame raw;
            while (n++ < s.maxFrames && (raw = reader.next()) != null) engine.dissect(raw);
            return new Explainer(ConnectionAnalyzer.analyze(engine.connections()));
        } catch (CaptureException | RuntimeException e) {
            return new Explainer(List.of()); // the frame pass reports what is wrong with the file
        }
    }

    /** Live: notes without the connection model, which is not known until the capture ends. */
    private FramePrinter printer(RunSettings s, Columns columns) {
        return printer(s, columns, s.explain ? new Explainer(List.of()) : null);
    }

    private FramePrinter printer(RunSettings s, Columns columns, Explainer explainer) {
        if (s.connections != null) return new ConnectionsPrinter(out, s.connections);
        if (s.keySchedule) return new KeySchedulePrinter(out);
        switch (s.format) {
            case "fields": return new FieldsPrinter(out, columns, s.fields, s.fieldOptions);
            case "json": return new JsonPrinter(out, columns, s.fields, s.fieldOptions.occurrence);
            default:
                if (s.hexDump) {
                    if (s.details) return new BytesPrinter(out, new TreePrinter(out, s.onlyProtocols, explainer), false);
                    return new BytesPrinter(out, s.summaryWithBytes ? summary(s, columns) : null, true);
                }
                return s.details ? new TreePrinter(out, s.onlyProtocols, explainer) : summary(s, columns);
        }
    }
}
