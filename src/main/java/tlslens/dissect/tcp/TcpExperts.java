package tlslens.dissect.tcp;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.Fields;
import tlslens.dissect.Severity;

/** TCP's expert notes, with packet-tcp.c's filter names, groups and severities (ei_tcp_*). */
public final class TcpExperts {
    public static final ExpertDef RETRANSMISSION = Fields.expert("tcp.analysis.retransmission", ExpertGroup.SEQUENCE,
            Severity.NOTE, "This frame is a (suspected) retransmission");
    public static final ExpertDef OUT_OF_ORDER = Fields.expert("tcp.analysis.out_of_order", ExpertGroup.SEQUENCE,
            Severity.WARN, "This frame is a (suspected) out-of-order segment");
    public static final ExpertDef LOST_SEGMENT = Fields.expert("tcp.analysis.lost_segment", ExpertGroup.SEQUENCE,
            Severity.WARN, "Previous segment(s) not captured (common at capture start)");
    /** Ours: Wireshark marks overlaps on the reassembled segments (tcp.segment.overlap), not as a note. */
    public static final ExpertDef OVERLAP = Fields.expert("tcp.analysis.overlap", ExpertGroup.SEQUENCE,
            Severity.NOTE, "This segment overlaps data already received");

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

    public static final ExpertDef DSACK = Fields.expert("tcp.options.sack.dsack", ExpertGroup.SEQUENCE,
            Severity.WARN, "D-SACK Sequence");

    private TcpExperts() {}
}
