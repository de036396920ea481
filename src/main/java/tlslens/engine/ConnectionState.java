package tlslens.engine;

import java.time.Duration;
import java.time.Instant;

import tlslens.dissect.tls.TlsConnection;

/**
 * What the engine knows about one connection after the frames seen so far: a TCP connection (one
 * tcp.stream), a QUIC connection (one quic.connection.number) or a DTLS association (one udp.stream):
 * the input of the connection model (tlslens.analysis). A live view: it keeps changing while the
 * engine dissects more frames, so read it from the dissecting thread or after the last frame.
 */
public interface ConnectionState {
    /** tcp.stream; quic.connection.number for QUIC; udp.stream for DTLS. */
    int index();

    /** What carries the connection. */
    default Transport transport() { return Transport.TCP; }

    /** The UDP conversation (udp.stream) of a QUIC or DTLS connection; -1 for TCP. */
    default int udpStream() { return -1; }

    /** The QUIC connection (packets, CRYPTO messages) when {@link #transport()} is QUIC, else null. */
    default tlslens.dissect.quic.QuicConnection quic() { return null; }

    /** The DTLS association when {@link #transport()} is DTLS, else null. */
    default tlslens.dissect.dtls.DtlsAssociation dtls() { return null; }

    /** Direction (0 = from the endpoint of the first packet, as in {@link #address(int)}) of the client. */
    int clientDirection();

    /** The address (4 or 16 bytes) of the endpoint that sends in direction dir. */
    byte[] address(int dir);

    int port(int dir);

    long firstFrame();

    long lastFrame();

    Instant firstTime();

    Instant lastTime();

    /** TCP payload bytes (UDP payload bytes for QUIC and DTLS) sent in direction dir, retransmissions included. */
    long payloadBytes(int dir);

    /** The TLS state of the connection, or null when it isn't TLS (or its detail was let go: {@link #detailForgotten()}). */
    TlsConnection tls();

    /**
     * Whether the engine let go of this connection's TLS log and hellos once a model was made of them
     * (a window keeps that model, and dissects the connection again when new keys open it): then
     * {@link #tls()} is null and the model's analysis of it stands (ConnectionAnalyzer.analyze with
     * the previous analysis); {@link #carriesTls()}, {@link #decryption()} and {@link #clientRandom()} still answer.
     */
    default boolean detailForgotten() { return false; }

    /** Whether the connection carries TLS. */
    default boolean carriesTls() { return tls() != null; }

    /** How decryption of its TLS went; null when it isn't TLS. */
    default tlslens.dissect.tls.decrypt.DecryptionStatus decryption() { return tls() == null ? null : tls().decryption(); }

    /** Its ClientHello's random (what a key log names it by); null when unknown. */
    default byte[] clientRandom() { return tls() == null ? null : tls().clientRandom(); }

    /**
     * The time of a frame that added something to the TLS connection's log (a handshake message,
     * ChangeCipherSpec, alert, record); null for other frames.
     */
    Instant frameTime(long frame);

    /**
     * The initial round-trip time tshark calls iRTT (tcp.analysis.initial_rtt): from the SYN to the
     * ACK that completes the handshake, as the capture point saw it. Null when the handshake was not
     * captured. A TLS handshake's gaps are best read in units of it.
     */
    Duration initialRtt();
}
