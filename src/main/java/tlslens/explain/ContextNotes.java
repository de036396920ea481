package tlslens.explain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tlslens.analysis.AlertEvent;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.analysis.Resumption;
import tlslens.analysis.SkippedMessage;
import tlslens.dissect.tls.names.AlertLevels;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.NamedGroups;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * What a message means in its connection, in sentences made from the connection model: which
 * earlier connection issued the session a ClientHello offers, whether the server accepted it and
 * what that skipped, why a HelloRetryRequest cost a round trip, what became of 0-RTT data. Only what
 * the model shows; nothing is guessed.
 */
public final class ContextNotes {
    private ContextNotes() {}

    /**
     * A key share as the ClientHello's tree shows it.
     *
     * @param group  its NamedGroups code
     * @param length the key_exchange's length in bytes
     */
    record Share(int group, int length) {}

    /** Sentences about {@code step} of {@code c}; {@code all} are the capture's connections (for tickets used later). */
    public static List<String> forStep(Connection c, HandshakeStep step, List<Connection> all) {
        return forStep(c, step, all, null, 0);
    }

    /**
     * As {@link #forStep(Connection, HandshakeStep, List)}, with what only the ClientHello's tree shows: its key
     * shares ({@code null} when unknown) and the TCP segments it was reassembled from (0 when unknown).
     */
    static List<String> forStep(Connection c, HandshakeStep step, List<Connection> all, List<Share> shares, int segments) {
        List<String> out = new ArrayList<>();
        if (c == null || step == null || !c.tls()) return out;
        switch (step.kind()) {
            case CHANGE_CIPHER_SPEC -> changeCipherSpec(c, step, out);
            case ENCRYPTED_HANDSHAKE_RECORD -> out.add("Without keys for this connection the record's content is hidden: in "
                    + "TLS 1.3 the server's EncryptedExtensions, Certificate, CertificateVerify and Finished, and the "
                    + "client's Finished, all travel as application_data. Load a key log to name it.");
            case EARLY_DATA -> earlyData(c, out);
            case MESSAGE -> message(c, step, all, shares, segments, out);
        }
        return out;
    }

    /** Sentences about an alert of {@code c}. */
    public static List<String> forAlert(Connection c, AlertEvent a) {
        List<String> out = new ArrayList<>();
        if (c == null || a == null) return out;
        if (a.encrypted()) {
            out.add("Sent by the " + a.from() + " inside an encrypted record: its level and reason need the keys.");
        } else if (a.descriptionCode() == 0) {
            out.add("The " + a.from() + " closes the connection cleanly.");
        } else if (a.levelCode() == AlertLevels.FATAL) {
            out.add("A fatal alert from the " + a.from() + (c.established() && a.frame() > lastHandshakeFrame(c)
                    ? ": the connection ends here." : ": the handshake failed here and the connection ends."));
        }
        return out;
    }

    private static long lastHandshakeFrame(Connection c) {
        long f = -1;
        for (HandshakeStep s : c.handshake()) f = Math.max(f, s.frame());
        return f;
    }

    private static void message(Connection c, HandshakeStep step, List<Connection> all, List<Share> shares, int segments,
                                List<String> out) {
        if (step.encrypted()) return;
        switch (step.handshakeType()) {
            case HandshakeTypes.CLIENT_HELLO -> clientHello(c, step, shares, segments, out);
            case HandshakeTypes.HELLO_RETRY_REQUEST -> out.add("HelloRetryRequest: the server wants a key share for "
                    + (c.helloRetryGroup() >= 0 ? NamedGroups.nameOrUnknown(c.helloRetryGroup()) : "another group")
                    + ", which the ClientHello did not carry; one extra round trip.");
            case HandshakeTypes.SERVER_HELLO -> serverHello(c, out);
            case HandshakeTypes.NEW_SESSION_TICKET -> ticket(c, step, all, out);
            case HandshakeTypes.END_OF_EARLY_DATA -> out.add("The client's 0-RTT data ends here; the server had accepted it.");
            case HandshakeTypes.CERTIFICATE, HandshakeTypes.CERTIFICATE_VERIFY -> {
                if (!step.fromClient()) resumedLater(c, all, out);
            }
            case HandshakeTypes.FINISHED -> finished(c, step, out);
            default -> { }
        }
    }

    private static void clientHello(Connection c, HandshakeStep step, List<Share> shares, int segments, List<String> out) {
        if (isSecondClientHello(c, step)) {
            out.add("The second ClientHello, answering the HelloRetryRequest"
                    + (c.helloRetryGroup() >= 0 ? " with a key share for " + NamedGroups.nameOrUnknown(c.helloRetryGroup()) : "")
                    + ".");
            return;
        }
        List<String> offered = c.resumptionOffered();
        if (offered.isEmpty()) {
            out.add("Offers no session to resume: a full handshake follows.");
        } else {
            String what = offered.contains("psk") ? "the ticket" : offered.contains("session_ticket") ? "the session ticket"
                    : "the session";
            if (c.resumption() != Resumption.NONE && c.resumedFrom() != null) {
                String verb = offered.contains("psk") || offered.contains("session_ticket") ? "issued" : "created";
                out.add("Offers " + what + " " + verb + " in connection #" + c.resumedFrom()
                        + (c.resumedFromFrame() != null ? " at frame " + c.resumedFromFrame() : "")
                        + ago(c.resumedFromTime(), c.handshakeStart()) + ".");
            } else if (c.resumption() != Resumption.NONE) {
                out.add("Offers " + what + " to resume; where it came from is unknown: " + c.resumedFromReason() + ".");
            } else if (hasServerHello(c)) {
                out.add("Offers " + what + " to resume (" + String.join(", ", offered)
                        + "), but the server did not accept the offered session: full handshake.");
            } else {
                out.add("Offers " + what + " to resume (" + String.join(", ", offered) + ").");
            }
        }
        if (c.helloRetryRequest() && !c.keyShareGroupsOffered().isEmpty()) {
            List<String> groups = new ArrayList<>();
            for (int g : c.keyShareGroupsOffered()) groups.add(NamedGroups.nameOrUnknown(g));
            out.add("Its key share" + (groups.size() > 1 ? "s (" : " (") + String.join(", ", groups) + ") "
                    + (groups.size() > 1 ? "are" : "is") + " not in the group the server wants: a HelloRetryRequest follows.");
        }
        if (shares != null) keyShares(step, shares, segments, out);
        else keyShares(c, out);
        if (c.earlyDataOffered()) earlyData(c, out);
    }

    /** The ClientHello's key shares, when one is post-quantum (model only: the extension's size). */
    private static void keyShares(Connection c, List<String> out) {
        for (int g : c.keyShareGroupsOffered()) {
            if (!PostQuantumGroups.isPostQuantum(g)) continue;
            Integer len = c.clientHelloExtensions().get(ExtensionTypes.KEY_SHARE);
            out.add(NamedGroups.nameOrUnknown(g) + " is a post-quantum " + (PostQuantumGroups.isHybrid(g) ? "hybrid " : "")
                    + "key share" + (len != null && len > 0 ? ": the key_share extension alone is " + bytes(len) : "")
                    + ", many times a classical share (x25519: 32 B).");
            return;
        }
    }

    /**
     * The ClientHello's key shares from its tree: a post-quantum share's size, and whether it is what made the
     * message span several TCP segments (without it the message would fit in 1,200 B, a segment on any path).
     */
    private static void keyShares(HandshakeStep step, List<Share> shares, int segments, List<String> out) {
        for (Share s : shares) {
            if (!PostQuantumGroups.isPostQuantum(s.group())) continue;
            boolean why = segments > 1 && step.bytes() - s.length() <= 1200;
            out.add(NamedGroups.nameOrUnknown(s.group()) + " is a post-quantum " + (PostQuantumGroups.isHybrid(s.group())
                    ? "hybrid " : "") + "share of " + bytes(s.length())
                    + (why ? ": this is why this Client Hello spans " + segments + " TCP segments." : "."));
            return;
        }
        if (segments > 1) {
            out.add("This Client Hello (" + bytes(step.bytes()) + ") spans " + segments + " TCP segments.");
        }
    }

    private static boolean isSecondClientHello(Connection c, HandshakeStep step) {
        for (HandshakeStep s : c.handshake()) {
            if (s.is(HandshakeTypes.CLIENT_HELLO)) return !s.equals(step);
        }
        return false;
    }

    private static boolean hasServerHello(Connection c) {
        for (HandshakeStep s : c.handshake()) if (s.is(HandshakeTypes.SERVER_HELLO)) return true;
        return false;
    }

    private static void serverHello(Connection c, List<String> out) {
        StringBuilder chose = new StringBuilder("The server chooses ");
        chose.append(c.version() != null ? c.version() : "its version");
        if (c.cipherSuite() != null) chose.append(" with ").append(c.cipherSuite());
        if (c.group() != null && c.versionCode() == TlsVersions.TLS13) chose.append(" and ").append(c.group());
        out.add(chose.append('.').toString());
        switch (c.resumption()) {
            case PSK -> out.add("The server accepted the PSK" + (c.pskMode() != null ? " (" + c.pskMode() + ")" : "")
                    + ": no Certificate or CertificateVerify follow"
                    + ("psk_ke".equals(c.pskMode()) ? ", and no fresh key exchange either." : "."));
            case SESSION_ID, SESSION_TICKET -> out.add("The server accepted the "
                    + (c.resumption() == Resumption.SESSION_ID ? "session id" : "session ticket")
                    + ": an abbreviated handshake, without " + skippedNames(c)
                    + "; the server sends ChangeCipherSpec and Finished at once.");
            case NONE -> {
                if (!c.resumptionOffered().isEmpty()) {
                    out.add("The server did not accept the offered session: full handshake.");
                }
            }
        }
        if (c.helloRetryRequest()) out.add("It answers the second ClientHello, after the HelloRetryRequest.");
    }

    private static String skippedNames(Connection c) {
        List<String> names = new ArrayList<>();
        for (SkippedMessage m : c.skipped()) names.add(m.message());
        return names.isEmpty() ? "the certificate and the key exchange" : String.join(", ", names);
    }

    private static void ticket(Connection c, HandshakeStep step, List<Connection> all, List<String> out) {
        List<String> users = new ArrayList<>();
        for (Connection o : all) {
            if (o.resumedFrom() != null && o.resumedFrom() == c.index() && o.resumedFromFrame() != null
                    && o.resumedFromFrame() == step.frame()) {
                users.add("#" + o.index());
            }
        }
        if (!users.isEmpty()) {
            out.add("Connection" + (users.size() > 1 ? "s " : " ") + String.join(", ", users) + " resume"
                    + (users.size() > 1 ? "" : "s") + " with this ticket.");
        } else {
            out.add("No later connection in this capture resumes with this ticket.");
        }
    }

    private static void resumedLater(Connection c, List<Connection> all, List<String> out) {
        List<String> users = new ArrayList<>();
        for (Connection o : all) if (o.resumedFrom() != null && o.resumedFrom() == c.index()) users.add("#" + o.index());
        if (!users.isEmpty()) {
            out.add("Connection" + (users.size() > 1 ? "s " : " ") + String.join(", ", users) + " resume"
                    + (users.size() > 1 ? "" : "s") + " this session and skip" + (users.size() > 1 ? "" : "s") + " it.");
        }
    }

    private static void finished(Connection c, HandshakeStep step, List<String> out) {
        HandshakeStep last = null;
        for (HandshakeStep s : c.handshake()) if (s.is(HandshakeTypes.FINISHED)) last = s;
        if (last == step && c.handshakeMs() != null) {
            out.add(String.format(Locale.ROOT, "The last Finished: the handshake took %s ms and %d round trip%s.",
                    millis(c.handshakeMs()), c.roundTrips(), c.roundTrips() == 1 ? "" : "s"));
        }
    }

    private static void changeCipherSpec(Connection c, HandshakeStep step, List<String> out) {
        if (c.versionCode() == TlsVersions.TLS13) {
            out.add("This is TLS 1.3: the ChangeCipherSpec changes nothing and the receiver discards it.");
        } else {
            out.add("From here the " + step.from() + "'s records are encrypted: its Finished is the first encrypted message.");
        }
    }

    private static void earlyData(Connection c, List<String> out) {
        if (Boolean.TRUE.equals(c.earlyData())) {
            out.add("The server accepted the 0-RTT data: it arrived before the handshake finished.");
        } else if (Boolean.FALSE.equals(c.earlyData()) && c.earlyDataOffered()) {
            out.add("0-RTT data was rejected: the client resends it after the handshake"
                    + (c.earlyDataReason() != null ? " (" + c.earlyDataReason() + ")" : "") + ".");
        } else if (c.earlyDataOffered()) {
            out.add("The client sent 0-RTT data" + (c.earlyDataReason() != null ? "; " + c.earlyDataReason() : "") + ".");
        }
    }

    /** ", 12.6 s ago" or ", 850 ms ago"; empty when a time is unknown. */
    static String ago(Instant then, Instant now) {
        if (then == null || now == null) return "";
        double ms = Duration.between(then, now).toNanos() / 1e6;
        if (ms < 0) return "";
        return ", " + (ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : millis(ms) + " ms") + " ago";
    }

    static String millis(double ms) {
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    /** "1,216 B". */
    static String bytes(long n) { return String.format(Locale.ROOT, "%,d B", n); }
}
