package tlslens.dissect.tcp;

import static tlslens.dissect.FieldType.*;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;

/** TCP header, stream and reassembly fields, with Wireshark's names. */
public final class TcpFields {
    public static final FieldDef TCP = Fields.protocol("tcp", "Transmission Control Protocol");
    public static final FieldDef SRCPORT = Fields.field("tcp.srcport", "Source Port", UINT16, Base.DEC);
    public static final FieldDef DSTPORT = Fields.field("tcp.dstport", "Destination Port", UINT16, Base.DEC);
    public static final FieldDef PORT = Fields.field("tcp.port", "Source or Destination Port", UINT16, Base.DEC);
    public static final FieldDef STREAM = Fields.field("tcp.stream", "Stream index", UINT32, Base.DEC);
    public static final FieldDef LEN = Fields.field("tcp.len", "TCP Segment Len", UINT32, Base.DEC);
    public static final FieldDef SEQ = Fields.field("tcp.seq", "Sequence Number", UINT32, Base.DEC);
    public static final FieldDef SEQ_RAW = Fields.field("tcp.seq_raw", "Sequence Number (raw)", UINT32, Base.DEC);
    public static final FieldDef NXTSEQ = Fields.field("tcp.nxtseq", "Next Sequence Number", UINT32, Base.DEC);
    public static final FieldDef ACK = Fields.field("tcp.ack", "Acknowledgment Number", UINT32, Base.DEC);
    public static final FieldDef ACK_RAW = Fields.field("tcp.ack_raw", "Acknowledgment number (raw)", UINT32, Base.DEC);
    public static final FieldDef HDR_LEN = Fields.bits("tcp.hdr_len", "Header Length", UINT8, Base.DEC, 0xf0, null);
    public static final FieldDef FLAGS = Fields.bits("tcp.flags", "Flags", UINT16, Base.HEX, 0x0fff, null);
    public static final FieldDef FLAGS_RES = Fields.bits("tcp.flags.res", "Reserved", UINT16, Base.DEC, 0x0e00, null);
    public static final FieldDef FLAGS_AE = Fields.flag("tcp.flags.ae", "Accurate ECN", 12, 0x100);
    public static final FieldDef FLAGS_CWR = Fields.flag("tcp.flags.cwr", "Congestion Window Reduced", 12, 0x080);
    public static final FieldDef FLAGS_ECE = Fields.flag("tcp.flags.ece", "ECN-Echo", 12, 0x040);
    public static final FieldDef FLAGS_URG = Fields.flag("tcp.flags.urg", "Urgent", 12, 0x020);
    public static final FieldDef FLAGS_ACK = Fields.flag("tcp.flags.ack", "Acknowledgment", 12, 0x010);
    public static final FieldDef FLAGS_PUSH = Fields.flag("tcp.flags.push", "Push", 12, 0x008);
    public static final FieldDef FLAGS_RESET = Fields.flag("tcp.flags.reset", "Reset", 12, 0x004);
    public static final FieldDef FLAGS_SYN = Fields.flag("tcp.flags.syn", "Syn", 12, 0x002);
    public static final FieldDef FLAGS_FIN = Fields.flag("tcp.flags.fin", "Fin", 12, 0x001);
    public static final FieldDef FLAGS_STR = Fields.field("tcp.flags.str", "TCP Flags", STRING);
    public static final FieldDef WINDOW = Fields.field("tcp.window_size_value", "Window", UINT16, Base.DEC);
    public static final FieldDef WINDOW_SIZE = Fields.field("tcp.window_size", "Calculated window size", UINT32, Base.DEC);
    /** -1 unknown (no SYN seen), -2 no window scaling used, else the multiplier. */
    public static final FieldDef WINDOW_SCALE = Fields.field("tcp.window_size_scalefactor", "Window size scaling factor",
            DOUBLE);
    public static final FieldDef CHECKSUM = Fields.field("tcp.checksum", "Checksum", UINT16, Base.HEX);
    public static final FieldDef CHECKSUM_STATUS = Fields.field("tcp.checksum.status", "Checksum Status", UINT8,
            Base.NONE, tlslens.dissect.Checksums::statusName);
    public static final FieldDef URGENT = Fields.field("tcp.urgent_pointer", "Urgent Pointer", UINT16, Base.DEC);
    public static final FieldDef OPTIONS = Fields.field("tcp.options", "Options", BYTES);
    public static final FieldDef PAYLOAD = Fields.field("tcp.payload", "TCP payload", BYTES);
    public static final FieldDef OPTION_KIND = Fields.field("tcp.option_kind", "Kind", UINT8, Base.DEC, TcpOptions::kindName);
    public static final FieldDef OPTION_LEN = Fields.field("tcp.option_len", "Length", UINT8, Base.DEC);
    public static final FieldDef OPT_EOL = Fields.field("tcp.options.eol", "TCP Option - End of Option List (EOL)", BYTES);
    public static final FieldDef OPT_NOP = Fields.field("tcp.options.nop", "TCP Option - No-Operation (NOP)", BYTES);
    public static final FieldDef OPT_MSS = Fields.label("tcp.options.mss", "TCP Option - Maximum segment size");
    public static final FieldDef OPT_MSS_VAL = Fields.field("tcp.options.mss_val", "MSS Value", UINT16, Base.DEC);
    public static final FieldDef OPT_WSCALE = Fields.label("tcp.options.wscale", "TCP Option - Window scale");
    public static final FieldDef OPT_WSCALE_SHIFT = Fields.field("tcp.options.wscale.shift", "Shift count", UINT8, Base.DEC);
    public static final FieldDef OPT_WSCALE_MULTIPLIER = Fields.field("tcp.options.wscale.multiplier", "Multiplier",
            UINT16, Base.DEC);
    public static final FieldDef OPT_SACK_PERM = Fields.label("tcp.options.sack_perm", "TCP Option - SACK permitted");
    public static final FieldDef OPT_SACK = Fields.label("tcp.options.sack", "TCP Option - SACK");
    public static final FieldDef OPT_SACK_LE = Fields.field("tcp.options.sack_le", "TCP SACK Left Edge", UINT32, Base.DEC);
    public static final FieldDef OPT_SACK_RE = Fields.field("tcp.options.sack_re", "TCP SACK Right Edge", UINT32, Base.DEC);
    public static final FieldDef OPT_DSACK_LE = Fields.field("tcp.options.sack.dsack_le", "D-SACK Left Edge", UINT32,
            Base.DEC);
    public static final FieldDef OPT_DSACK_RE = Fields.field("tcp.options.sack.dsack_re", "D-SACK Right Edge", UINT32,
            Base.DEC);
    public static final FieldDef OPT_SACK_COUNT = Fields.field("tcp.options.sack.count", "TCP SACK Count", UINT8, Base.DEC);
    public static final FieldDef OPT_TIMESTAMP = Fields.label("tcp.options.timestamp", "TCP Option - Timestamps");
    public static final FieldDef OPT_TSVAL = Fields.field("tcp.options.timestamp.tsval", "Timestamp value", UINT32, Base.DEC);
    public static final FieldDef OPT_TSECR = Fields.field("tcp.options.timestamp.tsecr", "Timestamp echo reply", UINT32,
            Base.DEC);
    public static final FieldDef OPT_UNKNOWN = Fields.field("tcp.options.unknown", "TCP Option - Unknown", BYTES);
    public static final FieldDef TIMESTAMPS = Fields.label("tcp.timestamps", "Timestamps");
    public static final FieldDef TIME_RELATIVE = Fields.field("tcp.time_relative", "Time since first frame in this TCP stream",
            RELATIVE_TIME);
    public static final FieldDef TIME_DELTA = Fields.field("tcp.time_delta", "Time since previous frame in this TCP stream",
            RELATIVE_TIME);

    public static final FieldDef COMPLETENESS = Fields.field("tcp.completeness", "Conversation completeness", UINT8,
            Base.DEC, v -> TcpAnalysisTree.completenessName(v));
    public static final FieldDef ANALYSIS = Fields.label("tcp.analysis", "SEQ/ACK analysis");
    // The notes under it (retransmission, out-of-order, duplicate ACK, ...) are declared in TcpExperts.
    public static final FieldDef ANALYSIS_FLAGS = Fields.label("tcp.analysis.flags", "TCP Analysis Flags");
    public static final FieldDef ANALYSIS_ACKS_FRAME = Fields.field("tcp.analysis.acks_frame",
            "This is an ACK to the segment in frame", FRAMENUM, Base.DEC);
    public static final FieldDef ANALYSIS_ACK_RTT = Fields.field("tcp.analysis.ack_rtt", "The RTT to ACK the segment was",
            RELATIVE_TIME);
    public static final FieldDef ANALYSIS_INITIAL_RTT = Fields.field("tcp.analysis.initial_rtt", "iRTT", RELATIVE_TIME);
    public static final FieldDef ANALYSIS_BYTES_IN_FLIGHT = Fields.field("tcp.analysis.bytes_in_flight", "Bytes in flight",
            UINT32, Base.DEC);
    public static final FieldDef ANALYSIS_PUSH_BYTES_SENT = Fields.field("tcp.analysis.push_bytes_sent",
            "Bytes sent since last PSH flag", UINT32, Base.DEC);
    public static final FieldDef ANALYSIS_RTO = Fields.field("tcp.analysis.rto", "The RTO for this segment was", RELATIVE_TIME);
    public static final FieldDef ANALYSIS_RTO_FRAME = Fields.field("tcp.analysis.rto_frame", "RTO based on delta from frame",
            FRAMENUM, Base.DEC);
    public static final FieldDef ANALYSIS_DUPLICATE_ACK_NUM = Fields.field("tcp.analysis.duplicate_ack_num", "Duplicate ACK #",
            UINT32, Base.DEC);
    public static final FieldDef ANALYSIS_DUPLICATE_ACK_FRAME = Fields.field("tcp.analysis.duplicate_ack_frame",
            "Duplicate to the ACK in frame", FRAMENUM, Base.DEC);
    /** The payload of a retransmission, which tshark does not hand to the protocol above. */
    public static final FieldDef SEGMENT_DATA = Fields.field("tcp.segment_data", "TCP segment data", BYTES);

    public static final FieldDef SEGMENTS = Fields.label("tcp.segments", "Reassembled TCP Segments");
    public static final FieldDef SEGMENT = Fields.field("tcp.segment", "TCP Segment", FRAMENUM, Base.DEC);
    public static final FieldDef SEGMENT_COUNT = Fields.field("tcp.segment.count", "Segment count", UINT32, Base.DEC);
    public static final FieldDef REASSEMBLED_IN = Fields.field("tcp.reassembled_in", "Reassembled PDU in frame", FRAMENUM, Base.DEC);
    public static final FieldDef REASSEMBLED_LENGTH = Fields.field("tcp.reassembled.length", "Reassembled TCP length", UINT32, Base.DEC);
    public static final FieldDef REASSEMBLED_DATA = Fields.field("tcp.reassembled.data", "Reassembled TCP Data", BYTES);

    private TcpFields() {}
}
