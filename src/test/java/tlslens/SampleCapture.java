package tlslens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tlslens.capture.CaptureException;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.DecryptionSecrets;

/**
 * The bundled sample (issue 13 §2: made by the lesson lab, its keys embedded) as the tests use it:
 * as it is, its embedded key log as a file (for tests that hand keys over themselves), and the same
 * traffic without its Decryption Secrets Block (for tests about a capture without keys).
 */
public final class SampleCapture {
    public static final Path PATH = Path.of("src/main/resources/sample/tls-sample.pcapng");

    private SampleCapture() {}

    /** The key log text embedded in the sample. */
    public static String keyLogText() {
        return String.join("", DecryptionSecrets.tlsKeyLogs(PATH));
    }

    /** The embedded key log written to {@code dir}/sample.keylog. */
    public static Path keyLog(Path dir) throws IOException {
        Path f = dir.resolve("sample.keylog");
        Files.writeString(f, keyLogText(), StandardCharsets.ISO_8859_1);
        return f;
    }

    /** The sample's blocks but its Decryption Secrets Blocks, written to {@code dir}/sample-nokeys.pcapng. */
    public static Path withoutKeys(Path dir) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(PATH)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(in.capacity());
        while (in.remaining() >= 12) {
            int type = in.getInt(in.position());
            int len = in.getInt(in.position() + 4);
            if (len < 12 || len > in.remaining()) throw new IOException("not a little-endian pcapng block at " + in.position());
            if (type != DecryptionSecrets.BLOCK_TYPE) out.put(in.array(), in.position(), len);
            in.position(in.position() + len);
        }
        Path f = dir.resolve("sample-nokeys.pcapng");
        Files.write(f, java.util.Arrays.copyOf(out.array(), out.position()));
        return f;
    }

    /** The number of frames in the sample, as read from it. */
    public static int frames() {
        try (CaptureFileReader r = CaptureFileReader.open(PATH)) {
            int n = 0;
            while (r.next() != null) n++;
            return n;
        } catch (CaptureException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
