package tlslens.dissect.x509;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test helper: pulls DER certificates and OCSP responses out of a capture without the rest of
 * the engine, so the X.509 tests do not depend on it. Reads pcap/pcapng (Ethernet), joins each
 * TCP direction in sequence order, strips TLS record headers, and scans for DER that
 * BouncyCastle accepts as a Certificate or OCSPResponse.
 */
final class CaptureStreams {
    private CaptureStreams() {}

    record Found(Set<String> certificates, Set<String> ocspResponses) {}

    static Found scan(Path capture) throws IOException {
        Map<String, List<long[]>> segs = new LinkedHashMap<>();
        Map<String, List<byte[]>> data = new LinkedHashMap<>();
        for (byte[] frame : frames(Files.readAllBytes(capture))) tcp(frame, segs, data);
        Set<String> certs = new LinkedHashSet<>();
        Set<String> ocsp = new LinkedHashSet<>();
        for (String dir : segs.keySet()) {
            byte[] stream = join(segs.get(dir), data.get(dir));
            findDer(stream, certs, ocsp);
            findDer(tlsHandshakes(stream), certs, ocsp);
        }
        return new Found(certs, ocsp);
    }

    // ---- capture files --------------------------------------------------------------------------

    static List<byte[]> frames(byte[] f) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(f);
        int magic = b.getInt(0);
        if (magic == 0x0A0D0D0A) {
            int p = 0;
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            while (p + 12 <= f.length) {
                if (b.order(ByteOrder.BIG_ENDIAN).getInt(p) == 0x0A0D0D0A) {
                    order = b.order(ByteOrder.LITTLE_ENDIAN).getInt(p + 8) == 0x1A2B3C4D
                            ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                }
                b.order(order);
                int type = b.getInt(p);
                int len = b.getInt(p + 4);
                if (len < 12 || p + len > f.length) break;
                if (type == 6) { // Enhanced Packet Block
                    int cap = b.getInt(p + 20);
                    out.add(java.util.Arrays.copyOfRange(f, p + 28, p + 28 + cap));
                } else if (type == 3) { // Simple Packet Block
                    out.add(java.util.Arrays.copyOfRange(f, p + 12, p + len - 4));
                }
                p += len;
            }
            return out;
        }
        ByteOrder order = (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        b.order(order);
        int p = 24;
        while (p + 16 <= f.length) {
            int cap = b.getInt(p + 8);
            if (cap < 0 || p + 16 + cap > f.length) break;
            out.add(java.util.Arrays.copyOfRange(f, p + 16, p + 16 + cap));
            p += 16 + cap;
        }
        return out;
    }

    /** Ethernet (optionally VLAN-tagged) IPv4/IPv6 TCP: records the payload by direction. */
    private static void tcp(byte[] fr, Map<String, List<long[]>> segs, Map<String, List<byte[]>> data) {
        int p = 12;
        if (fr.length < 14) return;
        int type = u16(fr, p);
        p += 2;
        while (type == 0x8100 && p + 4 <= fr.length) {
            type = u16(fr, p + 2);
            p += 4;
        }
        String src;
        String dst;
        int tcpOff;
        int end;
        if (type == 0x0800 && p + 20 <= fr.length) {
            int ihl = (fr[p] & 0x0f) * 4;
            if (fr[p + 9] != 6) return;
            end = Math.min(fr.length, p + u16(fr, p + 2));
            src = java.util.HexFormat.of().formatHex(fr, p + 12, p + 16);
            dst = java.util.HexFormat.of().formatHex(fr, p + 16, p + 20);
            tcpOff = p + ihl;
        } else if (type == 0x86dd && p + 40 <= fr.length) {
            if (fr[p + 6] != 6) return;
            end = Math.min(fr.length, p + 40 + u16(fr, p + 4));
            src = java.util.HexFormat.of().formatHex(fr, p + 8, p + 24);
            dst = java.util.HexFormat.of().formatHex(fr, p + 24, p + 40);
            tcpOff = p + 40;
        } else {
            return;
        }
        if (tcpOff + 20 > end) return;
        int dataOff = tcpOff + ((fr[tcpOff + 12] & 0xf0) >> 2);
        if (dataOff >= end) return;
        String dir = src + ":" + u16(fr, tcpOff) + ">" + dst + ":" + u16(fr, tcpOff + 2);
        long seq = ((long) u16(fr, tcpOff + 4) << 16) | u16(fr, tcpOff + 6);
        segs.computeIfAbsent(dir, k -> new ArrayList<>()).add(new long[] {seq, data.computeIfAbsent(dir,
                k -> new ArrayList<>()).size()});
        data.get(dir).add(java.util.Arrays.copyOfRange(fr, dataOff, end));
    }

    /** Orders segments by sequence number (relative to the first), dropping retransmitted bytes. */
    private static byte[] join(List<long[]> segs, List<byte[]> data) {
        long base = segs.get(0)[0];
        List<long[]> rel = new ArrayList<>();
        for (long[] s : segs) rel.add(new long[] {(s[0] - base) & 0xffffffffL, s[1]});
        rel.sort(Comparator.comparingLong(s -> s[0] > 0x7fffffffL ? s[0] - 0x100000000L : s[0]));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long next = Long.MIN_VALUE;
        for (long[] s : rel) {
            long start = s[0] > 0x7fffffffL ? s[0] - 0x100000000L : s[0];
            byte[] d = data.get((int) s[1]);
            if (next == Long.MIN_VALUE) next = start;
            long skip = next - start;
            if (skip >= d.length) continue;
            int from = (int) Math.max(0, skip);
            out.write(d, from, d.length - from);
            next = start + d.length;
        }
        return out.toByteArray();
    }

    /** The payloads of TLS handshake records found in the stream, concatenated. */
    private static byte[] tlsHandshakes(byte[] s) {
        java.io.ByteArrayOutputStream hs = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i + 5 <= s.length) {
            int type = s[i] & 0xff;
            if (type >= 20 && type <= 24 && s[i + 1] == 3 && (s[i + 2] & 0xff) <= 4) {
                int len = u16(s, i + 3);
                if (i + 5 + len <= s.length) {
                    if (type == 22) hs.write(s, i + 5, len);
                    i += 5 + len;
                    continue;
                }
            }
            i++;
        }
        return hs.toByteArray();
    }

    private static void findDer(byte[] s, Set<String> certs, Set<String> ocsp) {
        for (int i = 0; i + 8 < s.length; i++) {
            if ((s[i] & 0xff) != 0x30 || (s[i + 1] & 0xff) != 0x82) continue;
            int len = u16(s, i + 2);
            if (i + 4 + len > s.length) continue;
            byte[] der = java.util.Arrays.copyOfRange(s, i, i + 4 + len);
            int inner = s[i + 4] & 0xff;
            try {
                if (inner == 0x30) {
                    org.bouncycastle.asn1.x509.Certificate.getInstance(der);
                    certs.add(java.util.HexFormat.of().formatHex(der));
                } else if (inner == 0x0a) {
                    org.bouncycastle.asn1.ocsp.OCSPResponse.getInstance(der);
                    ocsp.add(java.util.HexFormat.of().formatHex(der));
                }
            } catch (RuntimeException e) {
                // not a certificate here
            }
        }
    }

    private static int u16(byte[] b, int p) { return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff); }
}
