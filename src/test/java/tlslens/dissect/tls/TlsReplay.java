package tlslens.dissect.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.DataSource;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tcp.TcpFields;
import tlslens.dissect.tls.base.TlsFields;

/**
 * A small stand-in for the pipeline, for tests: reads a capture, strips the link, IP (and GTP-U)
 * and TCP headers by hand, reassembles each TCP direction in order, cuts records with
 * {@link TlsRecordFramer} and hands them to a {@link TlsConnection} per stream, as the real
 * pipeline does. Streams are numbered like tshark's tcp.stream (order of first appearance).
 */
final class TlsReplay {
    /** One frame that carried at least one TLS record. */
    record Frame(int number, int stream, FrameDissection fd, ProtoNode tls) {}

    /** One record as the pipeline cut it, for tests that replay records again (mutated, truncated). */
    record RecordBytes(int frame, int stream, int dir, byte[] bytes) {}

    /** Everything a replay produced. */
    record Result(List<Frame> frames, Map<Integer, TlsConnection> connections, List<RecordBytes> records) {
        Frame frame(int number) {
            for (Frame f : frames) if (f.number() == number) return f;
            return null;
        }
    }

    private static final class Direction {
        long nextSeq = -1;
        byte[] buf = new byte[0];
        int len;
        /** Frame number and frame offset of each buffered byte run. */
        final List<long[]> origin = new ArrayList<>();
        boolean tls;
    }

    private static final class Stream {
        final int index;
        final String initiator;
        final Direction[] dirs = {new Direction(), new Direction()};
        final TlsConnection conn;
        boolean tls;
        int[] ports = new int[2];

        Stream(int index, String initiator) {
            this.index = index;
            this.initiator = initiator;
            this.conn = new TlsConnection(index);
        }
    }

    private final Map<String, Stream> streams = new HashMap<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<RecordBytes> records = new ArrayList<>();

    static Result replay(Path capture) throws Exception {
        TlsReplay r = new TlsReplay();
        try (CaptureFileReader reader = CaptureFileReader.open(capture)) {
            RawFrame f;
            while ((f = reader.next()) != null) r.frame(f);
        }
        Map<Integer, TlsConnection> conns = new HashMap<>();
        for (Stream s : r.streams.values()) conns.put(s.index, s.conn);
        return new Result(r.frames, conns, r.records);
    }

    private void frame(RawFrame raw) {
        byte[] d = raw.data();
        int off;
        int etherType;
        switch (raw.linkType()) {
            case 1 -> { // Ethernet, with VLAN tags
                if (d.length < 14) return;
                off = 12;
                etherType = u16(d, off);
                off += 2;
                while ((etherType == 0x8100 || etherType == 0x88a8) && off + 4 <= d.length) {
                    etherType = u16(d, off + 2);
                    off += 4;
                }
            }
            case 0 -> { // BSD loopback: host-order address family
                if (d.length < 4) return;
                int af = (d[0] & 0xff) | ((d[1] & 0xff) << 8);
                if (af == 0) af = d[3] & 0xff;
                etherType = af == 2 ? 0x0800 : 0x86dd;
                off = 4;
            }
            case 113 -> {
                if (d.length < 16) return;
                etherType = u16(d, 14);
                off = 16;
            }
            case 101, 12, 14 -> {
                off = 0;
                etherType = (d.length > 0 && (d[0] & 0xf0) == 0x60) ? 0x86dd : 0x0800;
            }
            default -> { return; }
        }
        ip(raw, d, off, etherType, 0);
    }

    private void ip(RawFrame raw, byte[] d, int off, int etherType, int depth) {
        if (depth > 2) return;
        String src, dst;
        int proto;
        int payload;
        int end;
        if (etherType == 0x0800) {
            if (off + 20 > d.length) return;
            int ihl = (d[off] & 0x0f) * 4;
            int total = u16(d, off + 2);
            proto = d[off + 9] & 0xff;
            src = (d[off + 12] & 0xff) + "." + (d[off + 13] & 0xff) + "." + (d[off + 14] & 0xff) + "." + (d[off + 15] & 0xff);
            dst = (d[off + 16] & 0xff) + "." + (d[off + 17] & 0xff) + "." + (d[off + 18] & 0xff) + "." + (d[off + 19] & 0xff);
            payload = off + ihl;
            end = Math.min(d.length, off + (total == 0 ? d.length : total));
        } else if (etherType == 0x86dd) {
            if (off + 40 > d.length) return;
            proto = d[off + 6] & 0xff;
            src = hex(d, off + 8, 16);
            dst = hex(d, off + 24, 16);
            payload = off + 40;
            end = Math.min(d.length, payload + u16(d, off + 4));
        } else {
            return;
        }
        if (proto == 17 && payload + 8 <= end) {
            // GTP-U (port 2152) carrying IP.
            int sp = u16(d, payload), dp = u16(d, payload + 2);
            if (sp == 2152 || dp == 2152) {
                int g = payload + 8;
                if (g + 8 > end) return;
                int flags = d[g] & 0xff;
                int hl = 8 + ((flags & 0x07) != 0 ? 4 : 0);
                int inner = g + hl;
                if (inner >= end) return;
                ip(raw, Arrays.copyOf(d, end), inner, (d[inner] & 0xf0) == 0x60 ? 0x86dd : 0x0800, depth + 1);
                // Offsets stay those of the frame since the copy keeps them.
            }
            return;
        }
        if (proto != 6 || payload + 20 > end) return;
        tcp(raw, d, payload, end, src, dst);
    }

    private void tcp(RawFrame raw, byte[] d, int off, int end, String src, String dst) {
        int sp = u16(d, off), dp = u16(d, off + 2);
        long seq = u32(d, off + 4);
        int hl = ((d[off + 12] & 0xf0) >> 4) * 4;
        int flags = d[off + 13] & 0xff;
        boolean syn = (flags & 0x02) != 0;
        String a = src + ":" + sp, b = dst + ":" + dp;
        String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
        Stream s = streams.get(key);
        if (s == null) {
            s = new Stream(streams.size(), a);
            streams.put(key, s);
            s.ports[0] = sp;
            s.ports[1] = dp;
        }
        int dir = a.equals(s.initiator) ? 0 : 1;
        Direction st = s.dirs[dir];
        int pay = off + hl;
        if (syn) {
            st.nextSeq = (seq + 1) & 0xffffffffL;
            return;
        }
        if (pay >= end) return;
        int plen = end - pay;
        if (st.nextSeq < 0) st.nextSeq = seq;
        long delta = (seq - st.nextSeq) << 32 >> 32; // signed 32-bit difference
        if (delta > 0) {
            // Lost bytes: start over at this segment.
            s.conn.onGap(dir, delta);
            st.len = 0;
            st.origin.clear();
        } else if (delta < 0) {
            if (-delta >= plen) return; // retransmission
            pay += (int) -delta;
            plen -= (int) -delta;
            seq = st.nextSeq;
        }
        st.nextSeq = (seq + plen) & 0xffffffffL;

        if (!s.tls) {
            if (TlsRecordFramer.looksLikeHello(d, pay, plen)) {
                s.tls = true;
                // Cleartext before the hello (STARTTLS) is not TLS.
                for (Direction x : s.dirs) {
                    x.len = 0;
                    x.origin.clear();
                }
            } else if (AppProtocols.byPort(sp) != null && !isStartTls(sp) || AppProtocols.byPort(dp) != null
                    && !isStartTls(dp)) {
                s.tls = true;
            } else {
                return;
            }
        }
        append(st, d, pay, plen, raw.number());
        records(raw, s, dir, d);
    }

    private static boolean isStartTls(int port) {
        return port == 25 || port == 587 || port == 143 || port == 110 || port == 3306 || port == 21 || port == 389
                || port == 5432 || port == 5222 || port == 5269 || port == 80 || port == 3128 || port == 8080;
    }

    private static void append(Direction st, byte[] d, int off, int len, int frame) {
        if (st.len + len > st.buf.length) st.buf = Arrays.copyOf(st.buf, Math.max(st.len + len, st.buf.length * 2));
        System.arraycopy(d, off, st.buf, st.len, len);
        st.origin.add(new long[] {st.len, frame, off, len});
        st.len += len;
    }

    private void records(RawFrame raw, Stream s, int dir, byte[] frameBytes) {
        Direction st = s.dirs[dir];
        FrameDissection fd = null;
        ProtoNode tls = null;
        int pos = 0;
        while (pos < st.len) {
            int rl = TlsRecordFramer.recordLength(st.buf, pos, st.len - pos, s.conn.allowSsl2(dir));
            if (rl == 0) break;
            if (rl < 0) {
                int next = TlsRecordFramer.resync(st.buf, pos + 1, st.len);
                pos = next < 0 ? st.len : next;
                continue;
            }
            if (pos + rl > st.len) break;
            if (fd == null) {
                fd = new FrameDissection(raw.number(), raw.time(), frameBytes);
                fd.context().tcpStream(s.index);
                fd.context().ports(s.ports[dir], s.ports[1 - dir]);
                ProtoNode tcp = fd.root.child(new ProtoNode(TcpFields.TCP, null, null, 0, 0, 0));
                Tvb ft = fd.frameTvb();
                long[] last = st.origin.get(st.origin.size() - 1);
                tcp.addValue(TcpFields.SRCPORT, ft, 0, 0, (long) s.ports[dir]);
                tcp.addValue(TcpFields.DSTPORT, ft, 0, 0, (long) s.ports[1 - dir]);
                tls = fd.root.child(new ProtoNode(TlsFields.TLS, null, null, 0, (int) last[2], (int) last[3]));
                frames.add(new Frame(raw.number(), s.index, fd, tls));
            }
            Tvb tvb = recordTvb(fd, st, raw.number(), pos, rl);
            records.add(new RecordBytes(raw.number(), s.index, dir, Arrays.copyOfRange(st.buf, pos, pos + rl)));
            s.conn.dissectRecord(fd, tls, tvb, dir);
            pos += rl;
        }
        // Drop consumed bytes.
        if (pos > 0) {
            System.arraycopy(st.buf, pos, st.buf, 0, st.len - pos);
            st.len -= pos;
            List<long[]> kept = new ArrayList<>();
            for (long[] o : st.origin) {
                long start = o[0] - pos, l = o[3];
                if (start + l <= 0) continue;
                if (start < 0) {
                    kept.add(new long[] {0, o[1], o[2] - start, l + start});
                } else {
                    kept.add(new long[] {start, o[1], o[2], l});
                }
            }
            st.origin.clear();
            st.origin.addAll(kept);
        }
    }

    /** The record as a view of the frame when it lies in this frame, else as a reassembled source. */
    private static Tvb recordTvb(FrameDissection fd, Direction st, int frame, int pos, int len) {
        List<DataSource.Chunk> chunks = new ArrayList<>();
        for (long[] o : st.origin) {
            long s = Math.max(o[0], pos), e = Math.min(o[0] + o[3], pos + len);
            if (s >= e) continue;
            chunks.add(new DataSource.Chunk((int) o[1], (int) (o[2] + (s - o[0])), (int) (s - pos), (int) (e - s)));
        }
        if (chunks.size() == 1 && chunks.get(0).frameNumber() == frame) {
            int fo = chunks.get(0).frameOffset();
            return new Tvb(fd.frameBytes, 0, fo, fo + len);
        }
        byte[] bytes = Arrays.copyOfRange(st.buf, pos, pos + len);
        return fd.addSource("Reassembled TCP (" + len + " bytes)", bytes, chunks);
    }

    static int u16(byte[] b, int o) { return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff); }

    static long u32(byte[] b, int o) { return ((long) u16(b, o) << 16) | u16(b, o + 2); }

    static String hex(byte[] b, int o, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(String.format("%02x", b[o + i]));
        return sb.toString();
    }
}
