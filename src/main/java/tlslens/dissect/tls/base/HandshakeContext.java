package tlslens.dissect.tls.base;

import tlslens.dissect.FrameDissection;

/**
 * What a handshake message dissector needs from its connection: the negotiated state it reads
 * (version, cipher suite, direction) and the events it reports (hellos, tickets, ...).
 */
public interface HandshakeContext {
    FrameDissection frame();

    /** The session's protocol version as Wireshark tracks it (0 while unknown). */
    int sessionVersion();

    /** TLS 1.3 draft number of the ServerHello version, 0 for the final RFC or before TLS 1.3. */
    int tls13Draft();

    /** The negotiated cipher suite, -1 while unknown. */
    int cipherSuite();

    boolean fromServer();

    /** A ClientHello was dissected (also the SSLv2-format one). */
    void onClientHello(HelloInfo hello);

    /** A ServerHello (or HelloRetryRequest, {@code hrr}) was dissected. */
    void onServerHello(HelloInfo hello, boolean hrr);

    /** A NewSessionTicket carried this ticket. */
    void onSessionTicket(byte[] ticket, long lifetime, boolean tls13);

    /** ServerHelloDone: the handshake is a full one, not a resumption. */
    void onServerHelloDone();

    /** EncryptedExtensions (TLS 1.3) carried these extensions (ALPN among them). */
    void onEncryptedExtensions(HelloInfo ee);

    /** A TLS &lt;= 1.2 ServerKeyExchange named this curve (ECDHE): the connection model's key-exchange group. */
    default void onServerKeyExchangeGroup(int namedGroup) {}

    /** The bytes of a complete handshake message outside the usual framing (an SSLv2-format ClientHello). */
    default void handshakeBytes(byte[] message) {}

    /** The Finished verify_data as the key log computes it; null when it can't be computed. */
    default FinishedCheck checkFinished(byte[] verifyData) {
        return null;
    }
}
