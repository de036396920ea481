package tlslens.ui;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import tlslens.ui.model.CaptureSessionModel;

/**
 * Not a test: loads a large capture in the real window and prints the time to the first rows,
 * the time to fully loaded, and the longest gap between FX pulses while loading and while
 * scrolling through the table (a gap is a stall the user sees).
 *
 * <pre>xvfb-run -a java -cp target/tlslens.jar:target/test-classes:$(cat /work/notes/cp.txt) tlslens.ui.LoadBenchmark FILE</pre>
 */
public final class LoadBenchmark {
    private enum Phase { IDLE, LOADING, SCROLLING, DONE }

    private static volatile Phase phase = Phase.IDLE;
    private static long lastPulse;
    private static long maxGapLoading;
    private static long maxGapScrolling;
    private static long pulsesLoading;
    private static long pulsesScrolling;
    private static long t0;
    private static volatile long firstRows;
    private static volatile long loaded;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LoadBenchmark FILE");
            System.exit(2);
        }
        System.setProperty("tlslens.prefs", "tlslens-bench");
        Path file = Path.of(args[0]);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CountDownLatch done = new CountDownLatch(1);
        MainWindowController[] window = new MainWindowController[1];
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                window[0] = TlsLensApp.load(stage);
                stage.setMaximized(false);
                stage.setWidth(1500);
                stage.setHeight(940);
                stage.show();
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        });
        Thread.sleep(1500); // let the window settle before measuring
        MainWindowController w = waitFor(window);
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
                    phase = Phase.SCROLLING;
                    lastPulse = 0;
                }
            });
            System.out.println("fixed cell size: " + w.table().getFixedCellSize());
            t0 = System.nanoTime();
            phase = Phase.LOADING;
            lastPulse = 0;
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
        System.out.printf("longest FX gap, loading:   %.1f ms over %d pulses%n", maxGapLoading / 1e6, pulsesLoading);
        System.out.printf("longest FX gap, scrolling: %.1f ms over %d pulses%n", maxGapScrolling / 1e6, pulsesScrolling);
        Platform.runLater(() -> w.shutdown());
        Thread.sleep(300);
        System.exit(0);
    }

    private static int scrollStep;

    /** FX thread, every pulse: record the gap since the last pulse; while scrolling, move on. */
    private static void pulse(long now, MainWindowController w, AnimationTimer timer, CountDownLatch done) {
        long gap = lastPulse == 0 ? 0 : now - lastPulse;
        lastPulse = now;
        switch (phase) {
            case LOADING -> { maxGapLoading = Math.max(maxGapLoading, gap); pulsesLoading++; }
            case SCROLLING -> {
                maxGapScrolling = Math.max(maxGapScrolling, gap);
                pulsesScrolling++;
                var table = w.table();
                int size = table.getItems().size();
                VirtualFlow<?> flow = PacketTableSetup.flow(table);
                scrollStep++;
                if (flow != null) {
                    // Mostly smooth scrolling (a page a pulse); every 40th pulse a jump elsewhere,
                    // and a selection now and then (the tree is built off the FX thread).
                    if (scrollStep % 40 == 0) table.scrollTo((int) ((long) size * ((scrollStep * 7919L) % 1000) / 1000));
                    else flow.scrollPixels(600);
                    if (!Boolean.getBoolean("bench.noselect") && scrollStep % 25 == 0 && flow.getFirstVisibleCell() != null) {
                        table.getSelectionModel().clearAndSelect(flow.getFirstVisibleCell().getIndex());
                    }
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

    private static MainWindowController waitFor(MainWindowController[] w) throws InterruptedException {
        while (w[0] == null) Thread.sleep(50);
        return w[0];
    }

    private static <T> T callFx(java.util.concurrent.Callable<T> c) throws Exception {
        var f = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(f);
        return f.get(10, TimeUnit.SECONDS);
    }
}
