package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;

/**
 * HTTP/3 frames by type (http3.stream_type, http3.frame_type, http3.frame_length) in the QUIC STREAM
 * frames of an h3 connection. tshark 4.0 shows no HTTP/3 at all, so the reference is the stream bytes
 * tshark decrypts (quic.stream_data with the key log): put back in order per stream and sender and read
 * as RFC 9114 frames here, they must give the stream types and frame types and lengths we show (per
 * sender, as a whole: a packet's items can come from several streams).
 */
class Http3FramesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @UsesPublicCaptures
    void chromeToCloudflareFramesAreTheStreamBytesTsharkDecrypts() throws Exception {
        GoldenSupport.requireTshark();
        Path cap = PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng");
        Path keys = PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.keylog");
        // tshark: per frame, the STREAM frames' IDs, offsets, and data (one STREAM frame with data per field list entry).
        List<String> lines = KeyScheduleCliTest.WindowlessTshark.lines("-r", cap.toString(), "-o", "tls.keylog_file:" + keys,
                "-Y", "quic.stream_data", "-T", "fields", "-E", "occurrence=a", "-e", "udp.srcport",
                "-e", "quic.stream.stream_id", "-e", "quic.stream.offset", "-e", "quic.frame_type", "-e", "quic.stream_data");
        Map<String, TreeMap<Long, byte[]>> streams = new TreeMap<>();
        for (String line : lines) {
            String[] c = line.split("\t", -1);
            String[] ids = c[1].split(","), data = c[4].split(",");
            List<Long> types = new ArrayList<>();
            for (String t : c[3].split(",")) types.add(Long.decode(t));
            // Offsets are listed only for the STREAM frames with the OFF bit (0x04): match them up in order.
            String[] offs = c[2].isEmpty() ? new String[0] : c[2].split(",");
            int oi = 0, si = 0;
            for (long t : types) {
                if (t < 0x08 || t > 0x0f) continue;
                long off = (t & 4) != 0 ? Long.parseLong(offs[oi++]) : 0;
                if (si < data.length && si < ids.length) {
                    streams.computeIfAbsent(c[0] + "/" + ids[si], k -> new TreeMap<>()).putIfAbsent(off, HEX.parseHex(data[si]));
                }
                si++;
            }
        }
        assertFalse(streams.isEmpty(), "tshark decrypted no STREAM data");

        // Ours, per stream and sender: the http3.* values in frame order.
        CliRunner.Result r = CliRunner.run("-r", cap.toString(), "-o", "tls.keylog_file:" + keys, "-T", "fields",
                "-E", "occurrence=a", "-e", "udp.srcport", "-e", "quic.stream.stream_id", "-e", "http3.stream_type",
                "-e", "http3.frame_type", "-e", "http3.frame_length");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, List<String>> ours = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            String[] c = line.split("\t", -1);
            if (c.length < 5 || (c[2].isEmpty() && c[3].isEmpty())) continue;
            // A packet's items may come from several streams: they are compared per sender, as a whole.
            String key = c[0];
            List<String> l = ours.computeIfAbsent(key, k -> new ArrayList<>());
            if (!c[2].isEmpty()) l.add("stream_type " + Long.parseLong(c[2]));
            String[] ft = c[3].isEmpty() ? new String[0] : c[3].split(","), fl = c[4].isEmpty() ? new String[0] : c[4].split(",");
            for (int i = 0; i < ft.length; i++) l.add("frame " + Long.decode(ft[i]) + " " + fl[i]);
        }

        Map<String, List<String>> expected = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Long, byte[]>> e : streams.entrySet()) {
            String sender = e.getKey().substring(0, e.getKey().indexOf('/'));
            long id = Long.parseLong(e.getKey().substring(e.getKey().indexOf('/') + 1));
            expected.computeIfAbsent(sender, k -> new ArrayList<>()).addAll(read(contiguous(e.getValue()), (id & 2) != 0));
        }
        int compared = 0;
        for (String sender : expected.keySet()) {
            List<String> want = new ArrayList<>(expected.get(sender));
            List<String> got = new ArrayList<>(ours.getOrDefault(sender, List.of()));
            want.sort(null);
            got.sort(null);
            assertEquals(want, got, "HTTP/3 items sent from port " + sender);
            compared += want.size();
        }
        assertEquals(expected.keySet(), ours.keySet(), "senders with HTTP/3");
        assertTrue(compared >= 10, "HTTP/3 items compared: " + compared);
        assertTrue(ours.values().stream().flatMap(List::stream).anyMatch(s -> s.startsWith("frame 1 ")), "a HEADERS frame");
        assertTrue(ours.values().stream().flatMap(List::stream).anyMatch(s -> s.startsWith("frame 4 ")), "a SETTINGS frame");
    }

    @Test
    void noHttp3OnAnotherAlpn() {
        // kwik's peers speak hq-interop (HTTP/0.9 over QUIC): their STREAM data is not HTTP/3.
        String cap = CliRunner.capture("quic_kwik_full.pcap");
        CliRunner.Result r = CliRunner.run("-r", cap, "-o", "tls.keylog_file:" + CliRunner.capture("quic_kwik_full.keylog"),
                "-T", "fields", "-e", "quic.stream_data", "-e", "http3.frame_type");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> !l.startsWith("\t") && !l.isEmpty()), "decrypted STREAM data");
        assertTrue(r.out().lines().allMatch(l -> !l.contains("\t") || l.endsWith("\t")), "no http3.frame_type:\n" + r.out());
    }

    /** The stream's bytes from offset 0 up to the first gap. */
    private static byte[] contiguous(TreeMap<Long, byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = 0;
        for (Map.Entry<Long, byte[]> p : parts.entrySet()) {
            if (p.getKey() > next) break;
            int skip = (int) (next - p.getKey());
            if (skip < p.getValue().length) out.write(p.getValue(), skip, p.getValue().length - skip);
            next = Math.max(next, p.getKey() + p.getValue().length);
        }
        return out.toByteArray();
    }

    /** RFC 9114: [stream type on a unidirectional stream] then frames (type, length, payload). */
    private static List<String> read(byte[] b, boolean unidirectional) {
        List<String> out = new ArrayList<>();
        int[] p = {0};
        if (unidirectional) {
            Long type = varint(b, p);
            if (type == null) return out;
            out.add("stream_type " + type);
            if (type != 0 && type != 1) return out; // QPACK and unknown streams carry no frames
            if (type == 1 && varint(b, p) == null) return out;
        }
        while (p[0] < b.length) {
            Long type = varint(b, p), len = type == null ? null : varint(b, p);
            if (len == null) break;
            out.add("frame " + type + " " + len);
            p[0] += (int) Math.min(len, b.length - p[0]);
        }
        return out;
    }

    private static Long varint(byte[] b, int[] p) {
        if (p[0] >= b.length) return null;
        int n = 1 << ((b[p[0]] & 0xff) >> 6);
        if (p[0] + n > b.length) return null;
        long v = b[p[0]] & 0x3f;
        for (int i = 1; i < n; i++) v = (v << 8) | (b[p[0] + i] & 0xff);
        p[0] += n;
        return v;
    }
}
