package tlslens.ui.controls;

import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.engine.Engine;

/** Frames of the public captures, dissected the way the window does (frames 1..n in order). */
final class CaptureFrames {
    static final Path PUBLIC = PublicCaptures.DIR;

    private CaptureFrames() {}

    static Path capture(String name) {
        return PublicCaptures.of(name);
    }

    /** Frame {@code number} of the capture, after dissecting every frame before it. */
    static FrameDissection frame(String name, int number) {
        try (CaptureFileReader r = CaptureFileReader.open(capture(name))) {
            Engine engine = new Engine().interfaces(r.interfaces()); // as the window and the CLI build trees
            RawFrame f;
            while ((f = r.next()) != null) {
                FrameDissection fd = engine.dissect(f);
                if (fd.number == number) return fd;
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read " + name, e);
        }
        return fail(name + " has no frame " + number);
    }

    /** The first node of the field anywhere in the tree (hidden ones too). */
    static ProtoNode node(FrameDissection fd, String abbrev) {
        ProtoNode n = fd.root.first(abbrev);
        assertNotNull(n, "frame " + fd.number + " has no " + abbrev);
        return n;
    }

    /** The first node whose label starts with {@code prefix}. */
    static ProtoNode labelled(FrameDissection fd, String prefix) {
        ProtoNode[] found = new ProtoNode[1];
        fd.root.walk(n -> {
            if (found[0] == null && n != fd.root && n.text().startsWith(prefix)) found[0] = n;
        });
        assertNotNull(found[0], "frame " + fd.number + " has no item \"" + prefix + "...\"");
        return found[0];
    }
}
