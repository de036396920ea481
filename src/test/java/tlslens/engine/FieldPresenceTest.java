package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.Expert;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.RobustnessTest;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * What {@link FieldPresence} leaves out of its walk, the subtrees of the thinned layers (frame,
 * Ethernet, IP, TCP, UDP), holds only those layers' fields and notes: a filter on any other field
 * finds every frame that holds it. Full trees (the most any pass builds), decrypted too.
 */
class FieldPresenceTest {
    @Test
    void thinnedLayersHoldOnlyTheirOwnFields() throws Exception {
        int frames = 0;
        for (Path cap : RobustnessTest.captures()) frames += check(cap, null);
        Path dir = Path.of("src/test/resources/captures");
        frames += check(dir.resolve("tls12_resumption_keys.pcapng"),
                new TlsSecrets(KeyLog.read(dir.resolve("tls12_resumption_keys.keylog"))));
        frames += check(dir.resolve("tls13_psk_early_data.pcapng"),
                new TlsSecrets(KeyLog.read(dir.resolve("tls13_psk_early_data.keylog"))));
        assertTrue(frames > 1000, "frames checked: " + frames);
    }

    @Test
    @UsesPublicCaptures
    void thinnedLayersHoldOnlyTheirOwnFieldsInPublicCaptures() throws Exception {
        int frames = 0;
        for (String name : PublicCaptures.ASSORTED) {
            frames += check(PublicCaptures.of(name), null);
        }
        assertTrue(frames > 100, "frames checked: " + frames);
    }

    /** Checks every frame's full tree; returns the frames checked (0 for a file that is no capture). */
    private static int check(Path cap, TlsSecrets secrets) throws Exception {
        List<String> wrong = new ArrayList<>();
        int n;
        try (CaptureFileReader r = CaptureFileReader.open(cap); CaptureIndex index = new CaptureIndex(r.linkType(), secrets)) {
            index.interfaces(r.interfaces());
            for (RawFrame raw; (raw = r.next()) != null; ) {
                RawFrame f = raw;
                ProtoNode root = index.add(f, true).root;
                for (ProtoNode top : root.children()) {
                    if (top.field == null || !LightTree.ofThinnedLayer(top.field.abbrev)) continue;
                    top.walk(node -> {
                        if (node.field != null && !LightTree.ofThinnedLayer(node.field.abbrev)) wrong.add(f.number() + ": " + node.field.abbrev);
                        for (Expert e : node.experts()) {
                            if (e.def().field != null && !LightTree.ofThinnedLayer(e.def().field.abbrev)) {
                                wrong.add(f.number() + ": note " + e.def().field.abbrev);
                            }
                        }
                    });
                }
            }
            n = index.frameCount();
        } catch (tlslens.capture.CaptureException e) {
            return 0; // a capture made unreadable on purpose
        }
        assertTrue(wrong.isEmpty(), cap.getFileName() + ": fields below a thinned layer " + wrong.subList(0, Math.min(10, wrong.size())));
        return n;
    }
}
