package tlslens.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import tlslens.dissect.dtls.DtlsAssociation;
import tlslens.dissect.quic.QuicConnection;
import tlslens.dissect.tls.TlsConnection;

/**
 * What the connection model reads of one QUIC connection or DTLS association: its endpoints, the
 * frames and UDP payload bytes of its datagrams, their times (the handshake's are what it needs:
 * the first {@link #MAX_TIMES} frames' are kept), and the dissector's state of the connection. A QUIC
 * connection's directions count from its client (0), as its TLS log does; a DTLS association's are
 * its UDP conversation's.
 */
final class UdpState implements ConnectionState {
    /** Frames whose time is kept: a handshake is in the first few; a long transfer must not grow this. */
    static final int MAX_TIMES = 4096;

    private final Transport transport;
    private final int udpStream;
    private final QuicConnection quic;
    private final DtlsAssociation dtls;
    private final byte[][] addresses = new byte[2][];
    private final int[] ports = new int[2];
    private final long[] payloadBytes = new long[2];
    private long firstFrame = -1;
    private long lastFrame = -1;
    private Instant firstTime;
    private Instant lastTime;
    private long[] frames = new long[16];
    private Instant[] times = new Instant[16];
    private int count;
    /** QUIC: packets of the connection already accounted for. */
    int packetsSeen;
    /** Capture time (epoch ns) of the datagram that carried the first close seen; Long.MIN_VALUE when none. */
    long closedNs = Long.MIN_VALUE;

    /** Whether the connection holds keys or reassembly for packets to come (not ended yet). */
    boolean holdsState() { return quic != null ? quic.holdsState() : dtls.holdsState(); }

    UdpState(int udpStream, QuicConnection quic) {
        this.transport = Transport.QUIC;
        this.udpStream = udpStream;
        this.quic = quic;
        this.dtls = null;
    }

    UdpState(int udpStream, DtlsAssociation dtls) {
        this.transport = Transport.DTLS;
        this.udpStream = udpStream;
        this.quic = null;
        this.dtls = dtls;
    }

    /** A datagram of this connection: frame number and time, its UDP direction, endpoints and payload length. */
    void observe(long frame, Instant time, int dir, byte[] src, int srcPort, byte[] dst, int dstPort, int bytes) {
        // QUIC's TLS log counts directions from the client (0); so does this state, for QUIC.
        int d = quic != null ? dir == quic.clientDirection() ? 0 : 1 : dir == 0 ? 0 : 1;
        if (addresses[d] == null) {
            addresses[d] = src;
            ports[d] = srcPort;
        }
        if (addresses[1 - d] == null) {
            addresses[1 - d] = dst;
            ports[1 - d] = dstPort;
        }
        payloadBytes[d] += bytes;
        if (firstFrame < 0) {
            firstFrame = frame;
            firstTime = time;
        }
        if (frame == lastFrame) return;
        lastFrame = frame;
        lastTime = time;
        if (count == MAX_TIMES) return;
        if (count == frames.length) {
            frames = Arrays.copyOf(frames, count * 2);
            times = Arrays.copyOf(times, count * 2);
        }
        frames[count] = frame;
        times[count] = time;
        count++;
    }

    @Override public int index() { return quic != null ? quic.number : udpStream; }

    @Override public Transport transport() { return transport; }

    @Override public int udpStream() { return udpStream; }

    @Override public QuicConnection quic() { return quic; }

    @Override public DtlsAssociation dtls() { return dtls; }

    @Override public int clientDirection() {
        if (quic != null) return 0;
        int server = dtls.serverDirection();
        return server < 0 ? 0 : 1 - server;
    }

    @Override public byte[] address(int dir) { return addresses[dir == 0 ? 0 : 1]; }

    @Override public int port(int dir) { return ports[dir == 0 ? 0 : 1]; }

    @Override public long firstFrame() { return firstFrame; }

    @Override public long lastFrame() { return lastFrame; }

    @Override public Instant firstTime() { return firstTime; }

    @Override public Instant lastTime() { return lastTime; }

    @Override public long payloadBytes(int dir) { return payloadBytes[dir == 0 ? 0 : 1]; }

    /** The TLS handshake inside QUIC's CRYPTO frames; null for DTLS (its association holds its own records). */
    @Override public TlsConnection tls() { return quic == null ? null : quic.tls(); }

    @Override public Instant frameTime(long frame) {
        int i = Arrays.binarySearch(frames, 0, count, frame);
        return i >= 0 ? times[i] : frame == lastFrame ? lastTime : null;
    }

    /** No TCP handshake: the first round trip is QUIC's or DTLS's own. */
    @Override public Duration initialRtt() { return null; }
}
