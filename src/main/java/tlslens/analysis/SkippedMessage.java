package tlslens.analysis;

/**
 * A message that the full handshake had and a resumed one did not.
 *
 * @param message    Wireshark's name ("Certificate", "Server Key Exchange", ...)
 * @param fromClient sent by the client in the full handshake
 * @param bytes      its size in the original connection's full handshake; null when the original is
 *                   not in the capture or its messages were encrypted
 */
public record SkippedMessage(String message, boolean fromClient, Integer bytes) {
    public String from() { return fromClient ? "client" : "server"; }
}
