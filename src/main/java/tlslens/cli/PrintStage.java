package tlslens.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;

/**
 * The second core of a headless run: the thread that reads and dissects hands each frame's
 * dissection to this one, which applies the display filter and prints, in the order given (one
 * consumer, a FIFO queue: the output is the same as a single thread's). Frames go in batches, so
 * the threads meet once per batch, and a bounded number of batches is in flight (bounded memory).
 * Only for printers that read nothing but the frame's own dissection (summary lines, -T fields).
 */
final class PrintStage {
    private static final int BATCH = 64;
    /**
     * Batches waiting: enough to ride out a slow stretch of either side, few enough that the trees in
     * flight stay young garbage (with 16 of 256, -T fields on 1M packets peaked at 1.0 GB RSS in one
     * loaded run, against 0.69 GB single-threaded in an earlier one).
     */
    private static final int QUEUED = 4;
    private static final List<Item> END = new ArrayList<>();

    private record Item(RawFrame raw, FrameDissection fd) {}

    private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(QUEUED);
    private final FramePrinter printer;
    private final DisplayFilter filter;
    private final PrintStream out;
    private final Thread thread;
    private List<Item> batch = new ArrayList<>(BATCH);
    private volatile boolean stopped;
    private volatile Throwable failure;

    PrintStage(FramePrinter printer, DisplayFilter filter, PrintStream out, int checkOutputEvery) {
        this.printer = printer;
        this.filter = filter;
        this.out = out;
        this.thread = new Thread(() -> run(checkOutputEvery), "tlslens-print");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether there are two cores to share the work (taskset, a container's CPU limit): one thread is faster on one. */
    static boolean worthIt() { return Runtime.getRuntime().availableProcessors() > 1; }

    /** Queues a dissected frame; false once the output went away (the reader of "| head" left) or printing failed. */
    boolean offer(RawFrame raw, FrameDissection fd) {
        batch.add(new Item(raw, fd));
        if (batch.size() == BATCH) put(flushBatch());
        return !stopped;
    }

    /** Prints what is queued and waits for the printing thread to finish. */
    void finish() {
        if (!batch.isEmpty()) put(flushBatch());
        put(END);
        join(thread);
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
    }

    /** Waits for {@code t} to end, even when interrupted meanwhile (the interrupt is kept for the caller). */
    static void join(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private List<Item> flushBatch() {
        List<Item> b = batch;
        batch = new ArrayList<>(BATCH);
        return b;
    }

    private void put(List<Item> b) {
        while (thread.isAlive()) {
            try {
                queue.put(b);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(int checkOutputEvery) {
        Instant lastShown = null;
        long n = 0;
        try {
            while (true) {
                List<Item> b = queue.take();
                if (b == END) return;
                if (stopped) continue; // drain: the producer sees the flag at its next frame
                for (Item it : b) {
                    n++;
                    if (filter == null || filter.matches(it.fd)) {
                        it.fd.displayedAfter(lastShown);
                        lastShown = it.fd.time;
                        printer.print(it.raw, it.fd);
                    }
                    if (n % checkOutputEvery == 0 && out.checkError()) {
                        stopped = true;
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            stopped = true;
        } catch (RuntimeException | Error e) {
            failure = e;
            stopped = true;
            queue.clear(); // the producer may be waiting for room
            drainUntilEnd();
        }
    }

    /** After a failure: takes batches until the producer's END, so it never blocks on a full queue. */
    private void drainUntilEnd() {
        try {
            while (queue.take() != END) { /* discarded */ }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
