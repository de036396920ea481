package tlslens;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tlslens.capture.CaptureException;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;

/** A capture file's frames and link type, read whole: what tests that feed an engine by hand start from. */
public final class CaptureFrames {
    private CaptureFrames() {}

    /** Every frame of the file, in order (up to the damage, for a truncated file). */
    public static List<RawFrame> read(Path file) throws CaptureException {
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            for (RawFrame f; (f = r.next()) != null; ) frames.add(f);
        }
        return frames;
    }

    /** The file's link type (of its first interface). */
    public static int linkType(Path file) throws CaptureException {
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            return r.linkType();
        }
    }
}
