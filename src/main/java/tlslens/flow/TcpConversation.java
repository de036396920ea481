package tlslens.flow;

import java.util.Arrays;

/**
 * One TCP connection, numbered like Wireshark's tcp.stream. Direction 0 is from the endpoint
 * that sent the first packet (the SYN, normally); each direction has its own reassembler.
 */
public final class TcpConversation {
    public final int index;
    public final byte[] addrA;
    public final int portA;
    public final byte[] addrB;
    public final int portB;
    public final int firstFrame;
    /** Made when a direction is first reassembled: a connection that is only a SYN costs little. */
    private final TcpReassembler[] reassemblers = new TcpReassembler[2];
    private final boolean[] fin = new boolean[2];
    /** Window scale shift each side announced in its SYN; -1 when its SYN had none or wasn't seen. */
    private final int[] windowShift = {-1, -1};
    private boolean reset;
    /** Whatever a higher layer keeps per connection (the TLS state). */
    public Object attachment;

    TcpConversation(int index, byte[] addrA, int portA, byte[] addrB, int portB, int firstFrame) {
        this.index = index;
        this.addrA = addrA;
        this.portA = portA;
        this.addrB = addrB;
        this.portB = portB;
        this.firstFrame = firstFrame;
    }

    /** Whether a segment between these endpoints (either way) is of this conversation's endpoints. */
    boolean joins(byte[] src, int srcPort, byte[] dst, int dstPort) {
        return srcPort == portA && dstPort == portB && Arrays.equals(src, addrA) && Arrays.equals(dst, addrB)
                || srcPort == portB && dstPort == portA && Arrays.equals(src, addrB) && Arrays.equals(dst, addrA);
    }

    /** 0 when the packet goes from A to B, 1 otherwise. */
    public int direction(byte[] src, int srcPort) {
        return srcPort == portA && Arrays.equals(src, addrA) ? 0 : 1;
    }

    public TcpReassembler reassembler(int dir) {
        if (reassemblers[dir] == null) reassemblers[dir] = new TcpReassembler();
        return reassemblers[dir];
    }

    void sawFin(int dir) { fin[dir] = true; }

    /** Records the window scale option of a SYN (shift -1: the SYN had none). */
    public void windowScale(int dir, int shift) {
        windowShift[dir] = shift;
        synSeen[dir] = true;
    }

    private final boolean[] synSeen = new boolean[2];

    /**
     * tshark's "window size scaling factor" of what {@code dir} sends: -1 unknown (a SYN was not
     * captured), -2 no window scaling used (a SYN lacked the option), else the multiplier.
     */
    public int scaleFactor(int dir) {
        if (!synSeen[0] || !synSeen[1]) return -1;
        if (windowShift[0] < 0 || windowShift[1] < 0) return -2;
        return 1 << Math.min(14, windowShift[dir]);
    }

    /** The side whose FIN came first (-1: none yet). */
    private int closingInitiator = -1;

    /** For a FIN from {@code dir}, in frame order: whether it initiates the closing (else it undergoes it). */
    public boolean initiatesClosing(int dir) {
        if (closingInitiator < 0) closingInitiator = dir;
        return closingInitiator == dir;
    }

    private long firstNanos = Long.MIN_VALUE;
    private long lastNanos;

    /** Once per frame of this conversation, in order: {since the first frame, since the previous one} in ns. */
    public long[] frameTimes(java.time.Instant t) {
        long now = tlslens.capture.FrameTimes.epochNanos(t);
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = now;
            lastNanos = now;
        }
        long[] out = {tlslens.capture.FrameTimes.minus(now, firstNanos), tlslens.capture.FrameTimes.minus(now, lastNanos)};
        lastNanos = now;
        return out;
    }

    /**
     * The window as the sender means it: scaled only when both SYNs carried the option (RFC 7323);
     * -1 when the scale is unknown (the handshake wasn't captured).
     */
    public long scaledWindow(int dir, int window, boolean syn) {
        if (syn) return window;
        if (windowShift[0] < 0 || windowShift[1] < 0) return -1;
        return (long) window << Math.min(14, windowShift[dir]);
    }

    void sawReset() { reset = true; }

    /** Both sides closed, or a reset: a new SYN on the same ports starts a new conversation. */
    boolean closed() { return reset || (fin[0] && fin[1]); }

    public boolean finished(int dir) { return fin[dir] || reset; }

    /** Both FINs were sent and each acknowledged by the peer: the connection is over (TIME_WAIT). */
    public boolean closedBothWays() {
        return reassemblers[0] != null && reassemblers[1] != null && reassemblers[0].finAcked()
                && reassemblers[1].finAcked();
    }
}
