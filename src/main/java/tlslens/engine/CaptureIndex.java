package tlslens.engine;

import java.io.Closeable;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import tlslens.capture.CaptureInterface;
import tlslens.capture.FrameStore;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * A whole capture for browsing: one pass keeps each frame's columns in primitive arrays
 * ({@link FrameSummaries}: the window's rows keep none; a {@link FrameSummary} is rebuilt when
 * asked for) and spills the frame bytes to a {@link FrameStore}; the full tree of a frame is rebuilt on demand by replaying
 * only the frames of its TCP connection.
 */
public final class CaptureIndex implements Closeable {
    private final FrameStore store;
    private final Engine engine;
    /** The secrets every engine of this capture decrypts with (shared: replays see the first pass's sessions). */
    private volatile TlsSecrets secrets;
    /** Per connection, the number of secrets there were when it was last dissected again for new keys. */
    private final Map<Integer, Integer> rekeyedAt = new HashMap<>();
    /** Counts the re-dissections of connections (the connection model is out of date when it changed). */
    private volatile long revision;
    /** Every frame's columns, in primitive arrays (the table rebuilds the summaries of the rows it shows). */
    private final FrameSummaries summaries = new FrameSummaries();
    /** Which fields each frame's tree held: a filter pass replays only what could match (FieldPresence). */
    private final FieldPresence presence = new FieldPresence();
    /**
     * How many secrets there were when the index was made; -1 once they were replaced. A replay with
     * more keys may decrypt what the recorded trees did not show, so {@link #presence} then answers no more.
     */
    private long recordedWith;

    private static long keysIn(TlsSecrets s) { return s == null ? 0 : s.keyLog().size() + ((long) s.rsaKeys().size() << 32); }
    /**
     * Guards the frames recorded ({@link #count}, {@link #streamFrames}, {@link #udpFrames}), apart from
     * the index's own lock, which guards the engine: the load's second thread records a frame while
     * the first dissects the next one, holding the index (RowFeed). Taken after the index's lock, never before.
     */
    private final Object framesLock = new Object();
    private final StreamFrames streamFrames = new StreamFrames();
    /** The frames that carried UDP (in order): a UDP frame's tree is rebuilt by replaying them (QUIC, DTLS state). */
    private int[] udpFrames = new int[16];
    private int udpCount;
    // volatile: the window reads these every pulse and must not wait while a frame is added
    private volatile int count;
    private volatile Instant first;

    public CaptureIndex(int linkType) { this(linkType, null); }

    /**
     * An index whose engines decrypt TLS with {@code secrets} (a key log, the capture's embedded
     * Decryption Secrets Blocks; null for none). Secrets added to it later apply to connections
     * dissected later; to apply them to frames already indexed, {@link #rekeyable()} names the
     * connections they open and {@link #redissect} dissects each again.
     */
    public CaptureIndex(int linkType, TlsSecrets secrets) {
        this.store = new FrameStore(linkType);
        this.secrets = secrets;
        this.recordedWith = keysIn(secrets);
        this.engine = new Engine(secrets);
    }

    public TlsSecrets secrets() { return secrets; }

    /**
     * Decrypts with {@code s} from now on (a key log loaded while the capture is open), replacing
     * the secrets it had; frames already indexed keep their dissection until {@link #redissect}.
     */
    public synchronized void useSecrets(TlsSecrets s) {
        secrets = s;
        recordedWith = -1;
        engine.secrets(s);
        rekeyedAt.clear();
        udpSecretsSeen = -1;
    }

    /**
     * How many (secret, connection) pairs the secrets held for the QUIC connections and DTLS
     * associations when their frames were last dissected again; -1: never since the secrets were set.
     */
    private int udpSecretsSeen = -1;

    /**
     * Whether the UDP frames should be dissected again ({@link #redissectUdp}): there is a QUIC
     * connection or DTLS association and the secrets now hold a secret for one of them that they
     * did not hold when it was last dissected; with {@code all} (the secrets were replaced),
     * whenever there is one.
     */
    public synchronized boolean udpRekeyable(boolean all) {
        List<ConnectionState> udp = new java.util.ArrayList<>();
        for (ConnectionState c : engine.allConnections()) if (c.transport() != Transport.TCP) udp.add(c);
        if (udp.isEmpty()) return false;
        int matched = udpSecretsMatched(udp);
        if (!all && matched <= udpSecretsSeen) return false;
        udpSecretsSeen = matched;
        return true;
    }

    /** The key log secrets (by label) held for the client randoms of these QUIC and DTLS connections. */
    private int udpSecretsMatched(List<ConnectionState> udp) {
        TlsSecrets k = secrets;
        if (k == null) return 0;
        int n = 0;
        for (ConnectionState c : udp) {
            List<byte[]> randoms = new java.util.ArrayList<>();
            if (c.tls() != null && c.tls().clientRandom() != null) randoms.add(c.tls().clientRandom());
            if (c.dtls() != null) {
                for (tlslens.dissect.tls.base.HelloInfo h : c.dtls().hellos()) {
                    if (h.kind == tlslens.dissect.tls.base.HelloInfo.Kind.CLIENT_HELLO && h.random != null) randoms.add(h.random);
                }
            }
            for (byte[] r : randoms) {
                for (tlslens.dissect.tls.decrypt.KeyLog.Label l : tlslens.dissect.tls.decrypt.KeyLog.Label.values()) {
                    if (k.secret(l, r) != null) n++;
                }
            }
        }
        return n;
    }

    /**
     * Dissects the UDP frames indexed so far again, in order, with the secrets now held (QUIC and
     * DTLS state spans datagrams and, for QUIC, conversations): replaces their summaries, hands each
     * new dissection to {@code each} (light trees unless {@code detail}), and lets the capture's own
     * engine continue from the new state. The index is held meanwhile.
     */
    public synchronized void redissectUdp(boolean detail, Consumer<FrameDissection> each) {
        settle();
        int[] udp;
        synchronized (framesLock) {
            udp = Arrays.copyOf(udpFrames, udpCount);
        }
        if (udp.length == 0) return;
        Engine replay = new Engine(0, first).secrets(secrets).interfaces(interfaces).detail(detail);
        for (int number : udp) {
            RawFrame f = store.get(number);
            FrameDissection fd = replay.dissect(f, number > 1 ? store.time(number - 1) : f.time());
            summaries.put(number, fd.summary(f.originalLength()));
            presence.record(number, fd.root);
            each.accept(fd);
        }
        engine.adoptUdp(replay);
        revision++;
    }

    /** Increases whenever a connection was dissected again ({@link #redissect}). */
    public long revision() { return revision; }

    /**
     * The TLS connections the secrets could now open and that were not dissected again since the
     * secrets last grew: not decrypted, and the key log holds a secret for their ClientHello random.
     * With {@code all}, every TLS connection (the secrets were replaced).
     */
    public synchronized List<Integer> rekeyable(boolean all) {
        TlsSecrets k = secrets;
        int size = k == null ? 0 : k.keyLog().size();
        List<Integer> out = new java.util.ArrayList<>();
        for (ConnectionState c : engine.connections()) {
            if (!c.carriesTls()) continue; // (not c.tls(): its detail may have gone, forgetConnectionDetail)
            if (!all) {
                if (k == null || rekeyedAt.getOrDefault(c.index(), -1) >= size) continue;
                if (c.decryption().state() == tlslens.dissect.tls.decrypt.DecryptionStatus.State.DECRYPTED) continue;
                if (!hasSecret(k, c.clientRandom())) continue;
            }
            rekeyedAt.put(c.index(), size);
            out.add(c.index());
        }
        return out;
    }

    private static boolean hasSecret(TlsSecrets k, byte[] clientRandom) {
        if (clientRandom == null) return false;
        for (tlslens.dissect.tls.decrypt.KeyLog.Label l : tlslens.dissect.tls.decrypt.KeyLog.Label.values()) {
            if (k.secret(l, clientRandom) != null) return true;
        }
        return false;
    }

    /**
     * Dissects the frames of TCP connection {@code tcpStream} indexed so far again, with the
     * secrets now held: replaces their summaries, hands each new dissection to {@code each} (light
     * trees unless {@code detail}), and lets the capture's own engine continue that connection from
     * the new state, so its later frames decrypt too. Frames are not added meanwhile (the index is
     * held: one connection's frames, a few milliseconds).
     */
    public synchronized void redissect(int tcpStream, boolean detail, Consumer<FrameDissection> each) {
        settle(); // the connection's frames dissected so far are all in its list, and the engine takes over from them
        int[] frames;
        int n;
        synchronized (framesLock) {
            frames = streamFrames.list(tcpStream);
            if (frames == null) return;
            n = streamFrames.count(tcpStream);
        }
        Engine replay = new Engine(tcpStream, first).secrets(secrets).interfaces(interfaces).detail(detail);
        for (int i = 0; i < n; i++) {
            int number = frames[i];
            RawFrame f = store.get(number);
            FrameDissection fd = replay.dissect(f, number > 1 ? store.time(number - 1) : f.time());
            summaries.put(number, fd.summary(f.originalLength()));
            presence.record(number, fd.root);
            each.accept(fd);
        }
        engine.adopt(replay, tcpStream);
        revision++;
    }

    private volatile List<CaptureInterface> interfaces = List.of();

    /** The file's pcapng interfaces, named in every tree built from this index. Set before adding frames. */
    public CaptureIndex interfaces(List<CaptureInterface> list) {
        // Not copied: a reader adds the interfaces of a file's later sections as it meets them.
        this.interfaces = list == null ? List.of() : list;
        engine.interfaces(this.interfaces);
        return this;
    }

    /**
     * The TLS state of one connection after all its frames, with its decrypted application data
     * kept (for "Follow TLS stream": {@code plaintext()}, {@code decryption()},
     * {@code serverDirection()}, {@code keySchedule()}); null when the connection isn't TLS. Replays the connection.
     */
    public TlsConnection followTls(int tcpStream) {
        int[] frames;
        int n;
        Instant start;
        synchronized (framesLock) {
            frames = streamFrames.list(tcpStream);
            n = streamFrames.count(tcpStream);
            start = first;
        }
        if (frames == null) return null;
        Engine replay = new Engine(tcpStream, start).secrets(secrets).keepPlaintext(true).keepKeySchedules(true)
                .interfaces(interfaces);
        for (int i = 0; i < n; i++) replay.dissect(store.get(frames[i]));
        for (ConnectionState c : replay.connections()) if (c.index() == tcpStream) return c.tls();
        return null;
    }

    /**
     * The key schedule of QUIC connection {@code number} (quic.connection.number) as the capture's
     * engine holds it: its Initial secrets always, the rest as far as the secrets go; null if unknown.
     */
    public synchronized tlslens.dissect.tls.decrypt.KeySchedule quicKeySchedule(int number) {
        for (ConnectionState c : engine.allConnections()) {
            if (c.quic() != null && c.quic().number == number) return tlslens.dissect.quic.QuicKeySchedule.of(c.quic());
        }
        return null;
    }

    /** Dissects the next frame of the capture (in order), keeps its summary, and returns the full result. */
    public FrameDissection add(RawFrame f) { return add(f, true); }

    /**
     * As {@link #add(RawFrame)}; with {@code detail} false the returned tree lacks the items that
     * only describe bytes and is lean (for a caller that reads its columns only; see Engine.detail,
     * Engine.lean and LightTree.holdsLean).
     */
    public FrameDissection add(RawFrame f, boolean detail) { return add(f, detail, null); }

    /**
     * As {@link #add(RawFrame, boolean)}; without {@code detail} and with {@code keep} (LightTree.sparse),
     * the returned tree is sparse: it holds only the items of those fields (and of protocols), the
     * others are never made. What the index records of the frame is the same: its columns come from
     * the frame's context, and which fields it held from the tree's keep checks (FieldPresence).
     */
    public FrameDissection add(RawFrame f, boolean detail, java.util.List<String> keep) {
        FrameDissection fd = dissectNext(f, detail, keep);
        record(fd, f.originalLength());
        return fd;
    }

    /**
     * The first half of {@link #add(RawFrame, boolean, java.util.List)}, for a caller that runs the
     * other half, {@link #record}, on a thread of its own (the window's load: RowFeed): stores the
     * frame and dissects it with the capture's engine. The frame counts once it is recorded; every
     * frame dissected must be recorded, in the same order, by one thread.
     */
    public synchronized FrameDissection dissectNext(RawFrame f, boolean detail, java.util.List<String> keep) {
        boolean interrupted = false;
        while (settling > 0) interrupted |= waitForIndex(); // withConnections wants the frames dissected so far recorded first
        if (interrupted) Thread.currentThread().interrupt();
        if (first == null) first = f.time();
        store.append(f);
        if (keep != keeping) { // the same list while the colouring rules stay
            engine.keepOnly(keep, keep == null ? null : presence::asked);
            keeping = keep;
        }
        // A tree read for its columns only is lean too (no X.509 subtree, no JA3/JA4: LightTree.holdsLean).
        FrameDissection fd = engine.detail(detail).lean(!detail).dissect(f);
        presence.record(++dissected, fd.root); // here: the engine's keep checks of this frame went to presence
        return fd;
    }

    /**
     * The second half of {@link #add(RawFrame, boolean, java.util.List)}: keeps the columns of the
     * frame {@link #dissectNext} dissected (its Info text is made here, off the dissecting thread)
     * and which connection it belongs to; the frame counts from now on.
     */
    public void record(FrameDissection fd, int originalLength) {
        FrameSummary s = fd.summary(originalLength); // outside the lock: the Info text is a tenth of a load
        int stream = fd.tcpStream();
        int udp = fd.context().udpStream();
        synchronized (framesLock) {
            summaries.put(count + 1, s);
            count++;
            if (stream >= 0) {
                streamFrames.add(stream, fd.number);
            } else if (udp >= 0) {
                if (udpCount == udpFrames.length) udpFrames = Arrays.copyOf(udpFrames, udpCount * 2);
                udpFrames[udpCount++] = fd.number;
            }
        }
        if (settling > 0) { // read after count was written (settle: the other way round)
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Frames dissected ({@link #dissectNext}), recorded or not; {@link #count} of them are recorded.
     * Guarded by the index's lock.
     */
    private int dissected;
    /** Callers waiting for every dissected frame to be recorded ({@link #settle}): no frame is dissected meanwhile. */
    private volatile int settling;
    /** Set by {@link #abandonUnrecorded}: frames dissected and not recorded never will be. */
    private boolean abandoned;

    /**
     * Holding the lock: waits until every frame dissected is recorded, so that the engine's state
     * and the recorded frames agree (a frame may sit between {@link #dissectNext} and {@link #record}).
     */
    private void settle() {
        settling++;
        boolean interrupted = false;
        try {
            while (count < dissected && !abandoned) interrupted |= waitForIndex();
        } finally {
            settling--;
            notifyAll();
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** The recording thread stopped (failed, or the load was dropped): {@link #settle} waits no more. */
    public synchronized void abandonUnrecorded() {
        abandoned = true;
        notifyAll();
    }

    /**
     * Holding the lock: waits for a notifyAll (a frame recorded, a settle done); true when an
     * interrupt came. Callers wait on regardless (a frame in hand is never dropped; the wait is for
     * the recording thread, which goes on) and keep the interrupt for their caller.
     */
    private boolean waitForIndex() {
        try {
            wait();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    public int frameCount() { return count; }

    /** The fields the engine's sparse trees keep ({@link #add(RawFrame, boolean, java.util.List)}); null: whole trees. */
    private java.util.List<String> keeping;

    /**
     * The file is read and no frame will be added: the capture's engine lets go of every connection's
     * reassembly and TCP sequence-analysis state (--connections does the same), which a window on a
     * million packets kept at some 40 bytes a packet. Connections dissected again for new keys still
     * are ({@link #redissect} replays them in an engine of their own).
     */
    public synchronized void finishReading() {
        engine.finish();
        synchronized (framesLock) {
            streamFrames.trim();
        }
        read = true;
    }

    /** Set by {@link #finishReading}. */
    private boolean read;

    /**
     * Call within {@link #withConnections}, with the model just made of the connections it was given
     * (opaque here: the analysis layer's). Once the file is read, the engine lets go of each TCP
     * connection's TLS log and hellos, and that model stands for them from now on
     * (ConnectionState.detailForgotten; {@link #connectionModel()} gives it to the next analysis).
     * While frames may still come (a live capture, a file being read), nothing is let go.
     */
    public synchronized void forgetConnectionDetail(Object model) {
        if (!read) return;
        engine.forgetDetail();
        connectionModel = model;
    }

    /**
     * As {@link #forgetConnectionDetail(Object)}, for a model made of the connections as they were at
     * {@link #revision()} {@code revisionRead} with {@code framesRead} frames (read within
     * {@link #withConnections}, made after it): nothing is let go when a connection was dissected
     * again since, or frames were added (what changed is not in the model).
     */
    public synchronized void forgetConnectionDetail(Object model, long revisionRead, int framesRead) {
        if (revision == revisionRead && count == framesRead) forgetConnectionDetail(model);
    }

    /**
     * A model was made of the connections as they were at {@link #revision()} {@code revisionRead}
     * with the secrets {@code secretsRead} and {@code framesRead} frames (all read within
     * {@link #withConnections}): the next model may take from it the connections that had no frame
     * since ({@link #modelToUpdate}). A model read at fewer frames than the one kept (two made at
     * once: one started while the file loaded ends after the last) is not kept: it would hold a
     * second set of connections for as long as the capture is open (24 bytes a packet on a million).
     */
    public synchronized void modelMade(Object model, long revisionRead, TlsSecrets secretsRead, int framesRead) {
        if (lastModel != null && (revisionRead < lastModelRevision
                || revisionRead == lastModelRevision && framesRead < lastModelFrames)) {
            return; // read before the one kept
        }
        lastModel = model;
        lastModelRevision = revisionRead;
        lastModelSecrets = secretsRead;
        lastModelFrames = framesRead;
    }

    private int lastModelFrames;

    /**
     * The model last given to {@link #modelMade} when only frames added changed the connections since
     * (none dissected again, the same secrets), else null: what a connection without a frame since
     * is as analysed then.
     */
    public synchronized Object modelToUpdate() {
        return lastModel != null && lastModelRevision == revision && lastModelSecrets == secrets ? lastModel : null;
    }

    private Object lastModel;
    private long lastModelRevision;
    private TlsSecrets lastModelSecrets;

    /** The model given to the last {@link #forgetConnectionDetail} that let detail go; null before. */
    public synchronized Object connectionModel() { return connectionModel; }

    private Object connectionModel;

    /**
     * Bytes of heap this index holds for its frames, by part: the columns ({@link FrameSummaries}),
     * the frame store's per-frame arrays, each connection's list of frame numbers, and the fields
     * each frame held ({@link FieldPresence}). The engine's
     * per-connection state is not counted (benchmarks print it next to the retained heap).
     */
    public synchronized long[] footprint() {
        long lists = 0;
        synchronized (framesLock) {
            lists += streamFrames.footprint();
            lists += 4L * udpFrames.length;
        }
        return new long[] {summaries.footprint(), store.footprint(), lists, presence.footprint()};
    }

    /** The first frame's time (the capture's time origin), null before any frame. */
    public Instant firstTime() { return first; }

    /**
     * Runs {@code reader} over the engine's connections (TCP, QUIC, DTLS) while no frame is being
     * added, so it sees one consistent state (the connection model is built this way, off the FX thread).
     */
    public synchronized <T> T withConnections(Function<List<ConnectionState>, T> reader) {
        settle(); // the engine's connections hold no frame the index has not recorded
        return reader.apply(engine.allConnections());
    }

    /**
     * The summary of frame {@code number} (1-based), rebuilt from the columns kept since the frame
     * was added: equal each time, not the same object.
     */
    public FrameSummary summary(int number) { // not the index's lock (FrameSummaries says why)
        return summaries.get(number, store.time(number), store.originalLength(number));
    }

    /** Frame {@code number}'s Info column (as {@link #summary}{@code .info()}, without the rest). */
    public String info(int number) { return summaries.info(number); }

    /** Frame {@code number}'s time (as {@link #summary}{@code .time()}). */
    public Instant time(int number) { return store.time(number); }

    /** Frame {@code number}'s tcp.stream, -1 for none (as {@link #summary}{@code .tcpStream()}). */
    public int tcpStream(int number) { return summaries.tcpStream(number); }

    /**
     * The full dissection of frame {@code number}, rebuilt by replaying the frames of its TCP
     * connection up to it through a fresh engine (TLS state depends on nothing else); a UDP frame
     * by replaying the capture's UDP frames before it (udp.stream numbers, QUIC connections by their
     * IDs, DTLS reassembly).
     */
    public FrameDissection dissect(int number) {
        int stream;
        boolean udp;
        int[] frames;
        int n;
        Instant start;
        synchronized (framesLock) {
            stream = summaries.tcpStream(number);
            frames = streamFrames.list(stream);
            n = streamFrames.count(stream);
            udp = stream < 0 && Arrays.binarySearch(udpFrames, 0, udpCount, number) >= 0;
            if (udp) {
                frames = Arrays.copyOf(udpFrames, udpCount);
                n = udpCount;
            }
            start = first;
        }
        if (udp) {
            Engine replay = new Engine(0, start).secrets(secrets).interfaces(interfaces).detail(false);
            for (int i = 0; i < n && frames[i] < number; i++) replay.dissect(store.get(frames[i]));
            Instant prev = number > 1 ? store.time(number - 1) : store.time(number);
            return replay.detail(true).dissect(store.get(number), prev);
        }
        Engine replay = new Engine(Math.max(stream, 0), start).secrets(secrets).interfaces(interfaces);
        if (frames != null) {
            for (int i = 0; i < n && frames[i] < number; i++) replay.dissect(store.get(frames[i]));
        }
        Instant prev = number > 1 ? store.time(number - 1) : store.time(number);
        return replay.dissect(store.get(number), prev);
    }

    /**
     * Frame numbers whose full tree matches the filter, in order: one sequential pass over the
     * stored frames through a fresh engine (cheaper than rebuilding each frame separately).
     * {@code cancelled} is polled so a newer filter can abandon the pass.
     */
    public int[] matching(DisplayFilter filter, BooleanSupplier cancelled) {
        int n = frameCount();
        int[] out = new int[Math.min(n, 1024)];
        int found = 0;
        Pass pass = pass();
        while (pass.position() <= n) {
            int i = pass.position();
            if ((i & 255) == 0 && cancelled.getAsBoolean()) break;
            if (filter.matches(pass.next())) {
                if (found == out.length) out = Arrays.copyOf(out, out.length * 2);
                out[found++] = i;
            }
        }
        return Arrays.copyOf(out, found);
    }

    /**
     * A walk over the stored frames in order through a fresh engine, each frame's full tree once
     * (what a custom column or a filter pass reads). It follows the index: frames added after it
     * began are walked too, when {@link Pass#next} gets to them. One thread at a time.
     */
    public Pass pass() { return new Pass(true); }

    /** See {@link #pass()}; light trees unless {@code detail} (see Engine.detail). */
    public Pass pass(boolean detail) { return new Pass(detail); }

    /** See {@link #pass()}. */
    public final class Pass {
        private final Engine engine;
        private int next = 1;

        private Pass(boolean detail) { engine = new Engine(secrets).interfaces(interfaces).detail(detail); }

        /** The number of the frame {@link #next} dissects. */
        public int position() { return next; }

        /** Whether the index holds a frame this pass has not walked yet. */
        public boolean hasNext() { return next <= frameCount(); }

        /** The next frame's dissection. */
        public FrameDissection next() { return engine.dissect(store.get(next++)); }
    }

    /**
     * Dissects frames 1..{@code upTo} again, in order (a {@link Pass}), handing each tree to
     * {@code each}; light trees unless {@code detail}. Returns false when {@code cancelled} stopped it.
     */
    public boolean redissect(int upTo, boolean detail, BooleanSupplier cancelled, Consumer<FrameDissection> each) {
        Pass pass = pass(detail);
        while (pass.position() <= upTo) {
            if ((pass.position() & 255) == 0 && cancelled.getAsBoolean()) return false;
            each.accept(pass.next());
        }
        return true;
    }

    /**
     * Dissects frames 1..{@code upTo} again on {@code threads} threads (the caller's one of them),
     * handing each tree to {@code each} from whichever thread made it: the frames of one TCP
     * connection in order, connections in any order and at once. Each connection is replayed alone
     * through an engine of its own, as {@link #dissect(int)} rebuilds a tree, so a connection's
     * frames dissect as in one pass over the capture (its state depends on nothing else); the UDP
     * frames go through one engine in order (QUIC, DTLS). A capture with frames of neither kind
     * (ARP, ICMP, IP fragments whose reassembly spans frames of no connection) gets one sequential
     * {@link Pass} instead. Light trees unless {@code detail}. {@code onThread} runs first on each
     * thread started here. Returns false when {@code cancelled} stopped it.
     */
    public boolean parallelPass(int upTo, boolean detail, int threads, Runnable onThread, BooleanSupplier cancelled,
            Consumer<FrameDissection> each) {
        return parallelPass(upTo, detail, false, null, null, threads, onThread, cancelled, each);
    }

    /**
     * As above; {@code lean} trees (Engine.lean) when the pass runs in parallel. With {@code wanted}
     * (per frame number), only the frames it marks reach {@code each}: a connection is replayed up
     * to its last wanted frame, and not at all without one. With {@code kept}, lean light trees are
     * sparse (Engine.keepOnly) when the pass runs in parallel.
     */
    private boolean parallelPass(int upTo, boolean detail, boolean lean, boolean[] wanted, java.util.List<String> kept,
            int threads, Runnable onThread, BooleanSupplier cancelled, Consumer<FrameDissection> each) {
        int[][] lists;
        int[] counts;
        int[] udp;
        int[] ids;
        Instant start;
        synchronized (framesLock) {
            upTo = Math.min(upTo, count);
            int tcp = 0;
            ids = streamFrames.streams();
            lists = new int[ids.length][];
            counts = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                lists[i] = streamFrames.list(ids[i]);
                int n = 0, total = streamFrames.count(ids[i]);
                while (n < total && lists[i][n] <= upTo) n++;
                tcp += n;
                if (wanted != null) while (n > 0 && !wanted[lists[i][n - 1]]) n--; // the frames after the last wanted one
                counts[i] = n;
            }
            int u = 0;
            while (u < udpCount && udpFrames[u] <= upTo) u++;
            int uw = u;
            if (wanted != null) while (uw > 0 && !wanted[udpFrames[uw - 1]]) uw--;
            udp = Arrays.copyOf(udpFrames, uw);
            start = first;
            if (tcp + u != upTo || threads < 2) {
                lists = null; // frames of no connection: one pass in order
            }
        }
        if (lists == null) {
            return redissect(upTo, detail, cancelled, wanted == null ? each : fd -> {
                if (wanted[fd.number]) each.accept(fd);
            });
        }
        int[] streamIds = ids;
        tlslens.dissect.FieldIndex keptIndex = kept == null ? null : Engine.keptIndex(kept, null); // one for every replay
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(-1);
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        int[][] frames = lists;
        Runnable work = () -> {
            try {
                for (int task; !stopped.get() && (task = next.getAndIncrement()) < frames.length; ) {
                    if (cancelled.getAsBoolean()) {
                        stopped.set(true);
                        return;
                    }
                    if (task < 0) { // the UDP frames, in order, through one engine
                        Engine e = new Engine(0, start).secrets(secrets).interfaces(interfaces).detail(detail).lean(lean)
                                .keepOnly(keptIndex);
                        for (int i = 0; i < udp.length; i++) {
                            if ((i & 255) == 255 && cancelled.getAsBoolean()) { stopped.set(true); return; }
                            FrameDissection fd = replayed(e, udp[i]);
                            if (wanted == null || wanted[udp[i]]) each.accept(fd);
                        }
                        continue;
                    }
                    if (counts[task] == 0) continue; // no frame wanted: not replayed
                    Engine e = new Engine(streamIds[task], start).secrets(secrets).interfaces(interfaces).detail(detail)
                            .lean(lean).keepOnly(keptIndex);
                    int[] list = frames[task];
                    for (int i = 0; i < counts[task]; i++) {
                        FrameDissection fd = replayed(e, list[i]);
                        if (wanted == null || wanted[list[i]]) each.accept(fd);
                    }
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                stopped.set(true);
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Thread(() -> {
                if (onThread != null) onThread.run();
                work.run();
            }, "tlslens-pass");
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
        work.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                stopped.set(true);
                Thread.currentThread().interrupt();
                return false;
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error err) throw err;
        return !stopped.get();
    }

    /** Whether each of frames 1..{@code upTo} belongs to a TCP connection or is UDP: a {@link #parallelPass} splits them. */
    boolean parallelizable(int upTo) {
        synchronized (framesLock) {
            return parallelizableHolding(upTo);
        }
    }

    private boolean parallelizableHolding(int upTo) {
        long n = 0;
        for (int s : streamFrames.streams()) {
            int i = Arrays.binarySearch(streamFrames.list(s), 0, streamFrames.count(s), upTo);
            n += i >= 0 ? i + 1 : -i - 1;
        }
        int u = Arrays.binarySearch(udpFrames, 0, udpCount, upTo);
        n += u >= 0 ? u + 1 : -u - 1;
        return n == Math.min(upTo, count);
    }

    /** Frame {@code number} through a replaying engine, with its predecessor's time (frame.time_delta) from the store. */
    private FrameDissection replayed(Engine e, int number) {
        RawFrame f = store.get(number);
        return e.dissect(f, number > 1 ? store.time(number - 1) : f.time());
    }

    /**
     * Frame numbers whose tree matches the filter among frames 1..{@code upTo}, in order, by a
     * {@link #parallelPass} on {@code threads} threads (light, and lean, trees when they hold every
     * field the filter reads: LightTree; sparse ones, of those fields alone, when each is a field
     * with a value, as -Y makes them: on 1M packets most of the pass's time went to items no filter
     * read); null when {@code cancelled} stopped it.
     */
    public int[] matching(DisplayFilter filter, int upTo, int threads, Runnable onThread, BooleanSupplier cancelled) {
        boolean detail = !filter.fields().stream().allMatch(LightTree::holds);
        boolean lean = filter.fields().stream().allMatch(LightTree::holdsLean);
        upTo = Math.min(upTo, frameCount()); // the frames mayMatch answers for
        boolean[] wanted = mayMatch(filter, upTo);
        java.util.BitSet hits = new java.util.BitSet(upTo + 1);
        byte[] known = decided(filter, upTo);
        if (known != null) { // only the frames whose answer the first pass did not record are dissected again
            boolean[] unknown = new boolean[upTo + 1];
            boolean any = false;
            for (int i = 1; i <= upTo; i++) {
                if (known[i] > 0) hits.set(i);
                else if (known[i] < 0 && (wanted == null || wanted[i])) any = unknown[i] = true;
            }
            if (!any) return cancelled.getAsBoolean() ? null : hits.stream().toArray();
            wanted = unknown;
        }
        boolean done = parallelPass(upTo, detail, lean, wanted, sparseFor(filter), threads, onThread, cancelled, fd -> {
            if (filter.matches(fd)) {
                synchronized (hits) {
                    hits.set(fd.number);
                }
            }
        });
        return done ? hits.stream().toArray() : null;
    }

    /**
     * The fields a filter pass's sparse trees keep for {@code filter} (LightTree.sparse), or null for
     * whole light trees: not for a field without a value (an expert note's, or tcp.analysis.flags),
     * whose presence stands for more than the items of its own name (the same rule as -Y's).
     */
    static java.util.List<String> sparseFor(DisplayFilter filter) {
        java.util.List<String> kept = LightTree.sparse(filter.fields());
        if (kept == null || kept.isEmpty()) return null;
        for (String f : kept) {
            tlslens.dissect.FieldDef d = tlslens.dissect.registry.FieldRegistry.byName(f);
            if (d == null || d.type == tlslens.dissect.FieldType.NONE) return null;
        }
        return kept;
    }

    /**
     * Per frame 1..{@code upTo}, whether it could match {@code filter}; null when any could. A frame
     * whose tree held none of the filter's fields gets the answer a tree without them gets: when
     * that is "no", only frames that held one of them could match. Asked only of filters whose every
     * field any tree holds whole (LightTree.holdsLean), as the first pass recorded them.
     */
    synchronized boolean[] mayMatch(DisplayFilter filter, int upTo) {
        java.util.Set<String> fields = filter.fields();
        if (recordedWith < 0 || recordedWith != keysIn(secrets)) return null;
        if (fields.isEmpty() || !fields.stream().allMatch(LightTree::holdsLean)) return null;
        if (filter.matches(tlslens.dissect.ProtoNode.root())) return null; // e.g. "!tls": frames without the field match
        return presence.holding(fields, Math.min(upTo, count));
    }

    /**
     * Per frame 1..{@code upTo}, {@code filter}'s answer as far as the first pass recorded the values
     * it reads (FieldPresence.decided: 1, 0, or -1 for not known); null when known for none, or when
     * the secrets changed since the frames were recorded.
     */
    synchronized byte[] decided(DisplayFilter filter, int upTo) {
        if (recordedWith < 0 || recordedWith != keysIn(secrets)) return null;
        return presence.decided(filter, Math.min(upTo, count));
    }

    /** The names of the fields frame {@code number}'s tree held, as recorded (tests compare passes). */
    synchronized java.util.Set<String> fieldsHeld(int number) { return presence.fieldsOf(number); }

    /** The bytes of frame {@code number} as captured (for saving and the hex pane). */
    public RawFrame frame(int number) { return store.get(number); }

    @Override
    public void close() { store.close(); }
}
