package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.CaptureFrames;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * Issue 15: a key log that arrives after QUIC or DTLS frames were indexed (loaded with the capture
 * open, or a live capture's watched key log) opens them in place: the UDP frames are dissected
 * again, the capture's engine goes on from their new state, and every row and connection reads as
 * when the keys were there from the start (which UdpAgreementTest compares with tshark 4.0).
 * Checked at many points of arrival; once with the secrets replaced as the window does.
 */
class UdpRekeyTest {
    private static final Path CAPTURES = Path.of("src/test/resources/captures");



    private static String row(FrameSummary s) { return s.protocol() + " | " + s.info(); }

    /** What the connection model says of each connection that a key log changes. */
    private static List<String> model(CaptureIndex idx) {
        return idx.withConnections(cs -> ConnectionAnalyzer.analyze(cs).stream().map(UdpRekeyTest::describe).toList());
    }

    private static String describe(Connection c) {
        return c.label() + " established=" + c.established() + " decryption="
                + (c.decryption() == null ? "-" : c.decryption().state()) + " resumedFrom=" + c.resumedFromKey() + " "
                + c.handshake();
    }

    private static void check(Path cap, Path keyLog, int points) throws Exception {
        String name = cap.getFileName().toString();
        KeyLog log = KeyLog.read(keyLog);
        List<RawFrame> frames = CaptureFrames.read(cap);
        int link = CaptureFrames.linkType(cap);
        List<String> expected = new ArrayList<>();
        List<String> expectedModel;
        List<String> withoutKeys = new ArrayList<>();
        try (CaptureIndex ref = new CaptureIndex(link, new TlsSecrets(log));
             CaptureIndex bare = new CaptureIndex(link, null)) {
            for (RawFrame f : frames) {
                ref.add(f, false);
                bare.add(f, false);
            }
            for (int n = 1; n <= frames.size(); n++) {
                expected.add(row(ref.summary(n)));
                withoutKeys.add(row(bare.summary(n)));
            }
            expectedModel = model(ref);
        }
        assertNotEquals(withoutKeys, expected, name + ": the key log changes rows");
        // Keys arriving at frame i (a live capture's watched key log).
        int step = Math.max(1, frames.size() / points);
        for (int arrival = 0; arrival <= frames.size(); arrival += step) {
            TlsSecrets secrets = new TlsSecrets();
            try (CaptureIndex idx = new CaptureIndex(link, secrets)) {
                for (int i = 0; i <= frames.size(); i++) {
                    if (i == arrival) {
                        secrets.add(log);
                        for (int stream : idx.rekeyable(false)) idx.redissect(stream, false, fd -> { });
                        if (idx.udpRekeyable(false)) idx.redissectUdp(false, fd -> { });
                    }
                    if (i < frames.size()) idx.add(frames.get(i), false);
                }
                for (int n = 1; n <= frames.size(); n++) {
                    assertEquals(expected.get(n - 1), row(idx.summary(n)), name + ", keys before frame " + (arrival + 1)
                            + ": frame " + n);
                }
                assertEquals(expectedModel, model(idx), name + ", keys before frame " + (arrival + 1));
            }
        }
        // The window's way: the whole capture read, then the secrets replaced (File > Load Key Log).
        try (CaptureIndex idx = new CaptureIndex(link, null)) {
            for (RawFrame f : frames) idx.add(f, false);
            idx.useSecrets(new TlsSecrets(log));
            long before = idx.revision();
            List<Integer> redone = new ArrayList<>();
            for (int stream : idx.rekeyable(true)) idx.redissect(stream, false, fd -> { });
            assertTrue(idx.udpRekeyable(true), name);
            idx.redissectUdp(true, fd -> redone.add(fd.number));
            assertTrue(idx.revision() > before, "the connection model is told");
            assertTrue(redone.size() > 0);
            for (int n = 1; n <= frames.size(); n++) assertEquals(expected.get(n - 1), row(idx.summary(n)), name + ": frame " + n);
            assertEquals(expectedModel, model(idx), name);
            // Nothing new in the key log: nothing to do again.
            assertTrue(!idx.udpRekeyable(false), name + ": no second pass for the same keys");
        }
    }

    @Test
    void quicFramesReadWithLateKeysAsWithKeysFromTheStart() throws Exception {
        for (String n : List.of("quic_kwik_full", "quic_kwik_zero_rtt", "quic_kwik_key_update", "quic_kwik_retry",
                "quic_kwik_chacha", "quic_kwik_v2")) {
            check(CAPTURES.resolve(n + ".pcap"), CAPTURES.resolve(n + ".keylog"), 12);
        }
    }

    @Test
    void dtlsRecordsReadWithLateKeysAsWithKeysFromTheStart() throws Exception {
        for (String n : List.of("dtls12_aead", "dtls12_resumed", "dtls13_wolfssl", "dtls10")) {
            check(CAPTURES.resolve(n + ".pcap"), CAPTURES.resolve(n + ".keylog"), 8);
        }
    }

    @Test
    @UsesPublicCaptures
    void chromeQuicWithItsKeyLogLoadedLate() throws Exception {
        Path cap = PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng");
        // It embeds its secrets too: the index uses only those it is given (the window passes the embedded ones).
        check(cap, PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.keylog"), 10);
    }
}
