package tlslens.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

import io.airlift.compress.zstd.ZstdInputStream;

/**
 * The bytes of a capture as one forward-only stream, decompressed when the file is compressed.
 * The compression is told by the first bytes, as Wireshark does, not by the file's name: gzip
 * ({@code 1f 8b}, java.util.zip, several members allowed), Zstandard ({@code 28 b5 2f fd},
 * aircompressor's pure-Java frame decoder) and LZ4 frames ({@code 04 22 4d 18}, Commons
 * Compress's pure-Java frame decoder). Each was chosen because it decodes the <em>frame</em>
 * format that the {@code zstd} and {@code lz4} commands write, from a stream: aircompressor has
 * no LZ4 frame stream (only Hadoop's framing), and Commons Compress decodes Zstandard only through
 * the native zstd-jni.
 */
final class CaptureSource {
    /** Bytes read from the underlying stream at a time. */
    static final int BUFFER = 1 << 16;

    enum Compression {
        NONE(null), GZIP("gzip"), ZSTD("zstd"), LZ4("lz4");

        final String label;

        Compression(String label) { this.label = label; }
    }

    private CaptureSource() {}

    /** What the stream starts with (it must support mark/reset, as BufferedInputStream does). */
    static Compression sniff(InputStream in) throws IOException {
        in.mark(4);
        byte[] m = in.readNBytes(4);
        in.reset();
        if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) return Compression.GZIP;
        if (m.length < 4) return Compression.NONE;
        int le = (m[0] & 0xff) | (m[1] & 0xff) << 8 | (m[2] & 0xff) << 16 | (m[3] & 0xff) << 24;
        if (le == 0xFD2FB528) return Compression.ZSTD;
        if (le == 0x184D2204) return Compression.LZ4;
        return Compression.NONE;
    }

    /** {@code raw} decompressed as {@code c} says (raw itself for NONE). */
    static InputStream decompress(InputStream raw, Compression c) throws IOException {
        switch (c) {
            case GZIP: return new GZIPInputStream(raw, BUFFER);
            case ZSTD: return new ZstdInputStream(raw);
            case LZ4: return new FramedLZ4CompressorInputStream(raw, true);
            default: return raw;
        }
    }

    /** Buffered for sniffing. */
    static BufferedInputStream buffered(InputStream in) {
        return in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, BUFFER);
    }

    /** A stream that remembers whether its end was reached. */
    static final class EndSeen extends java.io.FilterInputStream {
        private volatile boolean seen;
        /** Bytes of the file read so far (before decompression): a load's progress, read by another thread. */
        private volatile long count;

        EndSeen(InputStream in) { super(in); }

        boolean seen() { return seen; }

        long count() { return count; }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) seen = true;
            else count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) seen = true;
            else count += n;
            return n;
        }
    }
}
