package tlslens.ui.model;

import java.util.List;
import java.util.Locale;

import tlslens.analysis.HandshakeStep;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.tls.HandshakeLog;
import tlslens.dissect.tls.names.ContentTypes;

/**
 * One row of a handshake ladder: an arrow between the client and server lifelines, or a ghost
 * where a resumed handshake skipped a message.
 *
 * @param kind          what the arrow stands for
 * @param fromClient    sent by the client (arrow to the right)
 * @param contentType   the {@link ContentTypes} code of the record that carried it, as on the wire
 *                      (application_data for what TLS 1.3 sent encrypted, even when decrypted);
 *                      {@link HandshakeLog#SSL2_RECORD} for SSLv2
 * @param handshakeType the message's handshake type code (see {@link HandshakeStep#handshakeType}), or
 *                      {@link HandshakeStep#NONE}: what the row is, for everything that is not display
 * @param label         the text shown: Wireshark's message name ("Server Key Exchange", "Change Cipher Spec",
 *                      "Alert (Fatal, Handshake Failure)"), made from the codes
 * @param bytes      size on the wire (handshake message with its header, record payload when encrypted); null when unknown
 * @param timeMs     milliseconds since the ClientHello; null for ghosts and unknown times
 * @param frame      the frame carrying it; -1 for ghosts
 * @param flight     1-based number of the flight (run of messages in one direction) it belongs to
 * @param encrypted  its content could not be read
 * @param wireEncrypted it travelled encrypted, whether or not a key log decrypted it (TLS 1.3's
 *                   EncryptedExtensions to Finished, TLS 1.2's Finished; for a ghost: TLS 1.3 sends it
 *                   encrypted); the ladder keeps its lock once decrypted
 * @param quicPacketType QUIC: the {@link QuicPacketTypes} code of the packet that carried it (the ladder shades the
 *                   row by it: Initial, Handshake, 0-RTT, 1-RTT); {@link HandshakeStep#NONE} over TCP and DTLS
 * @param cryptoFrames QUIC: the frames whose CRYPTO frames carried the message; empty otherwise
 * @param retransmission DTLS: a retransmitted message (a flight sent again)
 */
public record LadderRow(Kind kind, boolean fromClient, int contentType, int handshakeType, String label, Integer bytes,
                        Double timeMs, long frame, int flight, boolean encrypted, boolean wireEncrypted,
                        int quicPacketType, List<Long> cryptoFrames, boolean retransmission) {

    public LadderRow {
        cryptoFrames = List.copyOf(cryptoFrames);
    }

    /** A row of a TCP connection's ladder. */
    public LadderRow(Kind kind, boolean fromClient, int contentType, int handshakeType, String label, Integer bytes,
                     Double timeMs, long frame, int flight, boolean encrypted, boolean wireEncrypted) {
        this(kind, fromClient, contentType, handshakeType, label, bytes, timeMs, frame, flight, encrypted, wireEncrypted,
                HandshakeStep.NONE, List.of(), false);
    }

    public enum Kind {
        /** A handshake message in the clear. */
        MESSAGE("message"),
        /** An encrypted handshake message or a TLS 1.3 encrypted handshake record. */
        ENCRYPTED("encrypted"),
        CHANGE_CIPHER_SPEC("ccs"),
        ALERT("alert"),
        /** TLS 1.3 0-RTT application data. */
        EARLY_DATA("early-data"),
        /** A message the resumed handshake skipped, drawn where the full handshake had it. */
        GHOST("ghost"),
        /** QUIC: a Retry or Version Negotiation, which sends the client back to a new Initial. */
        RETRY("retry");

        private final String styleClass;

        Kind(String styleClass) { this.styleClass = styleClass; }

        /** The CSS class of the arrow ("ladder-arrow" plus this). */
        public String styleClass() { return styleClass; }
    }

    public boolean ghost() { return kind == Kind.GHOST; }

    /** A readable TLS handshake message of type {@code type} (not SSLv2's, whose codes differ). */
    public boolean is(int type) {
        return kind == Kind.MESSAGE && handshakeType == type && contentType != HandshakeLog.SSL2_RECORD;
    }

    /** This row in flight {@code n}. */
    public LadderRow inFlight(int n) {
        return new LadderRow(kind, fromClient, contentType, handshakeType, label, bytes, timeMs, frame, n, encrypted,
                wireEncrypted, quicPacketType, cryptoFrames, retransmission);
    }

    /** Carried by QUIC: see {@link #quicPacketType}. */
    public boolean quic() { return quicPacketType != HandshakeStep.NONE; }

    /** "Initial", "Handshake", "0-RTT", "1-RTT": the QUIC packet type that carried the row; null over TCP and DTLS. */
    public String packetTypeText() { return quic() ? QuicPacketTypes.name(quicPacketType) : null; }

    /** Drawn with a lock: it travelled encrypted (decrypted or not). */
    public boolean locked() { return wireEncrypted || encrypted; }

    /** Travelled encrypted and a key log made it readable. */
    public boolean decrypted() { return wireEncrypted && !encrypted && !ghost(); }

    /**
     * How a decrypted row travelled: "Application Data, decrypted" for TLS 1.3 (the record's outer type, as
     * the packet list shows it without keys), "decrypted" for a TLS 1.2 Finished; null otherwise.
     */
    public String carrierText() {
        if (!decrypted()) return null;
        return contentType == ContentTypes.APPLICATION_DATA
                ? ContentTypes.wiresharkName(ContentTypes.APPLICATION_DATA) + ", decrypted" : "decrypted";
    }

    /** "sender → receiver" word for tooltips. */
    public String direction() { return fromClient ? "client → server" : "server → client"; }

    /** "1,006 B", or "? B" when unknown. */
    public String bytesText() { return bytes == null ? "? B" : formatBytes(bytes); }

    /** "+3.637 ms" since the ClientHello; empty when unknown. */
    public String timeText() { return timeMs == null ? "" : formatMs(timeMs); }

    /**
     * The small line under an arrow: "913 B · frame 6" (an alert's size is not kept: "frame 28"), once decrypted
     * "Application Data, decrypted · 916 B · frame 38", for a ghost "skipped · 913 B".
     */
    public String detail() {
        if (ghost()) return "skipped · " + (bytes == null ? "size unknown" : bytesText());
        StringBuilder sb = new StringBuilder();
        if (retransmission) sb.append("retransmission · ");
        if (quic()) {
            sb.append(packetTypeText()).append(decrypted() ? ", decrypted" : "").append(" · ");
        } else if (carrierText() != null) {
            sb.append(carrierText()).append(" · ");
        }
        if (bytes != null || kind != Kind.ALERT) sb.append(bytesText()).append(" · ");
        if (cryptoFrames.size() > 1) {
            sb.append("CRYPTO in frames ");
            for (int i = 0; i < cryptoFrames.size(); i++) sb.append(i == 0 ? "" : ", ").append(cryptoFrames.get(i));
            return sb.toString();
        }
        return sb.append("frame ").append(frame).toString();
    }

    public static String formatBytes(long n) { return String.format(Locale.ROOT, "%,d B", n); }

    /** "+0 ms", "+3.637 ms", "+1,234.5 ms". */
    public static String formatMs(double ms) {
        if (ms == 0) return "+0 ms";
        return String.format(Locale.ROOT, ms >= 1000 ? "+%,.1f ms" : "+%.3f ms", ms);
    }
}
