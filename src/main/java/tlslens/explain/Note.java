package tlslens.explain;

import java.util.List;

/**
 * What one message, extension, record type, alert or field is for: two to four sentences and the
 * sections of the specifications that define it.
 *
 * @param kind       what the key names
 * @param key        the code (decimal) for a message, extension, content type, alert, QUIC packet type
 *                   ({@code QuicPacketTypes}) or QUIC frame type (the first of its range); the Wireshark field
 *                   name for a field; the topic's name
 * @param title      what the note is about, for display ("Client Hello", "key_share", "Random")
 * @param references "RFC 8446 §4.1.2", ..., most relevant first
 * @param text       the note itself
 */
public record Note(Kind kind, String key, String title, List<String> references, String text) {
    public enum Kind { HANDSHAKE, EXTENSION, CONTENT, ALERT, FIELD, TOPIC, QUIC_PACKET, QUIC_FRAME }

    /** "RFC 8446 §4.1.2; RFC 5246 §7.4.1.2". */
    public String referenceText() { return String.join("; ", references); }

    /** The note with its references in brackets, as one paragraph. */
    public String withReferences() { return text + " (" + referenceText() + ")"; }
}
