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
    /** The number given by assign() for the next lookup, or -1; whether that lookup starts a conversation. */
    private int assigned = -1;
    private boolean assignedNew;
    /** The conversation the last lookup found or made. */
    private TcpConversation last;

    public TcpConversationTable() { this(0); }

    /** A table whose first conversation gets {@code firstIndex}: replaying one stream keeps its number. */
    public TcpConversationTable(int firstIndex) { this.nextIndex = firstIndex; }

    /** The conversation of this segment, created if needed. */
    public TcpConversation lookup(byte[] src, int srcPort, byte[] dst, int dstPort, boolean syn, boolean ack, long seq,
                                  int frame) {
        // Most segments are of the conversation of the segment before (7 in 10 of a big capture's): found
        // without making and hashing a key. The last one found is always the table's for its endpoints.
        EndpointPair key = null;
        TcpConversation c = last;
        if (c == null || !c.joins(src, srcPort, dst, dstPort)) {
            key = EndpointPair.of(src, srcPort, dst, dstPort);
            c = byKey.get(key);
        }
        int given = assigned;
        boolean givenNew = assignedNew;
        assigned = -1;
        if (given >= 0 && givenNew) {
            c = new TcpConversation(given, src, srcPort, dst, dstPort, frame);
            byKey.put(key != null ? key : EndpointPair.of(src, srcPort, dst, dstPort), c);
            nextIndex = Math.max(nextIndex, given + 1);
            return last = c;
        }
        if (c != null && syn && !ack) {
            TcpReassembler r = c.reassembler(c.direction(src, srcPort));
            boolean sameSyn = r.sawSyn() && r.initialSequence() == seq;
            if (!sameSyn && (c.closed() || r.sawSyn())) c = null;
        }
        if (c == null) {
            c = new TcpConversation(given >= 0 ? given : nextIndex++, src, srcPort, dst, dstPort, frame);
            nextIndex = Math.max(nextIndex, c.index + 1);
            byKey.put(key != null ? key : EndpointPair.of(src, srcPort, dst, dstPort), c);
        }
        return last = c;
    }

    /**
     * The next {@link #lookup}'s conversation as another table (that saw every segment of the capture) found
     * it: {@code index}, and whether it started there ({@code fresh}: a new one even where this table, which
     * saw only some connections, knows an older one of the same ports). For a table that holds some of a
     * capture's connections (cli.ParallelDissection), numbered and split as one table over all of them.
     */
    public void assign(int index, boolean fresh) {
        assigned = index;
        assignedNew = fresh;
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
    public void clear() {
        byKey.clear();
        last = null;
    }

    /** The conversations still known (a connection is forgotten when its ports are reused). */
    public java.util.Collection<TcpConversation> all() { return java.util.Collections.unmodifiableCollection(byKey.values()); }
}
