package tlslens.engine;

import java.util.HashSet;
import java.util.Set;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.tcp.TcpExperts;
import tlslens.dissect.tcp.TcpFields;

/**
 * Which fields a tree dissected without detail ({@link Engine#detail(boolean) Engine.detail(false)},
 * a file's first pass) still holds. The frame, Ethernet, IP, TCP and UDP layers leave out the items
 * that only describe bytes there; every other protocol is dissected whole. Conservative: a field
 * of a thinned layer counts as held only when it is listed here (LightTreeTest checks the list
 * against full trees), so a reader that gets a wrong "no" pays a full dissection, never a wrong answer.
 */
public final class LightTree {
    private static final Set<String> THINNED = Set.of("frame", "eth", "ip", "ipv6", "tcp", "udp");
    private static final Set<String> HELD = Set.of(
            "frame", "frame.number", "frame.len", "frame.cap_len", "frame.time", "frame.time_epoch",
            "frame.time_delta", "frame.time_relative", "frame.encap_type", "frame.protocols",
            "eth", "eth.src", "eth.dst", "eth.addr", "eth.type",
            "ip", "ip.version", "ip.hdr_len", "ip.len", "ip.id", "ip.ttl", "ip.proto", "ip.src", "ip.dst", "ip.addr",
            "ipv6", "ipv6.plen", "ipv6.nxt", "ipv6.hlim", "ipv6.src", "ipv6.dst", "ipv6.addr",
            "tcp", "tcp.srcport", "tcp.dstport", "tcp.port", "tcp.stream", "tcp.len", "tcp.seq", "tcp.ack",
            "tcp.nxtseq", "tcp.hdr_len", "tcp.flags", "tcp.window_size_value", "tcp.payload",
            "udp", "udp.srcport", "udp.dstport", "udp.port", "udp.length", "udp.stream");
    /** Whole subtrees of thinned layers that light trees keep. */
    private static final String[] HELD_PREFIXES = {"tcp.flags."};
    /** The SEQ/ACK analysis of a flagged frame: its flags and notes (the other analysis items need detail). */
    private static final Set<String> HELD_ANALYSIS = analysisNames();

    private LightTree() {}

    /** Whether {@code field} belongs to a layer light trees thin (frame, Ethernet, IP, TCP, UDP). */
    static boolean ofThinnedLayer(String field) {
        int dot = field.indexOf('.');
        return THINNED.contains(dot < 0 ? field : field.substring(0, dot));
    }

    /** Whether light trees carry every node of {@code field} that a full tree carries. */
    public static boolean holds(String field) {
        int dot = field.indexOf('.');
        String protocol = dot < 0 ? field : field.substring(0, dot);
        if (!THINNED.contains(protocol) || HELD.contains(field) || HELD_ANALYSIS.contains(field)) return true;
        for (String p : HELD_PREFIXES) if (field.startsWith(p)) return true;
        return false;
    }

    /**
     * Protocols whose fields are never below a certificate (its X.509 subtree), but for the TLS
     * fields of a certificate's SCT extension: tls.sct.* and its tls.handshake.sig_hash_*.
     */
    private static final Set<String> NOT_BELOW_CERTIFICATES = Set.of("frame", "eth", "sll", "ip", "ipv6", "tcp", "udp", "tls",
            "icmp", "icmpv6", "arp");

    /**
     * Whether light trees that are also lean ({@link Engine#lean}: certificates without their X.509
     * subtree, ClientHellos without JA3/JA4) carry every node of {@code field} a full tree carries:
     * held by light trees, of a protocol never below a certificate, and no fingerprint. Expert and
     * malformed items ({@code _ws.*}) are not: an X.509 error is one.
     */
    public static boolean holdsLean(String field) {
        if (!holds(field) || field.startsWith("tls.sct.") || field.startsWith("tls.handshake.sig_hash")
                || field.startsWith("tls.handshake.ja")) {
            return false;
        }
        int dot = field.indexOf('.');
        return NOT_BELOW_CERTIFICATES.contains(dot < 0 ? field : field.substring(0, dot));
    }

    /**
     * The fields a first pass's sparse trees (Engine.keepOnly) keep for a reader of {@code fields}
     * alone (the colouring rules; the Info column and the other columns come from the frame's
     * context, not its tree), or null when whole light trees are needed: a field lean light trees
     * lack ({@link #holdsLean}), a name no field has, or an expert or column item ({@code _ws.*}),
     * which stands for more than the items of its own name.
     */
    public static java.util.List<String> sparse(java.util.Collection<String> fields) {
        for (String f : fields) {
            if (f.startsWith("_ws.") || !holdsLean(f) || tlslens.dissect.registry.FieldRegistry.byName(f) == null) return null;
        }
        return java.util.List.copyOf(fields);
    }

    private static Set<String> analysisNames() {
        Set<String> names = new HashSet<>();
        names.add(TcpFields.ANALYSIS_FLAGS.abbrev);
        for (ExpertDef e : TcpExperts.SEQUENCE_ANALYSIS) names.add(e.abbrev());
        return Set.copyOf(names);
    }
}
