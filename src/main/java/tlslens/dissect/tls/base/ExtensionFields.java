package tlslens.dissect.tls.base;

import static tlslens.dissect.FieldType.BYTES;
import static tlslens.dissect.FieldType.NONE;
import static tlslens.dissect.FieldType.STRING;
import static tlslens.dissect.FieldType.UINT16;
import static tlslens.dissect.FieldType.UINT24;
import static tlslens.dissect.FieldType.UINT32;
import static tlslens.dissect.FieldType.UINT64;
import static tlslens.dissect.FieldType.UINT8;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.Fields;
import tlslens.dissect.tls.names.CertificateCompressionAlgorithms;
import tlslens.dissect.tls.names.CertificateStatusTypes;
import tlslens.dissect.tls.names.CertificateTypes;
import tlslens.dissect.tls.names.EcPointFormats;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HeartbeatModes;
import tlslens.dissect.tls.names.HpkeAeads;
import tlslens.dissect.tls.names.HpkeKdfs;
import tlslens.dissect.tls.names.HpkeKems;
import tlslens.dissect.tls.names.MaxFragmentLengths;
import tlslens.dissect.tls.names.NamedGroups;
import tlslens.dissect.tls.names.PskKeyExchangeModes;
import tlslens.dissect.tls.names.QuicTransportParameterNames;
import tlslens.dissect.tls.names.ServerNameTypes;
import tlslens.dissect.tls.names.SignatureAndHashFields;
import tlslens.dissect.tls.names.SrtpProtectionProfiles;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.dissect.tls.names.TokenBindingKeyParameters;

/**
 * Fields of TLS hello extensions, with tshark 4.0's filter names, labels, types and bases
 * (packet-tls-utils.h SSL_COMMON_HF_LIST). Value names use the registries' {@code wiresharkName}
 * so labels read exactly as tshark 4.0 prints them.
 *
 * <p>Fields under {@code tls.ech.}, {@code tls.handshake.extensions.*} for extensions that tshark 4.0
 * shows only as "Data" (token_binding, cached_info, trusted_ca_keys, ...) are ours: they decode what
 * tshark leaves opaque and hang under that "Data" item, so tshark's own lines stay as they are.
 */
public final class ExtensionFields {
    private ExtensionFields() {}

    private static FieldDef u8(String abbrev, String name) { return Fields.field(abbrev, name, UINT8, Base.DEC); }
    private static FieldDef u16(String abbrev, String name) { return Fields.field(abbrev, name, UINT16, Base.DEC); }
    private static FieldDef u24(String abbrev, String name) { return Fields.field(abbrev, name, UINT24, Base.DEC); }
    private static FieldDef u32(String abbrev, String name) { return Fields.field(abbrev, name, UINT32, Base.DEC); }
    private static FieldDef u64(String abbrev, String name) { return Fields.field(abbrev, name, UINT64, Base.DEC); }
    private static FieldDef bytes(String abbrev, String name) { return Fields.field(abbrev, name, BYTES); }
    private static FieldDef str(String abbrev, String name) { return Fields.field(abbrev, name, STRING); }
    private static FieldDef none(String abbrev, String name) { return Fields.field(abbrev, name, NONE); }

    // ---- the extension block and each extension ----------------------------------------------
    public static final FieldDef EXTS_LEN = u16("tls.handshake.extensions_length", "Extensions Length");
    public static final FieldDef TYPE = Fields.field("tls.handshake.extension.type", "Type", UINT16, Base.DEC,
            ExtensionTypes::wiresharkName);
    public static final FieldDef LEN = u16("tls.handshake.extension.len", "Length");
    public static final FieldDef DATA = bytes("tls.handshake.extension.data", "Data");

    // ---- server_name (0) ------------------------------------------------------------------------
    public static final FieldDef SNI_LIST_LEN = u16("tls.handshake.extensions_server_name_list_len", "Server Name list length");
    public static final FieldDef SNI_TYPE = Fields.field("tls.handshake.extensions_server_name_type", "Server Name Type",
            UINT8, Base.DEC, ServerNameTypes::wiresharkName);
    public static final FieldDef SNI_LEN = u16("tls.handshake.extensions_server_name_len", "Server Name length");
    public static final FieldDef SNI = str("tls.handshake.extensions_server_name", "Server Name");

    // ---- max_fragment_length (1) -------------------------------------------------------------------
    public static final FieldDef MAX_FRAGMENT_LENGTH = Fields.field("tls.handshake.max_fragment_length",
            "Maximum Fragment Length", UINT8, Base.DEC, MaxFragmentLengths::wiresharkName);

    // ---- status_request (5), status_request_v2 (17), OCSP responses -----------------------------------
    public static final FieldDef STATUS_TYPE = Fields.field("tls.handshake.extensions_status_request_type",
            "Certificate Status Type", UINT8, Base.DEC, CertificateStatusTypes::wiresharkName);
    public static final FieldDef STATUS_REQUEST_LEN = u16("tls.handshake.extensions_status_request_len", "Certificate Status Length");
    public static final FieldDef STATUS_RESPONDER_IDS_LEN = u16("tls.handshake.extensions_status_request_responder_ids_len",
            "Responder ID list Length");
    public static final FieldDef STATUS_EXTS_LEN = u16("tls.handshake.extensions_status_request_exts_len", "Request Extensions Length");
    public static final FieldDef STATUS_LIST_LEN = u16("tls.handshake.extensions_status_request_list_len",
            "Certificate Status List Length");
    public static final FieldDef OCSP_RESPONSE_LIST_LEN = u24("tls.handshake.ocsp_response_list_len", "OCSP Response List Length");
    public static final FieldDef OCSP_RESPONSE_LEN = u24("tls.handshake.ocsp_response_len", "OCSP Response Length");
    /** The OCSPResponse itself: Wireshark adds the "ocsp" protocol item, labelled "OCSP Response". */
    public static final FieldDef OCSP_RESPONSE = Fields.protocol("ocsp", "Online Certificate Status Protocol");

    // ---- cert_type (9), client/server_certificate_type (19/20) ----------------------------------------
    public static final FieldDef CERT_TYPES_LEN = u8("tls.handshake.cert_type.types_len", "Certificate Type List Length");
    public static final FieldDef CERT_TYPES = none("tls.handshake.cert_type.types", "Certificate Type List");
    public static final FieldDef CERT_TYPE = Fields.field("tls.handshake.cert_type.type", "Certificate Type", UINT8,
            Base.HEX, CertificateTypes::wiresharkName);

    // ---- supported_groups (10), ec_point_formats (11) ----------------------------------------------------
    public static final FieldDef GROUPS_LEN = u16("tls.handshake.extensions_supported_groups_length", "Supported Groups List Length");
    public static final FieldDef GROUPS = none("tls.handshake.extensions_supported_groups", "Supported Groups List");
    public static final FieldDef GROUP = Fields.field("tls.handshake.extensions_supported_group", "Supported Group", UINT16,
            Base.HEX, NamedGroups::wiresharkName);
    public static final FieldDef EC_POINT_FORMATS_LEN = u8("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length");
    public static final FieldDef EC_POINT_FORMATS = none("tls.handshake.extensions_ec_point_formats", "EC point formats");
    public static final FieldDef EC_POINT_FORMAT = Fields.field("tls.handshake.extensions_ec_point_format", "EC point format",
            UINT8, Base.DEC, EcPointFormats::wiresharkName);

    // ---- srp (12) -------------------------------------------------------------------------------------
    public static final FieldDef SRP_LEN = u8("tls.handshake.extensions_srp_len", "SRP username length");
    public static final FieldDef SRP_USERNAME = str("tls.handshake.extensions_srp_username", "SRP username");

    // ---- signature_algorithms (13), signature_algorithms_cert (50), delegated_credentials (34) -----------
    public static final FieldDef SIG_HASH_ALG_LEN = u16("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length");
    public static final FieldDef SIG_HASH_ALGS = none("tls.handshake.sig_hash_algs", "Signature Algorithms");
    public static final FieldDef SIG_HASH_ALG = SignatureAndHashFields.ALGORITHM;
    public static final FieldDef SIG_HASH_HASH = SignatureAndHashFields.HASH;
    public static final FieldDef SIG_HASH_SIG = SignatureAndHashFields.SIGNATURE;
    public static final FieldDef CRED_VALID_TIME = Fields.field("tls.handshake.cred.valid_time", "Valid Time", UINT16, Base.DEC);
    public static final FieldDef CRED_PUBKEY_LEN = u24("tls.handshake.cred.pubkey_len", "Subject Public Key Info Length");
    public static final FieldDef CRED_PUBKEY = bytes("tls.handshake.cred.pubkey", "Subject Public Key Info");
    public static final FieldDef CRED_SIGNATURE_LEN = u16("tls.handshake.cred.signature_len", "Signature Length");
    public static final FieldDef CRED_SIGNATURE = bytes("tls.handshake.cred.signature", "Signature");

    // ---- use_srtp (14), DTLS only in Wireshark ------------------------------------------------------------
    public static final FieldDef SRTP_PROFILES_LEN = u16("dtls.use_srtp.protection_profiles_length", "SRTP Protection Profiles Length");
    public static final FieldDef SRTP_PROFILE = Fields.field("dtls.use_srtp.protection_profile", "SRTP Protection Profile",
            UINT16, Base.HEX, SrtpProtectionProfiles::wiresharkName);
    public static final FieldDef SRTP_MKI_LEN = u8("dtls.use_srtp.mki_length", "MKI Length");
    public static final FieldDef SRTP_MKI = bytes("dtls.use_srtp.mki", "MKI");

    // ---- heartbeat (15) -------------------------------------------------------------------------------------
    public static final FieldDef HEARTBEAT_MODE = Fields.field("tls.handshake.extension.heartbeat.mode", "Mode", UINT8,
            Base.DEC, HeartbeatModes::wiresharkName);

    // ---- application_layer_protocol_negotiation (16), next_protocol_negotiation (13172) ------------------------
    public static final FieldDef ALPN_LEN = u16("tls.handshake.extensions_alpn_len", "ALPN Extension Length");
    public static final FieldDef ALPN_LIST = none("tls.handshake.extensions_alpn_list", "ALPN Protocol");
    public static final FieldDef ALPN_STR_LEN = u8("tls.handshake.extensions_alpn_str_len", "ALPN string length");
    public static final FieldDef ALPN_STR = str("tls.handshake.extensions_alpn_str", "ALPN Next Protocol");
    public static final FieldDef NPN_STR_LEN = u8("tls.handshake.extensions_npn_str_len", "Protocol string length");
    public static final FieldDef NPN_STR = str("tls.handshake.extensions_npn", "Next Protocol");

    // ---- signed_certificate_timestamp (18) ----------------------------------------------------------------------
    public static final FieldDef SCTS_LEN = u16("tls.sct.scts_length", "Serialized SCT List Length");
    public static final FieldDef SCT_LEN = u16("tls.sct.sct_length", "Serialized SCT Length");
    public static final FieldDef SCT_VERSION = u8("tls.sct.sct_version", "SCT Version");
    public static final FieldDef SCT_LOGID = bytes("tls.sct.sct_logid", "Log ID");
    public static final FieldDef SCT_TIMESTAMP = Fields.field("tls.sct.sct_timestamp", "Timestamp", FieldType.ABSOLUTE_TIME);
    public static final FieldDef SCT_EXTS_LEN = u16("tls.sct.sct_extensions_length", "Extensions length");
    public static final FieldDef SCT_EXTS = none("tls.sct.sct_extensions", "Extensions");
    public static final FieldDef SCT_SIG_LEN = u16("tls.sct.sct_signature_length", "Signature Length");
    public static final FieldDef SCT_SIG = bytes("tls.sct.sct_signature", "Signature");

    // ---- padding (21), record_size_limit (28), compress_certificate (27) -------------------------------------------
    public static final FieldDef PADDING_DATA = bytes("tls.handshake.extensions_padding_data", "Padding Data");
    public static final FieldDef RECORD_SIZE_LIMIT = u16("tls.record_size_limit", "Record Size Limit");
    public static final FieldDef COMPRESS_CERT_ALGS_LEN = u8("tls.compress_certificate.algorithms_length", "Algorithms Length");
    public static final FieldDef COMPRESS_CERT_ALG = Fields.field("tls.compress_certificate.algorithm", "Algorithm", UINT16,
            Base.DEC, CertificateCompressionAlgorithms::wiresharkName);

    // ---- key_share (51, and 40 before draft -23) -------------------------------------------------------------------
    public static final FieldDef KEY_SHARE_CLIENT_LEN = u16("tls.handshake.extensions_key_share_client_length", "Client Key Share Length");
    public static final FieldDef KEY_SHARE_GROUP = Fields.field("tls.handshake.extensions_key_share_group", "Group", UINT16,
            Base.DEC, NamedGroups::wiresharkName);
    public static final FieldDef KEY_SHARE_KEX_LEN = u16("tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length");
    public static final FieldDef KEY_SHARE_KEX = bytes("tls.handshake.extensions_key_share_key_exchange", "Key Exchange");
    public static final FieldDef KEY_SHARE_SELECTED_GROUP = Fields.field("tls.handshake.extensions_key_share_selected_group",
            "Selected Group", UINT16, Base.DEC, NamedGroups::wiresharkName);

    // ---- pre_shared_key (41), early_data (42), psk_key_exchange_modes (45) --------------------------------------------
    public static final FieldDef PSK_IDENTITIES_LEN = u16("tls.handshake.extensions.psk.identities.length", "Identities Length");
    public static final FieldDef PSK_IDENTITY_LEN = u16("tls.handshake.extensions.psk.identity.identity_length", "Identity Length");
    public static final FieldDef PSK_IDENTITY = bytes("tls.handshake.extensions.psk.identity.identity", "Identity");
    public static final FieldDef PSK_TICKET_AGE = u32("tls.handshake.extensions.psk.identity.obfuscated_ticket_age",
            "Obfuscated Ticket Age");
    public static final FieldDef PSK_BINDERS_LEN = u16("tls.handshake.extensions.psk.binders_len", "PSK Binders length");
    public static final FieldDef PSK_BINDERS = none("tls.handshake.extensions.psk.binders", "PSK Binders");
    public static final FieldDef PSK_SELECTED = u16("tls.handshake.extensions.psk.identity.selected", "Selected Identity");
    public static final FieldDef MAX_EARLY_DATA_SIZE = u32("tls.early_data.max_early_data_size", "Maximum Early Data Size");
    public static final FieldDef PSK_KE_MODES_LEN = u8("tls.extension.psk_ke_modes_length", "PSK Key Exchange Modes Length");
    public static final FieldDef PSK_KE_MODE = Fields.field("tls.extension.psk_ke_mode", "PSK Key Exchange Mode", UINT8,
            Base.DEC, PskKeyExchangeModes::wiresharkName);

    // ---- supported_versions (43), cookie (44) ---------------------------------------------------------------------
    public static final FieldDef SUPPORTED_VERSIONS_LEN = u8("tls.handshake.extensions.supported_versions_len",
            "Supported Versions length");
    public static final FieldDef SUPPORTED_VERSION = Fields.field("tls.handshake.extensions.supported_version",
            "Supported Version", UINT16, Base.HEX, TlsVersions::wiresharkName);
    public static final FieldDef COOKIE_LEN = u16("tls.handshake.extensions.cookie_len", "Cookie length");
    public static final FieldDef COOKIE = bytes("tls.handshake.extensions.cookie", "Cookie");

    // ---- certificate_authorities (47), oid_filters (48) -------------------------------------------------------------
    public static final FieldDef DNAMES_LEN = u16("tls.handshake.dnames_len", "Distinguished Names Length");
    public static final FieldDef DNAMES = none("tls.handshake.dnames", "Distinguished Names");
    public static final FieldDef DNAME_LEN = u16("tls.handshake.dname_len", "Distinguished Name Length");
    public static final FieldDef DNAME = none("tls.handshake.dname", "Distinguished Name");
    public static final FieldDef DNAMES_TRUNCATED = none("tls.handshake.dnames_truncated", "Tree view truncated");
    public static final FieldDef OID_FILTERS_LEN = u16("tls.extension.oid_filters_length", "OID Filters Length");
    public static final FieldDef OID_FILTER_OID_LEN = u8("tls.extension.oid_filters.oid_length", "Certificate Extension OID Length");
    public static final FieldDef OID_FILTER_OID = str("tls.extension.oid_filters.oid", "Certificate Extension OID");
    public static final FieldDef OID_FILTER_VALUES_LEN = u16("tls.extension.oid_filters.values_length",
            "Certificate Extension Values Length");

    // ---- application_settings (17513) ------------------------------------------------------------------------------
    public static final FieldDef ALPS_LEN = u16("tls.handshake.extensions_alps_len", "ALPS Extension Length");
    public static final FieldDef ALPS_ALPN_LIST = none("tls.handshake.extensions_alps_alpn_list", "Supported ALPN List");
    public static final FieldDef ALPS_ALPN_STR_LEN = u8("tls.handshake.extensions_alps_alpn_str_len", "Supported ALPN Length");
    public static final FieldDef ALPS_ALPN_STR = str("tls.handshake.extensions_alps_alpn_str", "Supported ALPN");
    public static final FieldDef ALPS_SETTINGS = bytes("tls.handshake.extensions_alps.settings", "ALPN Opaque Settings");

    // ---- renegotiation_info (65281) ---------------------------------------------------------------------------------
    public static final FieldDef RENEG_INFO_LEN = u8("tls.handshake.extensions_reneg_info_len", "Renegotiation info extension length");
    public static final FieldDef RENEG_INFO = bytes("tls.handshake.extensions_reneg_info", "Renegotiation info");

    // ---- encrypted_server_name (0xffce, draft ESNI) -------------------------------------------------------------------
    public static final FieldDef ESNI_SUITE = Fields.field("tls.esni.suite", "Cipher Suite", UINT16, Base.HEX,
            tlslens.dissect.tls.names.CipherSuites::wiresharkName);
    public static final FieldDef ESNI_RECORD_DIGEST_LEN = u16("tls.esni.record_digest_length", "Record Digest Length");
    public static final FieldDef ESNI_RECORD_DIGEST = bytes("tls.esni.record_digest", "Record Digest");
    public static final FieldDef ESNI_ENCRYPTED_SNI_LEN = u16("tls.esni.encrypted_sni_length", "Encrypted SNI Length");
    public static final FieldDef ESNI_ENCRYPTED_SNI = bytes("tls.esni.encrypted_sni", "Encrypted SNI");
    public static final FieldDef ESNI_NONCE = bytes("tls.esni.nonce", "Nonce");

    // ---- connection_id (53 deprecated, 54) ------------------------------------------------------------------------------
    public static final FieldDef CONNECTION_ID_LEN = u8("tls.connection_id_length", "Connection ID length");
    public static final FieldDef CONNECTION_ID = bytes("tls.connection_id", "Connection ID");

    // ---- quic_transport_parameters (57, 0xffa5) ---------------------------------------------------------------------------
    public static final FieldDef QUIC_LEN = u16("tls.quic.len", "Parameters Length");
    public static final FieldDef QUIC_PARAMETER = none("tls.quic.parameter", "Parameter");
    public static final FieldDef QUIC_TYPE = Fields.field("tls.quic.parameter.type", "Type", UINT64, Base.HEX);
    public static final FieldDef QUIC_PARAM_LEN = u64("tls.quic.parameter.length", "Length");
    public static final FieldDef QUIC_PARAM_LEN_OLD = u16("tls.quic.parameter.lengt.old", "Length");
    public static final FieldDef QUIC_VALUE = bytes("tls.quic.parameter.value", "Value");
    public static final FieldDef QUIC_OCID = bytes("tls.quic.parameter.original_destination_connection_id",
            "original_destination_connection_id");
    public static final FieldDef QUIC_MAX_IDLE_TIMEOUT = u64("tls.quic.parameter.max_idle_timeout", "max_idle_timeout");
    public static final FieldDef QUIC_STATELESS_RESET_TOKEN = bytes("tls.quic.parameter.stateless_reset_token", "stateless_reset_token");
    public static final FieldDef QUIC_MAX_UDP_PAYLOAD_SIZE = u64("tls.quic.parameter.max_udp_payload_size", "max_udp_payload_size");
    public static final FieldDef QUIC_INITIAL_MAX_DATA = u64("tls.quic.parameter.initial_max_data", "initial_max_data");
    public static final FieldDef QUIC_MAX_STREAM_DATA_BIDI_LOCAL = u64("tls.quic.parameter.initial_max_stream_data_bidi_local",
            "initial_max_stream_data_bidi_local");
    public static final FieldDef QUIC_MAX_STREAM_DATA_BIDI_REMOTE = u64("tls.quic.parameter.initial_max_stream_data_bidi_remote",
            "initial_max_stream_data_bidi_remote");
    public static final FieldDef QUIC_MAX_STREAM_DATA_UNI = u64("tls.quic.parameter.initial_max_stream_data_uni",
            "initial_max_stream_data_uni");
    public static final FieldDef QUIC_MAX_STREAMS_BIDI = u64("tls.quic.parameter.initial_max_streams_bidi", "initial_max_streams_bidi");
    public static final FieldDef QUIC_MAX_STREAMS_UNI = u64("tls.quic.parameter.initial_max_streams_uni", "initial_max_streams_uni");
    public static final FieldDef QUIC_ACK_DELAY_EXPONENT = u64("tls.quic.parameter.ack_delay_exponent", "ack_delay_exponent");
    public static final FieldDef QUIC_MAX_ACK_DELAY = u64("tls.quic.parameter.max_ack_delay", "max_ack_delay");
    public static final FieldDef QUIC_PA_IPV4 = Fields.field("tls.quic.parameter.preferred_address.ipv4address", "ipv4Address",
            FieldType.IPV4);
    public static final FieldDef QUIC_PA_IPV6 = Fields.field("tls.quic.parameter.preferred_address.ipv6address", "ipv6Address",
            FieldType.IPV6);
    public static final FieldDef QUIC_PA_IPV4_PORT = u16("tls.quic.parameter.preferred_address.ipv4port", "ipv4Port");
    public static final FieldDef QUIC_PA_IPV6_PORT = u16("tls.quic.parameter.preferred_address.ipv6port", "ipv6Port");
    public static final FieldDef QUIC_PA_CID_LEN = u8("tls.quic.parameter.preferred_address.connectionid.length", "Length");
    public static final FieldDef QUIC_PA_CID = bytes("tls.quic.parameter.preferred_address.connectionid", "connectionId");
    public static final FieldDef QUIC_PA_RESET_TOKEN = bytes("tls.quic.parameter.preferred_address.statelessresettoken",
            "statelessResetToken");
    public static final FieldDef QUIC_ACTIVE_CID_LIMIT = u64("tls.quic.parameter.active_connection_id_limit",
            "Active Connection ID Limit");
    public static final FieldDef QUIC_INITIAL_SCID = bytes("tls.quic.parameter.initial_source_connection_id",
            "Initial Source Connection ID");
    public static final FieldDef QUIC_RETRY_SCID = bytes("tls.quic.parameter.retry_source_connection_id",
            "Retry Source Connection ID");
    public static final FieldDef QUIC_MAX_DATAGRAM_FRAME_SIZE = u64("tls.quic.parameter.max_datagram_frame_size",
            "max_datagram_frame_size");
    public static final FieldDef QUIC_CIBIR_LENGTH = u64("tls.quic.parameter.cibir_encoding.length", "length");
    public static final FieldDef QUIC_CIBIR_OFFSET = u64("tls.quic.parameter.cibir_encoding.offset", "offset");
    public static final FieldDef QUIC_LOSS_BITS = u64("tls.quic.parameter.loss_bits", "loss_bits");
    public static final FieldDef QUIC_ENABLE_TIME_STAMP_V2 = Fields.field("tls.quic.parameter.enable_time_stamp_v2",
            "Enable TimestampV2", UINT64, Base.DEC, QuicTransportParameterNames::timeStampV2);
    public static final FieldDef QUIC_MIN_ACK_DELAY = u64("tls.quic.parameter.min_ack_delay", "min_ack_delay");
    public static final FieldDef QUIC_GOOGLE_USER_AGENT = str("tls.quic.parameter.google.user_agent", "Google UserAgent");
    public static final FieldDef QUIC_GOOGLE_KEY_UPDATE_NYS = none("tls.quic.parameter.google.key_update_not_yet_supported",
            "Google Key Update not yet supported");
    public static final FieldDef QUIC_GOOGLE_QUIC_VERSION = Fields.field("tls.quic.parameter.google.quic_version",
            "Google QUIC version", UINT32, Base.HEX, QuicTransportParameterNames::quicVersion);
    public static final FieldDef QUIC_GOOGLE_INITIAL_RTT = u64("tls.quic.parameter.google.initial_rtt", "Google Initial RTT");
    public static final FieldDef QUIC_GOOGLE_SUPPORT_HANDSHAKE_DONE = none("tls.quic.parameter.google.support_handshake_done",
            "Google Support Handshake Done");
    public static final FieldDef QUIC_GOOGLE_QUIC_PARAMS = bytes("tls.quic.parameter.google.quic_params", "Google QUIC parameters");
    public static final FieldDef QUIC_GOOGLE_QUIC_PARAMS_UNKNOWN = bytes("tls.quic.parameter.google.quic_params_unknown_field",
            "Google Unknown Field");
    public static final FieldDef QUIC_GOOGLE_CONNECTION_OPTIONS = bytes("tls.quic.parameter.google.connection_options",
            "Google Connection options");
    public static final FieldDef QUIC_GOOGLE_SUPPORTED_VERSIONS_LEN = u8("tls.quic.parameter.google.supported_versions_length",
            "Google Supported Versions Length");
    public static final FieldDef QUIC_GOOGLE_SUPPORTED_VERSION = Fields.field("tls.quic.parameter.google.supported_version",
            "Google Supported Version", UINT32, Base.HEX, QuicTransportParameterNames::quicVersion);
    public static final FieldDef QUIC_FACEBOOK_PARTIAL_RELIABILITY = u64("tls.quic.parameter.facebook.partial_reliability",
            "Facebook Partial Reliability");
    public static final FieldDef QUIC_VI_CHOSEN_VERSION = Fields.field("tls.quic.parameter.vi.chosen_version", "Chosen Version",
            UINT32, Base.HEX, QuicTransportParameterNames::quicVersion);
    public static final FieldDef QUIC_VI_OTHER_VERSION = Fields.field("tls.quic.parameter.vi.other_version", "Other Version",
            UINT32, Base.HEX, QuicTransportParameterNames::quicVersion);

    // ==== Beyond tshark 4.0: decodings of extensions it shows as "Data" =================================================
    // encrypted_client_hello (0xfe0d), draft-ietf-tls-esni-13+ (names as in later Wireshark releases)
    public static final FieldDef ECH_CLIENT_HELLO_TYPE = Fields.field("tls.ech.client_hello_type", "Client Hello type", UINT8,
            Base.DEC, ExtensionFields::echClientHelloType);
    public static final FieldDef ECH_CIPHER_SUITE = none("tls.ech.cipher_suite", "Cipher Suite");
    public static final FieldDef ECH_KDF_ID = Fields.field("tls.ech.hpke.keyconfig.cipher_suite.kdf_id", "KDF Id", UINT16,
            Base.HEX, HpkeKdfs::name);
    public static final FieldDef ECH_AEAD_ID = Fields.field("tls.ech.hpke.keyconfig.cipher_suite.aead_id", "AEAD Id", UINT16,
            Base.HEX, HpkeAeads::name);
    public static final FieldDef ECH_CONFIG_ID = u8("tls.ech.config_id", "Config Id");
    public static final FieldDef ECH_ENC_LEN = u16("tls.ech.enc_length", "Enc length");
    public static final FieldDef ECH_ENC = bytes("tls.ech.enc", "Enc");
    public static final FieldDef ECH_PAYLOAD_LEN = u16("tls.ech.payload_length", "Payload length");
    public static final FieldDef ECH_PAYLOAD = bytes("tls.ech.payload", "Payload");
    public static final FieldDef ECH_CONFIRMATION = bytes("tls.ech.confirmation", "Confirmation");
    public static final FieldDef ECH_CONFIGS_LEN = u16("tls.ech.echconfiglist_length", "ECHConfigList length");
    public static final FieldDef ECH_CONFIG = none("tls.ech.echconfig", "ECHConfig");
    public static final FieldDef ECH_CONFIG_VERSION = Fields.field("tls.ech.echconfig.version", "Version", UINT16, Base.HEX);
    public static final FieldDef ECH_CONFIG_LEN = u16("tls.ech.echconfig.length", "Length");
    public static final FieldDef ECH_KEY_CONFIG_ID = u8("tls.ech.echconfig.contents.key_config.config_id", "Config Id");
    public static final FieldDef ECH_KEM_ID = Fields.field("tls.ech.echconfig.contents.key_config.kem_id", "KEM Id", UINT16,
            Base.HEX, HpkeKems::name);
    public static final FieldDef ECH_PUBLIC_KEY_LEN = u16("tls.ech.echconfig.contents.key_config.public_key_length",
            "Public Key length");
    public static final FieldDef ECH_PUBLIC_KEY = bytes("tls.ech.echconfig.contents.key_config.public_key", "Public Key");
    public static final FieldDef ECH_CIPHER_SUITES_LEN = u16("tls.ech.echconfig.contents.key_config.cipher_suites_length",
            "Cipher Suites length");
    public static final FieldDef ECH_MAX_NAME_LEN = u8("tls.ech.echconfig.contents.maximum_name_length", "Maximum Name Length");
    public static final FieldDef ECH_PUBLIC_NAME_LEN = u8("tls.ech.echconfig.contents.public_name_length", "Public Name length");
    public static final FieldDef ECH_PUBLIC_NAME = str("tls.ech.echconfig.contents.public_name", "Public Name");
    public static final FieldDef ECH_CONFIG_EXTS_LEN = u16("tls.ech.echconfig.contents.extensions_length", "Extensions length");
    public static final FieldDef ECH_CONFIG_EXTS = bytes("tls.ech.echconfig.contents.extensions", "Extensions");
    public static final FieldDef ECH_CONFIG_CONTENTS = bytes("tls.ech.echconfig.contents", "Contents");

    // client_certificate_url (2), truncated_hmac (4), trusted_ca_keys (3), user_mapping (6), client/server_authz (7/8)
    public static final FieldDef TRUSTED_AUTHORITIES_LEN = u16("tls.handshake.extensions.trusted_ca_keys.list_length",
            "Trusted Authorities Length");
    public static final FieldDef TRUSTED_AUTHORITY = none("tls.handshake.extensions.trusted_ca_keys.authority", "Trusted Authority");
    public static final FieldDef TRUSTED_AUTHORITY_TYPE = Fields.field("tls.handshake.extensions.trusted_ca_keys.identifier_type",
            "Identifier Type", UINT8, Base.DEC, ExtensionFields::trustedAuthorityType);
    public static final FieldDef TRUSTED_AUTHORITY_SHA1 = bytes("tls.handshake.extensions.trusted_ca_keys.sha1_hash", "SHA1 Hash");
    public static final FieldDef TRUSTED_AUTHORITY_DN_LEN = u16("tls.handshake.extensions.trusted_ca_keys.dn_length",
            "Distinguished Name Length");
    public static final FieldDef TRUSTED_AUTHORITY_DN = bytes("tls.handshake.extensions.trusted_ca_keys.dn", "Distinguished Name");
    public static final FieldDef USER_MAPPING_TYPES_LEN = u8("tls.handshake.extensions.user_mapping.types_length",
            "User Mapping Types Length");
    public static final FieldDef USER_MAPPING_TYPE = Fields.field("tls.handshake.extensions.user_mapping.type",
            "User Mapping Type", UINT8, Base.DEC, c -> c == 64 ? "upn_domain_hint" : null);
    public static final FieldDef AUTHZ_FORMATS_LEN = u8("tls.handshake.extensions.authz.formats_length",
            "Authorization Data Formats Length");
    public static final FieldDef AUTHZ_FORMAT = Fields.field("tls.handshake.extensions.authz.format",
            "Authorization Data Format", UINT8, Base.DEC, ExtensionFields::authzFormat);

    // token_binding (24), cached_info (25), supported_ekt_ciphers (39), ticket_request (58), dnssec_chain (59)
    public static final FieldDef TOKEN_BINDING_MAJOR = u8("tls.handshake.extensions.token_binding.version_major", "Major Version");
    public static final FieldDef TOKEN_BINDING_MINOR = u8("tls.handshake.extensions.token_binding.version_minor", "Minor Version");
    public static final FieldDef TOKEN_BINDING_PARAMS_LEN = u8("tls.handshake.extensions.token_binding.key_parameters_length",
            "Key Parameters Length");
    public static final FieldDef TOKEN_BINDING_PARAM = Fields.field("tls.handshake.extensions.token_binding.key_parameter",
            "Key Parameter", UINT8, Base.DEC, TokenBindingKeyParameters::name);
    public static final FieldDef CACHED_INFO_LEN = u16("tls.handshake.extensions.cached_info.length", "Cached Info Length");
    public static final FieldDef CACHED_OBJECT = none("tls.handshake.extensions.cached_info.object", "Cached Object");
    public static final FieldDef CACHED_INFO_TYPE = Fields.field("tls.handshake.extensions.cached_info.type",
            "Cached Information Type", UINT8, Base.DEC, ExtensionFields::cachedInfoType);
    public static final FieldDef CACHED_INFO_HASH_LEN = u8("tls.handshake.extensions.cached_info.hash_length", "Hash Value Length");
    public static final FieldDef CACHED_INFO_HASH = bytes("tls.handshake.extensions.cached_info.hash_value", "Hash Value");
    public static final FieldDef EKT_CIPHERS_LEN = u8("tls.handshake.extensions.supported_ekt_ciphers.length", "EKT Ciphers Length");
    public static final FieldDef EKT_CIPHER = Fields.field("tls.handshake.extensions.supported_ekt_ciphers.cipher",
            "EKT Cipher", UINT8, Base.DEC, ExtensionFields::ektCipher);
    public static final FieldDef TICKET_REQUEST_NEW = u8("tls.handshake.extensions.ticket_request.new_session_count",
            "New Session Count");
    public static final FieldDef TICKET_REQUEST_RESUMPTION = u8("tls.handshake.extensions.ticket_request.resumption_count",
            "Resumption Count");
    public static final FieldDef TICKET_REQUEST_EXPECTED = u8("tls.handshake.extensions.ticket_request.expected_count",
            "Expected Count");
    public static final FieldDef DNSSEC_PORT = u16("tls.handshake.extensions.dnssec_chain.port", "Port Number");
    public static final FieldDef DNSSEC_LIFETIME = u16("tls.handshake.extensions.dnssec_chain.ext_support_lifetime",
            "Extension Support Lifetime");
    public static final FieldDef DNSSEC_CHAIN_LEN = u16("tls.handshake.extensions.dnssec_chain.length", "Authentication Chain Length");
    public static final FieldDef DNSSEC_CHAIN = bytes("tls.handshake.extensions.dnssec_chain.chain", "Authentication Chain");

    // pwd_protect (29), pwd_clear (30), password_salt (31), external_id_hash (55), external_session_id (56),
    // ticket_pinning (32), channel_id (30032), transparency_info (52)
    public static final FieldDef PWD_USERNAME_LEN = u8("tls.handshake.extensions.pwd.username_length", "Username Length");
    public static final FieldDef PWD_USERNAME = bytes("tls.handshake.extensions.pwd.username", "Username");
    public static final FieldDef PWD_USERNAME_STR = str("tls.handshake.extensions.pwd.username_string", "Username");
    public static final FieldDef PWD_SALT_LEN = u16("tls.handshake.extensions.pwd.salt_length", "Salt Length");
    public static final FieldDef PWD_SALT = bytes("tls.handshake.extensions.pwd.salt", "Salt");
    public static final FieldDef EXTERNAL_ID_HASH_LEN = u8("tls.handshake.extensions.external_id_hash.length", "Hash Length");
    public static final FieldDef EXTERNAL_ID_HASH = bytes("tls.handshake.extensions.external_id_hash.hash", "External ID Hash");
    public static final FieldDef EXTERNAL_SESSION_ID_LEN = u8("tls.handshake.extensions.external_session_id.length",
            "External Session ID Length");
    public static final FieldDef EXTERNAL_SESSION_ID = bytes("tls.handshake.extensions.external_session_id.id", "External Session ID");
    public static final FieldDef PINNING_TICKET_LEN = u16("tls.handshake.extensions.ticket_pinning.ticket_length",
            "Pinning Ticket Length");
    public static final FieldDef PINNING_TICKET = bytes("tls.handshake.extensions.ticket_pinning.ticket", "Pinning Ticket");
    public static final FieldDef PINNING_PROOF_LEN = u8("tls.handshake.extensions.ticket_pinning.proof_length",
            "Pinning Proof Length");
    public static final FieldDef PINNING_PROOF = bytes("tls.handshake.extensions.ticket_pinning.proof", "Pinning Proof");
    public static final FieldDef PINNING_LIFETIME = u32("tls.handshake.extensions.ticket_pinning.lifetime", "Pinning Ticket Lifetime");
    public static final FieldDef CHANNEL_ID_X = bytes("tls.handshake.extensions.channel_id.x", "X");
    public static final FieldDef CHANNEL_ID_Y = bytes("tls.handshake.extensions.channel_id.y", "Y");
    public static final FieldDef CHANNEL_ID_R = bytes("tls.handshake.extensions.channel_id.r", "R");
    public static final FieldDef CHANNEL_ID_S = bytes("tls.handshake.extensions.channel_id.s", "S");

    // ---- value names of our own fields --------------------------------------------------------------------------
    public static String echClientHelloType(long v) {
        return v == 0 ? "Outer Client Hello" : v == 1 ? "Inner Client Hello" : null;
    }

    public static String trustedAuthorityType(long v) {
        switch ((int) v) {
            case 0: return "pre_agreed";
            case 1: return "key_sha1_hash";
            case 2: return "x509_name";
            case 3: return "cert_sha1_hash";
            default: return null;
        }
    }

    public static String authzFormat(long v) {
        switch ((int) v) {
            case 0: return "x509_attr_cert";
            case 1: return "saml_assertion";
            case 2: return "x509_attr_cert_url";
            case 3: return "saml_assertion_url";
            case 64: return "keynote_assertion_list";
            case 65: return "keynote_assertion_list_url";
            case 66: return "dtcp_authorization";
            default: return null;
        }
    }

    public static String cachedInfoType(long v) {
        return v == 1 ? "cert" : v == 2 ? "cert_req" : null;
    }

    public static String ektCipher(long v) {
        return v == 1 ? "AESKW_128" : v == 2 ? "AESKW_256" : null;
    }
}
