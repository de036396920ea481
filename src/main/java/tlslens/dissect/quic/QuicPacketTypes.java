package tlslens.dissect.quic;

/**
 * The kinds of QUIC packet a connection's ladder tells apart: the long header's types as
 * quic.long.packet_type numbers them in QUIC v1 (v2's wire bits are mapped to these), plus the
 * short header (1-RTT) and Version Negotiation, which have no such number.
 */
public final class QuicPacketTypes {
    public static final int INITIAL = 0;
    public static final int ZERO_RTT = 1;
    public static final int HANDSHAKE = 2;
    public static final int RETRY = 3;
    public static final int ONE_RTT = 4;
    public static final int VERSION_NEGOTIATION = 5;

    private QuicPacketTypes() {}

    /** Wireshark's name of the packet type ("Initial", "0-RTT", "Handshake", "Retry", "1-RTT", "Version Negotiation"). */
    public static String name(int type) {
        return switch (type) {
            case INITIAL -> "Initial";
            case ZERO_RTT -> "0-RTT";
            case HANDSHAKE -> "Handshake";
            case RETRY -> "Retry";
            case ONE_RTT -> "1-RTT";
            case VERSION_NEGOTIATION -> "Version Negotiation";
            default -> "Unknown (" + type + ")";
        };
    }
}
