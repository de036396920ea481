package tlslens.dissect.tls;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.net.Ipv6Text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test support: the plaintext ClientHello / ServerHello / HelloRetryRequest messages of a capture,
 * found by following each TCP direction's byte stream (in-order segments only), walking its TLS
 * records and joining handshake records into messages. Each hello is keyed by its direction
 * ("10.0.0.1:40000>10.0.0.2:443") and its index within that direction, the way the tshark text is keyed.
 */
final class ExtensionCaptureHellos {
    /** One hello: the message body (after the 4-byte header) and where its extensions block starts. */
    record Hello(String direction, int index, int type, byte[] body, int extOffset) {
        String key() { return direction + "#" + index; }
    }

    private static final byte[] HRR_RANDOM = java.util.HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private ExtensionCaptureHellos() {}

    static List<Hello> read(Path capture) throws Exception {
        Map<String, Stream> streams = new LinkedHashMap<>();
        try (CaptureFileReader r = CaptureFileReader.open(capture)) {
            for (RawFrame f = r.next(); f != null; f = r.next()) {
                Segment s = segment(f.data(), f.linkType());
                if (s == null || s.payload.length == 0) continue;
                streams.computeIfAbsent(s.direction, k -> new Stream()).add(s.seq, s.payload);
            }
        }
        List<Hello> out = new ArrayList<>();
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            byte[] hs = handshakeBytes(e.getValue().bytes());
            int index = 0;
            int q = 0;
            while (q + 4 <= hs.length) {
                int type = hs[q] & 0xff;
                int len = ((hs[q + 1] & 0xff) << 16) | ((hs[q + 2] & 0xff) << 8) | (hs[q + 3] & 0xff);
                if (q + 4 + len > hs.length) break;
                if (type == 1 || type == 2) {
                    byte[] body = Arrays.copyOfRange(hs, q + 4, q + 4 + len);
                    int ext = extensionsOffset(type, body);
                    if (type == 2 && body.length >= 34 && Arrays.equals(Arrays.copyOfRange(body, 2, 34), HRR_RANDOM)) {
                        type = 6;
                    }
                    out.add(new Hello(e.getKey(), index++, type, body, ext));
                }
                q += 4 + len;
            }
        }
        return out;
    }

    /** The payloads of a stream's handshake records, joined, from its first TLS record on. */
    private static byte[] handshakeBytes(byte[] stream) {
        int p = findRecordStart(stream, 0);
        java.io.ByteArrayOutputStream hs = new java.io.ByteArrayOutputStream();
        while (p >= 0 && p + 5 <= stream.length) {
            int ct = stream[p] & 0xff;
            int len = ((stream[p + 3] & 0xff) << 8) | (stream[p + 4] & 0xff);
            if (ct < 20 || ct > 24 || (stream[p + 1] & 0xff) != 3) break;
            if (p + 5 + len > stream.length) break;
            if (ct == 22) hs.write(stream, p + 5, len);
            p += 5 + len;
        }
        return hs.toByteArray();
    }

    private static int findRecordStart(byte[] s, int from) {
        for (int i = from; i + 5 <= s.length; i++) {
            if (s[i] == 0x16 && s[i + 1] == 3 && (s[i + 2] & 0xff) <= 4) return i;
        }
        return -1;
    }

    /** Offset of the 2-byte extensions length inside a hello body, or -1 when there is none. */
    static int extensionsOffset(int type, byte[] b) {
        int p = 2 + 32;
        if (p >= b.length) return -1;
        p += 1 + (b[p] & 0xff);
        if (type == 1) {
            if (p + 2 > b.length) return -1;
            p += 2 + (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
            if (p >= b.length) return -1;
            p += 1 + (b[p] & 0xff);
        } else {
            p += 3;
        }
        return p < b.length ? p : -1;
    }

    private record Segment(String direction, long seq, byte[] payload) {}

    /** A direction's in-order bytes, from the first segment seen; retransmissions are dropped. */
    private static final class Stream {
        final TreeMap<Long, byte[]> segments = new TreeMap<>();
        long base = -1;

        void add(long seq, byte[] payload) {
            if (base < 0) base = seq;
            long rel = (seq - base) & 0xffffffffL;
            if (rel > 0x7fffffffL) return;
            segments.putIfAbsent(rel, payload);
        }

        byte[] bytes() {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long next = 0;
            for (Map.Entry<Long, byte[]> e : segments.entrySet()) {
                long at = e.getKey();
                byte[] p = e.getValue();
                if (at > next) break; // a hole: stop there
                int skip = (int) (next - at);
                if (skip < p.length) {
                    out.write(p, skip, p.length - skip);
                    next = at + p.length;
                }
            }
            return out.toByteArray();
        }
    }

    private static Segment segment(byte[] d, int linkType) {
        int p;
        int etherType;
        switch (linkType) {
            case 1: {
                if (d.length < 14) return null;
                p = 12;
                etherType = u16(d, p);
                p += 2;
                while ((etherType == 0x8100 || etherType == 0x88a8) && p + 4 <= d.length) {
                    etherType = u16(d, p + 2);
                    p += 4;
                }
                break;
            }
            case 0: case 108: {
                if (d.length < 4) return null;
                p = 4;
                etherType = (d[p] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
                break;
            }
            case 101: case 12: case 14: case 228: case 229:
                p = 0;
                if (d.length < 1) return null;
                etherType = (d[0] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
                break;
            case 113:
                if (d.length < 16) return null;
                p = 16;
                etherType = u16(d, 14);
                break;
            case 276:
                if (d.length < 20) return null;
                p = 20;
                etherType = u16(d, 0);
                break;
            default:
                return null;
        }
        String src, dst;
        int proto;
        if (etherType == 0x0800) {
            if (p + 20 > d.length) return null;
            int ihl = (d[p] & 0x0f) * 4;
            int total = u16(d, p + 2);
            proto = d[p + 9] & 0xff;
            src = ip4(d, p + 12);
            dst = ip4(d, p + 16);
            int end = Math.min(d.length, p + total);
            if (proto != 6) return null;
            return tcp(d, p + ihl, end, src, dst);
        } else if (etherType == 0x86dd) {
            if (p + 40 > d.length) return null;
            int plen = u16(d, p + 4);
            proto = d[p + 6] & 0xff;
            src = "[" + Ipv6Text.compress(Arrays.copyOfRange(d, p + 8, p + 24)) + "]";
            dst = "[" + Ipv6Text.compress(Arrays.copyOfRange(d, p + 24, p + 40)) + "]";
            if (proto != 6) return null;
            return tcp(d, p + 40, Math.min(d.length, p + 40 + plen), src, dst);
        }
        return null;
    }

    private static Segment tcp(byte[] d, int p, int end, String src, String dst) {
        if (p + 20 > end) return null;
        int sport = u16(d, p), dport = u16(d, p + 2);
        long seq = ((long) u16(d, p + 4) << 16) | u16(d, p + 6);
        int off = ((d[p + 12] & 0xf0) >> 4) * 4;
        if (p + off > end) return null;
        return new Segment(src + ":" + sport + ">" + dst + ":" + dport, seq, Arrays.copyOfRange(d, p + off, end));
    }

    private static int u16(byte[] d, int p) { return ((d[p] & 0xff) << 8) | (d[p + 1] & 0xff); }

    private static String ip4(byte[] d, int p) {
        return (d[p] & 0xff) + "." + (d[p + 1] & 0xff) + "." + (d[p + 2] & 0xff) + "." + (d[p + 3] & 0xff);
    }
}
