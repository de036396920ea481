package tlslens.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import tlslens.capture.FrameTimes;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.ExpertSummary;
import tlslens.ui.model.PacketRow;

/**
 * The hand-over between one producer thread (a file load or a live capture) and the FX thread:
 * the producer dissects each frame with the {@link CaptureIndex}'s engine; a second thread of the
 * feed's own records it in the index and queues its row (a pipeline of two stages: {@link HandOff});
 * the FX thread takes whatever is queued once per pulse ({@link #drain}). While a display filter is
 * applied the second stage also tests each new frame against it, so the filter never needs to
 * rerun; it colours each frame by the colouring rules the same way.
 */
final class RowFeed {
    private volatile CaptureIndex index;
    /** The rows queued for the FX thread (the producer writes, the FX thread reads). */
    private final RowQueue queue = new RowQueue();
    private volatile DisplayFilter filter;
    private volatile ColouringRules colouring;
    private volatile boolean finished;
    private volatile boolean cancelled;
    private final ExpertSummary experts = new ExpertSummary();
    /** Some frame was dissected into a light tree, which lacks the TCP notes: {@link #completeExperts} redoes them. */
    private boolean lightTrees;

    RowFeed(DisplayFilter filter, ColouringRules colouring) {
        this.filter = filter;
        this.colouring = colouring;
    }

    /** The producer sets the index once it knows the link type, before publishing. */
    void attach(CaptureIndex index) {
        this.source = new PacketRow.Source() {
            @Override public FrameSummary summary(int number) { return index.summary(number); }

            @Override public int tcpStream(int number) { return index.tcpStream(number); }

            @Override public String info(int number) { return index.info(number); }

            @Override public long relativeNanos(int number) {
                return FrameTimes.nanosBetween(index.firstTime(), index.time(number));
            }
        };
        this.index = index;
    }

    /** The rows' view of the index: their columns stay there (PacketRow.Source). */
    private PacketRow.Source source;

    /** Null until the producer has opened its source. */
    CaptureIndex index() { return index; }

    /**
     * Producer thread only. The frame is dissected here; its columns, colour and row are made on
     * the feed's second thread ({@link #rows}), so a load runs on two cores: the capture's engine
     * dissects frames in order on one, while the other keeps the columns of the frames before.
     */
    void publish(RawFrame f) {
        // Without a filter to evaluate only the columns and the colours are read: a lighter tree
        // (Engine.detail), holding only the colouring rules' fields when they allow (LightTree.sparse).
        ColouringRules before = colouring;
        boolean detail = filter != null || before.needsDetail();
        List<String> keep = detail ? null : keptFor(before);
        CaptureIndex idx = index;
        while (true) { // publishing first, pauses then (pause() the other way round): one of the two sees the other
            publishing = true;
            if (pauses == 0) break;
            publishing = false;
            awaitResume(); // a rekey elsewhere: no frame dissected meanwhile
        }
        try {
            FrameDissection fd = idx.dissectNext(f, detail, keep);
            rows().put(new Dissected(fd, f.originalLength(), before, detail, keep));
        } finally {
            publishing = false;
            if (pauses > 0) {
                synchronized (gate) {
                    gate.notifyAll();
                }
            }
        }
    }

    /** A frame dissected by the producer, on its way to {@link #row}. */
    private record Dissected(FrameDissection fd, int originalLength, ColouringRules rules, boolean detail,
            List<String> keep) {}

    /** Frames dissected and not yet recorded wait here, this many at most (a few milliseconds of work). */
    private static final int IN_FLIGHT = 1024;

    /** The second stage, started with the first frame; null before. Producer thread only (and {@link #finish}). */
    private volatile HandOff<Dissected> rows;
    /** Run first on the second stage's thread (a file load lowers its priority as the loader's). */
    private volatile Runnable onRowThread;

    /** Sets what the second stage's thread runs first (before the first frame is published). */
    void onRowThread(Runnable r) { this.onRowThread = r; }

    private HandOff<Dissected> rows() {
        HandOff<Dissected> h = rows;
        if (h == null) rows = h = new HandOff<>("tlslens-rows", IN_FLIGHT, onRowThread, this::row);
        return h;
    }

    /**
     * The second stage, one frame after the other in order: the index records the frame (its
     * columns, its connection); then its colour, the filter's verdict and its row.
     */
    private void row(Dissected d) {
        try {
            rowOf(d);
        } catch (RuntimeException | Error e) {
            index.abandonUnrecorded(); // the frames after this one will not be recorded: nothing waits for them
            throw e;
        }
    }

    private void rowOf(Dissected d) {
        CaptureIndex idx = index;
        FrameDissection fd = d.fd;
        idx.record(fd, d.originalLength);
        if (cancelled) return; // the index is being let go: no row
        DisplayFilter df = filter; // read after record(): see PacketTableModel's class comment
        ColouringRules rules = colouring; // likewise
        boolean full = d.detail;
        if (!d.detail && (df != null || rules.needsDetail()
                || rules != d.rules && d.keep != null && !tlslens.engine.LightTree.sparse(rules.fields()).equals(d.keep))) {
            fd = idx.dissect(fd.number); // a filter or other rules set meanwhile: the whole tree
            full = true;
        }
        if (full) experts.addFrame(fd.number, fd.root);
        else lightTrees = true;
        boolean matches = df == null || df.matches(fd);
        queue.add(new PacketRow(source, fd.number, rules.colourOf(fd), df, matches)); // the index keeps the columns and times
    }

    /** Rekeys under way ({@link #rekey}): the producer waits before its next frame. */
    private volatile int pauses;
    /** The producer is inside {@link #publish}. */
    private volatile boolean publishing;
    private final Object gate = new Object();

    private void awaitResume() {
        synchronized (gate) {
            gate.notifyAll(); // a pause() waiting for this producer to leave publish()
            boolean interrupted = false;
            while (pauses > 0) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the frame in hand is published all the same
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the producer before its next frame and waits until every frame it published went
     * through the second stage: the index and the engine then agree, and a rekey may replay
     * connections. From the producer's own thread (a live capture's key log) only the second stage is waited for.
     */
    private void pause() {
        HandOff<Dissected> h;
        synchronized (gate) {
            pauses++;
            boolean interrupted = false;
            while (publishing) {
                try {
                    gate.wait(1);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            h = rows;
        }
        if (h != null) h.awaitHandled();
    }

    private void resume() {
        synchronized (gate) {
            pauses--;
            gate.notifyAll();
        }
    }

    /** The rules {@link #kept} was made for (producer thread only). */
    private ColouringRules keptRules;
    /** The fields the first pass's sparse trees keep for {@link #keptRules} (LightTree.sparse); null: whole light trees. */
    private List<String> kept;

    /** The fields to keep for {@code rules}: the same list while the rules stay (CaptureIndex.add compares it). */
    private List<String> keptFor(ColouringRules rules) {
        if (rules != keptRules) {
            List<String> k = tlslens.engine.LightTree.sparse(rules.fields());
            if (kept == null || !kept.equals(k)) kept = k;
            keptRules = rules;
        }
        return kept;
    }

    /**
     * Dissects again the connections that keys added since could open ({@code all}: every TLS
     * connection, the secrets were replaced), in the index and with the capture's engine taking
     * over their new state, and queues their new rows for {@link #drainReplaced}. Runs on the
     * producer thread (a live capture's watched key log) or in the background (the producer waits
     * meanwhile, never interleaves: {@link #pause}). Returns the connections done.
     */
    List<Integer> rekey(boolean all) {
        CaptureIndex idx = index;
        if (idx == null) return List.of();
        pause();
        try {
            return rekey(idx, all);
        } finally {
            resume();
        }
    }

    /** {@link #rekey(boolean)}, the producer paused and every frame it published recorded. */
    private List<Integer> rekey(CaptureIndex idx, boolean all) {
        List<Integer> streams = idx.rekeyable(all);
        // QUIC and DTLS: their UDP frames, all again (QUIC connections span conversations).
        boolean udp = idx.udpRekeyable(all);
        if (streams.isEmpty() && !udp) return streams;
        DisplayFilter df = filter;
        ColouringRules rules = colouring;
        boolean detail = df != null || rules.needsDetail();
        List<PacketRow> rows = new ArrayList<>();
        java.util.function.Consumer<FrameDissection> row = fd -> rows.add(new PacketRow(source, fd.number, rules.colourOf(fd),
                df, df == null || df.matches(fd)));
        for (int stream : streams) idx.redissect(stream, detail, row);
        if (udp) idx.redissectUdp(detail, row);
        replaced.add(rows);
        return streams;
    }

    private final ConcurrentLinkedQueue<List<PacketRow>> replaced = new ConcurrentLinkedQueue<>();

    /** FX thread: the rows of connections dissected again ({@link #rekey}) since the last call, or null. */
    List<PacketRow> drainReplaced() {
        List<PacketRow> out = null;
        for (List<PacketRow> l; (l = replaced.poll()) != null; ) {
            if (out == null) out = new ArrayList<>();
            out.addAll(l);
        }
        return out;
    }

    /** The filter new frames are tested against (null: none). Set before a filter pass starts. */
    void setFilter(DisplayFilter f) { this.filter = f; }

    /** The rules new frames are coloured by. Set before a recolour pass starts. */
    void setColouring(ColouringRules rules) { this.colouring = rules; }

    /** FX thread: up to {@code max} queued rows, in order. */
    List<PacketRow> drain(int max) { return queue.drain(max); }

    boolean isEmpty() { return queue.isEmpty(); }

    /**
     * Rows from one producer thread to one reader, in order, in arrays of {@link #CHUNK} rows: no
     * node and no compare-and-set per row (a million-row load made a million queue nodes). A row is
     * visible to the reader once {@link #written} counts it (a volatile write after the row's).
     */
    private static final class RowQueue {
        private static final int CHUNK = 4096;

        private static final class Chunk {
            final PacketRow[] rows = new PacketRow[CHUNK];
            Chunk next; // set before any row of it is counted in written
        }

        private volatile long written;
        private volatile long read;
        /** The producer's chunk and the next free place in it. */
        private Chunk tail = new Chunk();
        private int tailAt;
        /** The reader's chunk and the next row to read in it. */
        private Chunk head = tail;
        private int headAt;

        /** Producer thread only. */
        void add(PacketRow r) {
            if (tailAt == CHUNK) {
                Chunk c = new Chunk();
                tail.next = c;
                tail = c;
                tailAt = 0;
            }
            tail.rows[tailAt++] = r;
            written = written + 1; // one writer
        }

        /** The reader only: up to {@code max} rows, in order. */
        List<PacketRow> drain(int max) {
            int n = (int) Math.min(max, written - read);
            List<PacketRow> out = new ArrayList<>(Math.max(n, 0));
            for (int i = 0; i < n; i++) {
                if (headAt == CHUNK) {
                    head = head.next;
                    headAt = 0;
                }
                out.add(head.rows[headAt]);
                head.rows[headAt++] = null; // the table holds it now
            }
            read = read + Math.max(n, 0); // one reader
            return out;
        }

        boolean isEmpty() { return written == read; }
    }

    /**
     * Producer: no frame follows; returns once every frame published is recorded and its row
     * queued, throwing what failed on the second stage (unless a publish threw it already).
     */
    void endOfFrames() {
        HandOff<Dissected> h = rows;
        if (h != null) h.close();
    }

    /** Producer: done ({@link #endOfFrames} first; a failure not thrown yet is printed here). */
    void finish() {
        try {
            endOfFrames();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
        } finally {
            finished = true;
        }
    }

    /** The producer is done (its last rows may still be queued for the table). */
    boolean isFinished() { return finished; }

    /** The capture's expert notes so far (any thread reads it). */
    ExpertSummary experts() { return experts; }

    /**
     * Producer thread, after {@link #finish}: when some frames were dissected into light trees (no
     * filter, no colouring rule needing the whole tree), a pass over the index in full trees gathers
     * the notes those lacked, then replaces the collected ones at once.
     */
    void completeExperts() { completeExperts(() -> {}); }

    /**
     * Filter passes running over this feed's index: the expert pass waits meanwhile, so the filter
     * the user asked for gets the cores (on a million packets both passes take tens of seconds).
     */
    private final AtomicInteger foreground = new AtomicInteger();

    /** A filter pass starts ({@code true}) or ends: see {@link #foreground}. */
    void foregroundPass(boolean running) {
        if (running) foreground.incrementAndGet();
        else foreground.decrementAndGet();
    }

    /** As {@link #completeExperts()}, calling {@code giveWay} after each frame (the loader's pacer: the window goes first). */
    void completeExperts(Runnable giveWay) {
        CaptureIndex ix = index;
        if (!lightTrees || ix == null || cancelled) return;
        ExpertSummary all = new ExpertSummary();
        experts.captureWarnings().forEach(all::addCaptureWarning);
        // Every core, each TCP connection replayed alone (CaptureIndex.parallelPass); the notes are
        // gathered per frame, then added in frame order, as one pass in order adds them.
        int n = ix.frameCount();
        @SuppressWarnings("unchecked")
        List<tlslens.dissect.Expert>[] notes = new List[n + 1];
        if (ix.parallelPass(n, true, Runtime.getRuntime().availableProcessors(), LowPriority::lowerCurrentThread,
                this::isCancelled, fd -> {
            notes[fd.number] = ExpertSummary.notesOf(fd.root); // each frame once, from one thread; read after the threads joined
            giveWay.run();
            while (foreground.get() > 0 && !cancelled) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        })) {
            for (int i = 1; i <= n; i++) if (notes[i] != null) all.addNotes(i, notes[i]);
            experts.replaceWith(all);
        }
    }

    private volatile boolean expertsSettled;

    /** The loader is done with the expert notes too (completed, not needed, failed or cancelled). */
    void expertsSettled() { expertsSettled = true; }

    /** Whether the expert notes are final: after a file load, once {@link #completeExperts} returned. */
    boolean areExpertsSettled() { return expertsSettled; }

    /** The producer is done and every row has been drained. */
    boolean isDone() { return finished && isEmpty(); }

    void cancel() { cancelled = true; }

    boolean isCancelled() { return cancelled; }
}
