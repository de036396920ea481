package tlslens.dissect.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Test support: extension bytes built from the RFCs' structures, hello messages around them, and a
 * minimal pcap (Ethernet / IPv4 / TCP, one TLS record per handshake message) that tshark can read.
 */
public final class ExtensionBytes {
    private ExtensionBytes() {}

    public static byte[] hex(String h) { return HexFormat.of().parseHex(h.replace(" ", "")); }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    public static byte[] u8(int v) { return new byte[] {(byte) v}; }

    public static byte[] u16(int v) { return new byte[] {(byte) (v >> 8), (byte) v}; }

    public static byte[] u24(int v) { return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v}; }

    public static byte[] vec8(byte[] b) { return cat(u8(b.length), b); }

    public static byte[] vec16(byte[] b) { return cat(u16(b.length), b); }

    public static byte[] vec24(byte[] b) { return cat(u24(b.length), b); }

    public static byte[] ascii(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }

    /** One extension: type, length, body. */
    public static byte[] ext(int type, byte[] body) { return cat(u16(type), vec16(body)); }

    public static byte[] ext(int type, String hexBody) { return ext(type, hex(hexBody)); }

    /** The extensions block: the 2-byte total length, then the extensions. */
    public static byte[] block(byte[]... exts) { return vec16(cat(exts)); }

    /** ClientHello body (TLS 1.2 legacy version, one suite) with the given extensions block. */
    public static byte[] clientHello(byte[] extBlock) {
        return cat(u16(0x0303), new byte[32], u8(0), vec16(u16(0x1301)), vec8(u8(0)), extBlock);
    }

    public static int clientHelloExtOffset() { return 2 + 32 + 1 + 4 + 2; }

    /** ServerHello body; {@code hrr} puts the HelloRetryRequest random in. */
    public static byte[] serverHello(byte[] extBlock, boolean hrr) {
        byte[] random = hrr ? hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c") : new byte[32];
        return cat(u16(0x0303), random, u8(0), u16(0x1301), u8(0), extBlock);
    }

    public static int serverHelloExtOffset() { return 2 + 32 + 1 + 2 + 1; }

    /** A handshake message with its 4-byte header. */
    public static byte[] handshake(int type, byte[] body) { return cat(u8(type), u24(body.length), body); }

    /** A message from the client (true) or server, as one TLS handshake record in one TCP segment. */
    public record Message(boolean fromClient, int type, byte[] body) {}

    /** Writes a pcap with each message in its own frame of one TCP connection 10.0.0.1:40000 - 10.0.0.2:443. */
    public static void writePcap(Path file, List<Message> messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer gh = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        gh.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(gh.array());
        long cseq = 1000, sseq = 5000;
        int i = 0;
        for (Message m : messages) {
            byte[] hs = handshake(m.type(), m.body());
            byte[] rec = cat(hex("160303"), u16(hs.length), hs);
            byte[] src = m.fromClient() ? hex("0a000001") : hex("0a000002");
            byte[] dst = m.fromClient() ? hex("0a000002") : hex("0a000001");
            int sport = m.fromClient() ? 40000 : 443, dport = m.fromClient() ? 443 : 40000;
            long seq = m.fromClient() ? cseq : sseq, ack = m.fromClient() ? sseq : cseq;
            if (m.fromClient()) cseq += rec.length; else sseq += rec.length;
            byte[] tcp = cat(u16(sport), u16(dport), u16((int) (seq >> 16)), u16((int) seq), u16((int) (ack >> 16)),
                    u16((int) ack), hex("5018ffff00000000"));
            int total = 20 + tcp.length + rec.length;
            byte[] ip = cat(hex("4500"), u16(total), hex("000100004006"), u16(0), src, dst);
            int sum = 0;
            for (int k = 0; k < 20; k += 2) sum += ((ip[k] & 0xff) << 8) | (ip[k + 1] & 0xff);
            while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
            ip[10] = (byte) (~sum >> 8);
            ip[11] = (byte) ~sum;
            byte[] frame = cat(hex("001122334455 66778899aabb 0800"), ip, tcp, rec);
            ByteBuffer ph = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            ph.putInt(1000 + i++).putInt(0).putInt(frame.length).putInt(frame.length);
            out.writeBytes(ph.array());
            out.writeBytes(frame);
        }
        Files.write(file, out.toByteArray());
    }
}
