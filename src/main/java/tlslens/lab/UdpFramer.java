package tlslens.lab;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames a relayed UDP flow as a capture on the wire would show it: one Ethernet/IPv4/UDP frame per
 * datagram, between the addresses {@link TcpFramer} uses (10.0.0.1 → 10.0.0.2, server port 443,
 * where tshark looks for QUIC), at the times the relay recorded (with a simulated round-trip time
 * the {@link UdpRelay} delayed the datagrams for real: nothing is added here).
 */
final class UdpFramer {
    private UdpFramer() {}

    /** The flow's frames from {@code clientPort}, every time moved {@code shiftNanos} later. */
    static TcpFramer.Framed frame(RelayedDatagrams flow, int clientPort, long shiftNanos) {
        List<TcpFramer.Frame> frames = new ArrayList<>();
        int clientId = clientPort * 7 & 0xffff;
        int serverId = clientPort * 13 & 0xffff;
        for (RelayedDatagrams.Datagram d : flow.datagrams()) {
            // Loopback datagrams can share a nanosecond; a capture never shows two frames at one instant.
            long t = d.nanos() + shiftNanos + frames.size() * 1_000L;
            frames.add(new TcpFramer.Frame(t, packet(d.fromClient(), clientPort, d.data(),
                    d.fromClient() ? clientId++ : serverId++)));
        }
        return new TcpFramer.Framed(frames, frames.size() * 1_000L);
    }

    static byte[] packet(boolean fromClient, int clientPort, byte[] payload, int ipId) {
        int udpLen = 8 + payload.length;
        int ipLen = 20 + udpLen;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
        b.put(fromClient ? TcpFramer.SERVER_MAC : TcpFramer.CLIENT_MAC)
                .put(fromClient ? TcpFramer.CLIENT_MAC : TcpFramer.SERVER_MAC).putShort((short) 0x0800);
        byte[] src = fromClient ? TcpFramer.CLIENT_IP : TcpFramer.SERVER_IP;
        byte[] dst = fromClient ? TcpFramer.SERVER_IP : TcpFramer.CLIENT_IP;
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) ipId)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
        b.putShort(ip + 10, (short) TcpFramer.checksum(b.array(), ip, 20, 0));
        int udp = b.position();
        b.putShort((short) (fromClient ? clientPort : TcpFramer.SERVER_PORT))
                .putShort((short) (fromClient ? TcpFramer.SERVER_PORT : clientPort))
                .putShort((short) udpLen).putShort((short) 0).put(payload);
        long pseudo = TcpFramer.sum(src, 0, 4) + TcpFramer.sum(dst, 0, 4) + 17 + udpLen;
        int sum = TcpFramer.checksum(b.array(), udp, udpLen, pseudo);
        b.putShort(udp + 6, (short) (sum == 0 ? 0xffff : sum)); // 0 means "no checksum" in UDP (RFC 768)
        return b.array();
    }
}
