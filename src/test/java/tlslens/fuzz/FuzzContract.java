package tlslens.fuzz;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import tlslens.dissect.ProtoNode;

/**
 * What every fuzz target asserts besides "no exception": the work is done twice and gives the same
 * text (the same tree), and each run stays within a time, an allocation and an output bound that
 * grow with the input's length — so a 16 MiB length claim in 100 bytes, a decompression bomb or a
 * backtracking regular expression fails the target even when nothing is thrown.
 */
public final class FuzzContract {
    /** Per run, on the thread's own CPU clock (a loaded machine does not make it flaky). */
    static final long CPU_NANOS = 3_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * In fuzzing mode (JAZZER_FUZZ set: one target per JVM) the inputs run are written at exit to
     * target/fuzz-reports/executions-TARGET.txt: Jazzer's own count goes to the native console, where
     * two forks' lines interleave (fuzz-ci-check.sh reads these files).
     */
    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();
    private static volatile Class<?> target;

    static {
        if (System.getenv("JAZZER_FUZZ") != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Class<?> t = target;
                if (t == null) return;
                try {
                    java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "fuzz-reports"));
                    java.nio.file.Files.writeString(dir.resolve("executions-" + t.getName() + ".txt"), RUNS.get() + "\n");
                } catch (java.io.IOException e) {
                    System.err.println("FuzzContract: executions not written: " + e);
                }
            }));
        }
    }

    private FuzzContract() {}

    /** Bounds for one target: allocation and output as base + per input byte. */
    public record Bounds(long allocBase, long allocPerByte, long outBase, long outPerByte) {
        public static final Bounds DISSECTOR = new Bounds(8 << 20, 4096, 64 << 10, 256);
    }

    /**
     * Runs {@code work} twice on an input of {@code inputLength} bytes and returns its text; fails
     * (AssertionError, which Jazzer reports as a finding) when the two texts differ or a bound is
     * exceeded.
     */
    public static String twice(int inputLength, Bounds b, Supplier<String> work) {
        RUNS.incrementAndGet();
        if (target == null) target = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        // The bounds hold for the second run: the first may pay for one-time class and table set-up.
        String first = work.get();
        String second = once(inputLength, b, work);
        if (!first.equals(second)) {
            throw new AssertionError("the same input gave two different results:\n" + cut(first) + "\n----\n" + cut(second));
        }
        return first;
    }

    static String once(int inputLength, Bounds b, Supplier<String> work) {
        long alloc0 = THREADS.getCurrentThreadAllocatedBytes();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        String out = work.get();
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long alloc = THREADS.getCurrentThreadAllocatedBytes() - alloc0;
        long allocLimit = b.allocBase + b.allocPerByte * inputLength;
        long outLimit = b.outBase + b.outPerByte * inputLength;
        if (out.length() > outLimit) {
            throw new AssertionError("output of " + out.length() + " chars for " + inputLength + " input bytes (limit " + outLimit + ")");
        }
        if (alloc > allocLimit || cpu > CPU_NANOS) {
            // Measured once more: the thread's counters also count one-time work the JVM and Jazzer do
            // on this thread (a class loaded and instrumented, a call site linked, code run interpreted
            // before it is compiled), which a real over-allocation or slow path repeats and such work
            // does not. Both are the input's own cost: allocated bytes (not what a collection keeps) and
            // the thread's CPU time (not wall time, which a loaded machine stretches).
            long alloc1 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu1 = THREADS.getCurrentThreadCpuTime();
            work.get();
            long cpuAgain = THREADS.getCurrentThreadCpuTime() - cpu1;
            long again = THREADS.getCurrentThreadAllocatedBytes() - alloc1;
            if (alloc > allocLimit && again > allocLimit) {
                throw new AssertionError("allocated " + alloc + " and again " + again + " bytes for " + inputLength
                        + " input bytes (limit " + allocLimit + ")");
            }
            if (cpu > CPU_NANOS && cpuAgain > CPU_NANOS) {
                throw new AssertionError("took " + cpu / 1_000_000 + " and again " + cpuAgain / 1_000_000 + " ms of CPU for "
                        + inputLength + " input bytes (limit " + CPU_NANOS / 1_000_000 + ")");
            }
            System.err.println("FuzzContract: " + alloc + " bytes and " + cpu / 1_000_000 + " ms of CPU once, " + again
                    + " bytes and " + cpuAgain / 1_000_000 + " ms when repeated, for " + inputLength
                    + " input bytes (one-time work on the thread, not the input's)");
        }
        return out;
    }

    /** The tree as text, one line per item with its depth, offsets and experts: what "the same tree" compares. */
    public static String tree(ProtoNode root) {
        StringBuilder sb = new StringBuilder();
        append(sb, root, 0);
        return sb.toString();
    }

    private static void append(StringBuilder sb, ProtoNode n, int depth) {
        for (ProtoNode c : n.children()) {
            sb.append(depth).append(' ').append(c.source).append(':').append(c.offset).append('+').append(c.length())
                    .append(' ').append(c.text());
            for (var e : c.experts()) sb.append(" {").append(e.message()).append('}');
            sb.append('\n');
            append(sb, c, depth + 1);
        }
    }

    /**
     * Dissects the frames in order with one engine and returns their trees; a "Dissector bug" (an
     * exception the engine's last resort caught) is a finding like any exception.
     */
    public static String dissect(tlslens.engine.Engine engine, Iterable<tlslens.capture.RawFrame> frames) {
        StringBuilder sb = new StringBuilder();
        for (tlslens.capture.RawFrame f : frames) {
            tlslens.dissect.FrameDissection fd = engine.dissect(f);
            String t = tree(fd.root);
            if (hasDissectorBug(fd.root)) throw new AssertionError("frame " + f.number() + ": " + t);
            sb.append(fd.info()).append('\n').append(t);
        }
        return sb.toString();
    }

    /**
     * Whether a note says an exception escaped a dissector (the engine's last resort or TLS's own
     * catch). Judged on the notes, not the tree's text, which may spell "Dissector bug" when the
     * input does (a certificate's name, a finding of the CI fuzzing).
     */
    static boolean hasDissectorBug(tlslens.dissect.ProtoNode root) {
        boolean[] bug = {false};
        root.walk(n -> {
            for (tlslens.dissect.Expert e : n.experts()) {
                if (e.def() == tlslens.dissect.Malformed.DISSECTOR_BUG
                        || e.def() == tlslens.dissect.Malformed.EXCEPTION && e.message().startsWith("Dissector bug: ")) {
                    bug[0] = true;
                }
            }
        });
        return bug[0];
    }

    /**
     * The size the bounds grow with for a target that makes frames of its input: each frame it adds
     * (a 40-byte IP/TCP header from a 3-byte chunk) counts as 64 bytes, so a run of tiny chunks, whose
     * IP and TCP trees are what they are, is not taken for output blow-up (a long-run calibration).
     */
    public static int size(byte[] data, java.util.List<?> frames) { return data.length + 64 * frames.size(); }

    private static String cut(String s) { return s.length() > 4000 ? s.substring(0, 4000) + "..." : s; }
}
