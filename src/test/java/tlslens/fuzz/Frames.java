package tlslens.fuzz;

import java.time.Instant;

import tlslens.capture.RawFrame;

/** Raw-IP (link type 101) IPv4/TCP frames between 10.0.0.1:40000 (direction 0) and 10.0.0.2:443. */
final class Frames {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    private Frames() {}

    static RawFrame tcp(int number, int dir, long seq, long ack, int flags, byte[] payload) {
        return tcp(number, dir, seq, ack, flags, payload, 0, payload.length);
    }

    static RawFrame tcp(int number, int dir, long seq, long ack, int flags, byte[] payload, int off, int len) {
        byte[] f = new byte[40 + len];
        int total = f.length;
        f[0] = 0x45;
        f[2] = (byte) (total >> 8);
        f[3] = (byte) total;
        f[8] = 64;
        f[9] = 6;
        byte[] a = {10, 0, 0, 1}, b = {10, 0, 0, 2};
        System.arraycopy(dir == 0 ? a : b, 0, f, 12, 4);
        System.arraycopy(dir == 0 ? b : a, 0, f, 16, 4);
        int sport = dir == 0 ? 40000 : 443, dport = dir == 0 ? 443 : 40000;
        f[20] = (byte) (sport >> 8);
        f[21] = (byte) sport;
        f[22] = (byte) (dport >> 8);
        f[23] = (byte) dport;
        put32(f, 24, seq);
        put32(f, 28, ack);
        f[32] = 0x50; // header length 20
        f[33] = (byte) flags;
        f[34] = (byte) 0xff;
        System.arraycopy(payload, off, f, 40, len);
        return new RawFrame(number, Instant.ofEpochSecond(1_700_000_000L, number * 1_000_000L), f.length, f, 101, 0, null);
    }

    private static void put32(byte[] f, int at, long v) {
        f[at] = (byte) (v >> 24);
        f[at + 1] = (byte) (v >> 16);
        f[at + 2] = (byte) (v >> 8);
        f[at + 3] = (byte) v;
    }
}
