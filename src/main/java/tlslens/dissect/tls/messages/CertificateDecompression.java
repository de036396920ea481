package tlslens.dissect.tls.messages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.InflaterInputStream;

import org.brotli.dec.BrotliInputStream;

/**
 * RFC 8879 certificate decompression, the algorithms tshark 4.0 decompresses: zlib (1, RFC 1950,
 * the JDK's Inflater) and brotli (2, Google's reference decoder). zstd (3) is shown compressed,
 * as tshark 4.0 does. The announced uncompressed length bounds what is read: a peer's bytes never
 * make us inflate more than that.
 */
final class CertificateDecompression {
    static final int ZLIB = 1;
    static final int BROTLI = 2;
    /**
     * What is decompressed at most: far beyond any real chain (RFC 8879 allows 2^24), and a bomb of a
     * hundred brotli bytes announcing 16 MiB costs no more than this.
     */
    static final int MAX_UNCOMPRESSED = 1 << 20;

    /** The uncompressed bytes, or why there are none (the error is null when the algorithm has no decoder here). */
    record Result(byte[] bytes, String error) {
        boolean ok() { return bytes != null; }
    }

    private CertificateDecompression() {}

    /**
     * The largest brotli window accepted (4 MiB, brotli's default and Chrome's): the decoder allocates
     * the window the stream's header declares before reading anything, so 27 bytes declaring 16 MiB
     * allocated 16 MiB (found by CompressedCertificateFuzzTest).
     */
    static final int MAX_BROTLI_WINDOW_BITS = 22;

    static boolean supported(int algorithm) { return algorithm == ZLIB || algorithm == BROTLI; }

    /** RFC 7932 9.1: the window bits (WBITS) a brotli stream's header declares; -1 when there is none. */
    static int brotliWindowBits(byte[] b) {
        if (b.length == 0) return -1;
        int x = b[0] & 0xff; // bits are read from the least significant
        if ((x & 1) == 0) return 16;
        int n = (x >> 1) & 7;
        if (n != 0) return 17 + n;
        int m = (x >> 4) & 7;
        return m == 0 ? 17 : 8 + m; // m == 1 (9) is invalid: the decoder says so
    }

    static Result decompress(int algorithm, byte[] compressed, int uncompressedLength) {
        if (!supported(algorithm)) return new Result(null, null);
        if (algorithm == BROTLI) {
            int wbits = brotliWindowBits(compressed);
            if (wbits > MAX_BROTLI_WINDOW_BITS) {
                return new Result(null, "the brotli window of " + (1 << wbits >> 20) + " MiB exceeds the "
                        + (1 << MAX_BROTLI_WINDOW_BITS >> 20) + " MiB accepted");
            }
        }
        if (uncompressedLength > MAX_UNCOMPRESSED) {
            return new Result(null, "the announced " + uncompressedLength + " bytes exceed the " + MAX_UNCOMPRESSED
                    + " bytes decompressed at most");
        }
        try (InputStream in = algorithm == ZLIB
                ? new InflaterInputStream(new ByteArrayInputStream(compressed))
                : new BrotliInputStream(new ByteArrayInputStream(compressed))) {
            // One byte more than announced tells "longer than announced" from "exactly that".
            byte[] out = in.readNBytes(uncompressedLength + 1);
            if (out.length != uncompressedLength) {
                return new Result(null, "the data decompresses to " + (out.length > uncompressedLength ? "more than " : "")
                        + Math.min(out.length, uncompressedLength) + " bytes, not the announced " + uncompressedLength);
            }
            return new Result(out, null);
        } catch (IOException | RuntimeException e) {
            // Both decoders report corrupt input as IOException; brotli also as IllegalStateException.
            return new Result(null, "the data is not valid " + (algorithm == ZLIB ? "zlib" : "brotli")
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }
}
