package tlslens.dissect.tcp;

import static tlslens.dissect.tcp.TcpAnalyzer.*;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.ProtoNode;

/**
 * Draws a frame's TCP analysis as tshark does (tcp_print_sequence_number_analysis): the
 * "[SEQ/ACK analysis]" subtree, its "[TCP Analysis Flags]" with expert notes, and the notes'
 * prefixes of the Info column. Each expert note also leaves a hidden item with its filter name
 * (tcp.analysis.retransmission...), as Wireshark's expert fields do, for -Y and -e.
 */
public final class TcpAnalysisTree {
    private TcpAnalysisTree() {}

    /** tshark's label of tcp.completeness (conversation_completeness_fill). */
    public static String completenessName(long v) {
        int syn3 = COMPLETENESS_SYNSENT | COMPLETENESS_SYNACK | COMPLETENESS_ACK;
        if (v == COMPLETENESS_SYNSENT) return "Incomplete, SYN_SENT";
        if (v == (COMPLETENESS_SYNSENT | COMPLETENESS_SYNACK)) return "Incomplete, CLIENT_ESTABLISHED";
        if (v == syn3) return "Incomplete, ESTABLISHED";
        if (v == (syn3 | COMPLETENESS_DATA)) return "Incomplete, DATA";
        long closing = v & ~(syn3 | COMPLETENESS_DATA);
        if ((v & syn3) == syn3 && closing != 0 && (closing & ~(COMPLETENESS_FIN | COMPLETENESS_RST)) == 0) {
            return (v & COMPLETENESS_DATA) != 0 ? "Complete, WITH_DATA" : "Complete, NO_DATA";
        }
        return "Incomplete";
    }

    /** Adds "[Conversation completeness: ...]" (the value before this frame, as tshark shows it). */
    public static void addCompleteness(ProtoNode tcp, int value) {
        tcp.addGenerated(TcpFields.COMPLETENESS, (long) value); // labelled when shown: "Incomplete, DATA (15)"
    }

    /** Adds the "[SEQ/ACK analysis]" subtree when tshark shows one; returns it (null: none). */
    public static ProtoNode add(ProtoNode tcp, TcpAnalyzer.Result ta) {
        if (!ta.present()) return null;
        ProtoNode tree = tcp.addNote(TcpFields.ANALYSIS, "SEQ/ACK analysis");
        if (ta.ackedFrame != 0) {
            tree.addGenerated(TcpFields.ANALYSIS_ACKS_FRAME, ta.ackedFrame);
            if (ta.ackRttNs != 0) tree.addGenerated(TcpFields.ANALYSIS_ACK_RTT, ta.ackRttNs);
        }
        if (ta.initialRttNs != 0) tree.addGenerated(TcpFields.ANALYSIS_INITIAL_RTT, ta.initialRttNs);
        if (ta.bytesInFlight != 0) {
            tree.addGenerated(TcpFields.ANALYSIS_BYTES_IN_FLIGHT, ta.bytesInFlight);
            tree.addGenerated(TcpFields.ANALYSIS_PUSH_BYTES_SENT, ta.pushBytesSent);
        }
        if (ta.flags == 0) return tree;
        ProtoNode flags = tree.addNote(TcpFields.ANALYSIS_FLAGS, "TCP Analysis Flags").expertsFirst(true);
        int f = ta.flags;
        if ((f & RETRANSMISSION) != 0) {
            note(flags, TcpExperts.RETRANSMISSION);
            if (ta.rtoNs != 0) {
                flags.addGenerated(TcpFields.ANALYSIS_RTO, ta.rtoNs);
                flags.addGenerated(TcpFields.ANALYSIS_RTO_FRAME, ta.rtoFrame);
            }
        }
        if ((f & FAST_RETRANSMISSION) != 0) {
            note(flags, TcpExperts.FAST_RETRANSMISSION);
            note(flags, TcpExperts.RETRANSMISSION);
        }
        if ((f & SPURIOUS_RETRANSMISSION) != 0) {
            note(flags, TcpExperts.SPURIOUS_RETRANSMISSION);
            note(flags, TcpExperts.RETRANSMISSION);
        }
        if ((f & OUT_OF_ORDER) != 0) {
            note(flags, TcpExperts.OUT_OF_ORDER);
        }
        if ((f & LOST_PACKET) != 0) {
            note(flags, TcpExperts.LOST_SEGMENT);
        }
        if ((f & ACK_LOST_PACKET) != 0) {
            note(flags, TcpExperts.ACK_LOST_SEGMENT);
        }
        if ((f & WINDOW_UPDATE) != 0) note(flags, TcpExperts.WINDOW_UPDATE);
        if ((f & WINDOW_FULL) != 0) {
            note(flags, TcpExperts.WINDOW_FULL);
        }
        if ((f & KEEP_ALIVE) != 0) note(flags, TcpExperts.KEEP_ALIVE);
        if ((f & KEEP_ALIVE_ACK) != 0) {
            note(flags, TcpExperts.KEEP_ALIVE_ACK);
        }
        if (ta.dupAckNum != 0) {
            if ((f & DUPLICATE_ACK) != 0) {
                flags.addNote(TcpExperts.DUPLICATE_ACK.field, "This is a TCP duplicate ack");
            }
            tree.addGenerated(TcpFields.ANALYSIS_DUPLICATE_ACK_NUM, (long) ta.dupAckNum);
            ProtoNode frame = tree.addGenerated(TcpFields.ANALYSIS_DUPLICATE_ACK_FRAME, ta.dupAckFrame);
            frame.expert(TcpExperts.DUPLICATE_ACK.note("Duplicate ACK (#" + ta.dupAckNum + ")"));
        }
        if ((f & ZERO_WINDOW_PROBE) != 0) {
            note(flags, TcpExperts.ZERO_WINDOW_PROBE);
        }
        if ((f & ZERO_WINDOW) != 0) note(flags, TcpExperts.ZERO_WINDOW);
        if ((f & ZERO_WINDOW_PROBE_ACK) != 0) {
            note(flags, TcpExperts.ZERO_WINDOW_PROBE_ACK);
        }
        return tree;
    }

    /** A note of kind {@code e} on {@code at} (expert_add_info): -Y and -e find it by its name. */
    private static void note(ProtoNode at, ExpertDef e) { at.expert(e.note()); }

    /**
     * The Info column's prefix for these flags, as tshark's col_prepend_fence_fstr calls leave it:
     * each note is put in front of the ones before it.
     */
    public static String infoPrefix(TcpAnalyzer.Result ta) {
        int f = ta.flags;
        if (f == 0) return "";
        StringBuilder sb = new StringBuilder();
        prepend(sb, f, RETRANSMISSION, "[TCP Retransmission] ");
        prepend(sb, f, FAST_RETRANSMISSION, "[TCP Fast Retransmission] ");
        prepend(sb, f, SPURIOUS_RETRANSMISSION, "[TCP Spurious Retransmission] ");
        prepend(sb, f, OUT_OF_ORDER, "[TCP Out-Of-Order] ");
        prepend(sb, f, LOST_PACKET, "[TCP Previous segment not captured] ");
        prepend(sb, f, ACK_LOST_PACKET, "[TCP ACKed unseen segment] ");
        prepend(sb, f, WINDOW_UPDATE, "[TCP Window Update] ");
        prepend(sb, f, WINDOW_FULL, "[TCP Window Full] ");
        prepend(sb, f, KEEP_ALIVE, "[TCP Keep-Alive] ");
        prepend(sb, f, KEEP_ALIVE_ACK, "[TCP Keep-Alive ACK] ");
        if (ta.dupAckNum != 0 && (f & DUPLICATE_ACK) != 0) {
            sb.insert(0, "[TCP Dup ACK " + ta.dupAckFrame + "#" + ta.dupAckNum + "] ");
        }
        prepend(sb, f, ZERO_WINDOW_PROBE, "[TCP ZeroWindowProbe] ");
        prepend(sb, f, ZERO_WINDOW, "[TCP ZeroWindow] ");
        prepend(sb, f, ZERO_WINDOW_PROBE_ACK, "[TCP ZeroWindowProbeAck] ");
        return sb.toString();
    }

    private static void prepend(StringBuilder sb, int flags, int flag, String text) {
        if ((flags & flag) != 0) sb.insert(0, text);
    }
}
