package tlslens.dissect;

/**
 * What the dissectors learn about one frame while they dissect it, for the layers above them and
 * for the packet list (Wireshark's {@code packet_info}): addresses, ports, the TCP stream, the
 * protocols in the frame, the Protocol and Info columns, and flags saying what the frame carries.
 * Each fact is set by the dissector that knows it; nobody reads the tree back to find a port.
 */
public final class FrameContext {
    /** A TLS record (or the start of one), a DTLS record or a QUIC packet (TLS's carriers over UDP) is in this frame. */
    public static final int TLS = 1;
    /** A TLS handshake record, clear or encrypted. */
    public static final int HANDSHAKE = 1 << 1;
    public static final int CHANGE_CIPHER_SPEC = 1 << 2;
    public static final int ALERT = 1 << 3;
    public static final int APPLICATION_DATA = 1 << 4;
    public static final int HEARTBEAT = 1 << 5;
    /** The server's ChangeCipherSpec of an abbreviated (resumed) TLS 1.2 handshake. */
    public static final int RESUMED = 1 << 6;
    /** Retransmission, out-of-order segment, overlap or missing bytes. */
    public static final int TCP_PROBLEM = 1 << 7;
    /** An item of the tree is malformed (Wireshark's {@code _ws.malformed}). */
    public static final int MALFORMED = 1 << 8;
    /** A handshake message or alert that travelled encrypted was decrypted here: the packet list keeps its lock. */
    public static final int DECRYPTED = 1 << 9;

    private String source = "";
    private String destination = "";
    private int srcPort = -1;
    private int dstPort = -1;
    private int tcpStream = -1;
    private int udpStream = -1;
    private String protocols = "";
    private String protocol = "";
    private final StringBuilder info = new StringBuilder();
    /** An Info text made when first read (see setInfo(Supplier)); null when none is pending. */
    private java.util.function.Supplier<String> infoLater;
    private int flags;

    // ---- addresses and ports (set by the IP, TCP and UDP layers) ----------------------------

    /** The network addresses as the Source and Destination columns show them. */
    public void addresses(String src, String dst) {
        this.source = src == null ? "" : src;
        this.destination = dst == null ? "" : dst;
    }

    public String source() { return source; }

    public String destination() { return destination; }

    /** The transport ports of this frame (TCP or UDP). */
    public void ports(int src, int dst) {
        this.srcPort = src;
        this.dstPort = dst;
    }

    /** The source port, -1 when the frame has no transport ports. */
    public int srcPort() { return srcPort; }

    /** The destination port, -1 when the frame has no transport ports. */
    public int dstPort() { return dstPort; }

    /** Wireshark's tcp.stream of this frame, or -1. */
    public int tcpStream() { return tcpStream; }

    public void tcpStream(int index) { this.tcpStream = index; }

    /** udp.stream of the frame's innermost UDP datagram, -1 when there is none. */
    public int udpStream() { return udpStream; }

    public void udpStream(int index) { this.udpStream = index; }

    /** frame.protocols: "eth:ethertype:ip:tcp:tls". */
    public String protocols() { return protocols; }

    public void protocols(String p) { this.protocols = p == null ? "" : p; }

    // ---- columns ------------------------------------------------------------------------------

    public String protocol() { return protocol; }

    public void protocol(String p) { this.protocol = p == null ? "" : p; }

    public String info() {
        made();
        return info.toString();
    }

    public void setInfo(String s) {
        infoLater = null;
        info.setLength(0);
        info.append(s);
    }

    /**
     * Sets the Info column to a text made when it is first read (or appended to): a headless run
     * prints the Info of few frames (-Y, -T fields). {@code s} must read nothing that changes after
     * this frame (it may run on another thread, once the frame is handed over).
     */
    public void setInfo(java.util.function.Supplier<String> s) {
        info.setLength(0);
        infoLater = s;
    }

    private void made() {
        if (infoLater != null) {
            java.util.function.Supplier<String> s = infoLater;
            infoLater = null;
            info.append(s.get());
        }
    }

    /** Appends to the Info column with ", " between parts, as the TLS dissector does. */
    public void appendInfo(String s) {
        made();
        if (info.length() > 0) info.append(", ");
        info.append(s);
    }

    public void appendInfoRaw(String s) {
        made();
        info.append(s);
    }

    // ---- what the frame carries --------------------------------------------------------------

    /** Sets the given flags ({@link #HANDSHAKE}, {@link #ALERT}, ...). */
    public void flag(int f) { flags |= f; }

    public boolean has(int f) { return (flags & f) != 0; }

    /** Every flag set, as bits. */
    public int flags() { return flags; }
}
