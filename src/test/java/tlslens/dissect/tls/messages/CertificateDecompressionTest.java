package tlslens.dissect.tls.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;

import org.junit.jupiter.api.Test;

/**
 * RFC 8879's rules for the decompressed message: exactly the announced length, else an error with
 * a reason (and never more than the announced length read). Brotli on real traffic is compared
 * with tshark by DecryptedMessagesAgreementTest and FieldAgreementTest (Chrome's compressed
 * certificate in ja4_chrome-cloudflare-quic-with-secrets).
 */
class CertificateDecompressionTest {
    private static final byte[] PLAIN = ("a Certificate message stands in here; "
            + "certificates repeat a lot, which is why they compress").repeat(40).getBytes(StandardCharsets.US_ASCII);

    private static byte[] zlib(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void zlibOfTheAnnouncedLengthDecompresses() throws Exception {
        CertificateDecompression.Result r = CertificateDecompression.decompress(CertificateDecompression.ZLIB, zlib(PLAIN),
                PLAIN.length);
        assertTrue(r.ok(), r.error());
        assertArrayEquals(PLAIN, r.bytes());
    }

    @Test
    void aLengthOtherThanTheAnnouncedOneIsAnError() throws Exception {
        byte[] z = zlib(PLAIN);
        CertificateDecompression.Result shorter = CertificateDecompression.decompress(CertificateDecompression.ZLIB, z,
                PLAIN.length + 10);
        assertFalse(shorter.ok());
        assertTrue(shorter.error().contains(PLAIN.length + " bytes, not the announced " + (PLAIN.length + 10)),
                shorter.error());
        CertificateDecompression.Result longer = CertificateDecompression.decompress(CertificateDecompression.ZLIB, z, 100);
        assertFalse(longer.ok());
        assertTrue(longer.error().contains("more than 100 bytes"), longer.error());
    }

    @Test
    void corruptOrCutDataIsAnErrorNotAnException() throws Exception {
        byte[] z = zlib(PLAIN);
        CertificateDecompression.Result cut = CertificateDecompression.decompress(CertificateDecompression.ZLIB,
                Arrays.copyOf(z, z.length / 2), PLAIN.length);
        assertFalse(cut.ok());
        byte[] junk = "not brotli at all, just text".getBytes(StandardCharsets.US_ASCII);
        CertificateDecompression.Result brotli = CertificateDecompression.decompress(CertificateDecompression.BROTLI, junk,
                1000);
        assertFalse(brotli.ok());
        assertTrue(brotli.error().startsWith("the data is not valid brotli") || brotli.error().contains("bytes, not the announced"),
                brotli.error());
    }

    @Test
    void zstdHasNoDecoderHereAndSaysNothing() {
        CertificateDecompression.Result r = CertificateDecompression.decompress(3, new byte[] {1, 2, 3}, 10);
        assertFalse(r.ok());
        assertNull(r.error());
        assertFalse(CertificateDecompression.supported(3));
    }

    @Test
    void aBombAnnouncingMoreThanTheCapIsRefusedWithoutInflatingIt() throws Exception {
        // 16 MiB of zeros in ~16 KB of zlib: announced honestly, still more than any chain needs.
        int big = (1 << 24) - 1;
        byte[] bomb = zlib(new byte[big]);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        CertificateDecompression.Result r = CertificateDecompression.decompress(CertificateDecompression.ZLIB, bomb, big);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertFalse(r.ok());
        assertTrue(r.error().contains("exceed the " + CertificateDecompression.MAX_UNCOMPRESSED), r.error());
        assertTrue(allocated < CertificateDecompression.MAX_UNCOMPRESSED, "allocated " + allocated);
        byte[] atCap = new byte[CertificateDecompression.MAX_UNCOMPRESSED];
        assertTrue(CertificateDecompression.decompress(CertificateDecompression.ZLIB, zlib(atCap), atCap.length).ok());
    }

    @Test
    void aBrotliHeaderDeclaringAHugeWindowIsRefusedBeforeTheDecoderAllocatesIt() {
        // The fuzzer's finding: 23 bytes whose brotli header declares a 16 MiB window (WBITS 24).
        byte[] stream = "OOOOOOOOOOOOOOOOOOOOOO\u0010\u0000&".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(CertificateDecompression.brotliWindowBits(stream) == 24);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        CertificateDecompression.Result r = CertificateDecompression.decompress(CertificateDecompression.BROTLI, stream, 20303);
        assertTrue(threads.getCurrentThreadAllocatedBytes() - before < 1 << 20);
        assertFalse(r.ok());
        assertTrue(r.error().contains("brotli window of 16 MiB exceeds the 4 MiB accepted"), r.error());
        // brotli's default window (WBITS 22, as Chrome sends) is still decoded
        assertTrue(CertificateDecompression.brotliWindowBits(new byte[] {0x0b}) == 22);
    }
}
