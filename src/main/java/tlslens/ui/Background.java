package tlslens.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * The one executor for parsing and I/O. Callbacks run on the FX thread. A few threads, so that
 * building a tree for the selected row never waits behind a file load or a filter pass.
 */
public final class Background {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "tlslens-bg-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1); // the FX thread comes first
        return t;
    });

    /**
     * One thread at the loader's lower priority (LowPriority) for work a file load should not wait
     * for: the connection model remade while the file loads takes what the loader leaves.
     */
    private static final ExecutorService LOW = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(() -> {
            LowPriority.lowerCurrentThread();
            r.run();
        }, "tlslens-model");
        t.setDaemon(true);
        return t;
    });

    private Background() {}

    /** Runs {@code work} in the background, then {@code ok} or {@code failed} on the FX thread. */
    public static <T> Future<?> run(Callable<T> work, Consumer<T> ok, Consumer<Throwable> failed) {
        return on(POOL, work, ok, failed);
    }

    /** As {@link #run}, at a lower priority than the window and the other background work (see {@link #LOW}). */
    public static <T> Future<?> runLow(Callable<T> work, Consumer<T> ok, Consumer<Throwable> failed) {
        return on(LOW, work, ok, failed);
    }

    private static <T> Future<?> on(ExecutorService executor, Callable<T> work, Consumer<T> ok, Consumer<Throwable> failed) {
        return executor.submit(() -> {
            try {
                T v = work.call();
                Platform.runLater(() -> ok.accept(v));
            } catch (Throwable e) {
                Platform.runLater(() -> failed.accept(e));
            }
        });
    }

    /** Long-running work that reports through its own channels (a file load). */
    public static Future<?> submit(Runnable work) { return POOL.submit(work); }
}
