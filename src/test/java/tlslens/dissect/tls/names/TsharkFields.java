package tlslens.dissect.tls.names;

import tlslens.PublicCaptures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** Which registry names the values of each tshark field; and the test data files beside this class. */
final class TsharkFields {
    private TsharkFields() {}

    /** A registry as the tests see it: tshark 4.0's names and the table behind them. */
    record Registry(String name, LongFunction<String> wiresharkName, NameTable table) {}

    static final Registry CONTENT = new Registry("ContentTypes", ContentTypes::wiresharkName, ContentTypes.TABLE);
    static final Registry VERSIONS = new Registry("TlsVersions", TlsVersions::wiresharkName, TlsVersions.TABLE);
    static final Registry HANDSHAKE = new Registry("HandshakeTypes", HandshakeTypes::wiresharkName, HandshakeTypes.TABLE);
    static final Registry SSL2_MSG = new Registry("Ssl2MessageTypes", Ssl2MessageTypes::wiresharkName, Ssl2MessageTypes.TABLE);
    static final Registry SUITES = new Registry("CipherSuites", CipherSuites::wiresharkName, CipherSuites.TABLE);
    static final Registry SSL2_SPECS = new Registry("Ssl2CipherSpecs", Ssl2CipherSpecs::wiresharkName, Ssl2CipherSpecs.TABLE);
    static final Registry COMPRESSION = new Registry("CompressionMethods", CompressionMethods::wiresharkName, CompressionMethods.TABLE);
    static final Registry EXTENSIONS = new Registry("ExtensionTypes", ExtensionTypes::wiresharkName, ExtensionTypes.TABLE);
    static final Registry GROUPS = new Registry("NamedGroups", NamedGroups::wiresharkName, NamedGroups.TABLE);
    static final Registry SIG_SCHEMES = new Registry("SignatureSchemes", SignatureSchemes::wiresharkName, SignatureSchemes.TABLE);
    static final Registry HASHES = new Registry("HashAlgorithms", HashAlgorithms::wiresharkName, HashAlgorithms.TABLE);
    static final Registry SIGS = new Registry("SignatureAlgorithms", SignatureAlgorithms::wiresharkName, SignatureAlgorithms.TABLE);
    static final Registry POINT_FORMATS = new Registry("EcPointFormats", EcPointFormats::wiresharkName, EcPointFormats.TABLE);
    static final Registry CURVE_TYPES = new Registry("EcCurveTypes", EcCurveTypes::wiresharkName, EcCurveTypes.TABLE);
    static final Registry ALERT_LEVELS = new Registry("AlertLevels", AlertLevels::wiresharkName, AlertLevels.TABLE);
    static final Registry ALERTS = new Registry("AlertDescriptions", AlertDescriptions::wiresharkName, AlertDescriptions.TABLE);
    static final Registry HB_MODES = new Registry("HeartbeatModes", HeartbeatModes::wiresharkName, HeartbeatModes.TABLE);
    static final Registry HB_TYPES = new Registry("HeartbeatMessageTypes", HeartbeatMessageTypes::wiresharkName, HeartbeatMessageTypes.TABLE);
    static final Registry PSK_MODES = new Registry("PskKeyExchangeModes", PskKeyExchangeModes::wiresharkName, PskKeyExchangeModes.TABLE);
    static final Registry STATUS_TYPES = new Registry("CertificateStatusTypes", CertificateStatusTypes::wiresharkName, CertificateStatusTypes.TABLE);
    static final Registry SNI_TYPES = new Registry("ServerNameTypes", ServerNameTypes::wiresharkName, ServerNameTypes.TABLE);
    static final Registry CERT_COMPRESSION = new Registry("CertificateCompressionAlgorithms",
            CertificateCompressionAlgorithms::wiresharkName, CertificateCompressionAlgorithms.TABLE);
    static final Registry CLIENT_CERT_TYPES = new Registry("ClientCertificateTypes", ClientCertificateTypes::wiresharkName, ClientCertificateTypes.TABLE);
    static final Registry SSL2_CERT_TYPES = new Registry("Ssl2CertificateTypes", Ssl2CertificateTypes::wiresharkName, Ssl2CertificateTypes.TABLE);
    static final Registry CERT_TYPES = new Registry("CertificateTypes", CertificateTypes::wiresharkName, CertificateTypes.TABLE);
    static final Registry MAX_FRAGMENT = new Registry("MaxFragmentLengths", MaxFragmentLengths::wiresharkName, MaxFragmentLengths.TABLE);
    static final Registry KEY_UPDATE = new Registry("KeyUpdateRequests", KeyUpdateRequests::wiresharkName, KeyUpdateRequests.TABLE);
    static final Registry CERT_URL = new Registry("CertificateUrlTypes", CertificateUrlTypes::wiresharkName, CertificateUrlTypes.TABLE);
    static final Registry SRTP = new Registry("SrtpProtectionProfiles", SrtpProtectionProfiles::wiresharkName, SrtpProtectionProfiles.TABLE);

    /** tshark field (without the tls./dtls. prefix) to the registry naming its values. */
    static final Map<String, Registry> BY_FIELD = Map.ofEntries(
            Map.entry("record.content_type", CONTENT),
            Map.entry("record.opaque_type", CONTENT),
            Map.entry("record.version", VERSIONS),
            Map.entry("handshake.version", VERSIONS),
            Map.entry("handshake.extensions.supported_version", VERSIONS),
            Map.entry("handshake.type", HANDSHAKE),
            Map.entry("ssl2.handshake.type", SSL2_MSG),
            Map.entry("handshake.ciphersuite", SUITES),
            Map.entry("handshake.cipherspec", SSL2_SPECS),
            Map.entry("handshake.comp_method", COMPRESSION),
            Map.entry("handshake.extension.type", EXTENSIONS),
            Map.entry("handshake.extensions_supported_group", GROUPS),
            Map.entry("handshake.extensions_key_share_group", GROUPS),
            Map.entry("handshake.extensions_key_share_selected_group", GROUPS),
            Map.entry("handshake.server_named_curve", GROUPS),
            Map.entry("handshake.sig_hash_alg", SIG_SCHEMES),
            Map.entry("handshake.sig_hash_hash", HASHES),
            Map.entry("handshake.sig_hash_sig", SIGS),
            Map.entry("handshake.extensions_ec_point_format", POINT_FORMATS),
            Map.entry("handshake.server_curve_type", CURVE_TYPES),
            Map.entry("alert_message.level", ALERT_LEVELS),
            Map.entry("alert_message.desc", ALERTS),
            Map.entry("handshake.extension.heartbeat.mode", HB_MODES),
            Map.entry("heartbeat_message.type", HB_TYPES),
            Map.entry("extension.psk_ke_mode", PSK_MODES),
            Map.entry("handshake.extensions_status_request_type", STATUS_TYPES),
            Map.entry("handshake.extensions_server_name_type", SNI_TYPES),
            Map.entry("compress_certificate.algorithm", CERT_COMPRESSION),
            Map.entry("handshake.cert_type", CLIENT_CERT_TYPES),
            Map.entry("ssl2.handshake.cert_type", SSL2_CERT_TYPES),
            Map.entry("handshake.cert_type.type", CERT_TYPES),
            Map.entry("handshake.max_fragment_length", MAX_FRAGMENT),
            Map.entry("handshake.key_update.request_update", KEY_UPDATE),
            Map.entry("handshake.cert_url_type", CERT_URL),
            Map.entry("use_srtp.protection_profile", SRTP));

    /** The registry for a full field name such as "tls.handshake.ciphersuite" or "ssl2.handshake.type"; null if none. */
    static Registry forField(String field) {
        if (field.startsWith("ssl2.")) return BY_FIELD.get(field);
        int dot = field.indexOf('.');
        return BY_FIELD.get(field.substring(dot + 1));
    }

    static final Path DATA_DIR = Path.of("src/test/java/tlslens/dissect/tls/names");
    static final Path CAPTURES = PublicCaptures.DIR;

    /** Data rows of a TSV file beside this class (comment lines dropped unless {@code keepComments}). */
    static List<String[]> rows(String file, boolean keepComments) {
        try {
            return Files.readAllLines(DATA_DIR.resolve(file), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty() && (keepComments || !l.startsWith("#")))
                    .map(l -> l.split("\t", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A code as tshark shows it: "0x0a0a" or "22". */
    static long parseShown(String show) {
        return show.startsWith("0x") ? Long.parseLong(show.substring(2), 16) : Long.parseLong(show);
    }
}
