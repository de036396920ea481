package tlslens.dissect.tls.base;

import static tlslens.dissect.FieldType.*;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;
import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.AlertLevels;
import tlslens.dissect.tls.names.CertificateUrlTypes;
import tlslens.dissect.tls.names.CipherSuites;
import tlslens.dissect.tls.names.ClientCertificateTypes;
import tlslens.dissect.tls.names.CompressionMethods;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.EcCurveTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.HeartbeatMessageTypes;
import tlslens.dissect.tls.names.KeyUpdateRequests;
import tlslens.dissect.tls.names.NamedGroups;
import tlslens.dissect.tls.names.Ssl2CipherSpecs;
import tlslens.dissect.tls.names.Ssl2MessageTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * The TLS record layer and handshake message fields, with Wireshark's filter names, labels,
 * types and bases (packet-tls.c and SSL_COMMON_HF_LIST of packet-tls-utils.h). Extension fields
 * live in {@link ExtensionFields}; the few that handshake messages share with extensions are aliases
 * of those, so that each filter name has one definition. Where Wireshark registers one filter name twice (the SSLv2 and
 * TLS variants), both definitions are here; the TLS one is declared first.
 */
public final class TlsFields {
    public static final FieldDef TLS = Fields.protocol("tls", "Transport Layer Security");

    // ---- record layer ----------------------------------------------------------------------
    public static final FieldDef RECORD = Fields.label("tls.record", "Record Layer");
    public static final FieldDef RECORD_CONTENT_TYPE = Fields.field("tls.record.content_type", "Content Type",
            UINT8, Base.DEC, ContentTypes::wiresharkName);
    public static final FieldDef RECORD_OPAQUE_TYPE = Fields.field("tls.record.opaque_type", "Opaque Type",
            UINT8, Base.DEC, ContentTypes::wiresharkName);
    public static final FieldDef RECORD_VERSION = Fields.field("tls.record.version", "Version", UINT16, Base.HEX,
            TlsVersions::wiresharkName);
    public static final FieldDef RECORD_LENGTH = Fields.field("tls.record.length", "Length", UINT16, Base.DEC);
    public static final FieldDef APP_DATA = Fields.field("tls.app_data", "Encrypted Application Data", BYTES);
    public static final FieldDef APP_DATA_PROTO = Fields.field("tls.app_data_proto", "Application Data Protocol",
            STRING);
    public static final FieldDef CHANGE_CIPHER_SPEC = Fields.label("tls.change_cipher_spec",
            "Change Cipher Spec Message");

    // ---- decrypted application data (Wireshark's "data" dissector shows what no other one takes) --
    public static final FieldDef DATA = Fields.protocol("data", "Data");
    public static final FieldDef DATA_DATA = Fields.field("data.data", "Data", BYTES);
    public static final FieldDef DATA_LEN = Fields.field("data.len", "Length", UINT32, Base.DEC);

    // ---- alert -----------------------------------------------------------------------------
    public static final FieldDef ALERT_MESSAGE = Fields.label("tls.alert_message", "Alert Message");
    public static final FieldDef ALERT_LEVEL = Fields.field("tls.alert_message.level", "Level", UINT8, Base.DEC,
            AlertLevels::wiresharkName);
    public static final FieldDef ALERT_DESCRIPTION = Fields.field("tls.alert_message.desc", "Description", UINT8,
            Base.DEC, AlertDescriptions::wiresharkName);

    // ---- heartbeat -------------------------------------------------------------------------
    public static final FieldDef HEARTBEAT_MESSAGE = Fields.label("tls.heartbeat_message", "Heartbeat Message");
    public static final FieldDef HEARTBEAT_TYPE = Fields.field("tls.heartbeat_message.type", "Type", UINT8,
            Base.DEC, HeartbeatMessageTypes::wiresharkName);
    public static final FieldDef HEARTBEAT_PAYLOAD_LENGTH = Fields.field("tls.heartbeat_message.payload_length",
            "Payload Length", UINT16, Base.DEC);
    public static final FieldDef HEARTBEAT_PAYLOAD = Fields.field("tls.heartbeat_message.payload",
            "Payload Length", BYTES);
    public static final FieldDef HEARTBEAT_PADDING = Fields.field("tls.heartbeat_message.padding",
            "Payload Length", BYTES);

    // ---- handshake message header ----------------------------------------------------------
    public static final FieldDef HANDSHAKE = Fields.label("tls.handshake", "Handshake Protocol");
    public static final FieldDef HANDSHAKE_TYPE = Fields.field("tls.handshake.type", "Handshake Type", UINT8,
            Base.DEC, HandshakeTypes::wiresharkName);
    public static final FieldDef HANDSHAKE_LENGTH = Fields.field("tls.handshake.length", "Length", UINT24,
            Base.DEC);

    // ---- handshake fragment reassembly -----------------------------------------------------
    public static final FieldDef HS_FRAGMENTS = Fields.label("tls.handshake.fragments",
            "Reassembled Handshake Fragments");
    public static final FieldDef HS_FRAGMENT = Fields.field("tls.handshake.fragment", "Handshake Fragment",
            FRAMENUM, Base.NONE);
    public static final FieldDef HS_FRAGMENT_COUNT = Fields.field("tls.handshake.fragment.count",
            "Handshake Fragment count", UINT32, Base.DEC);
    public static final FieldDef HS_REASSEMBLED_IN = Fields.field("tls.handshake.reassembled_in",
            "Reassembled Handshake Message in frame", FRAMENUM, Base.NONE);

    // ---- hello messages --------------------------------------------------------------------
    public static final FieldDef HS_VERSION = Fields.field("tls.handshake.version", "Version", UINT16, Base.HEX,
            TlsVersions::wiresharkName);
    public static final FieldDef HS_RANDOM = Fields.field("tls.handshake.random", "Random", BYTES);
    public static final FieldDef HS_RANDOM_TIME = Fields.field("tls.handshake.random_time", "GMT Unix Time",
            ABSOLUTE_TIME);
    public static final FieldDef HS_RANDOM_BYTES = Fields.field("tls.handshake.random_bytes", "Random Bytes",
            BYTES);
    public static final FieldDef HS_SESSION_ID_LENGTH = Fields.field("tls.handshake.session_id_length",
            "Session ID Length", UINT8, Base.DEC);
    public static final FieldDef HS_SESSION_ID = Fields.field("tls.handshake.session_id", "Session ID", BYTES);
    public static final FieldDef HS_CIPHER_SUITES_LENGTH = Fields.field("tls.handshake.cipher_suites_length",
            "Cipher Suites Length", UINT16, Base.DEC);
    public static final FieldDef HS_CIPHER_SUITES = Fields.label("tls.handshake.ciphersuites", "Cipher Suites");
    public static final FieldDef HS_CIPHER_SUITE = Fields.field("tls.handshake.ciphersuite", "Cipher Suite",
            UINT16, Base.HEX, CipherSuites::wiresharkName);
    public static final FieldDef HS_COMP_METHODS_LENGTH = Fields.field("tls.handshake.comp_methods_length",
            "Compression Methods Length", UINT8, Base.DEC);
    public static final FieldDef HS_COMP_METHODS = Fields.label("tls.handshake.comp_methods",
            "Compression Methods");
    public static final FieldDef HS_COMP_METHOD = Fields.field("tls.handshake.comp_method", "Compression Method",
            UINT8, Base.DEC, CompressionMethods::wiresharkName);
    public static final FieldDef JA3_FULL = Fields.field("tls.handshake.ja3_full", "JA3 Fullstring", STRING);
    public static final FieldDef JA3 = Fields.field("tls.handshake.ja3", "JA3", STRING);
    public static final FieldDef JA3S_FULL = Fields.field("tls.handshake.ja3s_full", "JA3S Fullstring", STRING);
    public static final FieldDef JA3S = Fields.field("tls.handshake.ja3s", "JA3S", STRING);
    /** Not in tshark 4.0: Wireshark 4.2 added these with FoxIO's JA4 (BSD-3 part of the spec). */
    public static final FieldDef JA4 = Fields.field("tls.handshake.ja4", "JA4", STRING);
    public static final FieldDef JA4_R = Fields.field("tls.handshake.ja4_r", "JA4_r", STRING);

    // ---- NewSessionTicket ------------------------------------------------------------------
    public static final FieldDef HS_SESSION_TICKET_LIFETIME_HINT = Fields.field(
            "tls.handshake.session_ticket_lifetime_hint", "Session Ticket Lifetime Hint", UINT32, Base.DEC);
    public static final FieldDef HS_SESSION_TICKET_AGE_ADD = Fields.field("tls.handshake.session_ticket_age_add",
            "Session Ticket Age Add", UINT32, Base.DEC);
    public static final FieldDef HS_SESSION_TICKET_NONCE_LENGTH = Fields.field(
            "tls.handshake.session_ticket_nonce_length", "Session Ticket Nonce Length", UINT8, Base.DEC);
    public static final FieldDef HS_SESSION_TICKET_NONCE = Fields.field("tls.handshake.session_ticket_nonce",
            "Session Ticket Nonce", BYTES);
    public static final FieldDef HS_SESSION_TICKET_LENGTH = Fields.field("tls.handshake.session_ticket_length",
            "Session Ticket Length", UINT16, Base.DEC);
    public static final FieldDef HS_SESSION_TICKET = Fields.field("tls.handshake.session_ticket", "Session Ticket",
            BYTES);

    // ---- Certificate / CertificateRequest / CertificateStatus -------------------------------
    public static final FieldDef HS_CERTIFICATE_REQUEST_CONTEXT_LENGTH = Fields.field(
            "tls.handshake.certificate_request_context_length", "Certificate Request Context Length", UINT8,
            Base.DEC);
    public static final FieldDef HS_CERTIFICATE_REQUEST_CONTEXT = Fields.field(
            "tls.handshake.certificate_request_context", "Certificate Request Context", BYTES);
    public static final FieldDef HS_CERTIFICATES_LENGTH = Fields.field("tls.handshake.certificates_length",
            "Certificates Length", UINT24, Base.DEC);
    public static final FieldDef HS_CERTIFICATES = Fields.label("tls.handshake.certificates", "Certificates");
    public static final FieldDef HS_CERTIFICATE_LENGTH = Fields.field("tls.handshake.certificate_length",
            "Certificate Length", UINT24, Base.DEC);
    public static final FieldDef HS_CERTIFICATE = Fields.field("tls.handshake.certificate", "Certificate", BYTES);
    public static final FieldDef HS_CERT_TYPES_COUNT = Fields.field("tls.handshake.cert_types_count",
            "Certificate types count", UINT8, Base.DEC);
    public static final FieldDef HS_CERT_TYPES = Fields.label("tls.handshake.cert_types", "Certificate types");
    public static final FieldDef HS_CERT_TYPE = Fields.field("tls.handshake.cert_type", "Certificate type", UINT8,
            Base.DEC, ClientCertificateTypes::wiresharkName);
    public static final FieldDef HS_DNAMES_LENGTH = ExtensionFields.DNAMES_LEN;
    public static final FieldDef HS_DNAMES = ExtensionFields.DNAMES;
    public static final FieldDef HS_DNAME_LENGTH = ExtensionFields.DNAME_LEN;
    public static final FieldDef HS_DNAME = ExtensionFields.DNAME;
    public static final FieldDef HS_SIG_HASH_ALG_LENGTH = ExtensionFields.SIG_HASH_ALG_LEN;
    public static final FieldDef HS_SIG_HASH_ALGS = ExtensionFields.SIG_HASH_ALGS;
    public static final FieldDef HS_SIG_HASH_ALG = ExtensionFields.SIG_HASH_ALG;
    public static final FieldDef HS_SIG_HASH_HASH = ExtensionFields.SIG_HASH_HASH;
    public static final FieldDef HS_SIG_HASH_SIG = ExtensionFields.SIG_HASH_SIG;
    public static final FieldDef HS_CERT_STATUS_TYPE = ExtensionFields.STATUS_TYPE;
    public static final FieldDef HS_OCSP_RESPONSE_LIST_LENGTH = ExtensionFields.OCSP_RESPONSE_LIST_LEN;
    public static final FieldDef HS_OCSP_RESPONSE_LENGTH = ExtensionFields.OCSP_RESPONSE_LEN;
    public static final FieldDef COMPRESS_CERT_ALGORITHM = ExtensionFields.COMPRESS_CERT_ALG;
    public static final FieldDef COMPRESS_CERT_UNCOMPRESSED_LENGTH = Fields.field(
            "tls.compress_certificate.uncompressed_length", "Uncompressed Length", UINT24, Base.DEC);
    public static final FieldDef COMPRESS_CERT_MESSAGE_LENGTH = Fields.field(
            "tls.compress_certificate.compressed_certificate_message.length", "Length", UINT24, Base.DEC);
    public static final FieldDef COMPRESS_CERT_MESSAGE = Fields.field(
            "tls.compress_certificate.compressed_certificate_message", "Compressed Certificate Message", BYTES);
    public static final FieldDef CERT_URL_TYPE = Fields.field("tls.handshake.cert_url_type",
            "Certificate Chain Type", UINT8, Base.DEC, CertificateUrlTypes::wiresharkName);
    public static final FieldDef CERT_URL_HASH_LIST_LENGTH = Fields.field("tls.handshake.cert_url.url_hash_len",
            "URL and Hash list Length", UINT16, Base.DEC);
    public static final FieldDef CERT_URL_ITEM = Fields.label("tls.handshake.cert_url.url_hash", "URL and Hash");
    public static final FieldDef CERT_URL_URL_LENGTH = Fields.field("tls.handshake.cert_url.url_len", "URL Length",
            UINT16, Base.DEC);
    public static final FieldDef CERT_URL_URL = Fields.field("tls.handshake.cert_url.url", "URL", STRING);
    public static final FieldDef CERT_URL_PADDING = Fields.label("tls.handshake.cert_url.padding", "Padding");
    public static final FieldDef CERT_URL_SHA1 = Fields.field("tls.handshake.cert_url.sha1", "SHA1 Hash", BYTES);

    // ---- key exchange ----------------------------------------------------------------------
    public static final FieldDef HS_SERVER_CURVE_TYPE = Fields.field("tls.handshake.server_curve_type",
            "Curve Type", UINT8, Base.HEX, EcCurveTypes::wiresharkName);
    public static final FieldDef HS_SERVER_NAMED_CURVE = Fields.field("tls.handshake.server_named_curve",
            "Named Curve", UINT16, Base.HEX, NamedGroups::wiresharkName);
    public static final FieldDef HS_SERVER_POINT_LENGTH = Fields.field("tls.handshake.server_point_len",
            "Pubkey Length", UINT8, Base.DEC);
    public static final FieldDef HS_SERVER_POINT = Fields.field("tls.handshake.server_point", "Pubkey", BYTES);
    public static final FieldDef HS_CLIENT_POINT_LENGTH = Fields.field("tls.handshake.client_point_len",
            "Pubkey Length", UINT8, Base.DEC);
    public static final FieldDef HS_CLIENT_POINT = Fields.field("tls.handshake.client_point", "Pubkey", BYTES);
    public static final FieldDef HS_P_LENGTH = Fields.field("tls.handshake.p_len", "p Length", UINT16, Base.DEC);
    public static final FieldDef HS_P = Fields.field("tls.handshake.p", "p", BYTES);
    public static final FieldDef HS_G_LENGTH = Fields.field("tls.handshake.g_len", "g Length", UINT16, Base.DEC);
    public static final FieldDef HS_G = Fields.field("tls.handshake.g", "g", BYTES);
    public static final FieldDef HS_YS_LENGTH = Fields.field("tls.handshake.ys_len", "Pubkey Length", UINT16,
            Base.DEC);
    public static final FieldDef HS_YS = Fields.field("tls.handshake.ys", "Pubkey", BYTES);
    public static final FieldDef HS_YC_LENGTH = Fields.field("tls.handshake.yc_len", "Pubkey Length", UINT16,
            Base.DEC);
    public static final FieldDef HS_YC = Fields.field("tls.handshake.yc", "Pubkey", BYTES);
    public static final FieldDef HS_MODULUS_LENGTH = Fields.field("tls.handshake.modulus_len", "Modulus Length",
            UINT16, Base.DEC);
    public static final FieldDef HS_MODULUS = Fields.field("tls.handshake.modulus", "Modulus", BYTES);
    public static final FieldDef HS_EXPONENT_LENGTH = Fields.field("tls.handshake.exponent_len", "Exponent Length",
            UINT16, Base.DEC);
    public static final FieldDef HS_EXPONENT = Fields.field("tls.handshake.exponent", "Exponent", BYTES);
    public static final FieldDef HS_SIG_LENGTH = Fields.field("tls.handshake.sig_len", "Signature Length", UINT16,
            Base.DEC);
    public static final FieldDef HS_SIG = Fields.field("tls.handshake.sig", "Signature", BYTES);
    public static final FieldDef HS_HINT_LENGTH = Fields.field("tls.handshake.hint_len", "Hint Length", UINT16,
            Base.DEC);
    public static final FieldDef HS_HINT = Fields.field("tls.handshake.hint", "Hint", BYTES);
    public static final FieldDef HS_IDENTITY_LENGTH = Fields.field("tls.handshake.identity_len", "Identity Length",
            UINT16, Base.DEC);
    public static final FieldDef HS_IDENTITY = Fields.field("tls.handshake.identity", "Identity", BYTES);
    public static final FieldDef HS_EPMS_LENGTH = Fields.field("tls.handshake.epms_len",
            "Encrypted PreMaster length", UINT16, Base.DEC);
    public static final FieldDef HS_EPMS = Fields.field("tls.handshake.epms", "Encrypted PreMaster", BYTES);
    public static final FieldDef HS_CERT_VERIFY_SIG_LENGTH = Fields.field("tls.handshake.client_cert_vrfy.sig_len",
            "Signature length", UINT16, Base.DEC);
    public static final FieldDef HS_CERT_VERIFY_SIG = Fields.field("tls.handshake.client_cert_vrfy.sig",
            "Signature", BYTES);

    // EC J-PAKE (Thread commissioning): declared for filters; Wireshark 4.0 does not decode them either.
    public static final FieldDef HS_XS_LENGTH = Fields.field("tls.handshake.xs_len", "Pubkey Length", UINT8, Base.DEC);
    public static final FieldDef HS_XC_LENGTH = Fields.field("tls.handshake.xc_len", "Pubkey Length", UINT8, Base.DEC);
    public static final FieldDef HS_XS = Fields.field("tls.handshake.xs", "Pubkey", BYTES);
    public static final FieldDef HS_XC = Fields.field("tls.handshake.xc", "Pubkey", BYTES);
    public static final FieldDef HS_VS_LENGTH = Fields.field("tls.handshake.vs_len", "Ephemeral Pubkey Length", UINT8,
            Base.DEC);
    public static final FieldDef HS_VC_LENGTH = Fields.field("tls.handshake.vc_len", "Ephemeral Pubkey Length", UINT8,
            Base.DEC);
    public static final FieldDef HS_VS = Fields.field("tls.handshake.vs", "Ephemeral Pubkey", BYTES);
    public static final FieldDef HS_VC = Fields.field("tls.handshake.vc", "Ephemeral Pubkey", BYTES);
    public static final FieldDef HS_RS_LENGTH = Fields.field("tls.handshake.rs_len", "Schnorr signature Length",
            UINT8, Base.DEC);
    public static final FieldDef HS_RC_LENGTH = Fields.field("tls.handshake.rc_len", "Schnorr signature Length",
            UINT8, Base.DEC);
    public static final FieldDef HS_RS = Fields.field("tls.handshake.rs", "Schnorr signature", BYTES);
    public static final FieldDef HS_RC = Fields.field("tls.handshake.rc", "Schnorr signature", BYTES);

    // ---- Finished, KeyUpdate, NPN EncryptedExtensions ---------------------------------------
    public static final FieldDef HS_VERIFY_DATA = Fields.label("tls.handshake.verify_data", "Verify Data");
    public static final FieldDef HS_MD5_HASH = Fields.label("tls.handshake.md5_hash", "MD5 Hash");
    public static final FieldDef HS_SHA_HASH = Fields.label("tls.handshake.sha_hash", "SHA-1 Hash");
    public static final FieldDef HS_KEY_UPDATE_REQUEST = Fields.field("tls.handshake.key_update.request_update",
            "Key Update Request", UINT8, Base.DEC, KeyUpdateRequests::wiresharkName);
    public static final FieldDef NPN_SELECTED_PROTOCOL_LENGTH = Fields.field(
            "tls.handshake.npn_selected_protocol_len", "Selected Protocol Length", UINT8, Base.DEC);
    public static final FieldDef NPN_SELECTED_PROTOCOL = Fields.field("tls.handshake.npn_selected_protocol",
            "Selected Protocol", STRING);
    public static final FieldDef NPN_PADDING_LENGTH = Fields.field("tls.handshake.npn_padding_len",
            "Padding Length", UINT8, Base.DEC);
    public static final FieldDef NPN_PADDING = Fields.field("tls.handshake.npn_padding", "Padding", BYTES);

    // ---- application data split over records (tshark's "TLS segment data", for the pipeline) --
    public static final FieldDef SEGMENT_DATA = Fields.field("tls.segment.data", "TLS segment data", BYTES);
    public static final FieldDef SEGMENTS = Fields.label("tls.segments", "Reassembled TLS segments");
    public static final FieldDef SEGMENT = Fields.field("tls.segment", "TLS segment", FRAMENUM, Base.NONE);
    public static final FieldDef SEGMENT_COUNT = Fields.field("tls.segment.count", "Segment count", UINT32, Base.DEC);
    public static final FieldDef SEGMENT_OVERLAP = Fields.field("tls.segment.overlap", "Segment overlap", BOOLEAN);
    public static final FieldDef SEGMENT_OVERLAP_CONFLICT = Fields.field("tls.segment.overlap.conflict",
            "Conflicting data in segment overlap", BOOLEAN);
    public static final FieldDef SEGMENT_MULTIPLE_TAILS = Fields.field("tls.segment.multipletails",
            "Multiple tail segments found", BOOLEAN);
    public static final FieldDef SEGMENT_TOO_LONG = Fields.field("tls.segment.toolongfragment", "Segment too long",
            BOOLEAN);
    public static final FieldDef SEGMENT_ERROR = Fields.field("tls.segment.error", "Reassembling error", FRAMENUM,
            Base.NONE);
    public static final FieldDef REASSEMBLED_IN = Fields.field("tls.reassembled_in", "Reassembled PDU in frame",
            FRAMENUM, Base.NONE);
    public static final FieldDef REASSEMBLED_LENGTH = Fields.field("tls.reassembled.length",
            "Reassembled PDU length", UINT32, Base.DEC);
    public static final FieldDef REASSEMBLED_DATA = Fields.field("tls.reassembled.data", "Reassembled PDU data",
            BYTES);

    // ---- SSLv2 (same filter names as Wireshark's packet-tls.c) -----------------------------
    public static final FieldDef SSL2_RECORD = Fields.label("tls.record", "SSLv2 Record Header");
    public static final FieldDef SSL2_IS_ESCAPE = Fields.field("tls.record.is_escape", "Is Escape", BOOLEAN);
    public static final FieldDef SSL2_PADDING_LENGTH = Fields.field("tls.record.padding_length", "Padding Length",
            UINT8, Base.DEC);
    public static final FieldDef SSL2_MSG_TYPE = Fields.field("tls.handshake.type", "Handshake Message Type",
            UINT8, Base.DEC, Ssl2MessageTypes::wiresharkName);
    public static final FieldDef SSL2_CIPHER_SPEC_LENGTH = Fields.field("tls.handshake.cipher_spec_len",
            "Cipher Spec Length", UINT16, Base.DEC);
    public static final FieldDef SSL2_SESSION_ID_LENGTH = Fields.field("tls.handshake.session_id_length",
            "Session ID Length", UINT16, Base.DEC);
    public static final FieldDef SSL2_CHALLENGE_LENGTH = Fields.field("tls.handshake.challenge_length",
            "Challenge Length", UINT16, Base.DEC);
    public static final FieldDef SSL2_CIPHER_SPEC = Fields.field("tls.handshake.cipherspec", "Cipher Spec",
            UINT24, Base.HEX, Ssl2CipherSpecs::wiresharkName);
    public static final FieldDef SSL2_CHALLENGE = Fields.label("tls.handshake.challenge", "Challenge");
    public static final FieldDef SSL2_CLEAR_KEY_LENGTH = Fields.field("tls.handshake.clear_key_length",
            "Clear Key Data Length", UINT16, Base.DEC);
    public static final FieldDef SSL2_ENCRYPTED_KEY_LENGTH = Fields.field("tls.handshake.encrypted_key_length",
            "Encrypted Key Data Length", UINT16, Base.DEC);
    public static final FieldDef SSL2_KEY_ARG_LENGTH = Fields.field("tls.handshake.key_arg_length",
            "Key Argument Length", UINT16, Base.DEC);
    public static final FieldDef SSL2_CLEAR_KEY = Fields.label("tls.handshake.clear_key_data", "Clear Key Data");
    public static final FieldDef SSL2_ENCRYPTED_KEY = Fields.label("tls.handshake.encrypted_key", "Encrypted Key");
    public static final FieldDef SSL2_KEY_ARG = Fields.label("tls.handshake.key_arg", "Key Argument");
    public static final FieldDef SSL2_SESSION_ID_HIT = Fields.field("tls.handshake.session_id_hit",
            "Session ID Hit", BOOLEAN);
    public static final FieldDef SSL2_CERT_TYPE = Fields.field("tls.handshake.cert_type", "Certificate Type",
            UINT8, Base.DEC, TlsFields::ssl2CertTypeName);
    public static final FieldDef SSL2_CONNECTION_ID_LENGTH = Fields.field("tls.handshake.connection_id_length",
            "Connection ID Length", UINT16, Base.DEC);
    public static final FieldDef SSL2_CONNECTION_ID = Fields.label("tls.handshake.connection_id", "Connection ID");

    private TlsFields() {}

    /** Wireshark's ssl_20_certificate_type. */
    public static String ssl2CertTypeName(long v) {
        return v == 1 ? "X.509 Certificate" : null;
    }
}
