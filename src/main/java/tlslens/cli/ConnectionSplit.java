package tlslens.cli;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.ip.IpDissector;
import tlslens.dissect.link.LinkDissector;
import tlslens.dissect.tcp.TcpDissector;
import tlslens.dissect.tcp.TcpHeader;
import tlslens.dissect.udp.UdpFields;
import tlslens.flow.TcpConversation;
import tlslens.flow.TcpConversationTable;
import tlslens.flow.TcpReassembler;

/**
 * Which engine state a frame touches, for dissecting TCP connections on several threads
 * (ParallelDissection): the state of one TCP connection (its tcp.stream, numbered as Engine
 * numbers it), or none but the UDP conversations and QUIC/DTLS state ({@link #OTHER}: one engine
 * takes those frames in capture order). The link and IP layers are dissected as the engine does
 * (they keep no state), and the conversation table is driven by the same calls as the engine's
 * (lookup, SYN or first sequence number, acknowledgement, FIN/RST), so its numbering and its
 * port-reuse decisions are the engine's. One thread.
 */
final class ConnectionSplit {
    /** The frame touches no TCP connection: UDP, non-IP, a malformed TCP header, an ICMP error quoting no known one. */
    static final int OTHER = -1;
    /** The frame touches both a TCP connection and UDP conversations (TCP inside a GTP-U tunnel): no split can take it. */
    static final int NONE = -2;

    private final TcpConversationTable table = new TcpConversationTable();
    /** Whether the last frame routed to a connection started it (a new tcp.stream: see Engine.tcpStream). */
    private boolean started;

    /** Whether the frame last routed to a TCP connection started that connection (its first frame, or a port reuse). */
    boolean started() { return started; }

    /** The tcp.stream of the connection whose state the frame reads or changes, or {@link #OTHER} or {@link #NONE}. */
    int route(RawFrame f) {
        started = false;
        int r = ethernetIpv4(f);
        return r != UNSURE ? r : dissected(f);
    }

    private static final int UNSURE = Integer.MIN_VALUE;

    /**
     * Most frames of a big capture: Ethernet II, IPv4, TCP or UDP, read here as LinkDissector and
     * IpDissector read them without making their items (a third of this thread's time); UNSURE for
     * anything else (VLAN tags, ICMP, GTP-U's port, other link types), which {@link #dissected} routes.
     */
    private int ethernetIpv4(RawFrame f) {
        byte[] d = f.data();
        if (f.linkType() != 1 || d.length < 14 + 20 || (d[12] & 0xff) != 0x08 || d[13] != 0) return UNSURE;
        int off = 14;
        int hl = (d[off] & 0x0f) * 4;
        if (hl < 20) return UNSURE;
        if ((((d[off + 6] & 0x1f) << 8) | (d[off + 7] & 0xff)) != 0) return OTHER; // a later fragment: no transport
        int totalLen = ((d[off + 2] & 0xff) << 8) | (d[off + 3] & 0xff);
        int end = totalLen == 0 ? d.length : Math.min(d.length, off + totalLen);
        int proto = d[off + 9] & 0xff;
        int t = off + hl;
        if (proto == 17) {
            if (t + 8 > end) return OTHER;
            int sport = ((d[t] & 0xff) << 8) | (d[t + 1] & 0xff), dport = ((d[t + 2] & 0xff) << 8) | (d[t + 3] & 0xff);
            return sport == 2152 || dport == 2152 ? UNSURE : OTHER;
        }
        if (proto != 6) return UNSURE;
        return tcp(f, new Tvb(d, 0).slice(0, end), t, end, java.util.Arrays.copyOfRange(d, off + 12, off + 16),
                java.util.Arrays.copyOfRange(d, off + 16, off + 20));
    }

    /** Any frame: its link and IP layers dissected as the engine dissects them (what {@link #route} is checked against). */
    int dissected(RawFrame f) {
        FrameDissection fd = new FrameDissection(f.number(), f.time(), f.data());
        fd.root.summaryOnly(true);
        fd.root.lean(true);
        Tvb tvb = fd.frameTvb();
        LinkDissector.Next link = LinkDissector.dissect(fd.root, tvb, f.linkType());
        IpDissector.Transport tr = IpDissector.dissect(fd.root, tvb, link.etherType(), link.offset());
        if (tr == null) return OTHER;
        if (tr.quoted()) { // Engine.quoted: the ICMP error joins the quoted connection, if known
            if (tr.protocol() != 6 || !tvb.has(tr.offset(), 4)) return OTHER;
            TcpConversation c = table.find(tr.src().getAddress(), tvb.u16(tr.offset()), tr.dst().getAddress(),
                    tvb.u16(tr.offset() + 2));
            return c == null ? OTHER : c.index;
        }
        if (tr.protocol() != 6) return OTHER;
        // Engine.udpConversations numbers the UDP conversation of a tunnel around the segment.
        for (ProtoNode n = fd.root.firstChild(); n != null; n = n.nextSibling()) if (n.field == UdpFields.UDP) return NONE;
        return tcp(f, tvb.slice(0, tr.end()), tr.offset(), tr.end(), tr.src().getAddress(), tr.dst().getAddress());
    }

    /** As Engine.tcp: the segment's conversation, or OTHER for a malformed header. */
    private int tcp(RawFrame f, Tvb tvb, int off, int end, byte[] src, byte[] dst) {
        TcpHeader h = TcpDissector.parse(tvb, off, end);
        if (h == null) return OTHER; // Engine.tcp: a malformed header, no conversation
        int known = table.size();
        TcpConversation c = table.lookup(src, h.srcPort(), dst, h.dstPort(), h.syn(), h.hasAck(), h.seq(), f.number());
        started = table.size() > known;
        int dir = c.direction(src, h.srcPort());
        TcpReassembler mine = c.reassembler(dir);
        if (h.syn()) mine.syn(h.seq());
        else if (!h.rst()) mine.observe(h.seq());
        if (h.hasAck()) c.reassembler(1 - dir).observe(h.ack());
        table.flags(c, dir, h.fin(), h.rst());
        return c.index;
    }
}
