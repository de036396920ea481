package tlslens.engine;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.DataSource;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.RobustnessTest;

/**
 * Trees are not kept per frame: a frame's tree rebuilt on demand (replaying only its TCP
 * connection) must equal, node for node and byte range for byte range, the one built in the
 * sequential pass.
 */
class CaptureIndexTest {
    static String dump(FrameDissection fd) {
        StringBuilder sb = new StringBuilder();
        dump(fd.root, 0, sb);
        sb.append("| ").append(fd.protocol()).append(" | ").append(fd.info()).append(" | ").append(fd.tcpStream());
        return sb.toString();
    }

    private static void dump(ProtoNode n, int depth, StringBuilder sb) {
        sb.append(" ".repeat(depth)).append(n.text()).append(" @").append(n.source).append(':').append(n.offset)
                .append('+').append(n.length()).append('\n');
        for (ProtoNode c : n.children()) dump(c, depth + 1, sb);
    }

    @Test
    void rebuiltTreesEqualTheSequentialPass() throws Exception {
        assertTrue(rebuiltEqualSequential(RobustnessTest.captures()) > 500);
    }

    @Test
    @UsesPublicCaptures
    void rebuiltTreesEqualTheSequentialPassOnPublicCaptures() throws Exception {
        // UDP too: QUIC connections found by their IDs and decrypted, DTLS handshakes reassembled across datagrams.
        assertTrue(rebuiltEqualSequential(List.of(PublicCaptures.of("zeek_tls-1.2-stream-keylog.pcap"),
                PublicCaptures.of("zeek_hrr.pcap"), PublicCaptures.of("ja4_latest.pcapng"),
                PublicCaptures.of("zeek_quic_interop_quic-go_zerortt.pcap"), PublicCaptures.of("ja4_tls-handshake.pcapng"),
                PublicCaptures.of("zeek_dtls1_2.pcap"))) > 100);
    }

    /** Every frame of {@code caps} rebuilt from the index equals the first pass's tree; returns the frames compared. */
    private static int rebuiltEqualSequential(List<Path> caps) throws Exception {
        int frames = 0;
        for (Path cap : caps) {
            List<String> sequential = new ArrayList<>();
            try (CaptureFileReader r = CaptureFileReader.open(cap); CaptureIndex index = new CaptureIndex(r.linkType())) {
                for (RawFrame f; (f = r.next()) != null; ) sequential.add(dump(index.add(f)));
                assertEquals(sequential.size(), index.frameCount());
                for (int n = 1; n <= index.frameCount(); n++) {
                    FrameDissection rebuilt = index.dissect(n);
                    assertEquals(sequential.get(n - 1), dump(rebuilt), cap.getFileName() + " frame " + n);
                    FrameSummary s = index.summary(n);
                    assertEquals(rebuilt.info(), s.info());
                    assertEquals(rebuilt.tcpStream(), s.tcpStream());
                    frames++;
                }
            }
        }
        System.out.println("rebuilt trees: compared " + frames + " frames");
        return frames;
    }

    /**
     * With a key log the replay must decrypt exactly as the first pass: same decrypted sources,
     * same trees, also for TLS 1.2 resumptions that decrypt with the master secret of the session
     * they resume (learned in the first pass) and TLS 1.3 KeyUpdate / 0-RTT.
     */
    @Test
    void rebuiltTreesWithKeysEqualTheSequentialPass() throws Exception {
        Path dir = Path.of("src/test/resources/captures");
        String[][] caps = {
            {"tls12_resumption_keys.pcapng", "tls12_resumption_keys.first_only.keylog"},
            {"tls13_key_update.pcapng", "tls13_key_update.keylog"},
            {"tls13_psk_early_data.pcapng", "tls13_psk_early_data.keylog"},
            {"tls12_aead.pcapng", "tls12_aead.keylog"},
            {"tls10_cbc.pcap", "tls10_cbc.keylog"},
        };
        int decrypted = 0;
        for (String[] c : caps) {
            tlslens.dissect.tls.decrypt.TlsSecrets secrets = new tlslens.dissect.tls.decrypt.TlsSecrets(
                    tlslens.dissect.tls.decrypt.KeyLog.read(dir.resolve(c[1])));
            List<String> sequential = new ArrayList<>();
            try (CaptureFileReader r = CaptureFileReader.open(dir.resolve(c[0]));
                 CaptureIndex index = new CaptureIndex(r.linkType(), secrets)) {
                for (RawFrame f; (f = r.next()) != null; ) {
                    FrameDissection fd = index.add(f);
                    for (DataSource ds : fd.sources()) if (ds.name().startsWith("Decrypted TLS")) decrypted++;
                    sequential.add(dump(fd));
                }
                for (int n = 1; n <= index.frameCount(); n++) {
                    assertEquals(sequential.get(n - 1), dump(index.dissect(n)), c[0] + " frame " + n);
                }
                int streams = 0;
                for (int n = 1; n <= index.frameCount(); n++) streams = Math.max(streams, index.summary(n).tcpStream());
                for (int s = 0; s <= streams; s++) {
                    tlslens.dissect.tls.TlsConnection t = index.followTls(s);
                    if (t == null) continue;
                    assertEquals(tlslens.dissect.tls.decrypt.DecryptionStatus.State.DECRYPTED, t.decryption().state(),
                            c[0] + " stream " + s + ": " + t.decryption().describe());
                    assertTrue(t.plaintext().bytes(1 - t.serverDirection()).length > 0, c[0] + " stream " + s);
                }
            }
        }
        assertTrue(decrypted > 100, "decrypted records seen: " + decrypted);
    }
}
