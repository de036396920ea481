package tlslens.dissect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A read-only view of bytes [start, end) of one {@link DataSource} (Wireshark's tvbuff).
 * Offsets passed to the accessors are absolute within the source, so nodes keep byte ranges
 * that the hex pane can highlight directly. Accessors never throw: reads past the end return 0
 * and callers check {@link #has} first (see {@link ProtoNode#add}).
 */
public final class Tvb {
    public final byte[] data;
    public final int source;
    public final int start;
    public final int end;

    public Tvb(byte[] data, int source, int start, int end) {
        this.data = data;
        this.source = source;
        this.start = Math.max(0, start);
        this.end = Math.min(data.length, Math.max(this.start, end));
    }

    public Tvb(byte[] data, int source) { this(data, source, 0, data.length); }

    /** A narrower view; bounds are clamped to this one. */
    public Tvb slice(int from, int to) {
        return new Tvb(data, source, Math.max(start, from), Math.min(end, to));
    }

    public int length() { return end - start; }

    /** True when [off, off+len) lies inside this view. */
    public boolean has(int off, int len) { return off >= start && len >= 0 && (long) off + len <= end; }

    /** How many of the len bytes from off are actually present. */
    public int available(int off, int len) {
        if (off >= end || off < start) return 0;
        return (int) Math.min(len, (long) end - off);
    }

    public int u8(int off) { return has(off, 1) ? data[off] & 0xff : 0; }

    public int u16(int off) { return has(off, 2) ? ((data[off] & 0xff) << 8) | (data[off + 1] & 0xff) : 0; }

    public int u24(int off) {
        return has(off, 3) ? ((data[off] & 0xff) << 16) | ((data[off + 1] & 0xff) << 8) | (data[off + 2] & 0xff) : 0;
    }

    public long u32(int off) {
        if (!has(off, 4)) return 0;
        return ((long) (data[off] & 0xff) << 24) | ((data[off + 1] & 0xff) << 16) | ((data[off + 2] & 0xff) << 8)
                | (data[off + 3] & 0xff);
    }

    public long uint(int off, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) v = (v << 8) | u8(off + i);
        return v;
    }

    public int u16le(int off) { return has(off, 2) ? (data[off] & 0xff) | ((data[off + 1] & 0xff) << 8) : 0; }

    public long u32le(int off) {
        if (!has(off, 4)) return 0;
        return (data[off] & 0xff) | ((data[off + 1] & 0xff) << 8) | ((data[off + 2] & 0xff) << 16)
                | ((long) (data[off + 3] & 0xff) << 24);
    }

    /** Copy of the bytes present in [off, off+len), clamped to the view. */
    public byte[] bytes(int off, int len) {
        int n = available(off, len);
        return n <= 0 ? new byte[0] : Arrays.copyOfRange(data, off, off + n);
    }

    public String ascii(int off, int len) { return new String(bytes(off, len), StandardCharsets.ISO_8859_1); }

    public String utf8(int off, int len) { return new String(bytes(off, len), StandardCharsets.UTF_8); }
}
