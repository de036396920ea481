package tlslens.engine;

/** What carries a connection's TLS: a TCP connection, a QUIC connection, a DTLS association over UDP. */
public enum Transport {
    TCP("tcp"),
    QUIC("quic"),
    DTLS("dtls");

    private final String label;

    Transport(String label) { this.label = label; }

    /** The name in --connections' output and the connections pane: tcp, quic, dtls. */
    public String label() { return label; }
}
