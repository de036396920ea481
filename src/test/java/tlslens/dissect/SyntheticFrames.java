package tlslens.dissect;

import java.time.Instant;

import tlslens.capture.RawFrame;

/** Test helper: raw-IP (link type 101) IPv4/TCP frames carrying given payloads. */
final class SyntheticFrames {
    private SyntheticFrames() {}

    /** A PSH/ACK segment of direction dir (0: 10.0.0.1:40000 -> 10.0.0.2:8443) with this payload. */
    static RawFrame tcp(int number, int dir, byte[] payload) {
        byte[] f = new byte[40 + payload.length];
        int total = f.length;
        f[0] = 0x45;
        f[2] = (byte) (total >> 8);
        f[3] = (byte) total;
        f[8] = 64;
        f[9] = 6;
        byte[] a = {10, 0, 0, 1}, b = {10, 0, 0, 2};
        System.arraycopy(dir == 0 ? a : b, 0, f, 12, 4);
        System.arraycopy(dir == 0 ? b : a, 0, f, 16, 4);
        int sport = dir == 0 ? 40000 : 8443, dport = dir == 0 ? 8443 : 40000;
        f[20] = (byte) (sport >> 8);
        f[21] = (byte) sport;
        f[22] = (byte) (dport >> 8);
        f[23] = (byte) dport;
        f[24] = 0x10; // seq 0x10000000
        f[32] = 0x50; // header length 20
        f[33] = 0x18; // PSH, ACK
        f[34] = (byte) 0xff;
        System.arraycopy(payload, 0, f, 40, payload.length);
        return new RawFrame(number, Instant.ofEpochSecond(1_700_000_000L), f.length, f, 101, 0, null);
    }
}
