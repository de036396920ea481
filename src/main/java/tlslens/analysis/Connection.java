package tlslens.analysis;

import java.time.Instant;
import java.util.List;

/**
 * One connection as the connection model sees it: a TCP connection (one tcp.stream), a QUIC
 * connection (one quic.connection.number) or a DTLS association (one udp.stream). Endpoints and bytes, and,
 * when it carries TLS, what was negotiated, the handshake in order, how (and from which earlier
 * connection) the session was resumed, and what stood out. A value: built once by
 * {@link ConnectionAnalyzer}; values that the capture does not show are null, never guessed.
 */
public final class Connection implements Cloneable {
    // ---- transport --------------------------------------------------------------------------
    tlslens.engine.Transport transport = tlslens.engine.Transport.TCP;
    int udpStream = -1;
    long quicVersion = -1;
    boolean retry;
    boolean versionNegotiation;
    boolean helloVerifyRequest;
    int retransmittedMessages;
    int index;
    String client;
    String server;
    long firstFrame;
    long lastFrame;
    Instant firstTime;
    Instant lastTime;
    long bytesClientToServer;
    long bytesServerToClient;
    java.time.Duration initialRtt;

    // ---- TLS --------------------------------------------------------------------------------
    boolean tls;
    String sni;
    List<String> alpnOffered = List.of();
    String alpn;
    String version;
    int versionCode = -1;
    String cipherSuite;
    int cipherSuiteCode = -1;
    String group;
    boolean established;
    boolean helloRetryRequest;
    List<HandshakeStep> handshake = List.of();
    java.util.Map<Integer, Integer> clientHelloExtensions = java.util.Map.of();
    java.util.Map<Integer, Integer> serverHelloExtensions = java.util.Map.of();
    List<AlertEvent> alerts = List.of();
    /** NaN for none (null to callers): a boxed Double cost 24 bytes a connection. */
    private double handshakeMs = Double.NaN;
    Integer roundTrips;

    // ---- resumption -------------------------------------------------------------------------
    Resumption resumption = Resumption.NONE;
    String pskMode;
    List<String> resumptionOffered = List.of();
    boolean earlyDataOffered;
    Boolean earlyData = Boolean.FALSE;
    String earlyDataReason;
    Integer resumedFrom;
    Long resumedFromFrame;
    Instant resumedFromTime;
    Instant handshakeStart;
    List<Integer> keyShareGroupsOffered = List.of();
    int helloRetryGroup = -1;
    String resumedFromReason;
    List<SkippedMessage> skipped = List.of();
    Integer skippedBytes;
    Integer roundTripsSaved;
    List<String> findings = List.of();
    tlslens.dissect.tls.decrypt.DecryptionStatus decryption;
    /** What linking it with the others reads (ConnectionAnalyzer), kept to link it again after the engine let go of its log; null when not TLS. */
    LinkFacts facts;

    Connection() {}

    /**
     * A copy as the analysis of this connection alone left it, before linking it with the others
     * (ConnectionAnalyzer.recalled): what linking sets is back to its start.
     */
    Connection unlinked() {
        Connection c;
        try {
            c = (Connection) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        c.resumptionOffered = List.of();
        c.resumedFrom = null;
        c.resumedFromFrame = null;
        c.resumedFromTime = null;
        c.resumedFromReason = null;
        c.skipped = List.of();
        c.skippedBytes = null;
        c.roundTripsSaved = null;
        c.findings = List.of();
        return c;
    }

    /**
     * How decryption went (state, reason, key origin, record counts): "decrypted", "no keys",
     * "keys did not match", ...; null for a connection that isn't TLS.
     */
    public tlslens.dissect.tls.decrypt.DecryptionStatus decryption() { return decryption; }

    /** tcp.stream; quic.connection.number for QUIC; udp.stream for a DTLS association. */
    public int index() { return index; }

    /** What carried it: TCP, QUIC or DTLS (over UDP). */
    public tlslens.engine.Transport transport() { return transport; }

    /**
     * Unique among a capture's connections of every transport (indexes are per transport: TCP
     * stream 0 and QUIC connection 0 are different connections): the index, for QUIC and DTLS offset
     * by {@link #KEY_STRIDE} times the transport's ordinal. What the window keys connections by.
     */
    public int key() { return key(transport, index); }

    /** The key of connection {@code index} of {@code transport}. */
    public static int key(tlslens.engine.Transport transport, int index) { return transport.ordinal() * KEY_STRIDE + index; }

    /** See {@link #key()}: more connections than this per transport are not told apart. */
    public static final int KEY_STRIDE = 1 << 24;

    /** "#3" for TCP stream 3, "QUIC #0", "DTLS #2": how the window and reports name the connection. */
    public String label() {
        return transport == tlslens.engine.Transport.TCP ? "#" + index : transport.name() + " #" + index;
    }

    /** The {@link #label()} of the connection with this {@link #key()}. */
    public static String labelOfKey(int key) {
        tlslens.engine.Transport t = tlslens.engine.Transport.values()[Math.min(key / KEY_STRIDE,
                tlslens.engine.Transport.values().length - 1)];
        int index = key - t.ordinal() * KEY_STRIDE;
        return t == tlslens.engine.Transport.TCP ? "#" + index : t.name() + " #" + index;
    }

    /** The {@link #key()} of the connection this one resumed from; null when unknown. */
    public Integer resumedFromKey() { return resumedFrom == null ? null : key(transport, resumedFrom); }

    /** udp.stream of a QUIC connection's first datagrams or of a DTLS association; -1 over TCP. */
    public int udpStream() { return udpStream; }

    /** QUIC: the version (quic.version code: 0x00000001 for v1, 0x6b3343cf for v2); -1 otherwise. */
    public long quicVersion() { return quicVersion; }

    /** QUIC: the server sent a Retry, which costs a round trip (a new Initial with its token). */
    public boolean retry() { return retry; }

    /** QUIC: the server answered with Version Negotiation. */
    public boolean versionNegotiation() { return versionNegotiation; }

    /** DTLS: the server sent a HelloVerifyRequest (a cookie round trip before its ServerHello). */
    public boolean helloVerifyRequest() { return helloVerifyRequest; }

    /** DTLS: handshake messages sent again (retransmitted flights). */
    public int retransmittedMessages() { return retransmittedMessages; }

    /** "ip:port" of the client: the sender of the ClientHello, else of the SYN, else of the first packet. */
    public String client() { return client; }

    /** "ip:port" of the server ("[::1]:443" for IPv6). */
    public String server() { return server; }

    /**
     * TCP's initial round-trip time (tshark's iRTT: SYN to the handshake's last ACK, as captured);
     * null when the TCP handshake is not in the capture. The unit to read a handshake's gaps in.
     */
    public java.time.Duration initialRtt() { return initialRtt; }

    public long firstFrame() { return firstFrame; }

    public long lastFrame() { return lastFrame; }

    public Instant firstTime() { return firstTime; }

    public Instant lastTime() { return lastTime; }

    /** TCP payload bytes from the client, retransmissions included. */
    public long bytesClientToServer() { return bytesClientToServer; }

    public long bytesServerToClient() { return bytesServerToClient; }

    /** True when the connection carries TLS (SSL). */
    public boolean tls() { return tls; }

    public String sni() { return sni; }

    /** The protocols the ClientHello offered with ALPN, in order. */
    public List<String> alpnOffered() { return alpnOffered; }

    /** The protocol the server chose; null when none, or when it is in TLS 1.3's encrypted EncryptedExtensions. */
    public String alpn() { return alpn; }

    /** The negotiated version ("TLS 1.2"), from the ServerHello; null without one. */
    public String version() { return version; }

    public int versionCode() { return versionCode; }

    /** The negotiated suite's IANA name; null without a ServerHello. */
    public String cipherSuite() { return cipherSuite; }

    public int cipherSuiteCode() { return cipherSuiteCode; }

    /** The key-exchange group: the TLS 1.3 ServerHello's key share, a TLS 1.2 ECDHE ServerKeyExchange's curve. */
    public String group() { return group; }

    /** Both Finished messages were seen (TLS 1.3: the client's last handshake record). */
    public boolean established() { return established; }

    public boolean helloRetryRequest() { return helloRetryRequest; }

    /** The handshake messages in order, TLS 1.3's encrypted handshake records and post-handshake messages included. */
    public List<HandshakeStep> handshake() { return handshake; }

    /**
     * The first ClientHello's extensions: {@link tlslens.dissect.tls.names.ExtensionTypes} code to body length,
     * in wire order; empty when there was none.
     */
    public java.util.Map<Integer, Integer> clientHelloExtensions() { return clientHelloExtensions; }

    /** The ServerHello's extensions, as {@link #clientHelloExtensions()}. */
    public java.util.Map<Integer, Integer> serverHelloExtensions() { return serverHelloExtensions; }

    public List<AlertEvent> alerts() { return alerts; }

    /** From the first ClientHello to the last message of the handshake; null when it did not complete. */
    public Double handshakeMs() { return Double.isNaN(handshakeMs) ? null : handshakeMs; }

    void handshakeMs(Double ms) { handshakeMs = ms == null ? Double.NaN : ms; }

    /**
     * Round trips of the handshake: its flights (runs of messages in one direction, ChangeCipherSpec
     * not counted) halved, i.e. (direction changes + 1) / 2; null when it did not complete.
     */
    public Integer roundTrips() { return roundTrips; }

    public Resumption resumption() { return resumption; }

    /** TLS 1.3 PSK resumption: "psk_dhe_ke" (the ServerHello has a key share) or "psk_ke"; else null. */
    public String pskMode() { return pskMode; }

    /** What the client offered: a subset of session_id, session_ticket, psk, in that order. */
    public List<String> resumptionOffered() { return resumptionOffered; }

    public boolean earlyDataOffered() { return earlyDataOffered; }

    /** 0-RTT data accepted: true or false when the capture shows it, null when unknown (see {@link #earlyDataReason}). */
    public Boolean earlyData() { return earlyData; }

    public String earlyDataReason() { return earlyDataReason; }

    /** tcp.stream of the connection that issued the resumed session; null when unknown (see the reason). */
    public Integer resumedFrom() { return resumedFrom; }

    public String resumedFromReason() { return resumedFromReason; }

    /**
     * The frame in which connection {@link #resumedFrom()} issued what this one resumed (its ServerHello for a
     * session id, its NewSessionTicket for a ticket); null when the issuer is unknown.
     */
    public Long resumedFromFrame() { return resumedFromFrame; }

    /** When that frame was captured; null when unknown. */
    public Instant resumedFromTime() { return resumedFromTime; }

    /** When the first ClientHello was captured (what {@link HandshakeStep#timeMs()} counts from); null without one. */
    public Instant handshakeStart() { return handshakeStart; }

    /** The {@link tlslens.dissect.tls.names.NamedGroups} codes of the first ClientHello's key shares, in order. */
    public List<Integer> keyShareGroupsOffered() { return keyShareGroupsOffered; }

    /** The group a HelloRetryRequest asked a key share for, as a NamedGroups code; -1 without one. */
    public int helloRetryGroup() { return helloRetryGroup; }

    /** The messages a full handshake had and this resumed one did not. */
    public List<SkippedMessage> skipped() { return skipped; }

    /** Their bytes, when all are known. */
    public Integer skippedBytes() { return skippedBytes; }

    public Integer roundTripsSaved() { return roundTripsSaved; }

    /** Things worth a look, in words ("client offered a session ticket, server did a full handshake"). */
    public List<String> findings() { return findings; }

    @Override
    public String toString() {
        return "Connection " + label() + " " + client + " -> " + server + " " + version + " " + cipherSuite + " "
                + resumption.label() + (resumedFrom != null ? " from " + resumedFrom : "");
    }
}
