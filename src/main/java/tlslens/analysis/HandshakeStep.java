package tlslens.analysis;

/**
 * One arrow of a handshake ladder: a handshake message (plaintext or an encrypted record),
 * a ChangeCipherSpec, or a TLS 1.3 encrypted record that belongs to the handshake phase.
 *
 * @param frame     the frame in which the message was complete
 * @param fromClient sent by the client
 * @param message   Wireshark's name ("Client Hello", "Encrypted Handshake Message", "Change Cipher Spec", ...)
 * @param bytes     bytes on the wire: the handshake message with its 4-byte header; for an encrypted
 *                  record, the record's payload
 * @param timeMs    milliseconds since the first ClientHello, null when unknown
 * @param encrypted the content could not be read
 * @param kind      what the step is
 */
public record HandshakeStep(long frame, boolean fromClient, String message, int bytes, Double timeMs,
                            boolean encrypted, Kind kind) {

    public enum Kind {
        /** A handshake message as the record layer showed it (also "Encrypted Handshake Message"). */
        MESSAGE,
        CHANGE_CIPHER_SPEC,
        /** TLS 1.3 without keys: an application_data record inferred to carry handshake messages. */
        ENCRYPTED_HANDSHAKE_RECORD,
        /** TLS 1.3 0-RTT application data sent before the ServerHello. */
        EARLY_DATA
    }

    public String from() { return fromClient ? "client" : "server"; }
}
