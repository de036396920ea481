package tlslens.dissect.tcp;

/**
 * Wireshark's TCP sequence analysis for one connection (packet-tcp.c, tcp_analyze_sequence_number
 * and the parts of dissect_tcp around it): per direction, the highest sequence number seen, the
 * last ACK and window, the segments not yet acknowledged; per frame, what it is (retransmission,
 * duplicate ACK, window update...) and which earlier segment it acknowledges. Frames must be given
 * in capture order, each once, like Wireshark's first pass. Sequence numbers are 32-bit and wrap:
 * they are kept in ints and compared as Wireshark's GT_SEQ/LT_SEQ do.
 */
public final class TcpAnalyzer {
    public static final int RETRANSMISSION = 0x0001;
    public static final int LOST_PACKET = 0x0002;
    public static final int ACK_LOST_PACKET = 0x0004;
    public static final int KEEP_ALIVE = 0x0008;
    public static final int DUPLICATE_ACK = 0x0010;
    public static final int ZERO_WINDOW = 0x0020;
    public static final int ZERO_WINDOW_PROBE = 0x0040;
    public static final int ZERO_WINDOW_PROBE_ACK = 0x0080;
    public static final int KEEP_ALIVE_ACK = 0x0100;
    public static final int OUT_OF_ORDER = 0x0200;
    public static final int FAST_RETRANSMISSION = 0x0400;
    public static final int WINDOW_UPDATE = 0x0800;
    public static final int WINDOW_FULL = 0x1000;
    public static final int SPURIOUS_RETRANSMISSION = 0x4000;
    /** Flags that mark a TCP problem, as Wireshark's "Bad TCP" colouring rule reads them: all but the benign ones. */
    public static final int PROBLEMS = RETRANSMISSION | LOST_PACKET | ACK_LOST_PACKET | DUPLICATE_ACK | ZERO_WINDOW
            | ZERO_WINDOW_PROBE | ZERO_WINDOW_PROBE_ACK | OUT_OF_ORDER | FAST_RETRANSMISSION | WINDOW_FULL
            | SPURIOUS_RETRANSMISSION;

    public static final int COMPLETENESS_SYNSENT = 0x01;
    public static final int COMPLETENESS_SYNACK = 0x02;
    public static final int COMPLETENESS_ACK = 0x04;
    public static final int COMPLETENESS_DATA = 0x08;
    public static final int COMPLETENESS_FIN = 0x10;
    public static final int COMPLETENESS_RST = 0x20;

    /** Wireshark stops remembering unacknowledged segments past this many (ACKs not captured). */
    private static final int MAX_UNACKED_SEGMENTS = 10000;
    private static final int MAX_SACK_RANGES = 4;

    /** A sent segment not yet acknowledged (Wireshark's tcp_unacked_t). */
    private static final class Unacked {
        Unacked next;
        long frame;
        int seq;
        int nextseq;
        long time;
    }

    /** One direction (Wireshark's tcp_flow_t with its tcp_analyze_seq_flow_info_t). */
    private static final class Flow {
        boolean baseSeqSet;
        int baseSeq;
        int nextseq;
        long nextseqFrame;
        long nextseqTime;
        int maxSeqToBeAcked;
        int lastAck;
        long lastAckTime;
        long lastNonDupAck;
        int dupAckNum;
        int window = -1; // G_MAXUINT32
        int winScale = -1;
        boolean firstAck;
        int lastSegmentFlags;
        Unacked segments;
        int segmentCount;
        boolean validBif = true;
        long pushBytesSent;
        boolean pushSetLast;
        int sackRanges;
        /** Made at the first SACK option: most flows never carry one. */
        int[] sackLeft;
        int[] sackRight;
    }

    /** What the analysis says about one frame (Wireshark's tcp_acked, plus the connection's iRTT). */
    public static final class Result {
        public int flags;
        /** The frame whose segment this one acknowledges, 0 for none. */
        public long ackedFrame;
        public long ackRttNs;
        public long bytesInFlight;
        public long pushBytesSent;
        public int dupAckNum;
        public long dupAckFrame;
        public long rtoNs;
        public long rtoFrame;
        /** The connection's initial RTT as known at this frame, 0 while unknown. */
        public long initialRttNs;
        /** Whether Wireshark would show "[SEQ/ACK analysis]" for this frame at all. */
        boolean present;

        public boolean present() { return present; }
    }

    private final Flow[] flows = {new Flow(), new Flow()};
    private long mruSynNs;
    private long firstRttNs;
    private int completeness;
    private boolean started;

    /**
     * Lets go of the per-direction sequence state once no frame will follow (the capture is read):
     * what is left answers {@link #initialRttNs()} and {@link #completeness()}; {@code analyze} must not be called again.
     */
    public void release() {
        flows[0] = null;
        flows[1] = null;
    }

    /** The initial round-trip time (SYN to the handshake's final ACK), 0 while unknown. */
    public long initialRttNs() { return firstRttNs; }

    /** tshark's tcp.completeness as the next frame will show it. */
    public int completeness() { return completeness; }

    private static boolean gt(int a, int b) { return a - b > 0; }

    private static boolean lt(int a, int b) { return a - b < 0; }

    private static boolean le(int a, int b) { return a - b <= 0; }

    /**
     * Analyses one segment sent in direction {@code dir}. {@code wsShift} is the window scale
     * option of a SYN (-1: none), {@code sack} the SACK blocks it carries as raw (left, right)
     * pairs. Returns what tshark shows for the frame; the completeness it shows is read before.
     */
    public Result analyze(int dir, long frame, long timeNs, int seq, int ack, int seglen, boolean syn, boolean ackFlag,
                          boolean fin, boolean rst, boolean push, int window, int wsShift, int[] sack) {
        Flow fwd = flows[dir];
        Flow rev = flows[1 - dir];
        Result ta = new Result();
        boolean isNew = !started;
        started = true;
        fwd.sackRanges = 0;
        analyzeSequence(fwd, rev, ta, frame, timeNs, seq, ack, seglen, syn, ackFlag, fin, rst, push, window);
        updateCompleteness(isNew, syn, ackFlag, fin, rst, seglen);
        if (syn) {
            if (!ackFlag) mruSynNs = timeNs;
            fwd.firstAck = true;
        }
        if (!syn && ackFlag) {
            if (mruSynNs != 0 && firstRttNs == 0) firstRttNs = tlslens.capture.FrameTimes.minus(timeNs, mruSynNs);
            fwd.firstAck = false;
        }
        if (sack != null && sack.length >= 2) {
            if (fwd.sackLeft == null) {
                fwd.sackLeft = new int[MAX_SACK_RANGES + 1];
                fwd.sackRight = new int[MAX_SACK_RANGES + 1];
            }
            for (int i = 0; i + 1 < sack.length && fwd.sackRanges < MAX_SACK_RANGES - 1; i += 2) {
                fwd.sackRanges++;
                fwd.sackLeft[fwd.sackRanges] = sack[i];
                fwd.sackRight[fwd.sackRanges] = sack[i + 1];
            }
        }
        if (syn) {
            if (wsShift >= 0) fwd.winScale = Math.min(14, wsShift);
            // verify_tcp_window_scaling: both SYNs must carry the option.
            if (fwd.winScale == -1) {
                fwd.winScale = -2;
                rev.winScale = -2;
            } else if (ackFlag && rev.winScale == -2) {
                fwd.winScale = -2;
            }
        }
        ta.initialRttNs = firstRttNs;
        return ta;
    }

    private void updateCompleteness(boolean isNew, boolean syn, boolean ack, boolean fin, boolean rst, int seglen) {
        int c = 0;
        if (isNew) {
            if (syn && !ack) {
                c |= COMPLETENESS_SYNSENT;
                if (seglen > 0) c |= COMPLETENESS_DATA;
            }
        } else {
            c = completeness;
            if (syn && ack) c |= COMPLETENESS_SYNACK;
            if (!syn && ack) c |= seglen > 0 ? COMPLETENESS_DATA : COMPLETENESS_ACK;
            if (fin && ack) c |= COMPLETENESS_FIN;
            if (rst) c |= COMPLETENESS_RST;
        }
        completeness = c;
    }

    private void analyzeSequence(Flow fwd, Flow rev, Result ta, long frame, long now, int seq, int ack, int seglen,
                                 boolean syn, boolean ackFlag, boolean fin, boolean rst, boolean push, int window) {
        if (!fwd.baseSeqSet) {
            fwd.baseSeq = syn ? seq : seq - 1;
            fwd.baseSeqSet = true;
        }
        if (!rev.baseSeqSet && ackFlag) {
            rev.baseSeq = ack - 1;
            rev.baseSeqSet = true;
        }
        if (ackFlag) rev.validBif = true;
        boolean synFinRst = syn || fin || rst;

        checks:
        {
            // ZERO WINDOW PROBE: the next expected byte, alone, into a closed window.
            if (seglen == 1 && seq == fwd.nextseq && rev.window == 0) {
                ta.flags |= ZERO_WINDOW_PROBE;
                break checks;
            }
            if (window == 0 && !synFinRst) ta.flags |= ZERO_WINDOW;
            if (fwd.nextseq != 0 && gt(seq, fwd.nextseq) && !rst) {
                ta.flags |= LOST_PACKET;
                fwd.validBif = false;
            }
            if ((seglen == 0 || seglen == 1) && seq == fwd.nextseq - 1 && !synFinRst) ta.flags |= KEEP_ALIVE;
            if (seglen == 0 && window != 0 && window != fwd.window && seq == fwd.nextseq && ack == fwd.lastAck
                    && !synFinRst) {
                ta.flags |= WINDOW_UPDATE;
            }
            if (seglen > 0 && rev.winScale != -1 && !synFinRst) {
                int shift = rev.firstAck ? 0 : rev.winScale == -2 ? 0 : rev.winScale;
                if (seq + seglen == rev.lastAck + (rev.window << shift)) ta.flags |= WINDOW_FULL;
            }
            boolean repeats = seglen == 0 && window == fwd.window && seq == fwd.nextseq && ack == fwd.lastAck
                    && !synFinRst;
            if (repeats && window != 0 && (rev.lastSegmentFlags & KEEP_ALIVE) != 0) {
                ta.flags |= KEEP_ALIVE_ACK;
                break checks;
            }
            if (repeats && window == 0 && (rev.lastSegmentFlags & ZERO_WINDOW_PROBE) != 0) {
                ta.flags |= ZERO_WINDOW_PROBE_ACK;
                break checks;
            }
            if (repeats && window != 0) {
                fwd.dupAckNum++;
                ta.flags |= DUPLICATE_ACK;
                ta.dupAckNum = fwd.dupAckNum;
                ta.dupAckFrame = fwd.lastNonDupAck;
            }
        }
        if (ack != fwd.lastAck) {
            fwd.lastNonDupAck = frame;
            fwd.dupAckNum = 0;
        }
        // ACKED LOST PACKET: this acknowledges bytes of the other side we never saw (tshark 4.0 says so
        // each time the ACK passes what was seen, then waits for the next unseen bytes).
        if (rev.maxSeqToBeAcked != 0 && gt(ack, rev.maxSeqToBeAcked) && ackFlag) {
            ta.flags |= ACK_LOST_PACKET;
            rev.maxSeqToBeAcked = rev.nextseq;
        }
        if (seglen > 0 || syn || fin) retransmission(fwd, rev, ta, frame, now, seq, seglen, syn, fin);

        int nextseq = seq + seglen;
        if ((seglen > 0 || syn || fin) && fwd.segmentCount < MAX_UNACKED_SEGMENTS) {
            Unacked u = new Unacked();
            u.next = fwd.segments;
            fwd.segments = u;
            fwd.segmentCount++;
            u.frame = frame;
            u.seq = seq;
            u.time = now;
            if (syn || fin) nextseq += 1;
            u.nextseq = nextseq;
        }
        boolean probe = (ta.flags & ZERO_WINDOW_PROBE) != 0;
        if ((gt(nextseq, fwd.nextseq) || fwd.nextseq == 0) && !probe) {
            fwd.nextseq = nextseq;
            fwd.nextseqFrame = frame;
            fwd.nextseqTime = now;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !probe) fwd.maxSeqToBeAcked = fwd.nextseq;
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckTime = now;
        fwd.lastSegmentFlags = ta.flags;

        // Remove what this acknowledges from the other side's list; an exact match is "ACK to frame N".
        Unacked prev = null;
        Unacked u = rev.segments;
        while (u != null) {
            if (ack == u.nextseq) {
                ta.present = true;
                ta.ackedFrame = u.frame;
                ta.ackRttNs = tlslens.capture.FrameTimes.minus(now, u.time);
            } else if (gt(ack, u.seq) && le(ack, u.nextseq)) {
                u.seq = ack;
                continue;
            } else if (gt(u.nextseq, ack)) {
                prev = u;
                u = u.next;
                continue;
            }
            Unacked next = u.next;
            if (prev == null) rev.segments = next;
            else prev.next = next;
            u = next;
            rev.segmentCount--;
        }
        bytesInFlight(fwd, rev, ta, seglen, syn, fin, push);
        if (ta.flags != 0) ta.present = true;
    }

    private void retransmission(Flow fwd, Flow rev, Result ta, long frame, long now, int seq, int seglen, boolean syn,
                                boolean fin) {
        boolean notAdvanced = fwd.nextseq != 0 && lt(seq, fwd.nextseq);
        if ((ta.flags & KEEP_ALIVE) != 0) return;
        if (seglen > 1 && fwd.nextseq - 1 == seq) notAdvanced = false;
        if (seglen > 0 && rev.lastAck != 0 && le(seq + seglen, rev.lastAck)) {
            ta.flags |= SPURIOUS_RETRANSMISSION;
            return;
        }
        // Fast retransmission first (tcp.fastrt_supersedes_ooo, on by default).
        long t = now - rev.lastAckTime;
        if (notAdvanced && rev.dupAckNum >= 2 && rev.lastAck == seq && Long.compareUnsigned(t, 20_000_000L) < 0) {
            ta.flags |= FAST_RETRANSMISSION;
            return;
        }
        t = now - fwd.nextseqTime;
        long threshold = firstRttNs == 0 ? 3_000_000L : firstRttNs;
        if (notAdvanced && Long.compareUnsigned(t, threshold) < 0
                && fwd.nextseq != seq + seglen + (syn || fin ? 1 : 0)) {
            ta.flags |= OUT_OF_ORDER;
            return;
        }
        if (notAdvanced) {
            ta.flags |= RETRANSMISSION;
            ta.rtoNs = now - fwd.nextseqTime;
            ta.rtoFrame = fwd.nextseqFrame;
            for (Unacked u = fwd.segments; u != null; u = u.next) {
                ta.rtoNs = tlslens.capture.FrameTimes.minus(now, u.time);
                ta.rtoFrame = u.frame;
            }
        }
    }

    private void bytesInFlight(Flow fwd, Flow rev, Result ta, int seglen, boolean syn, boolean fin, boolean push) {
        Unacked u = fwd.segments;
        if (seglen == 0 || u == null || !fwd.validBif) return;
        int first = u.seq - fwd.baseSeq;
        int last = u.nextseq - fwd.baseSeq;
        for (; u != null; u = u.next) {
            if (Integer.compareUnsigned(u.nextseq - fwd.baseSeq, last) > 0) last = u.nextseq - fwd.baseSeq;
            if (Integer.compareUnsigned(u.seq - fwd.baseSeq, first) < 0) first = u.seq - fwd.baseSeq;
        }
        int inFlight = last - first;
        for (int i = 0; i < rev.sackRanges; i++) inFlight -= rev.sackRight[i + 1] - rev.sackLeft[i + 1];
        if (inFlight != 0 && Integer.compareUnsigned(inFlight, 2_000_000_000) < 0) {
            ta.bytesInFlight = Integer.toUnsignedLong(inFlight) - (syn || fin ? 1 : 0);
        }
        if (push && !fwd.pushSetLast) {
            fwd.pushBytesSent += seglen;
            fwd.pushSetLast = true;
        } else if (push) {
            fwd.pushBytesSent = seglen;
        } else if (fwd.pushSetLast) {
            fwd.pushBytesSent = seglen;
            fwd.pushSetLast = false;
        } else {
            fwd.pushBytesSent += seglen;
        }
        ta.pushBytesSent = fwd.pushBytesSent & 0xffffffffL;
        ta.present = true;
    }
}
