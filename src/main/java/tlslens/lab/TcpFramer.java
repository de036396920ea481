package tlslens.lab;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames a relayed connection as a capture on the wire would show it: Ethernet, IPv4 and TCP with
 * a three-way handshake, data segments of at most {@link #MSS} bytes with real sequence and
 * acknowledgement numbers, and the FIN exchange. Times are those the relay recorded or, with a
 * simulated round-trip time, as they would arrive over it: every change of direction (a flight
 * answering the other side) is delayed by half the round trip, so what a resumption saves shows
 * in milliseconds.
 */
final class TcpFramer {
    /** Ethernet's MSS, not loopback's: the segments look like those of a real network. */
    static final int MSS = 1460;
    static final int SERVER_PORT = 443;
    static final byte[] CLIENT_IP = {10, 0, 0, 1};
    static final byte[] SERVER_IP = {10, 0, 0, 2};
    static final byte[] CLIENT_MAC = {2, 0, 0, 0, 0, 1};
    static final byte[] SERVER_MAC = {2, 0, 0, 0, 0, 2};
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    /** One frame: its time (on the {@link System#nanoTime()} scale, shifted) and its bytes. */
    record Frame(long nanos, byte[] data) {}

    /** The frames of one connection and how much later than it happened it ends (the simulated delays). */
    record Framed(List<Frame> frames, long addedNanos) {}

    private final long halfRttNanos;

    TcpFramer(int rttMs) {
        this.halfRttNanos = rttMs * 1_000_000L / 2;
    }

    static byte[] clientAddress() { return CLIENT_IP.clone(); }

    static byte[] serverAddress() { return SERVER_IP.clone(); }

    private record Event(boolean fromClient, long nanos, int flags, byte[] data) {}

    /**
     * The connection's frames on {@code clientPort}, every time moved {@code shiftNanos} later (the delays
     * added before it). The port is the caller's to choose: relays to different servers can see the same
     * loopback client port, which would make two connections one on the framed 10.0.0.1 → 10.0.0.2:443.
     */
    Framed frame(RelayedConnection c, int clientPort, long shiftNanos) {
        List<Event> events = new ArrayList<>();
        long open = c.openNanos();
        events.add(new Event(true, open, SYN, null));
        events.add(new Event(false, open, SYN | ACK, null));
        events.add(new Event(true, open, ACK, null));
        for (RelayedConnection.Chunk ch : c.chunks()) {
            for (int off = 0; off < ch.data().length; off += MSS) {
                int len = Math.min(MSS, ch.data().length - off);
                byte[] seg = new byte[len];
                System.arraycopy(ch.data(), off, seg, 0, len);
                events.add(new Event(ch.fromClient(), ch.nanos(), PSH | ACK, seg));
            }
        }
        long cFin = c.clientFinNanos();
        long sFin = c.serverFinNanos();
        long last = events.get(events.size() - 1).nanos();
        if (cFin < 0) cFin = Math.max(last, sFin);
        if (sFin < 0) sFin = Math.max(last, cFin);
        // Each side's FIN comes after all it sent; the first to close receives the last ACK.
        cFin = Math.max(cFin, lastFrom(events, true));
        sFin = Math.max(sFin, lastFrom(events, false));
        boolean clientFirst = cFin <= sFin;
        Event first = new Event(clientFirst, clientFirst ? cFin : sFin, FIN | ACK, null);
        Event second = new Event(!clientFirst, Math.max(cFin, sFin), FIN | ACK, null);
        events.add(first);
        events.add(second);
        events.add(new Event(clientFirst, second.nanos(), ACK, null));
        events.sort((a, b) -> Long.compare(a.nanos(), b.nanos())); // stable: each side's order stays

        List<Frame> frames = new ArrayList<>(events.size());
        long clientSeq = isn(clientPort, 0x5eed);
        long serverSeq = isn(clientPort, 0xcafe);
        int clientId = (int) (clientSeq & 0xffff);
        int serverId = (int) (serverSeq & 0xffff);
        long sim = 0;
        long prevReal = open;
        Boolean prevDir = null;
        for (Event e : events) {
            sim += Math.max(0, e.nanos() - prevReal);
            if (prevDir != null && prevDir != e.fromClient()) sim += halfRttNanos;
            prevReal = e.nanos();
            prevDir = e.fromClient();
            // Loopback reads can share a nanosecond; a capture never shows two frames at one instant.
            long t = open + shiftNanos + sim + frames.size() * 1_000L;
            boolean synOnly = e.flags() == SYN;
            long seq = e.fromClient() ? clientSeq : serverSeq;
            long ack = (e.flags() & ACK) == 0 ? 0 : (e.fromClient() ? serverSeq : clientSeq);
            if (e.flags() == (SYN | ACK)) ack = clientSeq;
            byte[] payload = e.data() == null ? new byte[0] : e.data();
            frames.add(new Frame(t, packet(e.fromClient(), clientPort, seq & 0xffffffffL, ack & 0xffffffffL,
                    e.flags(), payload, e.fromClient() ? clientId++ : serverId++, synOnly || e.flags() == (SYN | ACK))));
            long consumed = payload.length + ((e.flags() & (SYN | FIN)) != 0 ? 1 : 0);
            if (e.fromClient()) clientSeq += consumed;
            else serverSeq += consumed;
        }
        long realSpan = prevReal - open;
        return new Framed(frames, sim - realSpan + frames.size() * 1_000L);
    }

    private static long lastFrom(List<Event> events, boolean fromClient) {
        long t = -1;
        for (Event e : events) if (e.fromClient() == fromClient) t = Math.max(t, e.nanos());
        return t;
    }

    /** An initial sequence number that differs per connection and side but is the same run to run. */
    private static long isn(int port, int salt) {
        long x = (port * 0x9E3779B97F4A7C15L) ^ (salt * 0xC2B2AE3D27D4EB4FL);
        x ^= x >>> 29;
        return x & 0xffffffffL;
    }

    private static byte[] packet(boolean fromClient, int clientPort, long seq, long ack, int flags, byte[] payload,
                                 int ipId, boolean mssOption) {
        int tcpLen = 20 + (mssOption ? 4 : 0);
        int ipLen = 20 + tcpLen + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
        b.put(fromClient ? SERVER_MAC : CLIENT_MAC).put(fromClient ? CLIENT_MAC : SERVER_MAC).putShort((short) 0x0800);
        byte[] src = fromClient ? CLIENT_IP : SERVER_IP;
        byte[] dst = fromClient ? SERVER_IP : CLIENT_IP;
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) ipId)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        b.putShort(ip + 10, (short) checksum(b.array(), ip, 20, 0));
        int tcp = b.position();
        int srcPort = fromClient ? clientPort : SERVER_PORT;
        int dstPort = fromClient ? SERVER_PORT : clientPort;
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) ((tcpLen / 4) << 4)).put((byte) flags).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0);
        if (mssOption) b.put((byte) 2).put((byte) 4).putShort((short) MSS);
        b.put(payload);
        long pseudo = sum(src, 0, 4) + sum(dst, 0, 4) + 6 + tcpLen + payload.length;
        b.putShort(tcp + 16, (short) checksum(b.array(), tcp, tcpLen + payload.length, pseudo));
        return b.array();
    }

    static long sum(byte[] a, int off, int len) {
        long s = 0;
        for (int i = 0; i + 1 < len; i += 2) s += ((a[off + i] & 0xff) << 8) | (a[off + i + 1] & 0xff);
        if ((len & 1) != 0) s += (a[off + len - 1] & 0xff) << 8;
        return s;
    }

    static int checksum(byte[] a, int off, int len, long initial) {
        long s = initial + sum(a, off, len);
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) (~s & 0xffff);
    }
}
