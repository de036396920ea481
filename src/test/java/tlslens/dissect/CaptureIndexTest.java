package tlslens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;

/**
 * Trees are not kept per frame: a frame's tree rebuilt on demand (replaying only its TCP
 * connection) must equal, node for node and byte range for byte range, the one built in the
 * sequential pass.
 */
class CaptureIndexTest {
    static String dump(FrameDissection fd) {
        StringBuilder sb = new StringBuilder();
        dump(fd.root, 0, sb);
        sb.append("| ").append(fd.protocol()).append(" | ").append(fd.info()).append(" | ").append(fd.tcpStream);
        return sb.toString();
    }

    private static void dump(ProtoNode n, int depth, StringBuilder sb) {
        sb.append(" ".repeat(depth)).append(n.text()).append(" @").append(n.source).append(':').append(n.offset)
                .append('+').append(n.length()).append('\n');
        for (ProtoNode c : n.children()) dump(c, depth + 1, sb);
    }

    @Test
    void rebuiltTreesEqualTheSequentialPass() throws Exception {
        List<Path> caps = new ArrayList<>(RobustnessTest.captures());
        caps.add(Path.of("../shared/captures/public/zeek_tls-1.2-stream-keylog.pcap"));
        caps.add(Path.of("../shared/captures/public/zeek_hrr.pcap"));
        caps.add(Path.of("../shared/captures/public/ja4_latest.pcapng"));
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
                    assertEquals(rebuilt.tcpStream, s.tcpStream());
                    frames++;
                }
            }
        }
        assertTrue(frames > 500, "compared " + frames + " frames");
    }
}
