package tlslens.analysis;

import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.Engine;

/** Where the test captures are, and the connection model of a capture or of a list of frames. */
final class Captures {
    static final Path OURS = Path.of("src/test/resources/captures");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** Public captures, relative to the repository root (surefire's working directory). */
    static final Path PUBLIC = PublicCaptures.DIR;

    private Captures() {}

    static List<RawFrame> frames(Path file) {
        if (!Files.exists(file)) fail("capture missing: " + file.toAbsolutePath());
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            RawFrame f;
            while ((f = r.next()) != null) frames.add(f);
        } catch (Exception e) {
            fail("cannot read " + file + ": " + e);
        }
        return frames;
    }

    /** The model of a capture dissected with a key log (TLS 1.3 tickets become visible). */
    static List<Connection> model(Path file, Path keylog) {
        tlslens.dissect.tls.decrypt.TlsSecrets secrets;
        try {
            secrets = new tlslens.dissect.tls.decrypt.TlsSecrets(tlslens.dissect.tls.decrypt.KeyLog.read(keylog));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + keylog, e);
        }
        Engine engine = new Engine(secrets);
        for (RawFrame f : frames(file)) engine.dissect(f);
        return ConnectionAnalyzer.analyze(engine.connections());
    }

    static List<Connection> model(List<RawFrame> frames) {
        Engine engine = new Engine();
        for (RawFrame f : frames) engine.dissect(f);
        return ConnectionAnalyzer.analyze(engine.connections());
    }

    static List<Connection> model(Path file) { return model(frames(file)); }

    /** Every connection of the capture: TCP's, then QUIC's and DTLS's (as --connections and the window see them). */
    static List<Connection> modelAll(Path file) {
        Engine engine = new Engine();
        for (RawFrame f : frames(file)) engine.dissect(f);
        return ConnectionAnalyzer.analyze(engine.allConnections());
    }

    /** As {@link #modelAll(Path)}, decrypting with the key log. */
    static List<Connection> modelAll(Path file, Path keylog) {
        tlslens.dissect.tls.decrypt.TlsSecrets secrets;
        try {
            secrets = new tlslens.dissect.tls.decrypt.TlsSecrets(tlslens.dissect.tls.decrypt.KeyLog.read(keylog));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + keylog, e);
        }
        Engine engine = new Engine(secrets);
        for (RawFrame f : frames(file)) engine.dissect(f);
        return ConnectionAnalyzer.analyze(engine.allConnections());
    }

    static Path publicCapture(String name) {
        return PublicCaptures.of(name);
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }
}
