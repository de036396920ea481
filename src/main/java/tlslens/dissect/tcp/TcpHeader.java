package tlslens.dissect.tcp;

/** The parts of a TCP header the stream machinery needs. */
public record TcpHeader(int srcPort, int dstPort, long seq, long ack, int flags, int window, int headerLength,
                        int payloadOffset, int payloadLength) {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80;

    public boolean syn() { return (flags & SYN) != 0; }
    public boolean fin() { return (flags & FIN) != 0; }
    public boolean rst() { return (flags & RST) != 0; }
    public boolean hasAck() { return (flags & ACK) != 0; }

    /** "SYN, ACK" style flag list, as Wireshark's Info column and tcp.flags label show it. */
    public String flagNames() {
        StringBuilder sb = new StringBuilder();
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
        // Wireshark lists them from the low bit up: "SYN, ACK", "PSH, ACK".
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                if (sb.length() > 0) sb.append(", ");
                sb.append(names[i]);
            }
        }
        return sb.toString();
    }
}
