package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.RobustnessTest;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.ui.model.ColouringRule;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.Rgb;

/**
 * A first pass in sparse trees (only the colouring rules' fields kept: {@link LightTree#sparse})
 * records what a pass in whole light trees records: every frame's columns, its colour, which
 * fields its tree held ({@link FieldPresence}, learnt from the keep checks), and the connections'
 * state. On every capture of ours (decrypted where it has a key log) and some public ones, with
 * the default colouring rules and with rules on other fields.
 */
class SparseFirstPassTest {
    /** Rules on fields the default ones do not read: a string, values of the handshake, records, TCP, ICMP. */
    private static final ColouringRules OTHER = ColouringRules.of(List.of(
            rule("tls.handshake.extensions_server_name contains \"a\""), rule("icmp.type == 3"),
            rule("tls.handshake.version == 0x0303"), rule("tls.handshake.ciphersuite == 0x1301"),
            rule("tls.record.content_type == 23 && tls.record.length > 100"), rule("tcp.flags.syn == 1")));

    private static ColouringRule rule(String filter) { return new ColouringRule(filter, filter, new Rgb(0, 0, 0), new Rgb(1, 1, 1), true); }

    @Test
    void sparseTreesRecordWhatLightTreesRecord() throws Exception {
        int frames = 0;
        for (Path cap : RobustnessTest.captures()) {
            TlsSecrets secrets = RobustnessTest.secretsBeside(cap);
            frames += check(cap, secrets, ColouringRules.defaults());
            frames += check(cap, secrets, OTHER);
        }
        assertTrue(frames > 2000, "frames checked: " + frames);
    }

    @Test
    @UsesPublicCaptures
    void sparseTreesRecordWhatLightTreesRecordInPublicCaptures() throws Exception {
        int frames = 0;
        for (String name : PublicCaptures.ASSORTED) {
            frames += check(PublicCaptures.of(name), null, ColouringRules.defaults());
        }
        assertTrue(frames > 100, "frames checked: " + frames);
    }

    @Test
    void rulesReadingExpertItemsOrUnknownNamesKeepWholeLightTrees() {
        assertNotNull(LightTree.sparse(ColouringRules.defaults().fields()));
        assertNull(LightTree.sparse(List.of("tls", "_ws.expert")));
        assertNull(LightTree.sparse(List.of("tls.no_such_field")));
        assertNull(LightTree.sparse(List.of("x509sat.printableString"))); // below a certificate: not in lean trees
    }

    /** Loads the capture both ways; returns the frames compared (0 for a file that is no capture). */
    private static int check(Path cap, TlsSecrets secrets, ColouringRules rules) throws Exception {
        List<String> keep = LightTree.sparse(rules.fields());
        assertNotNull(keep, rules.fields().toString());
        List<String> wrong = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(cap);
                CaptureIndex light = new CaptureIndex(r.linkType(), secrets);
                CaptureIndex sparse = new CaptureIndex(r.linkType(), secrets)) {
            light.interfaces(r.interfaces());
            sparse.interfaces(r.interfaces());
            for (RawFrame f; (f = r.next()) != null; ) {
                FrameDissection a = light.add(f, false);
                FrameDissection b = sparse.add(f, false, keep);
                int n = f.number();
                if (!light.summary(n).equals(sparse.summary(n))) wrong.add(n + ": " + light.summary(n) + " / " + sparse.summary(n));
                if (rules.colourOf(a) != rules.colourOf(b)) wrong.add(n + ": colour " + rules.colourOf(a) + " / " + rules.colourOf(b));
                if (!java.util.Objects.equals(light.fieldsHeld(n), sparse.fieldsHeld(n))) {
                    wrong.add(n + ": fields " + light.fieldsHeld(n) + " / " + sparse.fieldsHeld(n));
                }
            }
            String before = light.withConnections(SparseFirstPassTest::describe);
            assertEquals(before, sparse.withConnections(SparseFirstPassTest::describe), cap.getFileName() + ": connections");
            assertTrue(wrong.isEmpty(), cap.getFileName() + ": " + wrong.size() + " frames differ, " + wrong.subList(0, Math.min(5, wrong.size())));
            return light.frameCount();
        } catch (tlslens.capture.CaptureException e) {
            return 0; // a capture made unreadable on purpose
        }
    }

    /** What the connection model reads of each connection, in short. */
    private static String describe(List<ConnectionState> all) {
        StringBuilder sb = new StringBuilder();
        for (ConnectionState c : all) {
            sb.append(c.index()).append(' ').append(c.transport());
            if (c.tls() != null) {
                sb.append(" tls ").append(c.tls().decryption().state()).append(' ').append(c.tls().clientHello() != null)
                        .append(' ').append(c.tls().serverHello() != null);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
