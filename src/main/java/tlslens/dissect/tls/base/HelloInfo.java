package tlslens.dissect.tls.base;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ClientHello, ServerHello or HelloRetryRequest said, collected while dissecting it:
 * the input of JA3/JA4 fingerprints and of the connection model. Codes keep GREASE values;
 * consumers filter them as their algorithm says. The dissector fills the lists, then {@link #compact()}
 * makes them read-only and small: a connection keeps its hellos as long as the capture is open.
 */
public final class HelloInfo {
    public enum Kind { CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST }

    public final Kind kind;
    public int legacyVersion = -1;
    public byte[] random;
    public byte[] sessionId;
    /** ClientHello: offered suites in order; ServerHello: the one chosen. */
    public List<Integer> cipherSuites = new ArrayList<>();
    public List<Integer> compressionMethods = new ArrayList<>();
    /** Extension types in wire order. */
    public List<Integer> extensions = new ArrayList<>();
    /** The length of each extension's body, in the order of {@link #extensions}. */
    public List<Integer> extensionLengths = new ArrayList<>();
    public String sni;
    public List<String> alpn = new ArrayList<>();
    public List<Integer> supportedGroups = new ArrayList<>();
    public List<Integer> ecPointFormats = new ArrayList<>();
    public List<Integer> signatureAlgorithms = new ArrayList<>();
    /** ClientHello: the supported_versions list; ServerHello: one entry, the selected version. */
    public List<Integer> supportedVersions = new ArrayList<>();
    /** ClientHello: groups of the key shares offered; ServerHello/HRR: the selected group. */
    public List<Integer> keyShareGroups = new ArrayList<>();
    /** Data of the session_ticket extension, or null when the extension is absent. */
    public byte[] sessionTicket;
    /** ClientHello pre_shared_key identities; ServerHello: selected identity index in {@link #pskSelected}. */
    public List<byte[]> pskIdentities = new ArrayList<>();
    public List<Long> pskObfuscatedAges = new ArrayList<>();
    public int pskSelected = -1;
    public List<Integer> pskKeyExchangeModes = new ArrayList<>();
    public boolean earlyData;
    public boolean extendedMasterSecret;
    public boolean encryptThenMac;
    public boolean statusRequest;
    public byte[] cookie;

    // ---- added by the extension dissector ----
    /** signature_algorithms_cert codes, in order. */
    public List<Integer> signatureAlgorithmsCert = new ArrayList<>();
    /** compress_certificate algorithms offered. */
    public List<Integer> compressCertificateAlgorithms = new ArrayList<>();
    /** application_settings (ALPS) protocols of a ClientHello. */
    public List<String> alps = new ArrayList<>();
    /** next_protocol_negotiation protocols a server advertised. */
    public List<String> npnProtocols = new ArrayList<>();
    /** renegotiation_info's renegotiated_connection, or null when the extension is absent. */
    public byte[] renegotiationInfo;
    /** status_request's CertificateStatusType in a ClientHello (1 ocsp), -1 when absent. */
    public int statusRequestType = -1;
    public boolean statusRequestV2;
    public boolean signedCertificateTimestamp;
    public boolean postHandshakeAuth;
    /** max_fragment_length code (1..4), -1 when absent. */
    public int maxFragmentLength = -1;
    /** record_size_limit value, -1 when absent. */
    public int recordSizeLimit = -1;
    /** heartbeat mode, -1 when absent. */
    public int heartbeatMode = -1;
    /** Length of the padding extension's data, -1 when absent. */
    public int paddingLength = -1;
    /** NewSessionTicket early_data's max_early_data_size, -1 when absent. */
    public long maxEarlyDataSize = -1;
    /** encrypted_client_hello type (0 outer, 1 inner), -1 when absent. */
    public int echClientHelloType = -1;
    /** encrypted_client_hello config_id of an outer ClientHello, -1 when absent. */
    public int echConfigId = -1;
    /** token_binding's protocol version (major << 8 | minor), -1 when absent. */
    public int tokenBindingVersion = -1;
    /** connection_id's CID (empty when zero-length), null when absent. */
    public byte[] connectionId;
    /** Raw quic_transport_parameters, null when absent. */
    public byte[] quicTransportParameters;

    public HelloInfo(Kind kind) { this.kind = kind; }

    /**
     * Once the hello is dissected: its lists become read-only and compact (codes as int arrays,
     * empty lists shared). Measured on 54,000 connections: --connections then fits in a 512 MB heap.
     */
    public HelloInfo compact() {
        cipherSuites = CodeList.of(cipherSuites);
        compressionMethods = CodeList.of(compressionMethods);
        extensions = CodeList.of(extensions);
        extensionLengths = CodeList.of(extensionLengths);
        alpn = copy(alpn);
        supportedGroups = CodeList.of(supportedGroups);
        ecPointFormats = CodeList.of(ecPointFormats);
        signatureAlgorithms = CodeList.of(signatureAlgorithms);
        supportedVersions = CodeList.of(supportedVersions);
        keyShareGroups = CodeList.of(keyShareGroups);
        pskIdentities = copy(pskIdentities);
        pskObfuscatedAges = copy(pskObfuscatedAges);
        pskKeyExchangeModes = CodeList.of(pskKeyExchangeModes);
        signatureAlgorithmsCert = CodeList.of(signatureAlgorithmsCert);
        compressCertificateAlgorithms = CodeList.of(compressCertificateAlgorithms);
        alps = copy(alps);
        npnProtocols = copy(npnProtocols);
        return this;
    }

    /**
     * The connection ended: lets go of what only the dissection of the hello itself (its tree, JA3 and
     * JA4) and the setup of decryption read, keeping what the connection model reads (versions,
     * extensions and their lengths, SNI, ALPN, key share groups, session id, ticket, PSK identities,
     * the server's chosen suite). A window keeps every connection's hellos while the capture is open:
     * on 54,000 connections these lists were some 20 MB.
     */
    public void forgetDetail() {
        if (kind == Kind.CLIENT_HELLO) cipherSuites = List.of();
        compressionMethods = List.of();
        supportedGroups = List.of();
        ecPointFormats = List.of();
        signatureAlgorithms = List.of();
        pskObfuscatedAges = List.of();
        pskKeyExchangeModes = List.of();
        signatureAlgorithmsCert = List.of();
        compressCertificateAlgorithms = List.of();
        alps = List.of();
        npnProtocols = List.of();
        renegotiationInfo = null;
        quicTransportParameters = null;
        cookie = null;
    }

    private static <T> List<T> copy(List<T> l) {
        return l.isEmpty() ? List.of() : l.contains(null) ? java.util.Collections.unmodifiableList(l) : List.copyOf(l);
    }

    /** The version this hello speaks for: the selected supported_version on a ServerHello, else the legacy field. */
    public int effectiveVersion() {
        if (kind != Kind.CLIENT_HELLO && !supportedVersions.isEmpty()) return supportedVersions.get(0);
        return legacyVersion;
    }
}
