package tlslens.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the conversation of a TCP segment and numbers new ones in order of their first packet,
 * like Wireshark's tcp.stream. A fresh SYN on the ports of a closed connection, or with another
 * initial sequence number, starts a new conversation (port reuse).
 */
public final class TcpConversationTable {
    private final Map<EndpointPair, TcpConversation> byKey = new HashMap<>();
    private int nextIndex;

    public TcpConversationTable() { this(0); }

    /** A table whose first conversation gets {@code firstIndex}: replaying one stream keeps its number. */
    public TcpConversationTable(int firstIndex) { this.nextIndex = firstIndex; }

    /** The conversation of this segment, created if needed. */
    public TcpConversation lookup(byte[] src, int srcPort, byte[] dst, int dstPort, boolean syn, boolean ack, long seq,
                                  int frame) {
        EndpointPair key = EndpointPair.of(src, srcPort, dst, dstPort);
        TcpConversation c = byKey.get(key);
        if (c != null && syn && !ack) {
            TcpReassembler r = c.reassembler(c.direction(src, srcPort));
            boolean sameSyn = r.sawSyn() && r.initialSequence() == seq;
            if (!sameSyn && (c.closed() || r.sawSyn())) c = null;
        }
        if (c == null) {
            c = new TcpConversation(nextIndex++, src, srcPort, dst, dstPort, frame);
            byKey.put(key, c);
        }
        return c;
    }

    /** The existing conversation of these endpoints, or null (for packets quoted in ICMP errors). */
    public TcpConversation find(byte[] src, int srcPort, byte[] dst, int dstPort) {
        return byKey.get(EndpointPair.of(src, srcPort, dst, dstPort));
    }

    /** Records flags that close a direction. */
    public void flags(TcpConversation c, int dir, boolean fin, boolean rst) {
        if (fin) c.sawFin(dir);
        if (rst) c.sawReset();
    }

    public int size() { return nextIndex; }

    /** Forgets every conversation (and its reassembly buffers): no frame will follow. Numbering goes on. */
    public void clear() { byKey.clear(); }

    /** The conversations still known (a connection is forgotten when its ports are reused). */
    public java.util.Collection<TcpConversation> all() { return java.util.Collections.unmodifiableCollection(byKey.values()); }
}
