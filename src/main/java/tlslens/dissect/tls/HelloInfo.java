package tlslens.dissect.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ClientHello, ServerHello or HelloRetryRequest said, collected while dissecting it:
 * the input of JA3/JA4 fingerprints and of the connection model. Codes keep GREASE values;
 * consumers filter them as their algorithm says.
 */
public final class HelloInfo {
    public enum Kind { CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST }

    public final Kind kind;
    public int legacyVersion = -1;
    public byte[] random;
    public byte[] sessionId;
    /** ClientHello: offered suites in order; ServerHello: the one chosen. */
    public final List<Integer> cipherSuites = new ArrayList<>();
    public final List<Integer> compressionMethods = new ArrayList<>();
    /** Extension types in wire order. */
    public final List<Integer> extensions = new ArrayList<>();
    public String sni;
    public final List<String> alpn = new ArrayList<>();
    public final List<Integer> supportedGroups = new ArrayList<>();
    public final List<Integer> ecPointFormats = new ArrayList<>();
    public final List<Integer> signatureAlgorithms = new ArrayList<>();
    /** ClientHello: the supported_versions list; ServerHello: one entry, the selected version. */
    public final List<Integer> supportedVersions = new ArrayList<>();
    /** ClientHello: groups of the key shares offered; ServerHello/HRR: the selected group. */
    public final List<Integer> keyShareGroups = new ArrayList<>();
    /** Data of the session_ticket extension, or null when the extension is absent. */
    public byte[] sessionTicket;
    /** ClientHello pre_shared_key identities; ServerHello: selected identity index in {@link #pskSelected}. */
    public final List<byte[]> pskIdentities = new ArrayList<>();
    public final List<Long> pskObfuscatedAges = new ArrayList<>();
    public int pskSelected = -1;
    public final List<Integer> pskKeyExchangeModes = new ArrayList<>();
    public boolean earlyData;
    public boolean extendedMasterSecret;
    public boolean encryptThenMac;
    public boolean statusRequest;
    public byte[] cookie;

    public HelloInfo(Kind kind) { this.kind = kind; }

    /** The version this hello speaks for: the selected supported_version on a ServerHello, else the legacy field. */
    public int effectiveVersion() {
        if (kind != Kind.CLIENT_HELLO && !supportedVersions.isEmpty()) return supportedVersions.get(0);
        return legacyVersion;
    }
}
