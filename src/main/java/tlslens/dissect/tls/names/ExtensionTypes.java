package tlslens.dissect.tls.names;

/**
 * TLS ExtensionType (IANA "TLS ExtensionType Values" with Wireshark spellings;
 * Wireshark tls_hello_extension_types): the one declaration of the codes and their names (codes
 * are plain {@code int}s, see {@link HandshakeTypes}). GREASE codes read "Reserved (GREASE)".
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class ExtensionTypes {
    public static final int SERVER_NAME = 0x0000, MAX_FRAGMENT_LENGTH = 0x0001, CLIENT_CERTIFICATE_URL = 0x0002,
            TRUSTED_CA_KEYS = 0x0003, TRUNCATED_HMAC = 0x0004, STATUS_REQUEST = 0x0005, USER_MAPPING = 0x0006,
            CLIENT_AUTHZ = 0x0007, SERVER_AUTHZ = 0x0008, CERT_TYPE = 0x0009, SUPPORTED_GROUPS = 0x000a,
            EC_POINT_FORMATS = 0x000b, SRP = 0x000c, SIGNATURE_ALGORITHMS = 0x000d, USE_SRTP = 0x000e,
            HEARTBEAT = 0x000f, APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 0x0010, STATUS_REQUEST_V2 = 0x0011,
            SIGNED_CERTIFICATE_TIMESTAMP = 0x0012, CLIENT_CERTIFICATE_TYPE = 0x0013,
            SERVER_CERTIFICATE_TYPE = 0x0014, PADDING = 0x0015, ENCRYPT_THEN_MAC = 0x0016,
            EXTENDED_MASTER_SECRET = 0x0017, TOKEN_BINDING = 0x0018, CACHED_INFO = 0x0019, TLS_LTS = 0x001a,
            COMPRESS_CERTIFICATE = 0x001b, RECORD_SIZE_LIMIT = 0x001c, PWD_PROTECT = 0x001d, PWD_CLEAR = 0x001e,
            PASSWORD_SALT = 0x001f, TICKET_PINNING = 0x0020, TLS_CERT_WITH_EXTERN_PSK = 0x0021,
            DELEGATED_CREDENTIALS = 0x0022, SESSION_TICKET = 0x0023, TLMSP = 0x0024, TLMSP_PROXYING = 0x0025,
            TLMSP_DELEGATE = 0x0026, SUPPORTED_EKT_CIPHERS = 0x0027,
            // key_share as TLS 1.3 drafts before -23 numbered it
            KEY_SHARE_OLD = 0x0028,
            PRE_SHARED_KEY = 0x0029, EARLY_DATA = 0x002a, SUPPORTED_VERSIONS = 0x002b, COOKIE = 0x002c,
            PSK_KEY_EXCHANGE_MODES = 0x002d,
            // early_data as TLS 1.3 drafts before -19 named it
            TICKET_EARLY_DATA_INFO = 0x002e,
            CERTIFICATE_AUTHORITIES = 0x002f, OID_FILTERS = 0x0030, POST_HANDSHAKE_AUTH = 0x0031,
            SIGNATURE_ALGORITHMS_CERT = 0x0032, KEY_SHARE = 0x0033, TRANSPARENCY_INFO = 0x0034,
            CONNECTION_ID_DEPRECATED = 0x0035, CONNECTION_ID = 0x0036, EXTERNAL_ID_HASH = 0x0037,
            EXTERNAL_SESSION_ID = 0x0038, QUIC_TRANSPORT_PARAMETERS = 0x0039, TICKET_REQUEST = 0x003a,
            DNSSEC_CHAIN = 0x003b, SEQUENCE_NUMBER_ENCRYPTION_ALGORITHMS = 0x003c, RRC = 0x003d,
            TLS_FLAGS = 0x003e, NEXT_PROTOCOL_NEGOTIATION = 0x3374, APPLICATION_SETTINGS = 0x4469,
            APPLICATION_SETTINGS_NEW = 0x44cd, CHANNEL_ID_OLD = 0x754f, CHANNEL_ID = 0x7550,
            ECH_OUTER_EXTENSIONS = 0xfd00, ENCRYPTED_CLIENT_HELLO = 0xfe0d, RENEGOTIATION_INFO = 0xff01,
            QUIC_TRANSPORT_PARAMETERS_DRAFT = 0xffa5, ENCRYPTED_SERVER_NAME = 0xffce;

    static final NameTable TABLE = NameTable.parse(2, true, true, """
            0x0000 server_name
            0x0001 max_fragment_length
            0x0002 client_certificate_url
            0x0003 trusted_ca_keys
            0x0004 truncated_hmac
            0x0005 status_request
            0x0006 user_mapping
            0x0007 client_authz
            0x0008 server_authz
            0x0009 cert_type
            0x000a supported_groups
            0x000b ec_point_formats
            0x000c srp
            0x000d signature_algorithms
            0x000e use_srtp
            0x000f heartbeat
            0x0010 application_layer_protocol_negotiation
            0x0011 status_request_v2
            0x0012 signed_certificate_timestamp
            0x0013 client_certificate_type
            0x0014 server_certificate_type
            0x0015 padding
            0x0016 encrypt_then_mac
            0x0017 extended_master_secret
            0x0018 token_binding
            0x0019 cached_info
            *0x001a tls_lts
            0x001b compress_certificate
            0x001c record_size_limit
            *0x001d pwd_protect
            *0x001e pwd_clear
            *0x001f password_salt
            *0x0020 ticket_pinning
            *0x0021 tls_cert_with_extern_psk
            0x0022 delegated_credentials
            0x0023 session_ticket
            *0x0024 TLMSP
            *0x0025 TLMSP_proxying
            *0x0026 TLMSP_delegate
            *0x0027 supported_ekt_ciphers
            0x0028 Reserved (key_share)
            0x0029 pre_shared_key
            0x002a early_data
            0x002b supported_versions
            0x002c cookie
            0x002d psk_key_exchange_modes
            0x002e Reserved (ticket_early_data_info)
            0x002f certificate_authorities
            0x0030 oid_filters
            0x0031 post_handshake_auth
            0x0032 signature_algorithms_cert
            0x0033 key_share
            0x0034 transparency_info
            0x0035 connection_id (deprecated)
            0x0036 connection_id
            0x0037 external_id_hash
            0x0038 external_session_id
            0x0039 quic_transport_parameters
            0x003a ticket_request
            0x003b dnssec_chain
            *0x003c sequence_number_encryption_algorithms
            *0x003d rrc
            *0x003e tls_flags
            0x3374 next_protocol_negotiation
            0x4469 application_settings
            *0x44cd application_settings
            0x754f channel_id_old
            0x7550 channel_id
            *0xfd00 ech_outer_extensions
            *0xfe0d encrypted_client_hello
            0xff01 renegotiation_info
            0xffa5 quic_transport_parameters (drafts version)
            0xffce encrypted_server_name
            """);

    private ExtensionTypes() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The assigned codes, in table order (GREASE excluded): what a registry of notes must cover. */
    public static java.util.Set<Long> codes() { return TABLE.codes(); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }
}
