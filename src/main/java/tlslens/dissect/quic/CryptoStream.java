package tlslens.dissect.quic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One direction's CRYPTO stream in one packet number space: CRYPTO frames' data put back in order
 * by offset (RFC 9000 19.6), so that a handshake message split over frames and packets (a Client
 * Hello with a post-quantum key share spans two Initials) is handed to TLS whole.
 */
final class CryptoStream {
    /** Refuse to buffer more than this many bytes ahead of the delivered point. */
    private static final long MAX_AHEAD = 1 << 20;

    private final TreeMap<Long, byte[]> pieces = new TreeMap<>();
    /** Bytes [0, delivered) were handed on. */
    private long delivered;
    /** Fragments of the message being completed: frame number, stream offset, length. */
    private final List<long[]> fragments = new ArrayList<>();

    /** Adds a frame's data at offset; false when it lies too far ahead to keep. */
    boolean add(long frame, long offset, byte[] data) {
        if (data.length == 0) return true;
        if (offset + data.length <= delivered) return true; // retransmitted data already delivered
        if (offset - delivered > MAX_AHEAD) return false;
        pieces.merge(offset, data, (a, b) -> a.length >= b.length ? a : b);
        fragments.add(new long[] {frame, offset, data.length});
        return true;
    }

    /**
     * The whole handshake messages that are now contiguous from the delivered point (null when
     * none): they are taken out of the stream.
     */
    byte[] takeMessages() {
        byte[] run = contiguous();
        int whole = 0;
        while (whole + 4 <= run.length) {
            int len = 4 + (((run[whole + 1] & 0xff) << 16) | ((run[whole + 2] & 0xff) << 8) | (run[whole + 3] & 0xff));
            if (whole + len > run.length) break;
            whole += len;
        }
        if (whole == 0) return null;
        byte[] out = java.util.Arrays.copyOf(run, whole);
        delivered += whole;
        while (!pieces.isEmpty() && pieces.firstKey() + pieces.firstEntry().getValue().length <= delivered) {
            pieces.pollFirstEntry();
        }
        return out;
    }

    /** The fragments seen since the last call whose bytes lie below {@code upTo}: for the "Reassembled" tree. */
    List<long[]> fragmentsBelow(long from, long upTo) {
        List<long[]> out = new ArrayList<>();
        for (long[] f : fragments) if (f[1] < upTo && f[1] + f[2] > from) out.add(f);
        out.sort(java.util.Comparator.<long[]>comparingLong(f -> f[1]).thenComparingLong(f -> f[0]));
        fragments.removeIf(f -> f[1] + f[2] <= upTo);
        return out;
    }

    long delivered() { return delivered; }

    private byte[] contiguous() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long at = delivered;
        for (var e : pieces.entrySet()) {
            long start = e.getKey();
            byte[] b = e.getValue();
            if (start > at) break;
            long skip = at - start;
            if (skip >= b.length) continue;
            out.write(b, (int) skip, (int) (b.length - skip));
            at = start + b.length;
        }
        return out.toByteArray();
    }
}
