package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tlslens.analysis.AlertEvent;
import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;
import tlslens.explain.Explainer;
import tlslens.explain.Explanation;
import tlslens.explain.Notes;

/** Every arrow of every ladder of our captures finds its step and the note of its own type; ghosts theirs. */
class LadderNotesTest {

    @ParameterizedTest
    @ValueSource(strings = {"tls13_full_then_psk.pcap", "tls12_full_then_ticket.pcapng", "tls13_hrr.pcap",
            "tls13_psk_early_data.pcapng", "tls12_session_id.pcap"})
    void everyRowHasTheNoteOfItsType(String name) throws Exception {
        Path dir = Path.of("src/test/resources/captures");
        List<Connection> model = model(dir.resolve(name), dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".keylog"));
        Explainer explainer = new Explainer(model);
        int rows = 0;
        for (Connection c : model) {
            if (!c.tls()) continue;
            LadderModel m = LadderModel.of(c, null);
            for (int i = 0; i < m.rows().size(); i++) {
                LadderRow r = m.rows().get(i);
                Explanation e = LadderNotes.of(m, i, explainer);
                assertFalse(e.notes().isEmpty(), name + " row " + i + " " + r.label());
                String key = e.notes().get(0).key();
                switch (r.kind()) {
                    case MESSAGE, GHOST -> assertEquals(Integer.toString(r.handshakeType()), key, r.label());
                    case CHANGE_CIPHER_SPEC -> assertEquals(c.versionCode() == 0x0304 ? Notes.TLS13_CHANGE_CIPHER_SPEC : "20", key);
                    case ALERT -> {
                        AlertEvent a = c.alerts().stream().filter(x -> x.frame() == r.frame()).findFirst().orElseThrow();
                        assertEquals(Integer.toString(a.descriptionCode()), key);
                    }
                    default -> { }
                }
                if (r.kind() == LadderRow.Kind.GHOST) assertTrue(e.inContext().get(0).startsWith("This resumed handshake skipped it"));
                assertTrue(LadderNotes.text(e).contains(e.notes().get(0).referenceText()));
                rows++;
            }
        }
        assertTrue(rows > 10, name + ": " + rows + " rows");
    }

    private static List<Connection> model(Path file, Path keylog) throws IOException {
        Engine engine = new Engine(new TlsSecrets(KeyLog.read(keylog)));
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            RawFrame f;
            while ((f = r.next()) != null) engine.dissect(f);
        } catch (tlslens.capture.CaptureException e) {
            throw new IOException(e);
        }
        return ConnectionAnalyzer.analyze(engine.connections());
    }
}
