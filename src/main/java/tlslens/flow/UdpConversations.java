package tlslens.flow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers UDP conversations (address and port pairs, either direction) in order of their first
 * datagram, like Wireshark's udp.stream, and keeps each one's first and latest frame times for
 * udp.time_relative and udp.time_delta.
 */
public final class UdpConversations {
    /** One conversation: its index, its first endpoint (direction 0) and what the protocol above attaches. */
    public static final class Conversation {
        public final int index;
        private final byte[] addrA;
        private final int portA;
        private long firstNs;
        private long lastNs;
        /** The state a protocol above keeps for this conversation (QUIC, DTLS), or null. */
        public Object attachment;

        Conversation(int index, byte[] addrA, int portA, long nowNs) {
            this.index = index;
            this.addrA = addrA;
            this.portA = portA;
            this.firstNs = nowNs;
            this.lastNs = nowNs;
        }

        /** 0 when sent by the endpoint of the conversation's first datagram, else 1. */
        public int direction(byte[] src, int srcPort) {
            return Arrays.equals(src, addrA) && srcPort == portA ? 0 : 1;
        }

        /** Records a frame at nowNs; returns {since first, since previous} in nanoseconds. */
        public long[] frameTimes(long nowNs) {
            long[] r = {nowNs - firstNs, nowNs - lastNs};
            lastNs = nowNs;
            return r;
        }
    }

    private final Map<EndpointPair, Conversation> byKey = new HashMap<>();
    private int nextIndex;

    public UdpConversations() { this(0); }

    /** A table whose first conversation gets {@code firstIndex}: replaying one stream keeps its number. */
    public UdpConversations(int firstIndex) { this.nextIndex = firstIndex; }

    /** The conversation of this datagram, created (with the next index) if new. */
    public Conversation lookup(byte[] src, int srcPort, byte[] dst, int dstPort, long nowNs) {
        return byKey.computeIfAbsent(EndpointPair.of(src, srcPort, dst, dstPort),
                k -> new Conversation(nextIndex++, src.clone(), srcPort, nowNs));
    }

    public int size() { return nextIndex; }
}
