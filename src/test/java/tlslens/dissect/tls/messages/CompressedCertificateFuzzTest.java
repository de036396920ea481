package tlslens.dissect.tls.messages;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.fuzz.FuzzContract;

/**
 * Compressed certificates (RFC 8879): {@code [algorithm][announced length, 3 bytes][compressed]},
 * zlib and brotli bombs included: what comes out is bounded whatever the claim and the ratio.
 */
class CompressedCertificateFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void compressedCertificate(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length < 4) return;
        int algorithm = 1 + (data[0] & 1);
        int announced = ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        byte[] compressed = java.util.Arrays.copyOfRange(data, 4, data.length);
        FuzzContract.twice(data.length, FuzzContract.Bounds.DISSECTOR, () -> {
            CertificateDecompression.Result r = CertificateDecompression.decompress(algorithm, compressed, announced);
            if (r.ok() && r.bytes().length != announced) throw new AssertionError("length " + r.bytes().length + " != " + announced);
            if (r.ok() && r.bytes().length > CertificateDecompression.MAX_UNCOMPRESSED) throw new AssertionError("over the cap");
            return r.ok() ? "ok " + java.util.Arrays.hashCode(r.bytes()) : "error " + r.error();
        });
    }
}
