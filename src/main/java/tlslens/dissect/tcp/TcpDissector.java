package tlslens.dissect.tcp;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/** Reads a TCP header and draws it the way Wireshark's TCP tree looks. */
public final class TcpDissector {
    private TcpDissector() {}

    /** Parses the header at off; null when it is too short or its data offset is bogus. */
    public static TcpHeader parse(Tvb tvb, int off, int end) {
        if (!tvb.has(off, 20) || off + 20 > end) return null;
        int hl = (tvb.u8(off + 12) >> 4) * 4;
        if (hl < 20 || off + hl > end) return null;
        int flags = tvb.u16(off + 12) & 0x0fff;
        return new TcpHeader(tvb.u16(off), tvb.u16(off + 2), tvb.u32(off + 4), tvb.u32(off + 8), flags,
                tvb.u16(off + 14), hl, off + hl, end - off - hl);
    }

    /** A truncated or bogus header becomes a malformed TCP node. */
    public static void addMalformed(ProtoNode root, Tvb tvb, int off, int end) {
        ProtoNode tcp = root.addValue(TcpFields.TCP, tvb, off, end - off, null);
        tcp.malformed(tvb, off, end - off, "TCP header truncated or with a bogus header length");
    }

    /**
     * Adds the TCP subtree. {@code relSeq}/{@code relAck} are Wireshark's relative numbers; {@code ctx}
     * is what the conversation knows: the window scale (for the calculated window), the frame's
     * times within the stream, how to make the peer's numbers relative (SACK), the closing.
     */
    public static ProtoNode addTree(ProtoNode root, Tvb tvb, int off, TcpHeader h, int stream, long relSeq, long relAck,
                                    TcpFrameContext ctx) {
        ProtoNode tcp = protocolItem(root, tvb, off, h, relSeq, relAck);
        if (!tcp.keepsAnyOf(TcpFields.TCP)) return addSkipped(tcp, ctx.analysis());
        tcp.add(TcpFields.SRCPORT, tvb, off, 2);
        tcp.add(TcpFields.DSTPORT, tvb, off + 2, 2);
        tcp.add(TcpFields.PORT, tvb, off, 2).setHidden(true);
        tcp.add(TcpFields.PORT, tvb, off + 2, 2).setHidden(true);
        tcp.addGenerated(TcpFields.STREAM, (long) stream).setText(() -> "Stream index: " + stream);
        if (ctx.completeness() >= 0 && !tcp.summaryOnly()) TcpAnalysisTree.addCompleteness(tcp, ctx.completeness());
        tcp.addGenerated(TcpFields.LEN, (long) h.payloadLength()).setText(() -> "TCP Segment Len: " + h.payloadLength());
        tcp.addValue(TcpFields.SEQ, tvb, off + 4, 4, relSeq).setText(() -> "Sequence Number: " + relSeq + "    (relative sequence number)");
        tcp.add(TcpFields.SEQ_RAW, tvb, off + 4, 4);
        long nxt = relSeq + h.payloadLength() + (h.syn() ? 1 : 0) + (h.fin() ? 1 : 0);
        tcp.addGenerated(TcpFields.NXTSEQ, nxt).setText(() -> "Next Sequence Number: " + nxt + "    (relative sequence number)");
        if (h.hasAck()) {
            tcp.addValue(TcpFields.ACK, tvb, off + 8, 4, relAck).setText(() -> "Acknowledgment Number: " + relAck + "    (relative ack number)");
        } else {
            // Without the ACK flag the number means nothing; tshark still shows the raw value.
            long raw = tvb.u32(off + 8);
            tcp.addValue(TcpFields.ACK, tvb, off + 8, 4, raw, "Acknowledgment Number: " + raw);
        }
        tcp.add(TcpFields.ACK_RAW, tvb, off + 8, 4);
        tcp.add(TcpFields.HDR_LEN, tvb, off + 12, 1)
                .setText(() -> bits4(h.headerLength() / 4) + " .... = Header Length: " + h.headerLength() + " bytes ("
                        + h.headerLength() / 4 + ")");
        ProtoNode flags = tcp.add(TcpFields.FLAGS, tvb, off + 12, 2);
        flags.setText(() -> {
            String names = h.flagNames();
            String hex = Integer.toHexString(h.flags());
            return "Flags: 0x" + "000".substring(Math.min(3, hex.length())) + hex + " ("
                    + (names.isEmpty() ? "<None>" : names) + ")";
        });
        int res = (tvb.u16(off + 12) >> 9) & 7;
        flags.add(TcpFields.FLAGS_RES, tvb, off + 12, 2)
                .setText(() -> bits3(res) + ". .... .... = Reserved: " + (res == 0 ? "Not set" : "Set"));
        for (var f : FLAG_BITS) {
            ProtoNode flag = flags.add(f, tvb, off + 12, 2);
            if (!tcp.summaryOnly()) connectionExpert(flag, f, h);
        }
        ProtoNode str = flags.addGenerated(TcpFields.FLAGS_STR, flags.keeps(TcpFields.FLAGS_STR) ? flagString(h.flags()) : null);
        if (ctx.closing() != TcpFrameContext.Closing.NONE && !tcp.summaryOnly()) {
            str.expert((ctx.closing() == TcpFrameContext.Closing.INITIATES
                    ? TcpExperts.FIN_ACTIVE : TcpExperts.FIN_PASSIVE).note());
        }
        tcp.add(TcpFields.WINDOW, tvb, off + 14, 2);
        long window = h.window();
        if (!h.syn() && ctx.scaleFactor() > 0) window = (long) h.window() * ctx.scaleFactor();
        boolean full = !tcp.summaryOnly();
        if (full) tcp.addGenerated(TcpFields.WINDOW_SIZE, window);
        if (full && !h.syn()) {
            int factor = ctx.scaleFactor();
            tcp.addGenerated(TcpFields.WINDOW_SCALE, (double) factor).setText(() -> "Window size scaling factor: " + factor
                    + (factor == -1 ? " (unknown)" : factor == -2 ? " (no window scaling used)" : ""));
        }
        ProtoNode sum = tcp.add(TcpFields.CHECKSUM, tvb, off + 16, 2);
        sum.setText(() -> sum.fieldLabel() + " [unverified]");
        if (full) tcp.addGenerated(TcpFields.CHECKSUM_STATUS, tlslens.dissect.Checksums.UNVERIFIED, "Checksum Status: Unverified");
        tcp.add(TcpFields.URGENT, tvb, off + 18, 2);
        if (h.headerLength() > 20) {
            if (full) {
                TcpOptions.add(tcp, tvb, off + 20, off + h.headerLength(), ctx.peerRelative(), h.hasAck() ? relAck : -1);
                if (h.syn() && !hasOption(tvb, off + 20, off + h.headerLength(), 2)) {
                    tcp.children().get(tcp.children().size() - 1)
                            .expert(TcpExperts.MSS_ABSENT.note());
                }
            }
            else tcp.add(TcpFields.OPTIONS, tvb, off + 20, h.headerLength() - 20);
        }
        if (full && ctx.sinceFirstNs() >= 0) {
            ProtoNode ts = tcp.addNote(TcpFields.TIMESTAMPS, "Timestamps");
            ts.addGenerated(TcpFields.TIME_RELATIVE, ctx.sinceFirstNs());
            ts.addGenerated(TcpFields.TIME_DELTA, ctx.sincePreviousNs());
        }
        // Computed on every pass (it is frame-order state), drawn only in trees that are read.
        // A light tree keeps the analysis of flagged frames only (rare, and what colouring rules test).
        if (ctx.analysis() != null && (full || ctx.analysis().flags != 0)) TcpAnalysisTree.add(tcp, ctx.analysis());
        return tcp;
    }

    /**
     * The TCP item alone, for a sparse tree that keeps no TCP field (ProtoNode.keepsAnyOf), where the
     * items would all be left out (none can be truncated: parse saw the whole header): only a flagged
     * analysis adds its notes to the frame. Without the frame context the whole tree needs.
     */
    public static ProtoNode addSkipped(ProtoNode root, Tvb tvb, int off, TcpHeader h, long relSeq, long relAck,
                                       TcpAnalyzer.Result analysis) {
        return addSkipped(protocolItem(root, tvb, off, h, relSeq, relAck), analysis);
    }

    private static ProtoNode addSkipped(ProtoNode tcp, TcpAnalyzer.Result analysis) {
        if (analysis != null && analysis.flags != 0) TcpAnalysisTree.add(tcp, analysis);
        return tcp;
    }

    private static ProtoNode protocolItem(ProtoNode root, Tvb tvb, int off, TcpHeader h, long relSeq, long relAck) {
        ProtoNode tcp = root.addValue(TcpFields.TCP, tvb, off, h.headerLength(), null);
        // Labels are made when read: a headless run reads a few fields of most trees and no label.
        return tcp.setText(() -> {
            StringBuilder t = new StringBuilder("Transmission Control Protocol, Src Port: ").append(h.srcPort())
                    .append(", Dst Port: ").append(h.dstPort()).append(", Seq: ").append(relSeq);
            if (h.hasAck()) t.append(", Ack: ").append(relAck);
            return t.append(", Len: ").append(h.payloadLength()).toString();
        });
    }

    /** The flag bits under "Flags", in tshark's order. */
    private static final tlslens.dissect.FieldDef[] FLAG_BITS = {TcpFields.FLAGS_AE, TcpFields.FLAGS_CWR,
            TcpFields.FLAGS_ECE, TcpFields.FLAGS_URG, TcpFields.FLAGS_ACK, TcpFields.FLAGS_PUSH, TcpFields.FLAGS_RESET,
            TcpFields.FLAGS_SYN, TcpFields.FLAGS_FIN};

    /** tshark's notes on the flags that open and close connections (under the flag, as there). */
    private static void connectionExpert(ProtoNode flag, tlslens.dissect.FieldDef f, TcpHeader h) {
        if (f == TcpFields.FLAGS_SYN && h.syn()) {
            flag.expert(h.hasAck()
                    ? TcpExperts.CONNECTION_SYNACK.note("Connection establish acknowledge (SYN+ACK): server port " + h.srcPort())
                    : TcpExperts.CONNECTION_SYN.note("Connection establish request (SYN): server port " + h.dstPort()));
        } else if (f == TcpFields.FLAGS_FIN && h.fin()) {
            flag.expert(TcpExperts.CONNECTION_FIN.note());
        } else if (f == TcpFields.FLAGS_RESET && h.rst()) {
            flag.expert(TcpExperts.CONNECTION_RST.note());
        }
    }

    /** Wireshark's "·······AP···" picture of the flags. */
    static String flagString(int flags) {
        String letters = "RRRACEUAPRSF";
        StringBuilder sb = new StringBuilder();
        for (int i = 11; i >= 0; i--) sb.append((flags & (1 << i)) != 0 ? letters.charAt(11 - i) : '\u00b7');
        return sb.toString();
    }

    private static String bits4(int v) { return bits(v, 4); }

    private static String bits3(int v) { return bits(v, 3); }

    private static String bits(int v, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (v & (1 << (n - 1 - i))) != 0 ? '1' : '0';
        return new String(c);
    }

    /**
     * The Info column of a segment with no higher-layer content, as Wireshark writes it: the
     * window as scaled (when known) and a summary of the options in packet order.
     */
    public static String info(TcpHeader h, long relSeq, long relAck, long scaledWindow, Tvb tvb, int off,
                              java.util.function.LongUnaryOperator peerRelative) {
        StringBuilder sb = new StringBuilder();
        sb.append(h.srcPort()).append(" \u2192 ").append(h.dstPort()).append(" [").append(h.flagNames()).append("] Seq=")
                .append(relSeq);
        if (h.hasAck()) sb.append(" Ack=").append(relAck);
        sb.append(" Win=").append(scaledWindow >= 0 ? scaledWindow : h.window()).append(" Len=").append(h.payloadLength());
        options(tvb, off + 20, off + h.headerLength(), sb, peerRelative);
        return sb.toString();
    }

    /** The window scale shift of a SYN's options, or -1 when it has none. */
    public static int windowScaleShift(Tvb tvb, int from, int to) {
        int[] shift = {-1};
        TcpOptions.walk(tvb, from, to, (kind, p, len) -> {
            if (kind == 3 && len == 3) shift[0] = tvb.u8(p + 2);
            return kind != 0 && shift[0] < 0; // up to the end of the list, or the option
        });
        return shift[0];
    }

    /** Whether the option list has an option of this kind (before its end). */
    private static boolean hasOption(Tvb tvb, int from, int to, int wanted) {
        boolean[] found = {false};
        TcpOptions.walk(tvb, from, to, (kind, p, len) -> {
            if (kind == wanted) found[0] = true;
            return kind != 0 && len >= 0 && !found[0];
        });
        return found[0];
    }

    /** The SACK blocks of these options as raw (left, right) pairs, or null when there are none. */
    public static int[] sackBlocks(Tvb tvb, int from, int to) {
        // TcpOptions.walk's layout, without a visitor: this runs for every segment with options.
        int[] out = null;
        for (int p = from; p < to && tvb.has(p, 1); ) {
            int kind = tvb.u8(p);
            if (kind == 0) break;
            if (kind == 1) {
                p++;
                continue;
            }
            int len = tvb.has(p + 1, 1) ? tvb.u8(p + 1) : 0;
            if (len < 2 || p + len > to) break;
            if (kind == 5 && len >= 10) {
                int n = (len - 2) / 8;
                int[] b = new int[2 * n];
                for (int i = 0; i < n; i++) {
                    b[2 * i] = (int) tvb.u32(p + 2 + 8 * i);
                    b[2 * i + 1] = (int) tvb.u32(p + 6 + 8 * i);
                }
                out = b;
            }
            p += len;
        }
        return out;
    }

    /** The options as the Info column abbreviates them, up to the end of the list. */
    private static void options(Tvb tvb, int from, int to, StringBuilder sb, java.util.function.LongUnaryOperator rel) {
        TcpOptions.walk(tvb, from, to, (kind, p, len) -> {
            if (kind == 0 || len < 0) return false;
            switch (kind) {
                case 2 -> { if (len == 4) sb.append(" MSS=").append(tvb.u16(p + 2)); }
                case 3 -> { if (len == 3) sb.append(" WS=").append(1 << Math.min(14, tvb.u8(p + 2))); }
                case 4 -> sb.append(" SACK_PERM");
                case 5 -> {
                    for (int q = p + 2; q + 8 <= p + len; q += 8) {
                        // SACK edges are the peer's sequence numbers, shown relative like Ack.
                        sb.append(" SLE=").append(rel.applyAsLong(tvb.u32(q))).append(" SRE=")
                                .append(rel.applyAsLong(tvb.u32(q + 4)));
                    }
                }
                case 8 -> { if (len == 10) sb.append(" TSval=").append(tvb.u32(p + 2)).append(" TSecr=").append(tvb.u32(p + 6)); }
                default -> { }
            }
            return true;
        });
    }
}
