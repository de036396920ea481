package tlslens.dissect.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap of one TCP connection (Ethernet/IPv4/TCP, no handshake) carrying the
 * given payloads, so that tests can run tshark and our dissector on hand-made TLS records.
 */
public final class SyntheticCapture {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long[] seq = {1000, 5000};
    private final int[] ports;
    private int time = 1000;

    public SyntheticCapture(int clientPort, int serverPort) {
        ports = new int[] {clientPort, serverPort};
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(h.array());
    }

    /** One TCP segment from the client (dir 0) or the server (dir 1). */
    public SyntheticCapture send(int dir, byte[] payload) {
        byte[] src = {10, 0, 0, (byte) (dir == 0 ? 1 : 2)};
        byte[] dst = {10, 0, 0, (byte) (dir == 0 ? 2 : 1)};
        ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
        tcp.putShort((short) ports[dir]).putShort((short) ports[1 - dir]).putInt((int) seq[dir]).putInt((int) seq[1 - dir]);
        tcp.put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        tcp.put(payload);
        seq[dir] += payload.length;
        byte[] t = tcp.array();
        ByteBuffer pseudo = ByteBuffer.allocate(12 + t.length);
        pseudo.put(src).put(dst).put((byte) 0).put((byte) 6).putShort((short) t.length).put(t);
        int c = checksum(pseudo.array());
        t[16] = (byte) (c >> 8);
        t[17] = (byte) c;
        ByteBuffer ip = ByteBuffer.allocate(20);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + t.length)).putShort((short) 1).putShort((short) 0);
        ip.put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        byte[] ipb = ip.array();
        int ic = checksum(ipb);
        ipb[10] = (byte) (ic >> 8);
        ipb[11] = (byte) ic;
        byte[] eth = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 8, 0};
        int len = eth.length + ipb.length + t.length;
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(time++).putInt(0).putInt(len).putInt(len);
        out.writeBytes(rec.array());
        out.writeBytes(eth);
        out.writeBytes(ipb);
        out.writeBytes(t);
        return this;
    }

    public Path write(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static int checksum(byte[] b) {
        long s = 0;
        for (int i = 0; i + 1 < b.length; i += 2) s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        if (b.length % 2 == 1) s += (b[b.length - 1] & 0xff) << 8;
        while ((s >> 16) != 0) s = (s & 0xffff) + (s >> 16);
        return (int) (~s & 0xffff);
    }
}
