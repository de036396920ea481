package tlslens.analysis;

import java.util.List;

import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.tls.HandshakeDissector;
import tlslens.dissect.tls.HandshakeLog;
import tlslens.dissect.tls.names.ContentTypes;

/**
 * One arrow of a handshake ladder: a handshake message (plaintext or an encrypted record),
 * a ChangeCipherSpec, or a TLS 1.3 encrypted record that belongs to the handshake phase. It keeps
 * the codes the dissector read; {@link #message()} makes Wireshark's label from them for display.
 *
 * @param frame         the frame in which the message was complete
 * @param fromClient    sent by the client
 * @param kind          what the step is
 * @param contentType   the {@link ContentTypes} code of the record that carried it, as on the wire:
 *                      application_data for a TLS 1.3 message that travelled encrypted (decrypted with a
 *                      key log or not); {@link HandshakeLog#SSL2_RECORD} for an SSLv2 message
 * @param handshakeType the message's {@link tlslens.dissect.tls.names.HandshakeTypes} code (an
 *                      {@link tlslens.dissect.tls.names.Ssl2MessageTypes} code in an SSLv2 record), kept when
 *                      unknown; HELLO_RETRY_REQUEST for a HelloRetryRequest; {@link #NONE} when the step is not
 *                      a readable handshake message (encrypted, ChangeCipherSpec, early data)
 * @param bytes         bytes on the wire: the handshake message with its 4-byte header; for an encrypted
 *                      record, the record's payload
 * @param timeMs        milliseconds since the first ClientHello, null when unknown
 * @param encrypted     the content could not be read
 * @param wireEncrypted the record travelled encrypted, whether or not a key log decrypted it: a TLS 1.3 record of
 *                      outer type application_data, or a TLS &lt;= 1.2 message after its sender's ChangeCipherSpec
 *                      (the Finished); always true when {@code encrypted}. In QUIC: every packet type but Initial
 *                      (whose keys anyone can derive)
 * @param quicPacketType QUIC: the {@link QuicPacketTypes} code of the packet that carried the step (its lane on the
 *                      ladder: Initial, Handshake, 0-RTT, 1-RTT); {@link #NONE} over TCP and DTLS
 * @param cryptoFrames  QUIC: the frames whose CRYPTO frames carried the message's bytes (more than one when it was
 *                      split over packets); empty otherwise
 * @param retransmission DTLS: the message repeats one already sent (a retransmitted flight)
 */
public record HandshakeStep(long frame, boolean fromClient, Kind kind, int contentType, int handshakeType, int bytes,
                            Double timeMs, boolean encrypted, boolean wireEncrypted, int quicPacketType,
                            List<Long> cryptoFrames, boolean retransmission) {
    /** No handshake type: see {@link #handshakeType}. */
    public static final int NONE = HandshakeLog.ENCRYPTED;

    public HandshakeStep {
        cryptoFrames = List.copyOf(cryptoFrames);
    }

    /** A step over TCP. */
    public HandshakeStep(long frame, boolean fromClient, Kind kind, int contentType, int handshakeType, int bytes,
                         Double timeMs, boolean encrypted, boolean wireEncrypted) {
        this(frame, fromClient, kind, contentType, handshakeType, bytes, timeMs, encrypted, wireEncrypted, NONE,
                List.of(), false);
    }

    public enum Kind {
        /** A handshake message as the record layer showed it (also "Encrypted Handshake Message"). */
        MESSAGE,
        CHANGE_CIPHER_SPEC,
        /** TLS 1.3 without keys: an application_data record inferred to carry handshake messages. */
        ENCRYPTED_HANDSHAKE_RECORD,
        /** TLS 1.3 0-RTT application data sent before the ServerHello (in QUIC: a 0-RTT packet). */
        EARLY_DATA,
        /** QUIC: the server's Retry (a token to echo), answered by a new Initial. */
        RETRY,
        /** QUIC: the server's Version Negotiation (the versions it supports). */
        VERSION_NEGOTIATION
    }

    /** Carried by QUIC (see {@link #quicPacketType}). */
    public boolean quic() { return quicPacketType != NONE; }

    public String from() { return fromClient ? "client" : "server"; }

    /** Travelled encrypted and a key log made it readable. */
    public boolean decrypted() { return wireEncrypted && !encrypted; }

    /** Wireshark's name ("Client Hello", "Encrypted Handshake Message", "Change Cipher Spec", ...), for display only. */
    public String message() {
        return switch (kind) {
            case MESSAGE -> HandshakeLog.messageName(contentType, handshakeType, encrypted);
            case CHANGE_CIPHER_SPEC -> ContentTypes.wiresharkName(ContentTypes.CHANGE_CIPHER_SPEC);
            case ENCRYPTED_HANDSHAKE_RECORD -> quic() ? QuicPacketTypes.name(quicPacketType) + " packet (encrypted)"
                    : HandshakeDissector.ENCRYPTED_HANDSHAKE;
            case EARLY_DATA -> quic() ? "0-RTT packet" : "Early Data (0-RTT)";
            case RETRY -> "Retry";
            case VERSION_NEGOTIATION -> "Version Negotiation";
        };
    }

    /** A readable handshake message of TLS type {@code type} (not an SSLv2 one, whose codes differ). */
    public boolean is(int type) {
        return kind == Kind.MESSAGE && !encrypted && handshakeType == type && contentType != HandshakeLog.SSL2_RECORD;
    }
}
