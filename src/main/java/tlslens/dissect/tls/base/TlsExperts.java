package tlslens.dissect.tls.base;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.Fields;
import tlslens.dissect.Severity;

/**
 * TLS's expert notes: those of packet-tls.c and packet-tls-utils.h (SSL_COMMON_EI_LIST) under
 * their filter names, groups and severities, then a few of our own for what tshark does not say.
 */
public final class TlsExperts {
    // ---- Wireshark's -----------------------------------------------------------------------------
    public static final ExpertDef MALFORMED_VECTOR_LENGTH = Fields.expert("tls.malformed.vector_length",
            ExpertGroup.PROTOCOL, Severity.WARN, "Variable vector length is outside the permitted range");
    public static final ExpertDef MALFORMED_BUFFER_TOO_SMALL = Fields.expert("tls.malformed.buffer_too_small",
            ExpertGroup.MALFORMED, Severity.ERROR, "Malformed message, not enough data is available");
    public static final ExpertDef MALFORMED_TRAILING_DATA = Fields.expert("tls.malformed.trailing_data",
            ExpertGroup.PROTOCOL, Severity.WARN, "Undecoded trailing data is present");
    public static final ExpertDef STATUS_REQUEST_UNDECODED = Fields.expert("tls.handshake.status_request.undecoded",
            ExpertGroup.UNDECODED, Severity.NOTE, "Responder ID list or Request Extensions are not implemented, "
                    + "contact Wireshark developers if you want this to be supported");
    public static final ExpertDef RESUMED = Fields.expert("tls.resumed", ExpertGroup.SEQUENCE, Severity.NOTE,
            "This session reuses previously negotiated keys (Session resumption)");
    public static final ExpertDef RECORD_LENGTH_INVALID = Fields.expert("tls.record.length.invalid",
            ExpertGroup.PROTOCOL, Severity.ERROR, "Record fragment length is too small or too large");
    public static final ExpertDef DECOMPRESSION_ERROR = Fields.expert("tls.decompression_error",
            ExpertGroup.PROTOCOL, Severity.ERROR, "Decompression error");
    public static final ExpertDef SESSION_ID_LENGTH_ERROR = Fields.expert("tls.handshake.session_id_length.error",
            ExpertGroup.MALFORMED, Severity.ERROR, "Session ID length error");
    public static final ExpertDef HEARTBEAT_PAYLOAD_LENGTH_INVALID = Fields.expert(
            "tls.heartbeat_message.payload_length.invalid", ExpertGroup.MALFORMED, Severity.ERROR,
            "Invalid heartbeat payload length");
    public static final ExpertDef UNEXPECTED_MESSAGE = Fields.expert("tls.unexpected_message", ExpertGroup.PROTOCOL,
            Severity.ERROR, "Unexpected message");
    public static final ExpertDef IGNORED_UNKNOWN_RECORD = Fields.expert("tls.ignored_unknown_record",
            ExpertGroup.PROTOCOL, Severity.WARN, "Ignored Unknown Record");

    // ---- ours --------------------------------------------------------------------------------------
    /** Bytes after a capture gap, skipped until a record header can be found again. */
    public static final ExpertDef CONTINUATION_SKIPPED = Fields.expert("tls.continuation_data.skipped",
            ExpertGroup.REASSEMBLE, Severity.WARN, "Data after missing bytes: skipped up to the next record header");
    public static final ExpertDef REASSEMBLY_LIMIT = Fields.expert("tls.handshake.reassembly_limit",
            ExpertGroup.REASSEMBLE, Severity.WARN, "Handshake message is larger than the reassembly limit");
    public static final ExpertDef DECRYPTION_FAILED = Fields.expert("tls.decryption_failed", ExpertGroup.DECRYPTION,
            Severity.WARN, "Record did not decrypt");
    public static final ExpertDef VERIFY_DATA_MISMATCH = Fields.expert("tls.handshake.verify_data.mismatch",
            ExpertGroup.CHECKSUM, Severity.WARN, "Finished verify_data does not match the key log's keys");

    private TlsExperts() {}
}
