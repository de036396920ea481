package tlslens.ui.decrypt;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;

/** For the tests: a capture indexed as the window does, with its key log and embedded secrets. */
public final class KeyedCaptures {
    private KeyedCaptures() {}

    /** The whole capture in a CaptureIndex, with the key log (null: none) and the file's embedded secrets. */
    public static CaptureIndex index(Path capture, Path keylog) {
        if (!Files.exists(capture)) fail("capture missing: " + capture.toAbsolutePath());
        CaptureKeys keys = CaptureKeys.load(keylog, capture);
        try (CaptureFileReader r = CaptureFileReader.open(capture)) {
            CaptureIndex idx = new CaptureIndex(r.linkType(), keys.secrets());
            RawFrame f;
            while ((f = r.next()) != null) idx.add(f);
            return idx;
        } catch (Exception e) {
            throw new AssertionError("cannot read " + capture, e);
        }
    }
}
