package tlslens.ui;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import tlslens.ui.model.CaptureSessionModel;

/**
 * Not a test: loads a large capture in the real window and prints the time to the first rows,
 * the time to fully loaded, when the connections pane's model covered every frame, how long a
 * display filter over the whole capture took once loaded (then cleared), and the longest gap
 * between FX pulses while loading, filtering and scrolling through the table (a gap is a stall
 * the user sees). To tell the window's own work
 * from a busy machine it also prints, per phase, the most CPU the FX thread used between two
 * pulses, the longest GC pause, and the longest gap of the idle window before loading (the
 * floor the machine itself sets: on a shared 2-core box the FX thread can wait for a core), and
 * the FX thread's responsiveness: how long a task posted to it waited (see probeResponsiveness).
 * With -Dbench.sample=true it also says, per stall, what the FX thread was doing (stack samples);
 * with -Dbench.cpu=true, who had the CPU in each stall (threads, the JVM's own, other processes).
 * It always prints where the load's CPU went (loader, FX thread, JIT and collector).
 *
 * <pre>xvfb-run -a java $(src/main/scripts/window-jvm-options.sh) -cp target/tlslens.jar:target/test-classes:$(cat target/cp.txt) tlslens.ui.LoadBenchmark FILE</pre>
 * (src/test/scripts/load-benchmark.sh does the build, the 100k-packet capture and this.)
 */
public final class LoadBenchmark {
    private enum Phase { IDLE, LOADING, FILTERING, SCROLLING, DONE }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final java.util.EnumMap<Phase, long[]> STATS = new java.util.EnumMap<>(Phase.class);
    private static long lastCpu;
    private static volatile long gcMaxLoading;
    private static volatile long gcMaxScrolling;

    private static volatile Phase phase = Phase.IDLE;
    private static long t0;
    private static volatile long firstRows;
    private static volatile long loaded;
    /** When the connections pane's model covered every frame, when the filter was applied and when its rows showed. */
    private static volatile long connectionsReady, filterStart, filterApplied, unfilterApplied;
    /** The process's CPU time while the filter ran (every thread: the pass's, the expert pass's, the FX thread's). */
    private static volatile long filterProcessStart, filterProcessCpu;
    private static volatile int filterShown;
    /** When the expert pass that follows the load was done (its notes final). */
    private static volatile long expertsDone;
    /** The display filter applied over the whole capture once it loaded (-Dbench.filter=...). */
    private static final String FILTER = System.getProperty("bench.filter", "tls.handshake.type == 1");

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LoadBenchmark FILE");
            System.exit(2);
        }
        System.setProperty("tlslens.prefs", "tlslens-bench");
        Path file = Path.of(args[0]);
        TlsLensApp.configureToolkit(); // as Main does
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CountDownLatch done = new CountDownLatch(1);
        java.util.concurrent.CompletableFuture<MainWindowController> window = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                MainWindowController c = TlsLensApp.load(stage);
                stage.setMaximized(false);
                stage.setWidth(1500);
                stage.setHeight(940);
                stage.show();
                window.complete(c);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        });
        MainWindowController w = window.get(600, TimeUnit.SECONDS); // a loaded machine can take minutes to start the toolkit
        // The idle phase starts once the window is up: its first frame (all the CSS and layout
        // of a new window) is start-up, printed on its own, not a stall of the idle window.
        long shown = System.nanoTime();
        CountDownLatch settled = new CountDownLatch(1);
        long[] firstFrame = new long[1];
        Platform.runLater(() -> new AnimationTimer() {
            private int pulses;
            @Override public void handle(long now) {
                if (pulses++ == 0) firstFrame[0] = System.nanoTime();
                if (pulses == 60) { stop(); settled.countDown(); }
            }
        }.start());
        settled.await();
        System.out.printf("window start-up (show to first frame): %.0f ms%n", (firstFrame[0] - shown) / 1e6);
        watchGc();
        probeResponsiveness();
        if (Boolean.getBoolean("bench.sample")) sampleStalls();
        // The idle window first: its longest gap is what the machine alone costs.
        Platform.runLater(() -> new AnimationTimer() {
            @Override public void handle(long now) {
                if (phase != Phase.IDLE) { stop(); return; }
                idlePulses++;
                record(Phase.IDLE, now);
            }
        }.start());
        Thread.sleep(3000); // the idle phase: measured for a fixed time, not waiting for anything
        Platform.runLater(() -> {
            new AnimationTimer() {
                @Override public void handle(long now) { pulse(now, w, this, done); }
            }.start();
            w.tableModel().totalProperty().addListener((o, a, n) -> {
                if (firstRows == 0 && n.intValue() > 0) firstRows = System.nanoTime();
            });
            w.sessionModel().stateProperty().addListener((o, a, s) -> {
                if (s == CaptureSessionModel.State.LOADED && loaded == 0) {
                    loaded = System.nanoTime();
                    loadCpu = cpuDelta(loadCpuStart, lastSeenCpu(threadCpu()));
                    loadProcessCpu = OS.getProcessCpuTime() - loadProcessStart;
                    phase = Phase.FILTERING;
                    filterStart = System.nanoTime();
                    filterProcessStart = OS.getProcessCpuTime();
                    filterCpuStart = lastSeenCpu(threadCpu());
                    w.filterBar().applyText(FILTER);
                }
            });
            System.out.println("row height: " + tlslens.ui.controls.PacketTable.ROW_HEIGHT);
            t0 = System.nanoTime();
            if (Boolean.getBoolean("bench.cpu")) System.out.println("loading starts at JVM uptime " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
            loadCpuStart = threadCpu();
            loadProcessStart = OS.getProcessCpuTime();
            phase = Phase.LOADING;
            watchThreadCpu();
            w.open(file);
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            System.err.println("timed out");
            System.exit(1);
        }
        int rows = callFx(() -> w.tableModel().total());
        System.out.printf("file:                      %s (%d packets)%n", file, rows);
        System.out.printf("time to first rows:        %.0f ms%n", (firstRows - t0) / 1e6);
        System.out.printf("time to fully loaded:      %.0f ms (%.0f packets/s)%n", (loaded - t0) / 1e6,
                rows / ((loaded - t0) / 1e9));
        System.out.printf("connections pane ready:    %.0f ms after loaded%n", (connectionsReady - loaded) / 1e6);
        System.out.printf("filter '%s' applied: %.0f ms after loaded (%d rows shown); cleared in %.0f ms%n", FILTER,
                (filterApplied - filterStart) / 1e6, filterShown, (unfilterApplied - filterApplied) / 1e6);
        System.out.printf("  CPU while filtering: process %.1f s; machine load average now %.2f (other processes share the cores: "
                + "compare runs made alike)%n", filterProcessCpu / 1e9, OS.getSystemLoadAverage());
        for (Phase p : new Phase[] {Phase.LOADING, Phase.FILTERING, Phase.SCROLLING}) {
            System.out.printf("longest FX gap, %-10s %.1f ms over %d pulses%n", p.name().toLowerCase() + ":",
                    STATS.getOrDefault(p, new long[3])[0] / 1e6, CPU.getOrDefault(p, java.util.List.of()).size() + 1);
        }
        for (Phase p : new Phase[] {Phase.IDLE, Phase.LOADING, Phase.FILTERING, Phase.SCROLLING}) {
            long[] st = STATS.getOrDefault(p, new long[3]);
            System.out.printf("  %-9s longest gap %6.1f ms, most FX-thread CPU between pulses %6.1f ms, gaps > 50 ms: %d%n",
                    p.name().toLowerCase(), st[0] / 1e6, st[1] / 1e6, st[2]);
        }
        for (Phase p : new Phase[] {Phase.LOADING, Phase.FILTERING, Phase.SCROLLING}) {
            java.util.List<Long> l = new java.util.ArrayList<>(CPU.getOrDefault(p, java.util.List.of(0L)));
            java.util.Collections.sort(l);
            System.out.printf("  %-9s FX-thread CPU per pulse: median %.1f ms, 95th %.1f ms, 99th %.1f ms, max %.1f ms%n",
                    p.name().toLowerCase(), l.get(l.size() / 2) / 1e6, l.get((int) (l.size() * 0.95)) / 1e6,
                    l.get((int) (l.size() * 0.99)) / 1e6, l.get(l.size() - 1) / 1e6);
        }
        for (Phase p : new Phase[] {Phase.IDLE, Phase.LOADING, Phase.FILTERING, Phase.SCROLLING}) {
            long[] r = PROBE.getOrDefault(p, new long[3]);
            System.out.printf("  %-9s longest FX-thread stall (a task posted to the FX thread waited) %6.1f ms over %d probes, > 50 ms: %d%n",
                    p.name().toLowerCase(), r[0] / 1e6, r[1], r[2]);
        }
        System.out.printf("  idle pulses: %d%n", idlePulses);
        // Where the load's CPU went: the loader, the FX thread, analysis, and the JVM's own (JIT, GC).
        printCpu("loading", loadProcessCpu, loadCpu);
        printCpu("filtering", filterProcessCpu, filterCpu);
        printStallSamples();
        System.out.printf("  longest GC pause: loading %.0f ms, scrolling %.0f ms%n", gcMaxLoading / 1e0, gcMaxScrolling / 1e0);
        // The heap is measured once the expert pass after the load (a second engine over the whole
        // capture, kept while it runs) has finished; how long that took is a figure of its own.
        long expertsWait = System.nanoTime();
        while (expertsDone == 0 && System.nanoTime() - expertsWait < 600_000_000_000L) {
            if (callFx(() -> w.feed().areExpertsSettled())) expertsDone = System.nanoTime();
            else Thread.sleep(100);
        }
        System.out.printf("expert notes complete:     %.0f ms after loaded%n", (expertsDone - loaded) / 1e6);
        printRetainedHeap(rows, w);
        callFx(() -> {
            w.shutdown();
            return null;
        });
        System.exit(0);
    }

    /**
     * The heap the loaded capture keeps: live bytes after a full collection, per packet, and the
     * classes that hold most of them (the JVM's own class histogram, as jcmd GC.class_histogram).
     */
    private static void printRetainedHeap(int rows, MainWindowController w) throws Exception {
        java.lang.management.MemoryMXBean mem = java.lang.management.ManagementFactory.getMemoryMXBean();
        mem.gc();
        mem.gc();
        long used = mem.getHeapMemoryUsage().getUsed();
        System.out.printf("retained heap after load:  %.1f MB (%.0f bytes per packet)%n", used / 1e6, (double) used / rows);
        javax.management.ObjectName dcmd = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
        String histogram = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(dcmd,
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        long[] index = java.util.Arrays.copyOf(callFx(() -> w.feed().index().footprint()), 4); // an older build has 3 parts
        System.out.printf("  the window's index of it:  %.0f bytes per packet (columns and Info text %.0f, frame store %.0f, "
                + "frames per connection %.0f, fields per frame %.0f), plus the table's rows (an int per "
                + "frame in the model, RowStore; 4 bytes per row shown while a filter or a sort is applied)%n", (double) (index[0] + index[1] + index[2] + index[3]) / rows,
                (double) index[0] / rows, (double) index[1] / rows, (double) index[2] / rows, (double) index[3] / rows);
        System.out.println("  largest classes (heap histogram):");
        histogram.lines().skip(2).limit(20).forEach(l -> System.out.println("  " + l));
        // -Dbench.heapDump=FILE: a dump of the live heap too, to find who holds what (jmap, MAT).
        String dump = System.getProperty("bench.heapDump");
        if (dump != null) {
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap(dump, true);
            System.out.println("  heap dump: " + dump);
        }
    }

    private static int scrollStep;

    /** FX thread, every pulse: record the gap since the last pulse (see record); while scrolling, move on. */
    private static void pulse(long now, MainWindowController w, AnimationTimer timer, CountDownLatch done) {
        if (phase == Phase.LOADING || phase == Phase.FILTERING || phase == Phase.SCROLLING) record(phase, now);
        if (loaded != 0 && expertsDone == 0 && w.feed().areExpertsSettled()) expertsDone = System.nanoTime();
        if (loaded != 0 && connectionsReady == 0 && w.timeline().snapshot().frameCount() == w.tableModel().total()) {
            connectionsReady = System.nanoTime();
        }
        switch (phase) {
            case FILTERING -> {
                // The filter's rows are shown once the pass finished; then the filter is cleared
                // (every row again), and scrolling starts once the connections pane is ready too.
                var m = w.tableModel();
                if (filterApplied == 0 && !m.filteringProperty().get() && m.filterProperty().get() != null) {
                    filterApplied = System.nanoTime();
                    filterProcessCpu = OS.getProcessCpuTime() - filterProcessStart;
                    filterCpu = cpuDelta(filterCpuStart, lastSeenCpu(threadCpu()));
                    filterShown = m.shown().size();
                    w.filterBar().clear();
                } else if (filterApplied != 0 && unfilterApplied == 0 && m.filterProperty().get() == null
                        && m.shown().size() == m.total()) {
                    unfilterApplied = System.nanoTime();
                }
                if (unfilterApplied != 0 && connectionsReady != 0) phase = Phase.SCROLLING;
            }
            case SCROLLING -> {
                var table = w.table();
                int size = table.getItems().size();
                scrollStep++;
                // Mostly smooth scrolling (a page a pulse); every 40th pulse a jump elsewhere,
                // and a selection now and then (the tree is built off the FX thread).
                if (scrollStep % 40 == 0) table.scrollTo((int) ((long) size * ((scrollStep * 7919L) % 1000) / 1000));
                else table.scrollPixels(600);
                if (!Boolean.getBoolean("bench.noselect") && scrollStep % 25 == 0 && table.firstVisibleIndex() >= 0) {
                    table.select(table.firstVisibleIndex());
                }
                if (scrollStep >= 600) {
                    phase = Phase.DONE;
                    timer.stop();
                    done.countDown();
                }
            }
            default -> { }
        }
    }

    private static final java.util.EnumMap<Phase, java.util.List<Long>> CPU = new java.util.EnumMap<>(Phase.class);
    private static long lastRecord;
    private static int idlePulses;
    private static Phase lastPhase;

    /** FX thread: gap and FX-thread CPU time since the previous pulse of the same phase. */
    private static void record(Phase p, long now) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        if (lastPhase == p && lastRecord != 0) {
            long[] st = STATS.computeIfAbsent(p, k -> new long[3]);
            long gap = now - lastRecord;
            st[0] = Math.max(st[0], gap);
            st[1] = Math.max(st[1], cpu - lastCpu);
            CPU.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(cpu - lastCpu);
            if (gap > 50_000_000L) {
                st[2]++;
                if (Boolean.getBoolean("bench.cpu")) STALLS.add(cpuSince(p, lastRecord, now));
                if (Boolean.getBoolean("bench.sample")) describeStall(p, lastRecord, now);
            }
        }
        lastPhase = p;
        lastRecord = now;
        lastCpu = cpu;
        if (Boolean.getBoolean("bench.cpu") && p != Phase.IDLE) {
            cpuBefore = threadCpu();
            processBefore = OS.getProcessCpuTime();
            systemBefore = systemJiffies();
        }
    }

    private static final java.util.Map<String, Integer> SAMPLES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentLinkedDeque<Object[]> RING = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final java.util.List<String> STALLS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /**
     * Samples the FX thread's stack every 3 ms, classified by what it is doing (waiting for the
     * renderer, idle in the GTK loop, our code, CSS, layout...). For each gap over 50 ms the
     * benchmark then prints what the samples inside it were: what the user's stall consisted of.
     */
    private static void sampleStalls() {
        Thread fx = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElseThrow();
        Thread render = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
        Thread sampler = new Thread(() -> {
            while (true) {
                try { Thread.sleep(3); } catch (InterruptedException e) { return; }
                String c = classify(fx.getStackTrace(), fx.getState());
                if (render != null && Boolean.getBoolean("bench.render")) {
                    StackTraceElement[] rs = render.getStackTrace();
                    String top = "idle";
                    for (StackTraceElement e : rs) {
                        String n = e.getClassName();
                        if (n.startsWith("java.") || n.startsWith("jdk.")) continue;
                        top = n.substring(n.lastIndexOf('.') + 1) + "." + e.getMethodName();
                        break;
                    }
                    if (rs.length > 0 && (rs[0].getMethodName().equals("park") || rs[0].getMethodName().equals("wait"))) top = "idle";
                    c = "R:" + top;
                }
                RING.addLast(new Object[] {System.nanoTime(), c});
                while (RING.size() > 4000) RING.pollFirst();
            }
        }, "stall-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static String classify(StackTraceElement[] st, Thread.State state) {
        String all = java.util.Arrays.toString(st);
        if (all.contains("waitForRenderingToComplete")) return "wait-render";
        if (all.contains("uploadPixels")) return "upload-pixels";
        if (st.length > 0 && st[0].getMethodName().equals("_runLoop")) return "gtk-loop";
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("tlslens.") && !e.getClassName().contains("LoadBenchmark")) {
                return (state == Thread.State.BLOCKED ? "BLOCKED " : "") + e.getClassName().replace("tlslens.", "") + "." + e.getMethodName();
            }
        }
        if (all.contains("CssStyleHelper") || all.contains("reapplyCss") || all.contains("processCSS")) return "css";
        if (all.contains(".layoutChildren") || all.contains(".layout(")) {
            if (!Boolean.getBoolean("bench.deep")) return "layout";
            for (StackTraceElement e : st) {
                if (e.getMethodName().equals("layoutChildren")) {
                    String c = e.getClassName();
                    return "layout:" + c.substring(c.lastIndexOf('.') + 1) + "<-" + st[0].getMethodName();
                }
            }
            return "layout";
        }
        if (Boolean.getBoolean("bench.deep") && (all.contains("CssStyleHelper") || all.contains("reapplyCss") || all.contains("processCSS"))) {
            for (StackTraceElement e : st) {
                if (e.getMethodName().equals("processCSS") || e.getMethodName().equals("doProcessCSS")) continue;
                if (e.getClassName().startsWith("tlslens.")) return "css-from:" + e.getClassName().substring(8) + "." + e.getMethodName();
            }
        }
        if (all.contains("synchronizeSceneNodes")) return "sync-peers";
        return st.length > 0 ? st[0].getClassName() + "." + st[0].getMethodName() : "?";
    }

    /** FX thread: what the samples between two pulses say, for a gap that was a stall. */
    private static void describeStall(Phase p, long from, long to) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Object[] o : RING) {
            long t = (Long) o[0];
            if (t >= from && t <= to) counts.merge((String) o[1], 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder(String.format("  %-9s at %6.0f ms %5.0f ms:", p.name().toLowerCase(),
                t0 == 0 ? 0 : (from - t0) / 1e6, (to - from) / 1e6));
        counts.entrySet().stream().sorted((a, c) -> c.getValue() - a.getValue())
                .forEach(e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue() * 3));
        STALLS.add(b.toString());
        for (var e : counts.entrySet()) SAMPLES.merge(p.name().toLowerCase() + " " + e.getKey(), e.getValue() * 3, Integer::sum);
    }

    private static void printStallSamples() {
        if (STALLS.isEmpty()) return;
        if (!Boolean.getBoolean("bench.sample")) { STALLS.forEach(System.out::println); return; }
        System.out.println("stalls (gap, then ms of FX-thread samples by activity):");
        STALLS.forEach(System.out::println);
        System.out.println("sampled ms inside stalls, by phase and activity:");
        SAMPLES.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(30)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static java.util.Map<String, Long> cpuBefore = new java.util.HashMap<>();
    private static long processBefore;
    private static long[] systemBefore = new long[2];

    /**
     * Machine-wide busy and stolen jiffies (/proc/stat; 10 ms each): whether a stall was other
     * processes (the X server) or the hypervisor taking the cores, rather than this JVM.
     */
    private static long[] systemJiffies() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return new long[] {busy, Long.parseLong(f[8])};
        } catch (Exception e) {
            return new long[2];
        }
    }

    /** CPU per thread group (and the whole process) since the previous pulse: who had the cores during a stall. */
    private static String cpuSince(Phase p, long from, long to) {
        java.util.Map<String, Long> now = threadCpu();
        long process = OS.getProcessCpuTime();
        java.util.Map<String, Long> d = new java.util.TreeMap<>();
        long known = 0;
        for (var e : now.entrySet()) {
            long delta = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
            if (delta > 0) { d.put(e.getKey(), delta / 1_000_000); known += delta; }
        }
        StringBuilder b = new StringBuilder(String.format("  cpu %-9s at %6.0f ms gap %5.0f ms: process %d ms (JVM-internal, JIT, GC: %d ms)",
                p.name().toLowerCase(), t0 == 0 ? 0 : (from - t0) / 1e6, (to - from) / 1e6,
                (process - processBefore) / 1_000_000, (process - processBefore - known) / 1_000_000));
        long[] sys = systemJiffies();
        b.append(String.format(" | machine busy %d ms, stolen %d ms |", (sys[0] - systemBefore[0]) * 10, (sys[1] - systemBefore[1]) * 10));
        d.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(5)
                .forEach(e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        return b.toString();
    }

    /** Where a phase's CPU went: the process's, the JVM's own (JIT, GC: what no named thread used), the six busiest threads. */
    private static void printCpu(String phase, long process, java.util.Map<String, Long> perThread) {
        long named = perThread.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder cpu = new StringBuilder(String.format("  CPU while %s: process %.1f s, JVM-internal (JIT, GC) %.1f s,",
                phase, process / 1e9, (process - named) / 1e9));
        perThread.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(6)
                .forEach(e -> cpu.append(String.format(" %s %.1f s", e.getKey(), e.getValue() / 1e9)));
        System.out.println(cpu);
    }

    private static java.util.Map<String, Long> loadCpuStart = java.util.Map.of(), loadCpu = java.util.Map.of();
    /** Per thread name, the CPU used while the filter ran (which work shared the cores with the filter pass). */
    private static volatile java.util.Map<String, Long> filterCpuStart = java.util.Map.of(), filterCpu = java.util.Map.of();
    private static long loadProcessStart, loadProcessCpu;

    private static final java.util.Map<String, Long> LAST_SEEN = new java.util.concurrent.ConcurrentHashMap<>();

    /** Threads that end during the load (the loader) take their CPU time with them: sample it while they live. */
    private static void watchThreadCpu() {
        Thread t = new Thread(() -> {
            while (phase == Phase.LOADING || phase == Phase.FILTERING) {
                lastSeenCpu(threadCpu());
                try { Thread.sleep(100); } catch (InterruptedException e) { return; }
            }
        }, "bench-cpu-watch");
        t.setDaemon(true);
        t.start();
    }

    private static java.util.Map<String, Long> lastSeenCpu(java.util.Map<String, Long> now) {
        now.forEach((k, v) -> LAST_SEEN.merge(k, v, Math::max));
        return new java.util.HashMap<>(LAST_SEEN);
    }

    private static java.util.Map<String, Long> cpuDelta(java.util.Map<String, Long> from, java.util.Map<String, Long> to) {
        java.util.Map<String, Long> d = new java.util.HashMap<>();
        to.forEach((k, v) -> { long x = v - from.getOrDefault(k, 0L); if (x > 0) d.put(k, x); });
        return d;
    }

    private static java.util.Map<String, Long> threadCpu() {
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo ti : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (ti == null) continue;
            long c = THREADS.getThreadCpuTime(ti.getThreadId());
            if (c > 0) m.merge(ti.getThreadName().replaceAll("-\\d+$", ""), c, Long::sum);
        }
        return m;
    }

    private static final java.util.EnumMap<Phase, long[]> PROBE = new java.util.EnumMap<>(Phase.class);

    /**
     * The FX thread's responsiveness: every 2 ms (once the previous probe has run) a task is
     * posted to the FX thread and the time until it runs is recorded. That wait is what input
     * (a click, a key) would wait: the FX thread busy, or blocked on the renderer or a GC pause.
     * Unlike the gap between pulses, it does not count time the FX thread sat idle while no
     * frame was due or the renderer was still drawing the last one.
     */
    private static void probeResponsiveness() {
        Thread t = new Thread(() -> {
            java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
            while (phase != Phase.DONE) {
                if (pending.compareAndSet(false, true)) {
                    long posted = System.nanoTime();
                    Phase p = phase;
                    Platform.runLater(() -> {
                        long wait = System.nanoTime() - posted;
                        if (p == phase) {
                            long[] r = PROBE.computeIfAbsent(p, k -> new long[3]);
                            r[0] = Math.max(r[0], wait);
                            r[1]++;
                            if (wait > 50_000_000L) {
                                r[2]++;
                                if (Boolean.getBoolean("bench.sample")) describeStall(p, posted, posted + wait);
                            }
                        }
                        pending.set(false);
                    });
                }
                try { Thread.sleep(2); } catch (InterruptedException e) { return; }
            }
        }, "fx-probe");
        t.setDaemon(true);
        t.start();
    }

    private static void watchGc() {
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof javax.management.NotificationEmitter em)) continue;
            em.addNotificationListener((n, h) -> {
                if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                if (info.getGcAction().contains("minor") || info.getGcAction().contains("major")) {
                    long ms = info.getGcInfo().getDuration();
                    if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) return; // not a pause
                    if (phase == Phase.LOADING) gcMaxLoading = Math.max(gcMaxLoading, ms);
                    else if (phase == Phase.SCROLLING || phase == Phase.FILTERING) gcMaxScrolling = Math.max(gcMaxScrolling, ms);
                }
            }, null, null);
        }
    }

    private static <T> T callFx(java.util.concurrent.Callable<T> c) throws Exception {
        var f = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(f);
        return f.get(10, TimeUnit.SECONDS);
    }
}
