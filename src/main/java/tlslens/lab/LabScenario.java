package tlslens.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The lessons the lab can make; {@link #id()} is what {@code --lab-scenarios} takes and never changes. */
public enum LabScenario {
    TLS12_SESSION_ID("tls12-session-id", "TLS 1.2 full handshake, then resumption by session id"),
    TLS12_TICKET("tls12-ticket", "TLS 1.2 full handshake, then resumption by session ticket (RFC 5077)"),
    TLS12_EMS("tls12-ems", "TLS 1.2 with and without extended master secret (RFC 7627)"),
    TLS12_REFUSED("tls12-refused", "TLS 1.2 resumption refused: the server forgot the session, full handshake despite the offer"),
    TLS13_PSK("tls13-psk", "TLS 1.3 full handshake, then PSK resumption (psk_dhe_ke)"),
    TLS13_HRR("tls13-hrr", "TLS 1.3 HelloRetryRequest: the client's key share is for a group the server does not take"),
    TLS13_0RTT("tls13-0rtt", "TLS 1.3 PSK resumption with 0-RTT early data accepted"),
    PQ_HYBRID("pq-hybrid", "TLS 1.3 with a post-quantum hybrid key share (X25519MLKEM768)"),
    RSA_VS_ECDHE("rsa-vs-ecdhe", "TLS 1.2 RSA key exchange vs ECDHE (the server's key saved beside the capture)"),
    QUIC_0RTT("quic-0rtt", "QUIC v1 full handshake, then resumption with the request in 0-RTT");

    private final String id;
    private final String title;

    LabScenario(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() { return id; }

    public String title() { return title; }

    /** "tcp" or "quic": what carries the lesson's TLS (the manifest's and --connections' transport). */
    public String transport() { return this == QUIC_0RTT ? "quic" : "tcp"; }

    /** The scenario named {@code id}, or null. */
    public static LabScenario byId(String id) {
        for (LabScenario s : values()) if (s.id.equals(id.trim().toLowerCase(Locale.ROOT))) return s;
        return null;
    }

    /** The scenarios of a comma-separated list, in the list's order; throws naming an unknown one. */
    public static List<LabScenario> parse(String list) {
        Set<LabScenario> out = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) continue;
            LabScenario s = byId(part);
            if (s == null) {
                List<String> ids = new ArrayList<>();
                for (LabScenario v : values()) ids.add(v.id);
                throw new IllegalArgumentException("Unknown lab scenario \"" + part.trim() + "\"; the scenarios are "
                        + String.join(", ", ids) + ".");
            }
            out.add(s);
        }
        return new ArrayList<>(out);
    }
}
