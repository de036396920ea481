package tlslens.flow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one direction of a TCP connection back in order. Segments are placed by sequence number
 * (with 32-bit wrap), retransmitted and overlapping bytes are delivered once, segments that
 * arrive early wait in a bounded buffer, and bytes the capture never saw become a gap
 * (declared when the peer acknowledges past them, at FIN/RST, or when the buffer is full).
 */
public final class TcpReassembler {
    /** How a segment related to what came before, for the TCP analysis notes. */
    public enum Kind { IN_ORDER, RETRANSMISSION, OVERLAP, OUT_OF_ORDER, EMPTY }

    /** Something the reassembler hands to the consumer, in stream order. */
    public sealed interface Event permits Data, Gap {}

    public record Data(StreamBytes bytes) implements Event {}

    /** {@code length} bytes at {@code streamOffset} are missing from the capture. */
    public record Gap(long streamOffset, long length) implements Event {}

    /** Early segments held per direction; beyond this the oldest hole is given up as lost. */
    public static final long MAX_BUFFERED = 4L << 20;

    private boolean based;
    /** Raw sequence number of stream offset 0. */
    private long base;
    /** Stream offset of the next byte expected. */
    private long next;
    /** Made when a segment first arrives early: most connections never have one. */
    private TreeMap<Long, StreamBytes> early;
    private long earlyBytes;
    private boolean sawSyn;
    private long isn;
    /** Stream offset where this direction's FIN sits (it takes one sequence number), or -1. */
    private long finAt = -1;
    /** The peer acknowledged this direction's FIN: nothing more will come this way. */
    private boolean finAcked;

    /** The SYN's sequence number: data starts at isn + 1. */
    public void syn(long seq) {
        if (!based) {
            base = (seq + 1) & 0xffffffffL;
            based = true;
            sawSyn = true;
            isn = seq;
        }
    }

    public boolean sawSyn() { return sawSyn; }

    /**
     * Fixes the start of a stream first seen mid-connection: by its own first segment, or by the
     * peer's acknowledgement (the next byte this side will send), as Wireshark's relative numbers do.
     */
    public void observe(long seq) {
        if (!based) {
            base = seq & 0xffffffffL;
            based = true;
        }
    }

    /** Sequence number shown as Wireshark's relative sequence number. */
    public long relative(long seq) {
        // Not based yet (a RST answering a SYN): tshark bases the direction on this segment, showing 1.
        if (!based) return 1;
        long rel = ((seq - base) & 0xffffffffL) + 1;
        return rel & 0xffffffffL;
    }

    public long initialSequence() { return isn; }

    /** Stream offset of a raw sequence number, unwrapped around the next expected byte. */
    long unwrap(long seq) {
        int d = (int) ((seq - base - next) & 0xffffffffL);
        return next + d;
    }

    /** Places a segment; appends the events it releases to {@code out}. */
    public Kind segment(int frame, long seq, byte[] frameData, int off, int len, List<Event> out) {
        if (len <= 0) return Kind.EMPTY;
        if (!based) {
            base = seq;
            based = true;
        }
        long rel = unwrap(seq);
        long end = rel + len;
        if (end <= next) return Kind.RETRANSMISSION;
        if (rel > next) {
            buffer(new StreamBytes(frame, Arrays.copyOfRange(frameData, off, off + len), 0, len, off, rel));
            if (earlyBytes > MAX_BUFFERED) giveUpFirstHole(out);
            return Kind.OUT_OF_ORDER;
        }
        Kind kind = rel < next ? Kind.OVERLAP : Kind.IN_ORDER;
        int skip = (int) (next - rel);
        out.add(new Data(new StreamBytes(frame, frameData, off + skip, len - skip, off + skip, next)));
        next = end;
        drain(out);
        return kind;
    }

    /** A FIN at {@code seq} after {@code len} payload bytes: its sequence number carries no data. */
    public void fin(long seq, int len) {
        if (!based) return;
        finAt = unwrap(seq) + len;
    }

    /** The peer acknowledged up to {@code ack}: bytes before it that we never saw are lost for good. */
    public void acked(long ack, List<Event> out) {
        if (!based) return;
        long rel = unwrap(ack);
        // The acknowledgement of a FIN counts the FIN itself, not a missing byte.
        if (finAt >= 0 && rel == finAt + 1) {
            rel = finAt;
            finAcked = true;
        }
        // Only believe acknowledgements a little ahead of us; wild values are not evidence.
        if (rel <= next || rel - next > (1L << 30)) return;
        long holeEnd = (early == null || early.isEmpty()) ? rel : Math.min(rel, early.firstKey());
        if (holeEnd > next) {
            out.add(new Gap(next, holeEnd - next));
            next = holeEnd;
            drain(out);
        }
    }

    /** The connection ended in this direction: everything still waiting is delivered past its holes. */
    public void finish(List<Event> out) {
        while (!(early == null || early.isEmpty())) giveUpFirstHole(out);
    }

    /** Whether the peer acknowledged this direction's FIN (the direction is closed for good). */
    public boolean finAcked() { return finAcked; }

    public boolean hasBuffered() { return !(early == null || early.isEmpty()); }

    private void buffer(StreamBytes sb) {
        if (early == null) early = new TreeMap<>();
        StreamBytes prev = early.get(sb.streamOffset());
        if (prev != null && prev.length() >= sb.length()) return;
        if (prev != null) earlyBytes -= prev.length();
        early.put(sb.streamOffset(), sb);
        earlyBytes += sb.length();
    }

    private void giveUpFirstHole(List<Event> out) {
        if ((early == null || early.isEmpty())) return;
        long first = early.firstKey();
        if (first > next) {
            out.add(new Gap(next, first - next));
            next = first;
        }
        drain(out);
    }

    /** Releases buffered segments that now continue the stream. */
    private void drain(List<Event> out) {
        while (!(early == null || early.isEmpty())) {
            Map.Entry<Long, StreamBytes> e = early.firstEntry();
            StreamBytes sb = e.getValue();
            long rel = e.getKey();
            if (rel > next) return;
            early.pollFirstEntry();
            earlyBytes -= sb.length();
            long end = rel + sb.length();
            if (end <= next) continue;
            int skip = (int) (next - rel);
            out.add(new Data(new StreamBytes(sb.frame(), sb.data(), sb.offset() + skip, sb.length() - skip,
                    sb.frameOffset() + skip, next)));
            next = end;
        }
    }
}
