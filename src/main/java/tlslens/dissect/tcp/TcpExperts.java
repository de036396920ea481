package tlslens.dissect.tcp;

import java.util.List;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.Fields;
import tlslens.dissect.Severity;

/** TCP's expert notes, with packet-tcp.c's filter names, groups and severities (ei_tcp_*). */
public final class TcpExperts {
    // The SEQ/ACK analysis notes (TcpAnalysisTree puts them under "[TCP Analysis Flags]").
    public static final ExpertDef RETRANSMISSION = Fields.expert("tcp.analysis.retransmission", ExpertGroup.SEQUENCE,
            Severity.NOTE, "This frame is a (suspected) retransmission");
    public static final ExpertDef FAST_RETRANSMISSION = Fields.expert("tcp.analysis.fast_retransmission",
            ExpertGroup.SEQUENCE, Severity.NOTE, "This frame is a (suspected) fast retransmission");
    public static final ExpertDef SPURIOUS_RETRANSMISSION = Fields.expert("tcp.analysis.spurious_retransmission",
            ExpertGroup.SEQUENCE, Severity.NOTE, "This frame is a (suspected) spurious retransmission");
    public static final ExpertDef OUT_OF_ORDER = Fields.expert("tcp.analysis.out_of_order", ExpertGroup.SEQUENCE,
            Severity.WARN, "This frame is a (suspected) out-of-order segment");
    public static final ExpertDef LOST_SEGMENT = Fields.expert("tcp.analysis.lost_segment", ExpertGroup.SEQUENCE,
            Severity.WARN, "Previous segment(s) not captured (common at capture start)");
    public static final ExpertDef ACK_LOST_SEGMENT = Fields.expert("tcp.analysis.ack_lost_segment", ExpertGroup.SEQUENCE,
            Severity.WARN, "ACKed segment that wasn't captured (common at capture start)");
    public static final ExpertDef WINDOW_UPDATE = Fields.expert("tcp.analysis.window_update", ExpertGroup.SEQUENCE,
            Severity.CHAT, "TCP window update");
    public static final ExpertDef WINDOW_FULL = Fields.expert("tcp.analysis.window_full", ExpertGroup.SEQUENCE,
            Severity.WARN, "TCP window specified by the receiver is now completely full");
    public static final ExpertDef KEEP_ALIVE = Fields.expert("tcp.analysis.keep_alive", ExpertGroup.SEQUENCE,
            Severity.NOTE, "TCP keep-alive segment");
    public static final ExpertDef KEEP_ALIVE_ACK = Fields.expert("tcp.analysis.keep_alive_ack", ExpertGroup.SEQUENCE,
            Severity.NOTE, "ACK to a TCP keep-alive segment");
    /** Wireshark registers tcp.analysis.duplicate_ack as a field and a note; here the note's field is both. */
    public static final ExpertDef DUPLICATE_ACK = Fields.expert("tcp.analysis.duplicate_ack", ExpertGroup.SEQUENCE,
            Severity.NOTE, "Duplicate ACK");
    public static final ExpertDef ZERO_WINDOW_PROBE = Fields.expert("tcp.analysis.zero_window_probe",
            ExpertGroup.SEQUENCE, Severity.NOTE, "TCP Zero Window Probe");
    public static final ExpertDef ZERO_WINDOW = Fields.expert("tcp.analysis.zero_window", ExpertGroup.SEQUENCE,
            Severity.WARN, "TCP Zero Window segment");
    public static final ExpertDef ZERO_WINDOW_PROBE_ACK = Fields.expert("tcp.analysis.zero_window_probe_ack",
            ExpertGroup.SEQUENCE, Severity.NOTE, "ACK to a TCP Zero Window Probe");

    public static final ExpertDef CONNECTION_SYN = Fields.expert("tcp.connection.syn", ExpertGroup.SEQUENCE,
            Severity.CHAT, "Connection establish request (SYN)");
    public static final ExpertDef CONNECTION_SYNACK = Fields.expert("tcp.connection.synack", ExpertGroup.SEQUENCE,
            Severity.CHAT, "Connection establish acknowledge (SYN+ACK)");
    public static final ExpertDef CONNECTION_FIN = Fields.expert("tcp.connection.fin", ExpertGroup.SEQUENCE,
            Severity.CHAT, "Connection finish (FIN)");
    public static final ExpertDef CONNECTION_RST = Fields.expert("tcp.connection.rst", ExpertGroup.SEQUENCE,
            Severity.WARN, "Connection reset (RST)");
    public static final ExpertDef FIN_ACTIVE = Fields.expert("tcp.connection.fin_active", ExpertGroup.SEQUENCE,
            Severity.NOTE, "This frame initiates the connection closing");
    public static final ExpertDef FIN_PASSIVE = Fields.expert("tcp.connection.fin_passive", ExpertGroup.SEQUENCE,
            Severity.NOTE, "This frame undergoes the connection closing");

    /** The notes of the SEQ/ACK analysis, which light trees keep (engine.LightTree). */
    public static final List<ExpertDef> SEQUENCE_ANALYSIS = List.of(RETRANSMISSION, FAST_RETRANSMISSION,
            SPURIOUS_RETRANSMISSION, OUT_OF_ORDER, LOST_SEGMENT, ACK_LOST_SEGMENT, WINDOW_UPDATE, WINDOW_FULL, KEEP_ALIVE,
            KEEP_ALIVE_ACK, DUPLICATE_ACK, ZERO_WINDOW_PROBE, ZERO_WINDOW, ZERO_WINDOW_PROBE_ACK);

    public static final ExpertDef MSS_ABSENT = Fields.expert("tcp.options.mss.absent", ExpertGroup.PROTOCOL,
            Severity.NOTE, "The SYN packet does not contain a MSS option");
    public static final ExpertDef DSACK = Fields.expert("tcp.options.sack.dsack", ExpertGroup.SEQUENCE,
            Severity.WARN, "D-SACK Sequence");

    private TcpExperts() {}
}
