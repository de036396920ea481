package tlslens.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import tlslens.capture.FrameTimes;
import tlslens.capture.InterfaceInfo;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.CaptureSessionModel.State;
import tlslens.ui.model.PacketRow;

/**
 * Not a test: the real window captures on lo (capture filter {@code tcp port PORT}) while a load
 * generator runs in its own process (the command after {@code --}), then prints one line of JSON:
 * how long after its capture time stamp each row was in the table (p50/p99/max, stamped on the FX
 * thread as the row pump appends the rows), rows, the status bar's counters text and its
 * captured and dropped (kernel) counts. It copies the capture file the window wrote to OUT.
 * live-benchmark.sh runs it under Xvfb beside tcpdump and compares OUT with tcpdump's file.
 *
 * <pre>LiveLoadBenchmark PORT OUT -- java ... tlslens.capture.TlsLoadGenerator --port PORT ...</pre>
 */
public final class LiveLoadBenchmark {
    private static long[] latencies = new long[1 << 20];
    /** The latencies of rows captured 15 s or more after the first (the JIT's warm-up over: live_latency.py). */
    private static long[] warm = new long[1 << 20];
    private static int rows;
    private static int warmRows;

    public static void main(String[] args) throws Exception {
        int sep = Arrays.asList(args).indexOf("--");
        if (args.length < 4 || sep != 2) {
            System.err.println("usage: LiveLoadBenchmark PORT OUT -- GENERATOR COMMAND...");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        List<String> generator = List.of(args).subList(3, args.length);
        System.setProperty("tlslens.prefs", "tlslens-bench");
        TlsLensApp.configureToolkit(); // as Main does
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CompletableFuture<MainWindowController> window = new CompletableFuture<>();
        CompletableFuture<Stage> stages = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                MainWindowController c = TlsLensApp.load(stage);
                stage.setMaximized(false);
                stage.setWidth(1500);
                stage.setHeight(940);
                stage.show();
                stages.complete(stage);
                window.complete(c);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        });
        MainWindowController w = window.get(600, TimeUnit.SECONDS);
        Stage stage = stages.get();
        @SuppressWarnings("unchecked")
        ComboBox<Object> box = (ComboBox<Object>) fx(() -> stage.getScene().lookup("#interfaceBox"));
        await("the interface list", 60, () -> fx(() -> !box.getItems().isEmpty()));
        Platform.runLater(() -> {
            for (Object o : box.getItems()) if (o instanceof InterfaceInfo i && i.loopback()) box.setValue(o);
            ((TextField) stage.getScene().lookup("#captureFilterField")).setText("tcp port " + port);
            // Each row's latency, stamped when the pump appends it (the FX thread, once per pulse).
            w.table().getItems().addListener((ListChangeListener<PacketRow>) ch -> {
                long now = FrameTimes.nanosBetween(Instant.EPOCH, Instant.now());
                CaptureIndex ix = w.index();
                Instant first = ix == null ? null : ix.firstTime();
                if (first == null) return;
                long base = FrameTimes.nanosBetween(Instant.EPOCH, first);
                while (ch.next()) {
                    if (!ch.wasAdded()) continue;
                    for (PacketRow r : ch.getAddedSubList()) {
                        if (rows == latencies.length) latencies = Arrays.copyOf(latencies, rows * 2);
                        latencies[rows++] = now - (base + r.relativeNanos());
                        if (r.relativeNanos() >= 15_000_000_000L) {
                            if (warmRows == warm.length) warm = Arrays.copyOf(warm, warmRows * 2);
                            warm[warmRows++] = now - (base + r.relativeNanos());
                        }
                    }
                }
            });
            ((Button) stage.getScene().lookup("#startButton")).fire();
        });
        await("the capture to start", 60, () -> fx(() -> w.sessionModel().state() == State.CAPTURING));
        Process load = new ProcessBuilder(generator).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int exit = load.waitFor();
        if (exit != 0) System.err.println("LiveLoadBenchmark: the generator exited with " + exit);
        Thread.sleep(2000); // the last packets' way to the capture (a benchmark may wait; a test awaits)
        Platform.runLater(() -> ((Button) stage.getScene().lookup("#startButton")).fire());
        await("the capture to stop", 60, () -> fx(() -> w.sessionModel().state() == State.STOPPED));
        long captured = fx(() -> w.sessionModel().capturedProperty().get());
        await("every row in the table", 900, () -> fx(() -> w.table().getItems().size()) >= captured);
        await("the status bar's waiting count at 0", 30, () -> fx(() -> w.sessionModel().waitingProperty().get()) == 0);
        String status = fx(() -> w.sessionModel().countersProperty().get());
        long dropped = fx(() -> w.sessionModel().droppedByKernelProperty().get());
        Path file = fx(w::currentFile);
        Files.copy(file, out, StandardCopyOption.REPLACE_EXISTING);
        long[] l = fx(() -> Arrays.copyOf(latencies, rows));
        Arrays.sort(l);
        long[] lw = fx(() -> Arrays.copyOf(warm, warmRows));
        Arrays.sort(lw);
        System.out.println(String.format(Locale.ROOT, "{\"rows\": %d, \"latency_ms_p50\": %.1f, \"latency_ms_p99\": %.1f, "
                + "\"latency_ms_max\": %.1f, \"latency_ms_p99_after_15s\": %.1f, \"captured\": %d, \"dropped\": %d, "
                + "\"status\": \"%s\"}", l.length,
                pct(l, 0.50), pct(l, 0.99), l.length == 0 ? 0.0 : l[l.length - 1] / 1e6, pct(lw, 0.99), captured, dropped,
                status.replace("\"", "'")));
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    private static void await(String what, int seconds, java.util.concurrent.Callable<Boolean> c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.call()) {
            if (System.nanoTime() > end) {
                System.err.println("LiveLoadBenchmark: no " + what + " within " + seconds + " s");
                System.exit(1);
            }
            Thread.sleep(50);
        }
    }
}
