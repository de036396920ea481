package tlslens.analysis;

import tlslens.dissect.tls.names.HandshakeTypes;

/**
 * A message that the full handshake had and a resumed one did not.
 *
 * @param handshakeType its {@link HandshakeTypes} code (Certificate, ServerKeyExchange, ...)
 * @param contentType   the {@link tlslens.dissect.tls.names.ContentTypes} code of the record it travels in:
 *                      handshake, application_data in TLS 1.3
 * @param fromClient    sent by the client in the full handshake
 * @param bytes         its size in the original connection's full handshake; null when the original is
 *                      not in the capture or its messages were encrypted
 */
public record SkippedMessage(int handshakeType, int contentType, boolean fromClient, Integer bytes) {
    public String from() { return fromClient ? "client" : "server"; }

    /** Wireshark's name ("Certificate", "Server Key Exchange", ...), for display. */
    public String message() { return HandshakeTypes.nameOrUnknown(handshakeType); }
}
