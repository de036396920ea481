package tlslens.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

import tlslens.capture.CaptureInterface;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.Engine;

/**
 * A headless run on every core: the reading thread routes each frame (ConnectionSplit) to the
 * worker of its TCP connection, or to worker 0 if it touches no TCP connection; worker threads dissect
 * (and filter) their frames in capture order, each with one engine, and a printing
 * thread prints the results in frame order. A TCP connection's state depends on its own frames
 * only (as the window's parallel filter pass has it), so every frame's tree is the one a single
 * engine makes, and so is the output. Not for decryption (a resumed session's keys come from the
 * connection that made it: TlsSecrets' session cache) nor for printers that read engine state.
 */
final class ParallelDissection {
    /**
     * Frames per batch. Small, because the trees in flight survive young collections: on 1M packets with the
     * serial collector, 256 took 18.4 s of CPU (GC 11.9 s, 4 full collections) and 770 MB peak RSS, 64 took
     * 13.8 s (GC 7.1 s) and 686 MB, as much CPU as one thread's 14.4 s (GC 5.2 s), 624 MB (load 16-18).
     */
    private static final int BATCH = 64;
    /**
     * Batches queued per thread: enough to keep both workers busy, few enough that their trees stay young
     * garbage (1M packets, load 8-9: 2 took 14.8/15.4 s and 2.5 s of GC, 4 took 17.7 s and 3.4 s).
     */
    private static final int QUEUED = 2;

    /** Frames of the capture in order, each routed; the workers fill in the dissections (null: filtered out). */
    private static final class Batch {
        final RawFrame[] frames = new RawFrame[BATCH];
        final Instant[] previous = new Instant[BATCH];
        final int[] route = new int[BATCH];
        final boolean[] starts = new boolean[BATCH];
        final FrameDissection[] shown = new FrameDissection[BATCH];
        List<CaptureInterface> interfaces;
        int size;
        CountDownLatch done;
    }

    private static final Batch END = new Batch();

    private final ConnectionSplit split = new ConnectionSplit();
    private final Worker[] workers;
    private final BlockingQueue<Batch> printQueue = new ArrayBlockingQueue<>(QUEUED + 1);
    private final Thread printer;
    private final FramePrinter framePrinter;
    private final PrintStream out;
    private final int checkOutputEvery;
    private final boolean detail;
    private final boolean lean;
    private final DisplayFilter filter;
    private Batch batch = new Batch();
    private Instant first;
    private Instant previous;
    private List<CaptureInterface> interfaces = List.of();
    private volatile Instant lastShown;
    private volatile boolean stopped;
    private volatile Throwable failure;

    ParallelDissection(int threads, FramePrinter printer, DisplayFilter filter, boolean detail, boolean lean,
            PrintStream out, int checkOutputEvery) {
        this.framePrinter = printer;
        this.filter = filter;
        this.detail = detail;
        this.lean = lean;
        this.out = out;
        this.checkOutputEvery = checkOutputEvery;
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) workers[i] = new Worker(i);
        this.printer = new Thread(this::print, "tlslens-print");
        this.printer.setDaemon(true);
        this.printer.start();
        for (Worker w : workers) w.thread.start();
    }

    /** Whether a run can split: two cores or more, and nothing to decrypt with (see the class comment). */
    /** The fields of sparse trees (Engine.keepOnly); null for whole trees. */
    private volatile java.util.Collection<String> kept;

    ParallelDissection keepOnly(java.util.Collection<String> fields) {
        this.kept = fields;
        return this;
    }

    static boolean worthIt(boolean decrypting) { return !decrypting && PrintStage.worthIt(); }

    /**
     * Routes and queues a frame, with the file's interfaces as read so far. False when the frame
     * can't be split (ConnectionSplit.NONE): it is not queued, and the caller goes on with one
     * engine after {@link #finish()}.
     */
    boolean offer(RawFrame raw, List<CaptureInterface> fileInterfaces) {
        int route = split.route(raw);
        if (route == ConnectionSplit.NONE) return false;
        if (first == null) first = raw.time();
        if (fileInterfaces.size() != interfaces.size()) interfaces = List.copyOf(fileInterfaces);
        Batch b = batch;
        b.frames[b.size] = raw;
        b.previous[b.size] = previous;
        b.route[b.size] = route;
        b.starts[b.size] = split.started();
        b.size++;
        previous = raw.time();
        if (b.size == BATCH) send();
        return true;
    }

    /** False once the output went away (the reader of "| head" left) or a thread failed. */
    boolean running() { return !stopped; }

    /** The time of the last frame printed (frame.time_delta_displayed of the next), once {@link #finish()} returned. */
    Instant lastShown() { return lastShown; }

    /** Prints what is queued and waits for the threads to end. */
    void finish() {
        if (batch.size > 0) send();
        for (Worker w : workers) put(w.queue, END, w.thread);
        put(printQueue, END, printer);
        PrintStage.join(printer);
        for (Worker w : workers) PrintStage.join(w.thread);
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
    }

    private void send() {
        Batch b = batch;
        b.interfaces = interfaces;
        b.done = new CountDownLatch(workers.length);
        batch = new Batch();
        put(printQueue, b, printer); // first: the printer waits for the workers, never the other way round
        for (Worker w : workers) put(w.queue, b, w.thread);
    }

    private static <T> void put(BlockingQueue<T> q, T item, Thread taker) {
        while (taker.isAlive()) {
            try {
                q.put(item);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void fail(Throwable e) {
        if (failure == null) failure = e;
        stopped = true;
    }

    /**
     * One thread and its engine: the connections whose tcp.stream modulo the threads is its number, and
     * for worker 0 the other frames. The engine numbers each connection as the router did
     * (Engine.tcpStream), so its trees are those of one engine over every frame; one engine per
     * connection cost 54,000 engines on 1M packets, whose state the collector copied again and again.
     */
    private final class Worker {
        final int id;
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
        final Thread thread;
        Engine engine;

        Worker(int id) {
            this.id = id;
            this.thread = new Thread(this::run, "tlslens-dissect-" + id);
            thread.setDaemon(true);
        }

        private void run() {
            try {
                while (true) {
                    Batch b = queue.take();
                    if (b == END) return;
                    try {
                        if (!stopped) dissect(b);
                    } catch (RuntimeException | Error e) {
                        fail(e);
                    } finally {
                        b.done.countDown();
                    }
                }
            } catch (InterruptedException e) {
                stopped = true;
            }
        }

        private void dissect(Batch b) {
            int n = workers.length;
            // Times relative to the capture's first frame, as one engine over every frame has them.
            if (engine == null) engine = new Engine(0, first).detail(detail).lean(lean).keepOnly(kept);
            Engine e = engine;
            for (int i = 0; i < b.size; i++) {
                int route = b.route[i];
                if (route == ConnectionSplit.OTHER) {
                    if (id != 0) continue;
                    e.tcpStream(-1, false);
                } else {
                    if (route % n != id) continue;
                    e.tcpStream(route, b.starts[i]);
                }
                e.interfaces(b.interfaces);
                FrameDissection fd = e.dissect(b.frames[i], b.previous[i]);
                if (filter == null || filter.matches(fd)) b.shown[i] = fd;
            }
        }
    }

    private void print() {
        Instant shownLast = null;
        long n = 0;
        try {
            while (true) {
                Batch b = printQueue.take();
                if (b == END) return;
                b.done.await();
                if (stopped) continue; // drain: the reading thread sees the flag at its next frame
                for (int i = 0; i < b.size; i++) {
                    n++;
                    FrameDissection fd = b.shown[i];
                    if (fd != null) {
                        fd.displayedAfter(shownLast);
                        shownLast = fd.time;
                        framePrinter.print(b.frames[i], fd);
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
            fail(e);
            drain();
        } finally {
            lastShown = shownLast;
        }
    }

    /** After a failure: takes batches until END, so neither the reader nor a worker blocks on a full queue. */
    private void drain() {
        try {
            while (printQueue.take() != END) { /* discarded */ }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
