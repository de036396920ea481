package tlslens.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tlslens.capture.FrameTimes;
import tlslens.capture.CaptureInterface;
import tlslens.capture.RawFrame;
import tlslens.dissect.FieldFormat;
import tlslens.dissect.FieldType;
import tlslens.dissect.FrameContext;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameFields;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.dtls.DtlsAssociation;
import tlslens.dissect.ip.IpDissector;
import tlslens.dissect.ip.IpFields;
import tlslens.dissect.quic.QuicDissector;
import tlslens.dissect.link.LinkDissector;
import tlslens.dissect.link.LinkFields;
import tlslens.dissect.tcp.TcpAnalysisTree;
import tlslens.dissect.tcp.TcpAnalyzer;
import tlslens.dissect.tcp.TcpDissector;
import tlslens.dissect.tcp.TcpFields;
import tlslens.dissect.tcp.TcpFrameContext;
import tlslens.dissect.tcp.TcpHeader;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.dissect.udp.UdpDissector;
import tlslens.dissect.udp.UdpFields;
import tlslens.flow.TcpConversation;
import tlslens.flow.TcpConversationTable;
import tlslens.flow.TcpReassembler;
import tlslens.flow.UdpConversations;

/**
 * Dissects the frames of one capture in order: link, IP, TCP, then TLS on every connection
 * whose bytes look like TLS. Holds the state that spans frames (TCP conversations, reassembly,
 * TLS sessions); frames must be given in capture order, each once.
 */
public final class Engine {
    private final TcpConversationTable conversations;
    private UdpConversations udpConversations = new UdpConversations();
    /** QUIC over every UDP conversation that starts with a long header (it numbers QUIC connections). */
    private QuicDissector quic;
    /** Every TCP connection in order of its first packet (the table forgets a connection when its ports are reused). */
    private final List<TcpStream> streams = new ArrayList<>();
    /** Every QUIC connection and DTLS association, in order of their first packet. */
    private final List<UdpState> udpStates = new ArrayList<>();
    private final java.util.Map<Object, UdpState> udpStateOf = new java.util.IdentityHashMap<>();
    private Instant first;
    private Instant previous;
    private TlsSecrets secrets;
    private boolean keepPlaintext;
    private boolean keepKeySchedules;
    /** Connections that saw a reset, oldest first: they end {@link #RESET_LINGER_NS} after it. */
    private final java.util.ArrayDeque<TcpStream> reset = new java.util.ArrayDeque<>();
    /**
     * How long (capture time) a reset connection keeps its reassembly and keys: segments the peer had in
     * flight still arrive after a RST and are dissected as before. Both FINs acknowledged end it at once.
     */
    static final long RESET_LINGER_NS = 10_000_000_000L;

    /** QUIC connections and DTLS associations that saw their close, oldest first: they end {@link #CLOSE_LINGER_NS} after it. */
    private java.util.ArrayDeque<UdpState> closing = new java.util.ArrayDeque<>();
    /**
     * How long (capture time) a QUIC connection keeps its keys after the first CONNECTION_CLOSE seen, and a
     * DTLS association after a close_notify or fatal alert: the closing and draining periods (RFC 9000 10.2:
     * three PTOs) and the peer's own close or retransmissions still decrypt as before. Generous, as TCP's.
     */
    static final long CLOSE_LINGER_NS = RESET_LINGER_NS;

    public Engine() { this.conversations = new TcpConversationTable(); }

    /** An engine that decrypts TLS with these secrets (null: none). */
    public Engine(TlsSecrets secrets) {
        this();
        this.secrets = secrets;
    }

    /** Decrypts TLS with these secrets from now on (connections that start later); null for none. */
    public Engine secrets(TlsSecrets s) {
        this.secrets = s;
        return this;
    }

    public TlsSecrets secrets() { return secrets; }

    /** Keeps each TLS connection's decrypted application data ({@code TlsConnection.plaintext()}). */
    public Engine keepPlaintext(boolean keep) {
        this.keepPlaintext = keep;
        return this;
    }

    /**
     * Keeps each ended connection's handshake transcript, which only {@code TlsConnection.keySchedule()}
     * reads after the connection ended (--key-schedule); off by default, as the rest of the decryption
     * state, it is let go when a connection ends.
     */
    public Engine keepKeySchedules(boolean keep) {
        this.keepKeySchedules = keep;
        return this;
    }

    /**
     * How many connections still hold reassembly or decryption state (partial records, handshake
     * fragments, keys): those not ended yet. A connection ends when both its FINs were acknowledged, or
     * {@link #RESET_LINGER_NS} of capture time after a reset.
     */
    public int connectionsHoldingState() {
        int n = 0;
        for (TcpStream s : streams) if (s.holdsState()) n++;
        return n;
    }

    /**
     * How many QUIC connections and DTLS associations still hold keys or reassembly for packets to come:
     * those not ended yet. One ends {@link #CLOSE_LINGER_NS} of capture time after the first close seen
     * (a decrypted CONNECTION_CLOSE; a close_notify or fatal alert in the clear or decrypted). Without
     * keys a QUIC connection's close after the handshake is not visible, and it holds its state to the end.
     */
    public int udpConnectionsHoldingState() {
        int n = 0;
        for (UdpState s : udpStates) if (s.holdsState()) n++;
        return n;
    }

    /**
     * An engine that re-dissects the frames of one TCP connection (to rebuild a tree on demand):
     * the connection keeps its stream index and times stay relative to the capture's first frame.
     */
    public Engine(int streamIndex, Instant captureStart) {
        this.conversations = new TcpConversationTable(streamIndex);
        this.first = captureStart;
    }

    /**
     * The next frame's TCP connection as the caller numbered it over the whole capture: its tcp.stream and
     * whether the frame starts it (TcpConversationTable.assign). For an engine given the frames of some
     * connections only (cli.ParallelDissection), which numbers them as one engine over all frames would.
     */
    public Engine tcpStream(int index, boolean starts) {
        conversations.assign(index, starts);
        return this;
    }

    /** Dissects a frame whose predecessor in the capture (for frame.time_delta) is known to the caller. */
    public FrameDissection dissect(RawFrame f, Instant previousFrameTime) {
        previous = previousFrameTime;
        return dissect(f);
    }

    /** Dissects one frame into its full tree and columns. Never throws. */
    public FrameDissection dissect(RawFrame f) {
        FrameDissection fd = new FrameDissection(f.number(), f.time(), f.data());
        if (!detail) fd.root.summaryOnly(true);
        if (lean) fd.root.lean(true);
        if (kept != null && lean && !detail) fd.root.keepOnly(kept);
        try {
            dissectInto(fd, f);
        } catch (RuntimeException e) {
            // Last resort: a bug must cost one frame's detail, not the capture.
            fd.root.malformed(fd.frameTvb(), 0, f.data().length,
                    "Dissector bug: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            fd.context().flag(FrameContext.MALFORMED);
        }
        return fd;
    }

    private boolean detail = true;
    private List<CaptureInterface> interfaces = List.of();

    /** A pcapng file's interfaces: the frame tree names each frame's interface, as tshark does. */
    public Engine interfaces(List<CaptureInterface> list) {
        this.interfaces = list == null ? List.of() : list;
        lastInterface = null;
        return this;
    }

    /**
     * Whether trees carry the items that only describe bytes (true by default). A file's first
     * pass keeps columns and connection state and throws its trees away; without a display filter
     * to evaluate, it skips those items (measured: a 100k-packet load took twice as long with them).
     */
    public Engine detail(boolean d) {
        this.detail = d;
        return this;
    }

    private boolean lean;

    /**
     * Lean trees (false by default): certificates stay bytes, without their X.509 subtree, and
     * ClientHellos get no JA3/JA4 fingerprints; for a reader that wants none of those fields, such
     * as -T fields with the core TLS fields. Nothing else reads them (connection state, columns
     * and a certificate's one-line summary come without them); on 200,000 packets of short TLS
     * connections they were a fifth of the CPU of such a run (X.509 16%, fingerprints 5%).
     */
    public Engine lean(boolean lean) {
        this.lean = lean;
        return this;
    }

    /** The fields sparse trees keep (see keepOnly); null: every item. */
    private tlslens.dissect.FieldIndex kept;

    /**
     * Sparse trees (for light and lean trees only; see ProtoNode.keepOnly): items of the named fields
     * and of protocols, none other (no node, no value read); null for whole trees, the default. For a
     * reader that names every field it reads (-T fields, a display filter, custom columns). What the
     * engine itself reads back of a tree (an ICMP error's type, for its Info) is kept too.
     */
    public Engine keepOnly(java.util.Collection<String> fields) { return keepOnly(fields, null); }

    /**
     * As {@link #keepOnly(java.util.Collection)}, telling {@code asked} of every item's field the
     * dissectors added, kept or not (FieldIndex): the window's first pass learns from it which fields
     * each frame held (FieldPresence) without making them.
     */
    Engine keepOnly(java.util.Collection<String> fields, java.util.function.Consumer<tlslens.dissect.FieldDef> asked) {
        kept = fields == null ? null : keptIndex(fields, asked);
        return this;
    }

    /**
     * As {@link #keepOnly(java.util.Collection)}, with what {@link #keptIndex} made of the fields: one
     * index for many engines (a pass replaying each connection in an engine of its own made one per
     * connection, and each learnt the fields' numbers again).
     */
    Engine keepOnly(tlslens.dissect.FieldIndex fields) {
        kept = fields;
        return this;
    }

    /** What sparse trees of {@code fields} check their items against (see keepOnly); shareable between threads without {@code asked}. */
    static tlslens.dissect.FieldIndex keptIndex(java.util.Collection<String> fields,
            java.util.function.Consumer<tlslens.dissect.FieldDef> asked) {
        java.util.Map<String, Integer> names = new java.util.HashMap<>();
        for (String f : fields) names.put(f, 0);
        names.put(IpFields.ICMP_TYPE.abbrev, 0);
        names.put(IpFields.ICMPV6_TYPE.abbrev, 0);
        return new tlslens.dissect.FieldIndex(names, asked);
    }

    public int connectionCount() { return conversations.size(); }

    /**
     * Takes over connection {@code index}'s state (reassembly of TLS records, TLS and decryption
     * state, its log) from {@code replay}, an engine that has just re-dissected every frame of that
     * connection seen so far (with keys that arrived after them): the connection's later frames
     * continue from there, decrypted if the keys allow. TCP sequence state stays this engine's
     * (the same frames gave the same one). Returns false if either engine doesn't know the connection.
     */
    public boolean adopt(Engine replay, int index) {
        TcpStream fresh = null;
        for (TcpStream s : replay.streams) if (s.index() == index) fresh = s;
        if (fresh == null) return false;
        for (int i = 0; i < streams.size(); i++) {
            TcpStream old = streams.get(i);
            if (old.index() != index) continue;
            streams.set(i, fresh);
            for (TcpConversation c : conversations.all()) if (c.attachment == old) c.attachment = fresh;
            // A reset the replay saw: its linger runs here now.
            if (!fresh.ended() && fresh.resetNs != Long.MIN_VALUE) reset.add(fresh);
            return true;
        }
        return false;
    }

    /**
     * Takes over the UDP state (udp.stream numbering, QUIC connections and their keys, DTLS
     * associations) from {@code replay}, an engine that has just re-dissected every UDP frame seen
     * so far with keys that arrived after them: later datagrams continue from there. QUIC connections
     * span UDP conversations (migration, one numbering per capture), so the UDP frames are replayed
     * and adopted together, not one conversation at a time.
     */
    public void adoptUdp(Engine replay) {
        udpConversations = replay.udpConversations;
        quic = replay.quic;
        udpStates.clear();
        udpStates.addAll(replay.udpStates);
        udpStateOf.clear();
        udpStateOf.putAll(replay.udpStateOf);
        closing = replay.closing;
    }

    /**
     * The capture is read and no frame will follow: lets go of the reassembly and sequence-analysis
     * state of every connection (what --connections does not read), before the connection model is
     * made over all of them. The engine must not dissect again.
     */
    public void finish() {
        for (TcpStream s : streams) s.release();
        conversations.clear();
    }

    /**
     * After {@link #finish}, once a model was made of its connections: every TCP connection lets go
     * of its TLS detail (TcpStream.forgetDetail; ConnectionState.detailForgotten says so). QUIC and
     * DTLS state stays whole (few connections; they are dissected again all together).
     */
    public void forgetDetail() {
        java.util.Map<Object, Object> shared = new java.util.HashMap<>(); // equal addresses and decryption states
        for (TcpStream s : streams) s.forgetDetail(shared);
    }

    /** The TCP connections seen so far, in order of their first packet. */
    public List<ConnectionState> connections() { return List.copyOf(streams); }

    /**
     * Every connection seen so far: the TCP ones, then the QUIC connections and DTLS associations, each
     * in order of its first packet. The connection model's input.
     */
    public List<ConnectionState> allConnections() {
        List<ConnectionState> all = new ArrayList<>(streams.size() + udpStates.size());
        all.addAll(streams);
        all.addAll(udpStates);
        return all;
    }

    private void dissectInto(FrameDissection fd, RawFrame f) {
        if (!closing.isEmpty()) endClosed(FrameTimes.epochNanos(fd.time));
        Tvb tvb = fd.frameTvb();
        ProtoNode frame = frameNode(fd, f, tvb);
        LinkDissector.Next link = LinkDissector.dissect(fd.root, tvb, f.linkType());
        IpDissector.Transport tr = IpDissector.dissect(fd.root, tvb, link.etherType(), link.offset());
        if (tr != null) {
            fd.context().addresses(addressText(tr.shownSrc()), addressText(tr.shownDst()));
            fd.setProtocol(tr.src() instanceof java.net.Inet4Address ? "IPv4" : "IPv6"); // getAddress() copies
            UdpConversations.Conversation udp = tr.quoted() ? null : udpConversations(fd, tvb, tr);
            if (tr.quoted()) quoted(fd, tvb, tr);
            else if (tr.protocol() == 6) tcp(fd, tvb, tr);
            else if (tr.protocol() == 17) udp(fd, tvb, tr, udp);
        } else if (link.etherType() == 0x0806) {
            fd.setProtocol("ARP");
        }
        if (f.linkType() == 1 && !fd.root.summaryOnly()) ethernetPadding(fd, tvb);
        String protocols = protocols(fd);
        fd.context().protocols(protocols);
        if (frame.keepsAnyOf(FrameFields.FRAME)) {
            frame.addValue(FrameFields.PROTOCOLS, tvb, 0, 0, protocols).setText(() -> "[Protocols in frame: " + protocols + "]");
        }
    }

    /** The last two addresses shown and their text: most frames are between the same two hosts. */
    private final java.net.InetAddress[] lastAddresses = new java.net.InetAddress[2];
    private final String[] lastAddressTexts = new String[2];

    /** FieldFormat.address, remembered for the last two addresses (formatting was 4% of a -Y run). */
    private String addressText(java.net.InetAddress a) {
        for (int i = 0; i < 2; i++) if (a.equals(lastAddresses[i])) return lastAddressTexts[i];
        lastAddresses[1] = lastAddresses[0];
        lastAddressTexts[1] = lastAddressTexts[0];
        lastAddresses[0] = a;
        return lastAddressTexts[0] = FieldFormat.address(a);
    }

    /**
     * Zero bytes after the IP packet in an Ethernet frame (short frames are padded to 60 bytes):
     * tshark's "Padding" under Ethernet. Other trailers (an FCS, switch tags) are left unexplained.
     */
    private static void ethernetPadding(FrameDissection fd, Tvb tvb) {
        ProtoNode eth = null, ip = null;
        for (ProtoNode n : fd.root.children()) {
            if (n.field == LinkFields.ETH && eth == null) eth = n;
            else if ((n.field == IpFields.IP || n.field == IpFields.IPV6) && ip == null) ip = n;
        }
        if (eth == null) return;
        int end;
        if (ip != null) {
            ProtoNode len = ip.first(ip.field == IpFields.IP ? "ip.len" : "ipv6.plen");
            if (len == null || !(len.value() instanceof Long l) || l == 0) return;
            end = ip.offset + (int) (long) l + (ip.field == IpFields.IPV6 ? 40 : 0);
        } else if (tvb.u16(eth.offset + 12) == 0x0806 && tvb.has(eth.offset + 14, 8)) {
            // ARP: 8 bytes of header, then two hardware and two protocol addresses.
            int a = eth.offset + 14;
            end = a + 8 + 2 * tvb.u8(a + 4) + 2 * tvb.u8(a + 5);
        } else {
            return;
        }
        if (end <= eth.offset + 14 || end >= tvb.end) return;
        for (int i = end; i < tvb.end; i++) if (tvb.u8(i) != 0) return;
        eth.add(LinkFields.ETH_PADDING, tvb, end, tvb.end - end);
    }

    /**
     * Every UDP header of the frame (a GTP-U tunnel's outer one too) gets its conversation's
     * udp.stream, timestamps and payload, as in Wireshark.
     */
    private UdpConversations.Conversation udpConversations(FrameDissection fd, Tvb tvb, IpDissector.Transport tr) {
        UdpConversations.Conversation innermost = null;
        long nowNs = fd.time.getEpochSecond() * 1_000_000_000L + fd.time.getNano();
        ProtoNode ip = null;
        boolean any = false;
        for (ProtoNode n = fd.root.firstChild(); n != null && !any; n = n.nextSibling()) any = n.field == UdpFields.UDP;
        if (!any) return null;
        for (ProtoNode n : List.copyOf(fd.root.children())) {
            if (n.field == IpFields.IP || n.field == IpFields.IPV6) ip = n;
            if (n.field != UdpFields.UDP || ip == null || n.source != 0) continue;
            boolean v4 = ip.field == IpFields.IP;
            byte[] src = tvb.bytes(ip.offset + (v4 ? 12 : 8), v4 ? 4 : 16);
            byte[] dst = tvb.bytes(ip.offset + (v4 ? 16 : 24), v4 ? 4 : 16);
            int off = n.offset;
            UdpConversations.Conversation c = udpConversations.lookup(src, tvb.u16(off), dst, tvb.u16(off + 2), nowNs);
            long[] times = c.frameTimes(nowNs);
            boolean inner = tr.protocol() == 17 && off + 8 == tr.offset();
            int end = inner ? tr.end() : Math.min(tvb.end, off + Math.max(8, tvb.u16(off + 4)));
            UdpDissector.conversation(n, tvb, c.index, times[0], times[1], off + 8, end);
            if (inner) {
                fd.context().udpStream(c.index);
                innermost = c;
            }
        }
        return innermost;
    }

    /**
     * A UDP datagram: DTLS or QUIC when its conversation is, or when its payload starts with a DTLS
     * record or a QUIC long header (on any port, as TLS is found on TCP); otherwise UDP's ports and
     * length make the Info.
     */
    private void udp(FrameDissection fd, Tvb tvb, IpDissector.Transport tr, UdpConversations.Conversation c) {
        fd.setProtocol("UDP");
        int header = tr.offset() - 8;
        int sport = tvb.u16(header), dport = tvb.u16(header + 2), length = tvb.u16(header + 4);
        fd.context().ports(sport, dport);
        if (c != null) {
            Tvb payload = tvb.slice(0, tr.end());
            int dir = c.direction(tr.src().getAddress(), sport);
            if (c.attachment == null && DtlsAssociation.looksLikeDtls(payload, tr.offset(), tr.end())) {
                c.attachment = new DtlsAssociation(secrets);
            }
            if (c.attachment instanceof DtlsAssociation dtls && dtls.accepts(payload, tr.offset(), tr.end())) {
                dtls.dissect(fd, payload, tr.offset(), tr.end(), dir);
                UdpState s = udpStateOf.computeIfAbsent(dtls, k -> added(new UdpState(c.index, dtls)));
                s.observe(fd.number, fd.time, dir, tr.src().getAddress(), sport, tr.dst().getAddress(), dport,
                        tr.end() - tr.offset());
                if (dtls.closeSeen()) closing(s, fd);
                return;
            }
            if (c.attachment == null && QuicDissector.looksLikeQuic(payload, tr.offset(), tr.end())) {
                c.attachment = new QuicDissector.Conversation();
            }
            if (c.attachment instanceof QuicDissector.Conversation q && tr.end() > tr.offset()) {
                if (quic == null) quic = new QuicDissector(secrets);
                quic.dissect(fd, payload, tr.offset(), tr.end(), dir, q);
                for (tlslens.dissect.quic.QuicConnection qc : q.connections()) {
                    UdpState s = udpStateOf.computeIfAbsent(qc, k -> added(new UdpState(c.index, qc)));
                    if (qc.packetCount() == s.packetsSeen) continue;
                    s.packetsSeen = qc.packetCount();
                    s.observe(fd.number, fd.time, dir, tr.src().getAddress(), sport, tr.dst().getAddress(), dport,
                            tr.end() - tr.offset());
                }
                for (tlslens.dissect.quic.QuicConnection qc : quic.takeClosed()) {
                    UdpState s = udpStateOf.get(qc);
                    if (s != null) closing(s, fd);
                }
                return;
            }
        }
        fd.setInfo(sport + " \u2192 " + dport + " Len=" + Math.max(0, length - 8));
    }

    /** A QUIC connection or DTLS association saw its close in this frame: its linger starts (once). */
    private void closing(UdpState s, FrameDissection fd) {
        if (s.closedNs != Long.MIN_VALUE) return;
        s.closedNs = FrameTimes.epochNanos(fd.time);
        closing.add(s);
    }

    /**
     * Returns the memory of QUIC connections and DTLS associations whose close lingered more than
     * {@link #CLOSE_LINGER_NS} before this frame (issue 16). Checked before every frame: a replay of
     * the UDP frames alone (CaptureIndex.redissectUdp) lets go before the same UDP frame as the pass
     * over the whole capture.
     */
    private void endClosed(long nowNs) {
        while (!closing.isEmpty() && nowNs - closing.peek().closedNs > CLOSE_LINGER_NS) {
            UdpState s = closing.poll();
            if (s.quic() != null) quic.release(s.quic());
            else s.dtls().release(keepKeySchedules);
        }
    }

    private UdpState added(UdpState s) {
        udpStates.add(s);
        return s;
    }

    /** An ICMP error: its quoted TCP header names the connection it is about (no reassembly). */
    private void quoted(FrameDissection fd, Tvb tvb, IpDissector.Transport tr) {
        ProtoNode icmp = null;
        for (ProtoNode n : fd.root.children()) if (n.field == IpFields.ICMP || n.field == IpFields.ICMPV6) icmp = n;
        if (icmp == null) return;
        boolean v6 = icmp.field == IpFields.ICMPV6;
        fd.setProtocol(v6 ? "ICMPv6" : "ICMP");
        ProtoNode type = icmp.children().isEmpty() ? null : icmp.children().get(0);
        fd.setInfo(type == null ? "" : FieldFormat.display(type.field, type.value()).replaceAll(" \\(\\d+\\)$", ""));
        if (tr.protocol() != 6 || !tvb.has(tr.offset(), 4)) return;
        int sport = tvb.u16(tr.offset()), dport = tvb.u16(tr.offset() + 2);
        TcpConversation c = conversations.find(tr.src().getAddress(), sport, tr.dst().getAddress(), dport);
        ProtoNode tcp = icmp.addValue(TcpFields.TCP, tvb, tr.offset(), Math.min(8, tr.end() - tr.offset()), null,
                "Transmission Control Protocol, Src Port: " + sport + ", Dst Port: " + dport);
        tcp.add(TcpFields.SRCPORT, tvb, tr.offset(), 2);
        tcp.add(TcpFields.DSTPORT, tvb, tr.offset() + 2, 2);
        if (c != null) {
            c.frameTimes(fd.time); // tshark counts the ICMP error as the stream's latest frame
            fd.context().tcpStream(c.index);
            tcp.addGenerated(TcpFields.STREAM, (long) c.index, "Stream index: " + c.index);
            if (c.attachment instanceof TcpStream s) TcpAnalysisTree.addCompleteness(tcp, s.analyzer().completeness());
        }
    }

    /** The interface of the last frame: most captures have one (looking it up was 2% of a -Y run). */
    private CaptureInterface lastInterface;

    private ProtoNode frameNode(FrameDissection fd, RawFrame f, Tvb tvb) {
        int cap = f.data().length;
        int wire = f.originalLength();
        int id = f.interfaceId();
        CaptureInterface iface = lastInterface;
        if (iface == null || iface.id() != id || iface.section() != f.section()) {
            iface = CaptureInterface.find(interfaces, f.section(), id);
            if (iface != null) lastInterface = iface; // the list only grows: a found one stays
        }
        String ifName = iface == null || iface.name() == null ? "unknown" : iface.name();
        int number = f.number();
        boolean named = !interfaces.isEmpty();
        // Labels are made when read: a headless run reads a few fields of most trees and no label.
        ProtoNode frame = fd.root.addValue(FrameFields.FRAME, tvb, 0, cap, null).setText(() -> "Frame " + number + ": "
                + wire + " bytes on wire (" + wire * 8L + " bits), " + cap
                        + " bytes captured (" + cap * 8L + " bits)"
                        + (named ? " on interface " + ifName + ", id " + id : ""));
        if (!interfaces.isEmpty() && !frame.summaryOnly()) {
            // pcapng: the frame's section, and its interface's id within that section.
            frame.addValue(FrameFields.SECTION_NUMBER, tvb, 0, 0, (long) f.section());
            ProtoNode in = frame.addValue(FrameFields.INTERFACE_ID, tvb, 0, 0, (long) id, "Interface id: " + id + " (" + ifName + ")");
            in.addValue(FrameFields.INTERFACE_NAME, tvb, 0, 0, ifName);
            if (iface != null && iface.description() != null) {
                in.addValue(FrameFields.INTERFACE_DESCRIPTION, tvb, 0, 0, iface.description());
            }
        }
        if (first == null) first = f.time();
        boolean full = !frame.summaryOnly();
        // Times of items a sparse tree keeps (or that a full tree shows): three durations a frame otherwise.
        Object delta = !full && !frame.keeps(FrameFields.TIME_DELTA) ? null
                : previous == null ? (Object) 0L : FrameTimes.between(previous, f.time());
        Object rel = frame.keeps(FrameFields.TIME_RELATIVE) ? FrameTimes.between(first, f.time()) : null;
        previous = f.time();
        if (!frame.keepsAnyOf(FrameFields.FRAME)) { // a sparse tree that keeps no frame field: every item left out
            if (cap < wire) frame.expert(FrameFields.TRUNCATED.note());
            return frame;
        }
        frame.addValue(FrameFields.ENCAP_TYPE, tvb, 0, 0, (long) FrameFields.wtapEncap(f.linkType()));
        frame.addValue(FrameFields.TIME, tvb, 0, 0, f.time());
        if (full) frame.addGenerated(FrameFields.OFFSET_SHIFT, 0L);
        if (frame.keeps(FrameFields.TIME_EPOCH)) {
            frame.addValue(FrameFields.TIME_EPOCH, tvb, 0, 0, FrameTimes.between(Instant.EPOCH, f.time()));
        }
        frame.addGenerated(FrameFields.TIME_DELTA, delta);
        // Every frame displayed until a display filter says otherwise (FrameDissection.displayedAfter).
        if (full) frame.addGenerated(FrameFields.TIME_DELTA_DISPLAYED, delta);
        frame.addGenerated(FrameFields.TIME_RELATIVE, rel);
        frame.addValue(FrameFields.NUMBER, tvb, 0, 0, (long) f.number());
        frame.addValue(FrameFields.LEN, tvb, 0, 0, (long) wire)
                .setText(() -> "Frame Length: " + wire + " bytes (" + wire * 8L + " bits)");
        frame.addValue(FrameFields.CAP_LEN, tvb, 0, 0, (long) cap)
                .setText(() -> "Capture Length: " + cap + " bytes (" + cap * 8L + " bits)");
        if (full) {
            frame.addGenerated(FrameFields.MARKED, false);
            frame.addGenerated(FrameFields.IGNORED, false);
        }
        if (cap < wire) frame.expert(FrameFields.TRUNCATED.note());
        return frame;
    }

    /** The protocol items of the last frame and its frame.protocols: most frames repeat the one before. */
    /**
     * The last few protocol chains seen and their frame.protocols text, most recent first: a
     * capture's frames alternate between a handful (a TCP ACK, a TLS record, ...), and the text was
     * made again at each change.
     */
    private final tlslens.dissect.FieldDef[][] lastProtocols = new tlslens.dissect.FieldDef[4][];
    private final String[] lastProtocolsTexts = new String[4];

    private String protocols(FrameDissection fd) {
        int n = 0;
        for (ProtoNode c = fd.root.firstChild(); c != null; c = c.nextSibling()) {
            if (c.field == null || c.field.type != FieldType.PROTOCOL || c.field == FrameFields.FRAME) continue;
            n++;
        }
        for (int k = 0; k < lastProtocols.length && lastProtocols[k] != null; k++) {
            tlslens.dissect.FieldDef[] chain = lastProtocols[k];
            if (chain.length != n) continue;
            int i = 0;
            for (ProtoNode c = fd.root.firstChild(); c != null && i >= 0; c = c.nextSibling()) {
                if (c.field == null || c.field.type != FieldType.PROTOCOL || c.field == FrameFields.FRAME) continue;
                i = chain[i] == c.field ? i + 1 : -1;
            }
            if (i == n) return lastProtocolsTexts[k];
        }
        tlslens.dissect.FieldDef[] fields = new tlslens.dissect.FieldDef[n];
        n = 0;
        for (ProtoNode c = fd.root.firstChild(); c != null; c = c.nextSibling()) {
            if (c.field == null || c.field.type != FieldType.PROTOCOL || c.field == FrameFields.FRAME) continue;
            fields[n++] = c.field;
        }
        System.arraycopy(lastProtocols, 0, lastProtocols, 1, lastProtocols.length - 1);
        System.arraycopy(lastProtocolsTexts, 0, lastProtocolsTexts, 1, lastProtocolsTexts.length - 1);
        lastProtocols[0] = fields;
        return lastProtocolsTexts[0] = protocolsText(fd);
    }

    private static String protocolsText(FrameDissection fd) {
        StringBuilder sb = new StringBuilder();
        for (ProtoNode n : fd.root.children()) {
            if (n.field == null || n.field.type != FieldType.PROTOCOL || n.field == FrameFields.FRAME) continue;
            if (sb.length() > 0) sb.append(':');
            sb.append(n.field.abbrev);
            // The link layers whose type field the ethertype dissector reads, as tshark lists them.
            if (n.field.abbrev.equals("eth") || n.field.abbrev.equals("sll")) sb.append(":ethertype");
        }
        return sb.toString();
    }

    /**
     * Returns the memory of connections that ended (issue 16: per-connection state is let go when the
     * connection ends): this one at once when both its FINs are now acknowledged, and those reset more
     * than {@link #RESET_LINGER_NS} before this frame.
     */
    private void ended(TcpStream stream, TcpConversation c, boolean rst, long nowNs) {
        if (!stream.ended()) {
            if (c.closedBothWays()) {
                stream.end(keepKeySchedules);
            } else if (rst && stream.resetNs == Long.MIN_VALUE) {
                stream.resetNs = nowNs;
                reset.add(stream);
            }
        }
        while (!reset.isEmpty() && lingered(reset.peek(), nowNs)) reset.poll().end(keepKeySchedules);
    }

    /**
     * Whether a reset connection's linger is over at this time. Checked too before a frame of the
     * connection itself is dissected, so that a replay of the connection alone (a tree rebuilt on
     * selection) lets go of its state before the same frame as the pass over the whole capture did.
     */
    private static boolean lingered(TcpStream s, long nowNs) {
        return s.resetNs != Long.MIN_VALUE && nowNs - s.resetNs > RESET_LINGER_NS;
    }

    /** A segment's reassembly events, the peer's and its own: read at once, so one pair serves every frame. */
    private final List<TcpReassembler.Event> otherEvents = new ArrayList<>(), events = new ArrayList<>();

    private void tcp(FrameDissection fd, Tvb frameTvb, IpDissector.Transport tr) {
        Tvb tvb = frameTvb.slice(0, tr.end());
        TcpHeader h = TcpDissector.parse(tvb, tr.offset(), tr.end());
        fd.setProtocol("TCP");
        if (h == null) {
            TcpDissector.addMalformed(fd.root, tvb, tr.offset(), tr.end());
            return;
        }
        byte[] src = tr.src().getAddress();
        byte[] dst = tr.dst().getAddress();
        TcpConversation c = conversations.lookup(src, h.srcPort(), dst, h.dstPort(), h.syn(), h.hasAck(), h.seq(),
                fd.number);
        int dir = c.direction(src, h.srcPort());
        TcpReassembler mine = c.reassembler(dir);
        TcpReassembler theirs = c.reassembler(1 - dir);
        if (h.syn()) {
            mine.syn(h.seq());
            c.windowScale(dir, TcpDissector.windowScaleShift(tvb, tr.offset() + 20, tr.offset() + h.headerLength()));
        }
        else if (!h.rst()) mine.observe(h.seq());
        if (h.hasAck()) theirs.observe(h.ack());
        long relSeq = mine.relative(h.seq());
        long relAck = theirs.relative(h.ack());
        fd.context().tcpStream(c.index);
        fd.context().ports(h.srcPort(), h.dstPort());
        long[] times = c.frameTimes(fd.time);
        TcpFrameContext.Closing closing = !h.fin() ? TcpFrameContext.Closing.NONE
                : c.initiatesClosing(dir) ? TcpFrameContext.Closing.INITIATES : TcpFrameContext.Closing.UNDERGOES;
        TcpStream stream = (TcpStream) c.attachment;
        if (stream == null) {
            stream = new TcpStream(c.index, c.portA, c.portB);
            stream.decryption(secrets, keepPlaintext);
            stream.endpoints(c.addrA, c.addrB);
            streams.add(stream);
            c.attachment = stream;
        }
        if (!stream.ended() && lingered(stream, FrameTimes.epochNanos(fd.time))) stream.end(keepKeySchedules);
        // Wireshark's sequence analysis, on every pass: each frame's result depends on the ones before.
        TcpAnalyzer analyzer = stream.analyzer();
        int completeness = analyzer.completeness();
        int opts = tr.offset() + 20, optsEnd = tr.offset() + h.headerLength();
        int[] sack = optsEnd > opts ? TcpDissector.sackBlocks(tvb, opts, optsEnd) : null;
        TcpAnalyzer.Result analysis = analyzer.analyze(dir, fd.number,
                FrameTimes.epochNanos(fd.time), (int) h.seq(), (int) h.ack(),
                h.payloadLength(), h.syn(), h.hasAck(), h.fin(), h.rst(), (h.flags() & TcpHeader.PSH) != 0, h.window(),
                h.syn() ? TcpDissector.windowScaleShift(tvb, opts, optsEnd) : -1,
                sack);
        ProtoNode tcpNode = !fd.root.keepsAnyOf(TcpFields.TCP) // a sparse tree without TCP fields: no context to make
                ? TcpDissector.addSkipped(fd.root, tvb, tr.offset(), h, relSeq, relAck, analysis)
                : TcpDissector.addTree(fd.root, tvb, tr.offset(), h, c.index, relSeq, relAck,
                        new TcpFrameContext(c.scaleFactor(dir), times[0], times[1], theirs::relative, closing, completeness,
                                analysis));

        // Acknowledgements first: they tell us what the other side sent that we never saw.
        List<TcpReassembler.Event> otherEvents = this.otherEvents, events = this.events;
        otherEvents.clear();
        events.clear();
        if (h.hasAck()) theirs.acked(h.ack(), otherEvents);
        boolean retransmitted = (analysis.flags & TcpAnalyzer.RETRANSMISSION) != 0;
        if ((analysis.flags & TcpAnalyzer.PROBLEMS) != 0) fd.context().flag(FrameContext.TCP_PROBLEM);
        if (h.payloadLength() > 0) {
            mine.segment(fd.number, h.seq(), fd.frameBytes, h.payloadOffset(), h.payloadLength(), events);
            if (tcpNode.keeps(TcpFields.PAYLOAD)) tcpNode.addValue(TcpFields.PAYLOAD, tvb, h.payloadOffset(), h.payloadLength(), tvb.bytes(h.payloadOffset(),
                    h.payloadLength()), "TCP payload (" + h.payloadLength() + " byte" + (h.payloadLength() == 1 ? "" : "s") + ")");
        }
        conversations.flags(c, dir, h.fin(), h.rst());
        if (h.fin()) mine.fin(h.seq(), h.payloadLength());
        if (h.fin() || h.rst()) mine.finish(events);
        if (h.rst()) theirs.finish(otherEvents);
        stream.handle(fd, tcpNode, 1 - dir, otherEvents);
        stream.handle(fd, tcpNode, dir, events);
        stream.observe(fd, dir, h.payloadLength(), h.syn(), h.hasAck());
        ended(stream, c, h.rst(), FrameTimes.epochNanos(fd.time));
        // tshark hands a retransmission to no protocol above (tcp.no_subdissector_on_error): its bytes stay TCP's.
        if (retransmitted && h.payloadLength() > 0 && !fd.context().has(FrameContext.TLS) && !tcpNode.summaryOnly()) {
            tcpNode.addValue(TcpFields.SEGMENT_DATA, tvb, h.payloadOffset(), h.payloadLength(), null,
                    "Retransmitted TCP segment data (" + h.payloadLength() + " byte" + (h.payloadLength() == 1 ? "" : "s") + ")");
        }
        // TLS, when present, owns the Info column (as in tshark); otherwise it is TCP's.
        if (!fd.context().has(FrameContext.TLS)) {
            String prefix = TcpAnalysisTree.infoPrefix(analysis);
            long window = c.scaledWindow(dir, h.window(), h.syn());
            String segment = stream.pendingIn(dir) && h.payloadLength() > 0 ? " [TCP segment of a reassembled PDU]" : "";
            if (sack != null) { // SACK edges are made relative by the peer's state, which later frames change
                fd.setInfo(prefix + TcpDissector.info(h, relSeq, relAck, window, tvb, tr.offset(), theirs::relative) + segment);
            } else { // made when read: a headless run prints the Info of few frames
                int off = tr.offset();
                fd.context().setInfo(() -> prefix + TcpDissector.info(h, relSeq, relAck, window, tvb, off, x -> x) + segment);
            }
        }
    }
}
