package tlslens.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one direction's in-order byte stream into PDUs (TLS records) whose length the header
 * tells. A PDU that lies inside one segment is handed over without copying; one that spans
 * segments is gathered in a buffer bounded by the largest length the framer accepts, so a
 * header claiming 16 MiB never makes us hold 16 MiB. After missing bytes the stream is
 * resynchronised on the next plausible header.
 */
public final class PduAssembler {
    /** Tells PDU boundaries; implemented by the protocol on top (TLS). */
    public interface Framer {
        /** Total length of the PDU at off: > 0 known, 0 need more bytes, -1 not a PDU header. */
        int length(byte[] b, int off, int avail);

        /** Offset of the next plausible PDU header in [from, end), or -1. */
        int resync(byte[] b, int from, int end);
    }

    /** Output: a whole PDU, or bytes skipped because they could not be framed. */
    public sealed interface Out permits Pdu, Skipped {}

    /** A complete PDU: {@code length} bytes of {@code data} from {@code offset}, with where they came from. */
    public record Pdu(byte[] data, int offset, int length, List<Piece> pieces) implements Out {
        /** True when the PDU lies in one frame, so its bytes can be shown within that frame. */
        public boolean singleFrame() { return pieces.size() == 1; }
    }

    /** Bytes that belong to no PDU (after a gap, or garbage); {@code afterGap} says why. */
    public record Skipped(int length, List<Piece> pieces, boolean afterGap) implements Out {}

    /** No PDU we accept is longer; larger pending data means the framer was fooled. */
    public static final int MAX_PENDING = 5 + 0xffff; // a TLS record header and the longest length it can claim

    private static final byte[] NOTHING = new byte[0];
    private byte[] pending = NOTHING;
    private int pendingLen;
    private final List<Piece> pendingPieces = new ArrayList<>();
    private boolean resyncing;
    private long lostBytes;

    /** Bytes were lost: drop any partial PDU and look for the next header. */
    public void gap(long length) {
        pendingLen = 0;
        pendingPieces.clear();
        resyncing = true;
        lostBytes += length;
    }

    public long lostBytes() { return lostBytes; }

    /** Where the partial PDU waiting for more bytes came from, or null. */
    public Piece firstPendingPiece() { return pendingPieces.isEmpty() ? null : pendingPieces.get(0); }

    /** Bytes waiting for the rest of their PDU. */
    public int pendingLength() { return pendingLen; }

    public void feed(StreamBytes sb, Framer framer, List<Out> out) {
        byte[] arr = sb.data();
        int off = sb.offset();
        int end = off + sb.length();
        if (pendingLen == 0) {
            int p = off;
            if (resyncing) {
                int q = framer.resync(arr, p, end);
                int stop = q < 0 ? end : q;
                if (stop > p) out.add(new Skipped(stop - p, List.of(piece(sb, p, 0, stop - p)), true));
                if (q < 0) return;
                resyncing = false;
                p = q;
            }
            while (p < end) {
                int len = framer.length(arr, p, end - p);
                if (len > 0 && p + len <= end) {
                    out.add(new Pdu(arr, p, len, List.of(piece(sb, p, 0, len))));
                    p += len;
                } else if (len >= 0) {
                    append(sb, p, end);
                    return;
                } else {
                    p = skip(sb, arr, p, end, framer, out);
                }
            }
            return;
        }
        append(sb, off, end);
        drainPending(framer, out);
    }

    private int skip(StreamBytes sb, byte[] arr, int p, int end, Framer framer, List<Out> out) {
        int q = framer.resync(arr, p + 1, end);
        int stop = q < 0 ? end : q;
        out.add(new Skipped(stop - p, List.of(piece(sb, p, 0, stop - p)), false));
        return stop;
    }

    private void drainPending(Framer framer, List<Out> out) {
        int p = 0;
        while (p < pendingLen) {
            int len = framer.length(pending, p, pendingLen - p);
            if (len > 0 && p + len <= pendingLen) {
                out.add(new Pdu(copy(p, len), 0, len, cut(p, len)));
                p += len;
            } else if (len >= 0) {
                break;
            } else {
                int q = framer.resync(pending, p + 1, pendingLen);
                int stop = q < 0 ? pendingLen : q;
                out.add(new Skipped(stop - p, cut(p, stop - p), false));
                p = stop;
            }
        }
        compact(p);
        if (pendingLen > MAX_PENDING) {
            out.add(new Skipped(pendingLen, cut(0, pendingLen), false));
            compact(pendingLen);
        }
    }

    private void append(StreamBytes sb, int from, int to) {
        int n = to - from;
        if (pendingLen + n > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(pendingLen + n, Math.min(2 * pending.length + 64, MAX_PENDING + n)));
        }
        System.arraycopy(sb.data(), from, pending, pendingLen, n);
        pendingPieces.add(piece(sb, from, pendingLen, n));
        pendingLen += n;
    }

    private byte[] copy(int from, int len) {
        byte[] b = new byte[len];
        System.arraycopy(pending, from, b, 0, len);
        return b;
    }

    /** The pieces covering pending[from, from+len), re-based to 0. */
    private List<Piece> cut(int from, int len) {
        List<Piece> out = new ArrayList<>(2);
        int to = from + len;
        for (Piece pc : pendingPieces) {
            int a = Math.max(from, pc.pduOffset());
            int b = Math.min(to, pc.pduOffset() + pc.length());
            if (a < b) out.add(new Piece(pc.frame(), pc.frameOffset() + (a - pc.pduOffset()), a - from, b - a));
        }
        return out;
    }

    /** Drops the first n pending bytes. */
    private void compact(int n) {
        if (n == 0) return;
        List<Piece> rest = cut(n, pendingLen - n);
        System.arraycopy(pending, n, pending, 0, pendingLen - n);
        pendingLen -= n;
        pendingPieces.clear();
        pendingPieces.addAll(rest);
        // Nothing pending: the buffer goes (a PDU taken from it is a copy). Kept, it stayed with every
        // connection whose last record had spanned segments: 2 KB a connection of a big capture.
        if (pendingLen == 0) pending = NOTHING;
    }

    private static Piece piece(StreamBytes sb, int arrOffset, int pduOffset, int len) {
        return new Piece(sb.frame(), sb.frameOffset() + (arrOffset - sb.offset()), pduOffset, len);
    }
}
