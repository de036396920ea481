package tlslens.dissect.quic;

import static tlslens.dissect.FieldType.*;

import tlslens.dissect.Base;
import tlslens.dissect.ExpertDef;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;
import tlslens.dissect.Severity;

/** QUIC's fields and notes, as Wireshark 4.0 names them (packet-quic.c). */
public final class QuicFields {
    public static final FieldDef QUIC = Fields.protocol("quic", "QUIC IETF");
    public static final FieldDef CONNECTION_INFO = Fields.label("quic.connection_info", "QUIC Connection information");
    public static final FieldDef CONNECTION_NUMBER = Fields.field("quic.connection.number", "Connection Number",
            UINT32, Base.DEC);
    public static final FieldDef PACKET_LENGTH = Fields.field("quic.packet_length", "Packet Length", UINT32, Base.DEC);
    public static final FieldDef HEADER_FORM = Fields.bits("quic.header_form", "Header Form", UINT8, Base.DEC, 0x80,
            v -> v == 1 ? "Long Header" : "Short Header");
    public static final FieldDef FIXED_BIT = Fields.flag("quic.fixed_bit", "Fixed Bit", 8, 0x40,
            v -> v != 0 ? "True" : "False");
    public static final FieldDef SPIN_BIT = Fields.flag("quic.spin_bit", "Spin Bit", 8, 0x20,
            v -> v != 0 ? "True" : "False");
    public static final FieldDef LONG_PACKET_TYPE = Fields.bits("quic.long.packet_type", "Packet Type", UINT8, Base.DEC,
            0x30, QuicFields::longPacketTypeV1);
    public static final FieldDef LONG_PACKET_TYPE_V2 = Fields.bits("quic.long.packet_type_v2", "Packet Type", UINT8,
            Base.DEC, 0x30, QuicFields::longPacketTypeV2);
    public static final FieldDef LONG_RESERVED = Fields.bits("quic.long.reserved", "Reserved", UINT8, Base.DEC, 0x0c, null);
    public static final FieldDef SHORT_RESERVED = Fields.bits("quic.short.reserved", "Reserved", UINT8, Base.DEC, 0x18, null);
    public static final FieldDef KEY_PHASE = Fields.flag("quic.key_phase", "Key Phase Bit", 8, 0x04,
            v -> v != 0 ? "True" : "False");
    public static final FieldDef PACKET_NUMBER_LENGTH = Fields.bits("quic.packet_number_length", "Packet Number Length",
            UINT8, Base.DEC, 0x03, v -> (v + 1) + " bytes");
    public static final FieldDef VERSION = Fields.field("quic.version", "Version", UINT32, Base.HEX, QuicFields::versionName);
    public static final FieldDef SUPPORTED_VERSION = Fields.field("quic.supported_version", "Supported Version", UINT32,
            Base.HEX, QuicFields::versionName);
    public static final FieldDef VN_UNUSED = Fields.bits("quic.vn.unused", "Unused", UINT8, Base.HEX, 0x7f, null);
    public static final FieldDef DCIL = Fields.field("quic.dcil", "Destination Connection ID Length", UINT8, Base.DEC);
    public static final FieldDef DCID = Fields.field("quic.dcid", "Destination Connection ID", BYTES);
    public static final FieldDef SCIL = Fields.field("quic.scil", "Source Connection ID Length", UINT8, Base.DEC);
    public static final FieldDef SCID = Fields.field("quic.scid", "Source Connection ID", BYTES);
    public static final FieldDef TOKEN_LENGTH = Fields.field("quic.token_length", "Token Length", UINT64, Base.DEC);
    public static final FieldDef TOKEN = Fields.field("quic.token", "Token", BYTES);
    public static final FieldDef LENGTH = Fields.field("quic.length", "Length", UINT64, Base.DEC);
    public static final FieldDef PACKET_NUMBER = Fields.field("quic.packet_number", "Packet Number", UINT64, Base.DEC);
    public static final FieldDef PAYLOAD = Fields.field("quic.payload", "Payload", BYTES);
    public static final FieldDef PROTECTED_PAYLOAD = Fields.field("quic.protected_payload", "Protected Payload", BYTES);
    public static final FieldDef REMAINING_PAYLOAD = Fields.field("quic.remaining_payload", "Remaining Payload", BYTES);
    public static final FieldDef SHORT = Fields.label("quic.short", "QUIC Short Header");
    public static final FieldDef RETRY_TOKEN = Fields.field("quic.retry_token", "Retry Token", BYTES);
    public static final FieldDef RETRY_INTEGRITY_TAG = Fields.field("quic.retry_integrity_tag", "Retry Integrity Tag", BYTES);

    public static final FieldDef FRAME = Fields.label("quic.frame", "Frame");
    public static final FieldDef FRAME_TYPE = Fields.field("quic.frame_type", "Frame Type", UINT64, Base.HEX,
            QuicFields::frameTypeName);
    public static final FieldDef PADDING_LENGTH = Fields.field("quic.padding_length", "Padding Length", UINT32, Base.DEC);
    public static final FieldDef ACK_LARGEST = Fields.field("quic.ack.largest_acknowledged", "Largest Acknowledged",
            UINT64, Base.DEC);
    public static final FieldDef ACK_DELAY = Fields.field("quic.ack.ack_delay", "ACK Delay", UINT64, Base.DEC);
    public static final FieldDef ACK_RANGE_COUNT = Fields.field("quic.ack.ack_range_count", "ACK Range Count", UINT64,
            Base.DEC);
    public static final FieldDef ACK_FIRST_RANGE = Fields.field("quic.ack.first_ack_range", "First ACK Range", UINT64,
            Base.DEC);
    public static final FieldDef ACK_GAP = Fields.field("quic.ack.gap", "Gap", UINT64, Base.DEC);
    public static final FieldDef ACK_RANGE = Fields.field("quic.ack.ack_range", "ACK Range", UINT64, Base.DEC);
    public static final FieldDef ACK_ECT0 = Fields.field("quic.ack.ect0_count", "ECT(0) Count", UINT64, Base.DEC);
    public static final FieldDef ACK_ECT1 = Fields.field("quic.ack.ect1_count", "ECT(1) Count", UINT64, Base.DEC);
    public static final FieldDef ACK_ECN_CE = Fields.field("quic.ack.ecn_ce_count", "ECN-CE Count", UINT64, Base.DEC);
    public static final FieldDef CRYPTO_OFFSET = Fields.field("quic.crypto.offset", "Offset", UINT64, Base.DEC);
    public static final FieldDef CRYPTO_LENGTH = Fields.field("quic.crypto.length", "Length", UINT64, Base.DEC);
    public static final FieldDef CRYPTO_DATA = Fields.label("quic.crypto.crypto_data", "Crypto Data");
    public static final FieldDef CRYPTO_FRAGMENTS = Fields.label("quic.crypto.fragments",
            "Reassembled QUIC CRYPTO Data Fragments");
    public static final FieldDef CRYPTO_FRAGMENT = Fields.field("quic.crypto.fragment", "QUIC CRYPTO Data Fragment", FRAMENUM);
    public static final FieldDef CRYPTO_FRAGMENT_COUNT = Fields.field("quic.crypto.fragment.count", "Fragment count",
            UINT32, Base.DEC);
    public static final FieldDef NT_LENGTH = Fields.field("quic.nt.length", "(Token) Length", UINT64, Base.DEC);
    public static final FieldDef NT_TOKEN = Fields.field("quic.nt.token", "Token", BYTES);
    public static final FieldDef STREAM_STREAM_ID = Fields.field("quic.stream.stream_id", "Stream ID", UINT64, Base.DEC);
    public static final FieldDef STREAM_OFFSET = Fields.field("quic.stream.offset", "Offset", UINT64, Base.DEC);
    public static final FieldDef STREAM_LENGTH = Fields.field("quic.stream.length", "Length", UINT64, Base.DEC);
    public static final FieldDef STREAM_DATA = Fields.field("quic.stream_data", "Stream Data", BYTES);
    public static final FieldDef MAX_DATA = Fields.field("quic.md.maximum_data", "Maximum Data", UINT64, Base.DEC);
    public static final FieldDef MSD_STREAM_ID = Fields.field("quic.msd.stream_id", "Stream ID", UINT64, Base.DEC);
    public static final FieldDef MSD_MAX = Fields.field("quic.msd.maximum_stream_data", "Maximum Stream Data", UINT64,
            Base.DEC);
    public static final FieldDef MAX_STREAMS = Fields.field("quic.ms.max_streams", "Max Streams", UINT64, Base.DEC);
    public static final FieldDef RS_STREAM_ID = Fields.field("quic.rsts.stream_id", "Stream ID", UINT64, Base.DEC);
    public static final FieldDef RS_ERROR_CODE = Fields.field("quic.rsts.application_error_code", "Application Error code",
            UINT64, Base.DEC);
    public static final FieldDef RS_FINAL_SIZE = Fields.field("quic.rsts.final_size", "Final Size", UINT64, Base.DEC);
    public static final FieldDef SS_STREAM_ID = Fields.field("quic.ss.stream_id", "Stream ID", UINT64, Base.DEC);
    public static final FieldDef SS_ERROR_CODE = Fields.field("quic.ss.application_error_code", "Application Error code",
            UINT64, Base.DEC);
    public static final FieldDef DB_LIMIT = Fields.field("quic.db.stream_data_limit", "Stream Data Limit", UINT64, Base.DEC);
    public static final FieldDef SDB_STREAM_ID = Fields.field("quic.sdb.stream_id", "Stream ID", UINT64, Base.DEC);
    public static final FieldDef SDB_LIMIT = Fields.field("quic.sdb.stream_data_limit", "Stream Data Limit", UINT64,
            Base.DEC);
    public static final FieldDef SB_LIMIT = Fields.field("quic.sb.stream_limit", "Stream Limit", UINT64, Base.DEC);
    public static final FieldDef NCI_SEQUENCE = Fields.field("quic.nci.sequence", "Sequence", UINT64, Base.DEC);
    public static final FieldDef NCI_RETIRE_PRIOR_TO = Fields.field("quic.nci.retire_prior_to", "Retire Prior To",
            UINT64, Base.DEC);
    public static final FieldDef NCI_CID_LENGTH = Fields.field("quic.nci.connection_id.length", "Connection ID Length",
            UINT8, Base.DEC);
    public static final FieldDef NCI_CID = Fields.field("quic.nci.connection_id", "Connection ID", BYTES);
    public static final FieldDef NCI_RESET_TOKEN = Fields.field("quic.nci.stateless_reset_token", "Stateless Reset Token",
            BYTES);
    public static final FieldDef RCI_SEQUENCE = Fields.field("quic.rci.sequence", "Sequence", UINT64, Base.DEC);
    public static final FieldDef PATH_CHALLENGE = Fields.field("quic.path_challenge.data", "Data", BYTES);
    public static final FieldDef PATH_RESPONSE = Fields.field("quic.path_response.data", "Data", BYTES);
    public static final FieldDef CC_ERROR_CODE = Fields.field("quic.cc.error_code", "Error code", UINT64, Base.DEC);
    public static final FieldDef CC_ERROR_CODE_APP = Fields.field("quic.cc.error_code.app", "Application Error code",
            UINT64, Base.DEC);
    public static final FieldDef CC_FRAME_TYPE = Fields.field("quic.cc.frame_type", "Frame Type", UINT64, Base.DEC);
    public static final FieldDef CC_REASON_LENGTH = Fields.field("quic.cc.reason_phrase.length", "Reason phrase Length",
            UINT64, Base.DEC);
    public static final FieldDef CC_REASON = Fields.field("quic.cc.reason_phrase", "Reason phrase", STRING);

    public static final ExpertDef DECRYPTION_FAILED = Fields.expert("quic.decryption_failed", ExpertGroup.DECRYPTION,
            Severity.WARN, "Failed to decrypt handshake");
    public static final ExpertDef CONNECTION_UNKNOWN = Fields.expert("quic.connection.unknown", ExpertGroup.PROTOCOL,
            Severity.NOTE, "Unknown QUIC connection. Missing Initial Packet or migrated connection?");
    public static final ExpertDef COALESCED_PADDING = Fields.expert("quic.coalesced_padding_data", ExpertGroup.PROTOCOL,
            Severity.NOTE, "Coalesced Padding Data");
    public static final ExpertDef BAD_RETRY = Fields.expert("quic.bad_retry", ExpertGroup.PROTOCOL, Severity.WARN,
            "Retry Integrity Tag verification failure");
    public static final ExpertDef UNKNOWN_FRAME = Fields.expert("quic.ft.unknown", ExpertGroup.MALFORMED,
            Severity.ERROR, "Unknown Frame Type");

    private QuicFields() {}

    /** RFC 9000 17.2 packet types of QUIC v1 (and drafts). */
    static String longPacketTypeV1(long v) {
        return switch ((int) v) {
            case 0 -> "Initial";
            case 1 -> "0-RTT";
            case 2 -> "Handshake";
            case 3 -> "Retry";
            default -> null;
        };
    }

    /** RFC 9369 3.2: QUIC v2 numbers the long packet types differently. */
    static String longPacketTypeV2(long v) {
        return switch ((int) v) {
            case 1 -> "Initial";
            case 2 -> "0-RTT";
            case 3 -> "Handshake";
            case 0 -> "Retry";
            default -> null;
        };
    }

    static String versionName(long v) {
        if (v == 0) return "Version Negotiation";
        if (v == 1) return "1";
        if (v == 0x6b3343cfL) return "2";
        if ((v & 0xffffff00L) == 0xff000000L) return "draft-" + (v & 0xff);
        if ((v & 0x0f0f0f0fL) == 0x0a0a0a0aL) return "Forcing Version Negotiation";
        return "Unknown";
    }

    // HTTP/3 (RFC 9114) in the STREAM frames of a connection whose ALPN is h3: stream types and frames by
    // type, with Wireshark's names (packet-http3.c). Kept here so the QUIC layer registers them.
    public static final FieldDef HTTP3 = Fields.protocol("http3", "Hypertext Transfer Protocol Version 3");
    public static final FieldDef HTTP3_STREAM_TYPE = Fields.field("http3.stream_type", "Stream Type", UINT64, Base.HEX,
            QuicFields::http3StreamTypeName);
    public static final FieldDef HTTP3_PUSH_ID = Fields.field("http3.push_id", "Push ID", UINT64, Base.DEC);
    public static final FieldDef HTTP3_FRAME_TYPE = Fields.field("http3.frame_type", "Type", UINT64, Base.HEX,
            QuicFields::http3FrameTypeName);
    public static final FieldDef HTTP3_FRAME_LENGTH = Fields.field("http3.frame_length", "Length", UINT64, Base.DEC);
    public static final FieldDef HTTP3_FRAME_PAYLOAD = Fields.field("http3.frame_payload", "Frame Payload", BYTES);

    /** RFC 9114 6.2 and RFC 9204 4.2 unidirectional stream types; reserved ones are 0x1f * N + 0x21. */
    public static String http3StreamTypeName(long t) {
        if (t >= 0x21 && (t - 0x21) % 0x1f == 0) return "Reserved";
        return switch ((int) Math.min(t, Integer.MAX_VALUE)) {
            case 0x00 -> "Control Stream";
            case 0x01 -> "Push Stream";
            case 0x02 -> "QPACK Encoder Stream";
            case 0x03 -> "QPACK Decoder Stream";
            default -> "Unknown";
        };
    }

    /** RFC 9114 7.2 frame types, PRIORITY_UPDATE (RFC 9218); reserved (greasing) ones are 0x1f * N + 0x21. */
    public static String http3FrameTypeName(long t) {
        if (t >= 0x21 && (t - 0x21) % 0x1f == 0) return "Reserved";
        if (t == 0xf0700L || t == 0xf0701L) return "PRIORITY_UPDATE";
        return switch ((int) Math.min(t, Integer.MAX_VALUE)) {
            case 0x00 -> "DATA";
            case 0x01 -> "HEADERS";
            case 0x03 -> "CANCEL_PUSH";
            case 0x04 -> "SETTINGS";
            case 0x05 -> "PUSH_PROMISE";
            case 0x07 -> "GOAWAY";
            case 0x0d -> "MAX_PUSH_ID";
            default -> "Unknown";
        };
    }

    /** RFC 9000 19 frame types. */
    public static String frameTypeName(long t) {
        if (t >= 0x08 && t <= 0x0f) return "STREAM";
        return switch ((int) t) {
            case 0x00 -> "PADDING";
            case 0x01 -> "PING";
            case 0x02, 0x03 -> "ACK";
            case 0x04 -> "RESET_STREAM";
            case 0x05 -> "STOP_SENDING";
            case 0x06 -> "CRYPTO";
            case 0x07 -> "NEW_TOKEN";
            case 0x10 -> "MAX_DATA";
            case 0x11 -> "MAX_STREAM_DATA";
            case 0x12, 0x13 -> "MAX_STREAMS";
            case 0x14 -> "DATA_BLOCKED";
            case 0x15 -> "STREAM_DATA_BLOCKED";
            case 0x16, 0x17 -> "STREAMS_BLOCKED";
            case 0x18 -> "NEW_CONNECTION_ID";
            case 0x19 -> "RETIRE_CONNECTION_ID";
            case 0x1a -> "PATH_CHALLENGE";
            case 0x1b -> "PATH_RESPONSE";
            case 0x1c, 0x1d -> "CONNECTION_CLOSE";
            case 0x1e -> "HANDSHAKE_DONE";
            case 0x30, 0x31 -> "DATAGRAM";
            default -> null;
        };
    }
}
