package tlslens.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tlslens.analysis.AlertEvent;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.analysis.Resumption;
import tlslens.analysis.SkippedMessage;
import tlslens.dissect.tls.HandshakeLog;
import tlslens.dissect.tls.decrypt.KeyExchangeVerdict;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * What the ladder diagram of one connection shows, as plain rows: one per handshake message
 * (not per frame), ChangeCipherSpec and alert, in wire order, numbered by flight; on a resumed
 * connection a ghost row stands where each skipped message was in the full handshake (the server's
 * right after its ServerHello, TLS 1.3's after EncryptedExtensions and before Finished, the client's
 * before its ChangeCipherSpec, TLS 1.3's before its Finished), and a banner says where the session came from and what it saved.
 */
public final class LadderModel {
    /**
     * The banner of a resumed connection: {@code prefix + link + suffix}, where {@code link}
     * ("connection #3") opens connection {@code linkTarget}; without an origin {@code link} is null.
     */
    public record Banner(String prefix, String link, Integer linkTarget, String suffix) {
        public String text() { return prefix + (link == null ? "" : link) + suffix; }
    }

    private final Connection connection;
    private final List<LadderRow> rows;
    private final Banner banner;

    private LadderModel(Connection connection, List<LadderRow> rows, Banner banner) {
        this.connection = connection;
        this.rows = List.copyOf(rows);
        this.banner = banner;
    }

    /** The ladder of {@code c}; {@code issue} is where its resumed session was issued (null if unknown). */
    public static LadderModel of(Connection c, ConnectionsSnapshot.Issue issue) {
        List<LadderRow> rows = new ArrayList<>();
        for (HandshakeStep s : c.handshake()) rows.add(row(s));
        insertAlerts(rows, c.alerts());
        if (c.resumption() != Resumption.NONE) insertGhosts(rows, c);
        return new LadderModel(c, numberFlights(rows), banner(c, issue));
    }

    private static LadderRow row(HandshakeStep s) {
        LadderRow.Kind kind = switch (s.kind()) {
            case CHANGE_CIPHER_SPEC -> LadderRow.Kind.CHANGE_CIPHER_SPEC;
            case EARLY_DATA -> LadderRow.Kind.EARLY_DATA;
            case ENCRYPTED_HANDSHAKE_RECORD -> LadderRow.Kind.ENCRYPTED;
            case MESSAGE -> s.encrypted() ? LadderRow.Kind.ENCRYPTED : LadderRow.Kind.MESSAGE;
            case RETRY, VERSION_NEGOTIATION -> LadderRow.Kind.RETRY;
        };
        return new LadderRow(kind, s.fromClient(), s.contentType(), s.handshakeType(), s.message(), s.bytes(), s.timeMs(),
                s.frame(), 0, s.encrypted(), s.wireEncrypted(), s.quicPacketType(), s.cryptoFrames(), s.retransmission());
    }

    /** Alerts go after the last row of an earlier or the same frame. */
    private static void insertAlerts(List<LadderRow> rows, List<AlertEvent> alerts) {
        for (AlertEvent a : alerts) {
            String label = a.encrypted() ? "Encrypted Alert" : "Alert (" + a.level() + ", " + a.description() + ")";
            LadderRow r = new LadderRow(LadderRow.Kind.ALERT, a.fromClient(), a.contentType(), HandshakeStep.NONE, label,
                    null, a.timeMs(), a.frame(), 0, a.encrypted(), a.wireEncrypted());
            int at = rows.size();
            while (at > 0 && rows.get(at - 1).frame() > a.frame()) at--;
            rows.add(at, r);
        }
    }

    private static void insertGhosts(List<LadderRow> rows, Connection c) {
        int serverHello = -1;
        for (int i = 0; i < rows.size(); i++) {
            LadderRow r = rows.get(i);
            if (!r.fromClient() && r.is(HandshakeTypes.SERVER_HELLO)) {
                serverHello = i;
                break;
            }
        }
        boolean tls13 = c.versionCode() == TlsVersions.TLS13;
        // TLS 1.3: Certificate and CertificateVerify follow EncryptedExtensions (decrypted, or the first encrypted
        // record without keys) and precede the server's Finished.
        int serverAnchor = serverHello;
        if (serverHello >= 0 && tls13) {
            for (int i = serverHello + 1; i < rows.size(); i++) {
                LadderRow r = rows.get(i);
                if (r.fromClient()) break;
                if (r.is(HandshakeTypes.ENCRYPTED_EXTENSIONS) || r.kind() == LadderRow.Kind.ENCRYPTED) {
                    serverAnchor = i;
                    break;
                }
                if (r.is(HandshakeTypes.FINISHED)) {
                    serverAnchor = i - 1;
                    break;
                }
            }
        }
        // The client's: TLS <= 1.2 before its first message after the ServerHello (ClientKeyExchange or
        // ChangeCipherSpec); TLS 1.3 after its (compatibility) ChangeCipherSpec, before its Finished.
        int clientAnchor = -1;
        for (int i = Math.max(serverHello, 0); i < rows.size(); i++) {
            LadderRow r = rows.get(i);
            if (!r.fromClient() || r.kind() == LadderRow.Kind.ALERT || r.kind() == LadderRow.Kind.EARLY_DATA) continue;
            if (tls13 && r.kind() == LadderRow.Kind.CHANGE_CIPHER_SPEC) continue;
            clientAnchor = i;
            break;
        }
        List<LadderRow> server = new ArrayList<>();
        List<LadderRow> client = new ArrayList<>();
        for (SkippedMessage m : c.skipped()) {
            LadderRow g = new LadderRow(LadderRow.Kind.GHOST, m.fromClient(), m.contentType(), m.handshakeType(), m.message(),
                    m.bytes(), null, -1, 0, false, m.contentType() == ContentTypes.APPLICATION_DATA);
            (m.fromClient() ? client : server).add(g);
        }
        // Client ghosts first: they sit after the server's, so inserting them first keeps the anchors right.
        if (!client.isEmpty()) rows.addAll(clientAnchor >= 0 ? clientAnchor : rows.size(), client);
        if (!server.isEmpty()) rows.addAll(serverAnchor >= 0 ? serverAnchor + 1 : rows.size(), server);
    }

    /** Flights: runs of rows in one direction, counted from 1; alerts are flights of their own. */
    private static List<LadderRow> numberFlights(List<LadderRow> rows) {
        List<LadderRow> out = new ArrayList<>(rows.size());
        int flight = 0;
        Boolean dir = null;
        boolean alert = false;
        for (LadderRow r : rows) {
            boolean isAlert = r.kind() == LadderRow.Kind.ALERT;
            if (dir == null || dir != r.fromClient() || isAlert != alert) {
                flight++;
                dir = r.fromClient();
                alert = isAlert;
            }
            out.add(r.inFlight(flight));
        }
        return out;
    }

    private static Banner banner(Connection c, ConnectionsSnapshot.Issue issue) {
        if (c.resumption() == Resumption.NONE) return null;
        String how = switch (c.resumption()) {
            case SESSION_ID -> "session id";
            case SESSION_TICKET -> "session ticket";
            case PSK -> "PSK" + (c.pskMode() != null ? " (" + c.pskMode() + ")" : "");
            case NONE -> "";
        };
        StringBuilder suffix = new StringBuilder();
        String prefix;
        String link = null;
        if (c.resumedFrom() != null) {
            prefix = "Resumed by " + how + (c.resumption() == Resumption.SESSION_ID ? " created in " : " issued in ");
            link = "connection " + (c.transport() == tlslens.engine.Transport.TCP ? "#" + c.resumedFrom()
                    : c.transport().name() + " #" + c.resumedFrom());
            if (issue != null) {
                suffix.append(" (frame ").append(issue.frame());
                if (issue.seconds() != null) suffix.append(String.format(Locale.ROOT, ", %.3f s", issue.seconds()));
                suffix.append(')');
            }
        } else {
            prefix = "Resumed by " + how + "; origin unknown: "
                    + (c.resumedFromReason() != null ? c.resumedFromReason() : "not in the capture");
        }
        suffix.append(" — ").append(skippedText(c));
        return new Banner(prefix, link, c.resumedFromKey(), suffix.toString());
    }

    /** "skipped Certificate (1,006 B), Server Key Exchange (300 B), 1 round trip saved". */
    static String skippedText(Connection c) {
        StringBuilder sb = new StringBuilder();
        if (c.skipped().isEmpty()) sb.append("nothing skipped");
        else sb.append("skipped ");
        for (int i = 0; i < c.skipped().size(); i++) {
            SkippedMessage m = c.skipped().get(i);
            if (i > 0) sb.append(", ");
            sb.append(m.message());
            if (m.bytes() != null) sb.append(" (").append(LadderRow.formatBytes(m.bytes())).append(')');
        }
        Integer saved = c.roundTripsSaved();
        if (saved != null) {
            sb.append(", ").append(saved == 0 ? "no" : String.valueOf(saved))
                    .append(saved == 1 ? " round trip saved" : " round trips saved");
        }
        // 0-RTT saves no handshake round trip; what it saves is the wait before the first request.
        if (c.resumption() == Resumption.PSK && c.earlyDataOffered() && Boolean.TRUE.equals(c.earlyData())) {
            sb.append("; 0-RTT accepted: the client's request left with the Client Hello, one round trip earlier");
        }
        return sb.toString();
    }

    public Connection connection() { return connection; }

    public List<LadderRow> rows() { return rows; }

    /** Null on a full handshake. */
    public Banner banner() { return banner; }

    /**
     * With an RSA keys list: why this connection did or did not decrypt with the server's key
     * (RSA key exchange vs forward secrecy); null without RSA keys or when a key log opened it.
     */
    public KeyExchangeVerdict keyExchange() {
        return connection.decryption() == null ? null : connection.decryption().keyExchange();
    }

    /** The connection to compare with by default: the origin of a resumption, or null. */
    public Integer compareTarget() { return connection.resumedFromKey(); }

    public String clientEndpoint() { return connection.client(); }

    public String serverEndpoint() { return connection.server(); }

    /** "Connection #1 · TLS 1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 · localhost". */
    public String title() {
        StringBuilder sb = new StringBuilder(switch (connection.transport()) {
            case TCP -> "Connection #";
            case QUIC -> "QUIC connection #";
            case DTLS -> "DTLS association #";
        }).append(connection.index());
        if (connection.version() != null) sb.append(" · ").append(connection.version());
        if (connection.cipherSuite() != null) sb.append(" · ").append(connection.cipherSuite());
        if (connection.sni() != null) sb.append(" · ").append(connection.sni());
        return sb.toString();
    }

    /** "full handshake · 2 round trips · 12.348 ms to the last Finished · 1,573 B of handshake". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(connection.resumption() == Resumption.NONE ? "full handshake" : "resumed (" + connection.resumption().label() + ")");
        if (connection.roundTrips() != null) {
            sb.append(" · ").append(connection.roundTrips()).append(connection.roundTrips() == 1 ? " round trip" : " round trips");
        }
        if (connection.handshakeMs() != null) {
            sb.append(String.format(Locale.ROOT, " · %.3f ms to the last Finished", connection.handshakeMs()));
        } else if (connection.tls()) {
            sb.append(" · handshake not complete");
        }
        sb.append(" · ").append(LadderRow.formatBytes(handshakeBytes(connection))).append(" of handshake messages");
        if (connection.initialRtt() != null) {
            // TCP's iRTT: what one round trip costs on this path, to read the handshake's time against.
            sb.append(String.format(Locale.ROOT, " · 1 round trip \u2248 %.3f ms here", tlslens.capture.FrameTimes.seconds(connection.initialRtt()) * 1e3));
        }
        if (connection.earlyDataOffered()) {
            Boolean ok = connection.earlyData();
            sb.append(" · 0-RTT early data ").append(ok == null ? "sent, acceptance unknown" : ok ? "accepted" : "rejected");
        }
        return sb.toString();
    }

    /** Draws the same as {@code other}: a live refresh that changed nothing needs no redraw. */
    public boolean sameAs(LadderModel other) {
        return other != null && rows.equals(other.rows) && java.util.Objects.equals(banner, other.banner)
                && title().equals(other.title()) && summary().equals(other.summary())
                && connection.findings().equals(other.connection.findings()) && connection.client().equals(other.connection.client());
    }

    /** Indices of the rows carried by {@code frame}. */
    public List<Integer> rowsOfFrame(long frame) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).frame() == frame) out.add(i);
        return out;
    }

    /**
     * Which of the rows of its frame that the tree shows alike this row is (0-based): finds its
     * node in the frame's tree, where they appear in the same order.
     */
    public int ordinalInFrame(int row) {
        LadderRow r = rows.get(row);
        int n = 0;
        for (int i = 0; i < row; i++) {
            LadderRow o = rows.get(i);
            if (o.frame() == r.frame() && o.kind() == r.kind() && treeType(o) == treeType(r)) n++;
        }
        return n;
    }

    /**
     * The type by which the tree tells a row's item apart: its code when tshark names it; for
     * codes it does not (their items all read "Encrypted Handshake Message"), one value; SSLv2's
     * message types apart from TLS's.
     */
    private static int treeType(LadderRow r) {
        if (r.contentType() == HandshakeLog.SSL2_RECORD) return -2 - r.handshakeType();
        return HandshakeTypes.wiresharkName(r.handshakeType()) != null ? r.handshakeType() : HandshakeStep.NONE;
    }

    /**
     * Handshake message bytes up to the last Finished (TLS 1.2 NewSessionTicket included, later
     * messages and alerts not): what the handshake put on the wire, without record and TCP headers.
     */
    public static long handshakeBytes(Connection c) {
        long sum = 0;
        Double end = c.handshakeMs();
        for (HandshakeStep s : c.handshake()) {
            if (end != null && s.timeMs() != null && s.timeMs() > end) continue;
            // 0-RTT is application data sent early, QUIC's Retry and Version Negotiation are not TLS.
            if (s.kind() == HandshakeStep.Kind.EARLY_DATA || s.kind() == HandshakeStep.Kind.RETRY
                    || s.kind() == HandshakeStep.Kind.VERSION_NEGOTIATION) continue;
            sum += s.bytes();
        }
        return sum;
    }
}
