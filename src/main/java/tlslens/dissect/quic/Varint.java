package tlslens.dissect.quic;

import tlslens.dissect.Tvb;

/** QUIC's variable-length integers (RFC 9000 16): two high bits give the length, 1, 2, 4 or 8 bytes. */
final class Varint {
    private Varint() {}

    /** Encoded length of the varint at off (1, 2, 4 or 8); 0 when it does not fit before end. */
    static int length(Tvb tvb, int off, int end) {
        if (off >= end || !tvb.has(off, 1)) return 0;
        int n = 1 << (tvb.u8(off) >> 6);
        return off + n <= end && tvb.has(off, n) ? n : 0;
    }

    /** The value of the varint at off (its length checked by {@link #length}). */
    static long value(Tvb tvb, int off) {
        int n = 1 << (tvb.u8(off) >> 6);
        long v = tvb.u8(off) & 0x3f;
        for (int i = 1; i < n; i++) v = (v << 8) | tvb.u8(off + i);
        return v;
    }
}
