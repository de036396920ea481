package tlslens.dissect.tls.decrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

/**
 * TLS DEFLATE compression (RFC 3749): each decrypted record is the next piece of one zlib stream, and
 * decompresses to at most 2^14 + 1024 bytes (RFC 5246 6.2.2). A record that inflates past that (a
 * bomb: 1 MiB of zeros is about 1 KB) is cut at the limit with a note, instead of being inflated whole.
 */
class DeflateRecordTest {
    private static byte[] deflate(Deflater d, byte[] data) {
        d.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0; ) out.write(buf, 0, n);
        return out.toByteArray();
    }

    private static ConnectionDecryptor.Decrypted plain(byte[] b) {
        return new ConnectionDecryptor.Decrypted(b, 23, "test", null, false);
    }

    @Test
    void recordsOfOneStreamInflateInTurnAndABombIsCutAtTheLimitWithANote() {
        ConnectionDecryptor c = new ConnectionDecryptor(null);
        Deflater d = new Deflater();
        Inflater inf = new Inflater();
        byte[] hello = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes();
        ConnectionDecryptor.Decrypted first = c.inflate(inf, plain(deflate(d, hello)));
        assertArrayEquals(hello, first.plaintext());
        assertNull(first.error());

        byte[] full = new byte[ConnectionDecryptor.MAX_DECOMPRESSED];
        Arrays.fill(full, (byte) 'a');
        ConnectionDecryptor.Decrypted atLimit = c.inflate(inf, plain(deflate(d, full)));
        assertArrayEquals(full, atLimit.plaintext(), "a record of exactly 2^14 + 1024 bytes is whole");
        assertNull(atLimit.error());

        byte[] bomb = deflate(d, new byte[1 << 20]);
        assertTrue(bomb.length < 4096, bomb.length + " bytes");
        ConnectionDecryptor.Decrypted cut = c.inflate(inf, plain(bomb));
        assertEquals(ConnectionDecryptor.MAX_DECOMPRESSED, cut.plaintext().length);
        assertTrue(cut.ok());
        assertEquals("DEFLATE record decompresses to more than 2^14 + 1024 bytes: cut there", cut.error());
    }
}
