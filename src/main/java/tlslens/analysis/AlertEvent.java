package tlslens.analysis;

/**
 * An alert record. level and description are Wireshark's names ("Fatal", "Handshake Failure"),
 * null when the alert is encrypted.
 */
public record AlertEvent(long frame, boolean fromClient, String level, String description, boolean encrypted,
                         Double timeMs) {
    public String from() { return fromClient ? "client" : "server"; }
}
