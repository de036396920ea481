package tlslens.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlslens.dissect.DataSource;
import tlslens.dissect.FrameContext;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tcp.TcpAnalyzer;
import tlslens.dissect.tcp.TcpFields;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.TlsRecordFramer;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.TlsFields;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.flow.PduAssembler;
import tlslens.flow.Piece;
import tlslens.flow.StreamBytes;
import tlslens.flow.TcpReassembler;

/**
 * What runs on top of one TCP connection: finds TLS by content (a ClientHello or ServerHello
 * record, on any port, also after a plaintext start such as STARTTLS or HTTP CONNECT), cuts each
 * direction into records and hands them to the connection's TLS dissector.
 */
final class TcpStream implements ConnectionState {
    /** Segments looked at for a hello before we stop expecting TLS on this connection. */
    private static final int MAX_SCANNED_SEGMENTS = 64;

    private final int index;
    private final int initiatorPort;
    private final int responderPort;
    private TlsConnection tls;
    private tlslens.dissect.tls.decrypt.TlsSecrets secrets;
    private boolean keepPlaintext;
    /** Bit dir: that direction's TLS records are being framed. */
    private byte startedBits;
    /**
     * Made when a direction first carries data (a connection that is only a SYN costs little), and let
     * go with the other framing state when the connection ends (null then): a window keeps every
     * connection's stream for as long as the capture is open.
     */
    private PduAssembler[] assemblers;
    private int scanned;
    /** Null once released ({@link #release}): no frame follows; {@link #initialRttNs} keeps what it still answered. */
    private TcpAnalyzer analyzer = new TcpAnalyzer();
    private long initialRttNs;

    TcpStream(int index, int initiatorPort, int responderPort) {
        this.index = index;
        this.initiatorPort = initiatorPort;
        this.responderPort = responderPort;
    }

    // ---- what the connection model reads (ConnectionState) -----------------------------------

    /** The endpoints' addresses (no array of the two: 24 bytes a connection); shared between connections once the file is read. */
    private byte[] address0, address1;
    /** Direction of the SYN's sender, -1 until a SYN or SYN-ACK was seen. */
    private int synClient = -1;
    private long firstFrame = -1;
    private long lastFrame = -1;
    private Instant firstTime;
    private Instant lastTime;
    private long payloadBytes0;
    private long payloadBytes1;
    /** Times of the frames that grew the TLS log, in frame order (frames come in order). */
    private static final long[] NO_LONGS = {};
    private static final int[] NO_INTS = {};
    private long[] loggedFrames = NO_LONGS;
    /** Their times as seconds and nanoseconds: no Instant kept per handshake message. */
    private long[] loggedSeconds = NO_LONGS;
    private int[] loggedNanos = NO_INTS; // (the empty arrays shared: 48 bytes a connection)
    private int loggedCount;
    private int logSize;

    /** The secrets the TLS connection (when there is one) decrypts with. */
    void decryption(tlslens.dissect.tls.decrypt.TlsSecrets s, boolean keep) {
        this.secrets = s;
        this.keepPlaintext = keep;
    }

    void endpoints(byte[] initiator, byte[] responder) {
        address0 = initiator;
        address1 = responder;
    }

    /** Called once per frame of this connection, after its records were handled. */
    void observe(FrameDissection fd, int dir, int payloadLength, boolean syn, boolean ack) {
        if (firstFrame < 0) {
            firstFrame = fd.number;
            firstTime = fd.time;
        }
        lastFrame = fd.number;
        lastTime = fd.time;
        if (dir == 0) payloadBytes0 += payloadLength;
        else payloadBytes1 += payloadLength;
        if (syn && synClient < 0) synClient = ack ? 1 - dir : dir;
        if (tls == null) return;
        int size = tls.log().size();
        if (size == logSize) return;
        logSize = size;
        if (loggedCount == loggedFrames.length) {
            loggedFrames = Arrays.copyOf(loggedFrames, Math.max(8, loggedCount * 2));
            loggedSeconds = Arrays.copyOf(loggedSeconds, Math.max(8, loggedCount * 2));
            loggedNanos = Arrays.copyOf(loggedNanos, Math.max(8, loggedCount * 2));
        }
        loggedFrames[loggedCount] = fd.number;
        loggedSeconds[loggedCount] = fd.time.getEpochSecond();
        loggedNanos[loggedCount++] = fd.time.getNano();
    }

    @Override public int index() { return index; }

    @Override public int clientDirection() {
        if (forgotten) return forgottenClientDirection;
        if (tls != null && (tls.clientHello() != null || tls.serverHello() != null)) return 1 - tls.serverDirection();
        if (synClient >= 0) return synClient;
        // Neither hello nor SYN seen: a well-known port marks the server, as Zeek guesses.
        if (responderPort >= 1024 && initiatorPort < 1024) return 1;
        return 0;
    }

    @Override public byte[] address(int dir) { return dir == 0 ? address0 : address1; }

    @Override public int port(int dir) { return dir == 0 ? initiatorPort : responderPort; }

    @Override public long firstFrame() { return firstFrame; }

    @Override public long lastFrame() { return lastFrame; }

    @Override public Instant firstTime() { return firstTime; }

    @Override public Instant lastTime() { return lastTime; }

    /**
     * No frame will follow (the capture is read): lets go of what only framing more bytes needs, the
     * reassembly and analysis state, keeping what the connection model reads.
     */
    void release() {
        assemblers = null;
        framers = null;
        held = null;
        if (analyzer != null) initialRttNs = analyzer.initialRttNs();
        analyzer = null; // (its state and object: 64 bytes a connection)
    }

    /**
     * The connection ended (both FINs acknowledged, or a reset long enough ago): lets go of what framing
     * more records and decrypting them needs (reassembly buffers, held bytes, the TLS handshake fragments
     * and keys; the transcript stays when {@code keepKeySchedule}), keeping what the connection model and
     * the TCP analysis of late segments read. A segment that still comes (a retransmission shows as one;
     * new data after a close is a broken capture) is framed afresh, its records left encrypted.
     */
    void end(boolean keepKeySchedule) {
        if (ended) return;
        ended = true;
        for (int dir = 0; dir < 2; dir++) {
            // What pendingIn answers for a late retransmission, as before the release.
            if (assemblers != null && assemblers[dir] != null && assemblers[dir].pendingLength() > 0) {
                pendingAtEndBits |= (byte) (1 << dir);
            }
        }
        assemblers = null;
        framers = null;
        held = null;
        if (tls != null) tls.release(keepKeySchedule);
        loggedFrames = loggedCount == 0 ? NO_LONGS : Arrays.copyOf(loggedFrames, loggedCount);
        loggedSeconds = loggedCount == 0 ? NO_LONGS : Arrays.copyOf(loggedSeconds, loggedCount);
        loggedNanos = loggedCount == 0 ? NO_INTS : Arrays.copyOf(loggedNanos, loggedCount);
    }

    private boolean ended;
    /** Capture time (epoch ns) of the connection's first RST; Long.MIN_VALUE when none. */
    long resetNs = Long.MIN_VALUE;
    /** Bit dir: a record was pending in that direction when the connection ended. */
    private byte pendingAtEndBits;

    private boolean started(int dir) { return (startedBits & 1 << dir) != 0; }

    /** Whether {@link #end} was called. */
    boolean ended() { return ended; }

    /** Whether the connection holds reassembly or decryption state (bytes or keys for records to come). */
    boolean holdsState() {
        for (int dir = 0; dir < 2; dir++) {
            if (assemblers != null && assemblers[dir] != null || held != null && held[dir] != null) return true;
        }
        return tls != null && tls.holdsState();
    }

    /** Wireshark's sequence analysis of this connection (fed by the engine, frame by frame). */
    TcpAnalyzer analyzer() { return analyzer; }

    @Override public java.time.Duration initialRtt() {
        long ns = analyzer != null ? analyzer.initialRttNs() : initialRttNs;
        return ns == 0 ? null : java.time.Duration.ofNanos(ns);
    }

    @Override public long payloadBytes(int dir) { return dir == 0 ? payloadBytes0 : payloadBytes1; }

    @Override public Instant frameTime(long frame) {
        int i = Arrays.binarySearch(loggedFrames, 0, loggedCount, frame);
        return i >= 0 ? Instant.ofEpochSecond(loggedSeconds[i], loggedNanos[i]) : null;
    }

    /** The TLS state of this connection, or null when it isn't TLS (so far). */
    @Override public TlsConnection tls() { return tls; }

    /** Set once the TLS detail went ({@link #forgetDetail}): what {@link ConnectionState} still answers of it. */
    private boolean forgotten;
    private boolean carriedTls;
    private int forgottenClientDirection;
    private tlslens.dissect.tls.decrypt.DecryptionStatus forgottenDecryption;
    private byte[] forgottenClientRandom;

    /**
     * A model of the connection was made and the capture is read (nothing more will be framed): lets go
     * of the TLS log, hellos and the times of the frames that grew the log, which the model's analysis
     * now stands for (about 2.5 kB a connection); keeps whether it carried TLS, how decryption went and
     * the client random, which tell whether new keys open it (CaptureIndex.rekeyable). Dissecting it
     * again (CaptureIndex.redissect) gives the engine a whole state for it (Engine.adopt).
     */
    void forgetDetail(java.util.Map<Object, Object> shared) {
        if (forgotten) return;
        // Equal addresses shared (a capture has few hosts; the arrays are never changed).
        if (address0 != null) address0 = (byte[]) shared.computeIfAbsent(java.nio.ByteBuffer.wrap(address0), k -> address0);
        if (address1 != null) address1 = (byte[]) shared.computeIfAbsent(java.nio.ByteBuffer.wrap(address1), k -> address1);
        forgottenClientDirection = clientDirection();
        if (tls != null) {
            carriedTls = true;
            // A record, equal for most connections ("no keys"): one object for all (48 bytes a connection).
            tlslens.dissect.tls.decrypt.DecryptionStatus d = tls.decryption();
            forgottenDecryption = d == null ? null : (tlslens.dissect.tls.decrypt.DecryptionStatus) shared.computeIfAbsent(d, k -> d);
            forgottenClientRandom = tls.clientRandom();
        }
        tls = null;
        loggedFrames = NO_LONGS;
        loggedSeconds = NO_LONGS;
        loggedNanos = NO_INTS;
        loggedCount = 0;
        forgotten = true;
    }

    @Override public boolean detailForgotten() { return forgotten; }

    @Override public boolean carriesTls() { return forgotten ? carriedTls : tls != null; }

    @Override public tlslens.dissect.tls.decrypt.DecryptionStatus decryption() {
        return forgotten ? forgottenDecryption : tls == null ? null : tls.decryption();
    }

    @Override public byte[] clientRandom() { return forgotten ? forgottenClientRandom : tls == null ? null : tls.clientRandom(); }

    boolean pendingIn(int dir) {
        if (!started(dir)) return false;
        return assemblers == null || assemblers[dir] == null ? (pendingAtEndBits & 1 << dir) != 0
                : assemblers[dir].pendingLength() > 0;
    }

    void handle(FrameDissection fd, ProtoNode tcpNode, int dir, List<TcpReassembler.Event> events) {
        if (events.isEmpty()) return;
        boolean startedEmpty = !started(dir) || assembler(dir).pendingLength() == 0;
        List<PduAssembler.Out> outs = new ArrayList<>();
        for (TcpReassembler.Event ev : events) {
            if (ev instanceof TcpReassembler.Gap gap) {
                // TCP's analysis says so in the TCP tree ("Previous segment(s) not captured"); TLS skips the hole.
                held(dir).clear();
                if (started(dir)) {
                    assembler(dir).gap(gap.length());
                    tls.onGap(dir, gap.length());
                }
                continue;
            }
            StreamBytes sb = ((TcpReassembler.Data) ev).bytes();
            if (!held(dir).isEmpty() && !started(dir)) {
                if (judgeHeld(sb, dir)) for (StreamBytes h : held(dir)) assembler(dir).feed(h, framer(dir), outs);
                if (started(dir) || !held(dir).contains(sb)) held(dir).clear();
                continue;
            }
            if (!classify(sb, dir)) continue;
            assembler(dir).feed(sb, framer(dir), outs);
        }
        ProtoNode tlsNode = null;
        int tlsEnd = -1;
        for (PduAssembler.Out out : outs) {
            if (out instanceof PduAssembler.Pdu pdu) {
                Tvb rec;
                Piece p0 = pdu.pieces().get(0);
                if (pdu.singleFrame() && p0.frame() == fd.number) {
                    rec = new Tvb(fd.frameBytes, 0, p0.frameOffset(), p0.frameOffset() + pdu.length());
                    if (tlsNode == null || tlsNode.source != 0 || tlsEnd != p0.frameOffset()) {
                        tlsNode = fd.root.addValue(TlsFields.TLS, rec, rec.start, 0, null);
                    }
                    tlsNode.setLength(rec.end - tlsNode.offset);
                    tlsEnd = rec.end;
                } else {
                    rec = reassembled(fd, pdu);
                    tlsNode = fd.root.addValue(TlsFields.TLS, rec, 0, rec.length(), null);
                    tlsEnd = -1;
                }
                fd.context().flag(FrameContext.TLS);
                tls.dissectRecord(fd, tlsNode, rec, dir);
                if (rec.source != 0) tlsNode = null;
            } else if (out instanceof PduAssembler.Skipped skipped) {
                skippedBytes(fd, skipped);
                tlsNode = null;
            }
        }
        beganRecord(fd, dir, startedEmpty && tlsEnd < 0 && outs.isEmpty());
    }

    /**
     * tshark hands a segment that starts a record to the TLS dissector, which finds the record
     * incomplete and asks for more: the frame gets an empty TLS item (so `-Y tls` selects it)
     * while Info stays "[TCP segment of a reassembled PDU]". Frames in the middle get none.
     */
    private void beganRecord(FrameDissection fd, int dir, boolean nothingElseShown) {
        Piece p = assembler(dir).firstPendingPiece();
        if (!nothingElseShown || p == null || p.frame() != fd.number) return;
        fd.root.addValue(TlsFields.TLS, fd.frameTvb(), p.frameOffset(), 0, null);
        fd.context().flag(FrameContext.TLS);
        fd.setInfo("[TCP segment of a reassembled PDU]");
    }

    /**
     * The first bytes of a direction when they are too few to judge (a record header cut after
     * 1-5 bytes): held until the next segment tells whether they start a hello.
     */
    private List<StreamBytes>[] held;

    @SuppressWarnings("unchecked")
    private List<StreamBytes> held(int dir) {
        if (held == null) held = new List[2];
        if (held[dir] == null) held[dir] = new ArrayList<>(2);
        return held[dir];
    }

    private PduAssembler assembler(int dir) {
        if (assemblers == null) assemblers = new PduAssembler[2];
        if (assemblers[dir] == null) assemblers[dir] = new PduAssembler();
        return assemblers[dir];
    }

    /**
     * Judges the held bytes followed by {@code sb}: true when together they start TLS (the held
     * segments, now including sb, are then to be framed); sb stays held while still too short.
     */
    private boolean judgeHeld(StreamBytes sb, int dir) {
        held(dir).add(sb);
        int total = 0;
        for (StreamBytes h : held(dir)) total += h.length();
        byte[] joined = new byte[Math.min(total, 16)];
        int n = 0;
        for (StreamBytes h : held(dir)) {
            int c = Math.min(h.length(), joined.length - n);
            System.arraycopy(h.data(), h.offset(), joined, n, c);
            n += c;
        }
        if (TlsRecordFramer.looksLikeHello(joined, 0, n)) {
            startTls(dir);
            return true;
        }
        if (n < TlsRecordFramer.HEADER_LENGTH + 1 && helloPrefix(joined, n)) return false;
        held(dir).clear();
        return false;
    }

    /** Whether these first bytes (fewer than a record header and a type) may begin a handshake record. */
    static boolean helloPrefix(byte[] b, int n) {
        if (n < 1 || (b[0] & 0xff) != 22) return false;
        if (n >= 2 && (b[1] & 0xff) != 3) return false;
        if (n >= 3 && (b[2] & 0xff) > 4) return false;
        if (n >= 5) {
            int len = ((b[3] & 0xff) << 8) | (b[4] & 0xff);
            if (len < 4 || len > TlsRecordFramer.MAX_RECORD_PAYLOAD) return false;
        }
        return true;
    }

    private void startTls(int dir) {
        tls = new TlsConnection(index, secrets, keepPlaintext);
        tls.setPorts(initiatorPort, responderPort);
        startedBits |= (byte) (1 << dir);
    }

    /** Decides whether these bytes belong to TLS; true when they should be framed as records. */
    private boolean classify(StreamBytes sb, int dir) {
        if (started(dir)) return true;
        if (tls == null) {
            if (scanned >= MAX_SCANNED_SEGMENTS) return false;
            scanned++;
            if (!TlsRecordFramer.looksLikeHello(sb.data(), sb.offset(), sb.length())
                    && !recordsFillSegment(sb.data(), sb.offset(), sb.length())) {
                byte[] head = Arrays.copyOfRange(sb.data(), sb.offset(), sb.offset() + Math.min(sb.length(), 6));
                if (sb.length() <= TlsRecordFramer.HEADER_LENGTH && helloPrefix(head, head.length)) held(dir).add(sb);
                return false;
            }
            startTls(dir);
            return true;
        }
        // The other side has spoken TLS: this side starts at its first segment with a record header.
        if (TlsRecordFramer.recordLength(sb.data(), sb.offset(), sb.length(), tls.allowSsl2(dir)) != -1) {
            startedBits |= (byte) (1 << dir);
            return true;
        }
        return false;
    }

    /**
     * A capture that starts mid-connection shows no hello; a segment made exactly of whole,
     * plausible TLS records is strong evidence too (five header bytes and an exact length per record).
     */
    static boolean recordsFillSegment(byte[] b, int off, int len) {
        if (len < 6) return false;
        int first = b[off] & 0xff;
        if (first < ContentTypes.CHANGE_CIPHER_SPEC || first > ContentTypes.APPLICATION_DATA) return false;
        int p = off;
        int end = off + len;
        while (p < end) {
            int r = TlsRecordFramer.recordLength(b, p, end - p, false);
            if (r <= 5 || p + r > end) return false;
            p += r;
        }
        return true;
    }

    /** One framer per direction, made once (when the direction first carries data): records are framed for every segment. */
    private PduAssembler.Framer[] framers;

    private PduAssembler.Framer framer(int dir) {
        if (framers == null) framers = new PduAssembler.Framer[2];
        if (framers[dir] == null) framers[dir] = newFramer(dir);
        return framers[dir];
    }

    private PduAssembler.Framer newFramer(int dir) {
        return new PduAssembler.Framer() {
            @Override public int length(byte[] b, int off, int avail) {
                return TlsRecordFramer.recordLength(b, off, avail, tls.allowSsl2(dir));
            }

            @Override public int resync(byte[] b, int from, int end) {
                return TlsRecordFramer.resync(b, from, end);
            }
        };
    }

    /** A record gathered from several segments: its own data source and tshark's segment list. */
    private static Tvb reassembled(FrameDissection fd, PduAssembler.Pdu pdu) {
        byte[] bytes = pdu.offset() == 0 && pdu.length() == pdu.data().length ? pdu.data()
                : java.util.Arrays.copyOfRange(pdu.data(), pdu.offset(), pdu.offset() + pdu.length());
        List<DataSource.Chunk> chunks = new ArrayList<>(pdu.pieces().size());
        StringBuilder label = new StringBuilder();
        for (Piece p : pdu.pieces()) {
            chunks.add(new DataSource.Chunk(p.frame(), p.frameOffset(), p.pduOffset(), p.length()));
            label.append(label.length() == 0 ? "" : ", ").append('#').append(p.frame()).append('(').append(p.length()).append(')');
        }
        Tvb tvb = fd.addSource("Reassembled TCP (" + bytes.length + " bytes)", bytes, chunks);
        ProtoNode segs = fd.root.addValue(TcpFields.SEGMENTS, tvb, 0, bytes.length, null,
                "[" + chunks.size() + " Reassembled TCP Segments (" + bytes.length + " bytes): " + label + "]");
        for (Piece p : pdu.pieces()) {
            segs.addValue(TcpFields.SEGMENT, tvb, p.pduOffset(), p.length(), (long) p.frame(),
                    "[Frame: " + p.frame() + ", payload: " + p.pduOffset() + "-" + (p.pduOffset() + p.length() - 1)
                            + " (" + p.length() + " bytes)]");
        }
        segs.addGenerated(TcpFields.SEGMENT_COUNT, (long) chunks.size(), "Segment count: " + chunks.size());
        segs.addGenerated(TcpFields.REASSEMBLED_LENGTH, (long) bytes.length, "Reassembled TCP length: " + bytes.length);
        return tvb;
    }

    /** Bytes between records that are not a record: shown, with the reason, never parsed. */
    private static void skippedBytes(FrameDissection fd, PduAssembler.Skipped s) {
        Piece p0 = s.pieces().get(0);
        Tvb tvb = p0.frame() == fd.number && s.pieces().size() == 1
                ? new Tvb(fd.frameBytes, 0, p0.frameOffset(), p0.frameOffset() + s.length())
                : new Tvb(new byte[0], 0);
        int off = tvb.length() > 0 ? tvb.start : 0;
        ProtoNode tls = fd.root.addValue(TlsFields.TLS, tvb, off, tvb.length(), null);
        String what = s.afterGap() ? "Continuation Data" : "Ignored Unknown Record";
        ProtoNode n = tls.addText("[" + what + " (" + s.length() + " bytes)]", tvb, off, tvb.length());
        n.expert(s.afterGap()
                ? TlsExperts.CONTINUATION_SKIPPED.note()
                : TlsExperts.IGNORED_UNKNOWN_RECORD.note(s.length()
                        + " bytes do not form a TLS record; skipped to the next plausible record header"));
        fd.context().flag(FrameContext.TLS);
        fd.appendInfo(what);
    }
}
