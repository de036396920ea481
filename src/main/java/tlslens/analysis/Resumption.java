package tlslens.analysis;

/** How the server resumed an earlier session, as the handshake on the wire shows it. */
public enum Resumption {
    /** A full handshake (or none we could see). */
    NONE("none"),
    /** TLS &lt;= 1.2: the ServerHello echoes the client's session id and goes straight to ChangeCipherSpec. */
    SESSION_ID("session_id"),
    /** TLS &lt;= 1.2, RFC 5077: the client sent a non-empty SessionTicket and the abbreviated handshake followed. */
    SESSION_TICKET("session_ticket"),
    /** TLS 1.3: the ServerHello carries pre_shared_key. */
    PSK("psk");

    private final String label;

    Resumption(String label) { this.label = label; }

    /** The name used in the JSON and text outputs: none, session_id, session_ticket, psk. */
    public String label() { return label; }
}
