package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.CaptureFrames;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * Keys that arrive after some of a capture's frames were indexed (a live capture's watched key log,
 * issue 12 item 1): the connections they open are dissected again and the capture's engine goes on
 * from their new state, so every frame, before and after the keys, reads as it does when the keys
 * were there from the start. Checked at every point of arrival.
 */
class RekeyTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");



    private static String row(FrameSummary s) { return s.protocol() + " | " + s.info(); }

    private static List<String> states(CaptureIndex idx) {
        return idx.withConnections(cs -> cs.stream()
                .map(c -> c.index() + " " + (c.tls() == null ? "-" : c.tls().decryption().state())).toList());
    }

    @Test
    void keysArrivingAtAnyFrameGiveTheDissectionOfKeysFromTheStart() throws Exception {
        int checked = 0;
        for (String name : List.of("tls13_full_then_psk.pcap", "tls13_key_update.pcapng", "tls12_cbc.pcapng",
                "tls12_session_id.pcap")) {
            Path cap = CAPTURES.resolve(name);
            KeyLog log = KeyLog.read(CAPTURES.resolve(name.replaceAll("\\.pcap(ng)?$", ".keylog")));
            List<RawFrame> frames = CaptureFrames.read(cap);
            int link = CaptureFrames.linkType(cap);
            List<String> expected = new ArrayList<>();
            List<String> expectedStates;
            try (CaptureIndex ref = new CaptureIndex(link, new TlsSecrets(log))) {
                for (RawFrame f : frames) ref.add(f, false);
                for (int n = 1; n <= frames.size(); n++) expected.add(row(ref.summary(n)));
                expectedStates = states(ref);
            }
            assertTrue(expected.stream().anyMatch(r -> r.contains("Finished") || r.contains("HTTP")), name + ": decrypts");
            int step = Math.max(1, frames.size() / 40);
            for (int arrival = 0; arrival <= frames.size(); arrival += step) {
                TlsSecrets secrets = new TlsSecrets();
                try (CaptureIndex idx = new CaptureIndex(link, secrets)) {
                    for (int i = 0; i <= frames.size(); i++) {
                        if (i == arrival) {
                            secrets.add(log);
                            for (int stream : idx.rekeyable(false)) idx.redissect(stream, false, fd -> { });
                        }
                        if (i < frames.size()) idx.add(frames.get(i), false);
                    }
                    for (int n = 1; n <= frames.size(); n++) {
                        assertEquals(expected.get(n - 1), row(idx.summary(n)), name + ", keys before frame " + (arrival + 1)
                                + ": frame " + n);
                    }
                    assertEquals(expectedStates, states(idx), name + ", keys before frame " + (arrival + 1));
                    checked++;
                }
            }
        }
        assertTrue(checked > 40, "checked " + checked);
    }
}
