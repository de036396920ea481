package tlslens.analysis;

import static tlslens.dissect.tls.names.HandshakeTypes.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.capture.FrameTimes;
import tlslens.dissect.dtls.DtlsAssociation;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.messages.HelloMessages;
import tlslens.dissect.tls.names.CipherSuites;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.engine.ConnectionState;

/**
 * DTLS associations (one udp.stream each) as connections: the handshake from the
 * association's records (a message cut into fragments is one step; a retransmitted one is kept and
 * marked), the HelloVerifyRequest round trip, what was negotiated, and session-id and ticket
 * resumption with the full handshake that created the session, as TLS &lt;= 1.2 over TCP.
 */
final class DtlsHandshake {
    private DtlsHandshake() {}

    static List<Connection> analyze(List<? extends ConnectionState> states) {
        List<Connection> out = new ArrayList<>();
        /** Session ids of full handshakes, and tickets: hex → {udp.stream, frame of the ServerHello or ticket}. */
        Map<String, long[]> sessions = new HashMap<>();
        Map<String, long[]> tickets = new HashMap<>();
        for (ConnectionState s : states) {
            Connection c = single(s, sessions, tickets);
            out.add(c);
        }
        // When the resumed session was issued, from the issuing association's frames.
        Map<Integer, ConnectionState> byIndex = new HashMap<>();
        for (ConnectionState s : states) byIndex.putIfAbsent(s.index(), s);
        for (Connection c : out) {
            ConnectionState origin = c.resumedFrom == null ? null : byIndex.get(c.resumedFrom);
            if (origin != null && c.resumedFromFrame != null) c.resumedFromTime = origin.frameTime(c.resumedFromFrame);
        }
        return out;
    }

    private static Connection single(ConnectionState s, Map<String, long[]> sessions, Map<String, long[]> tickets) {
        Connection c = new Connection();
        DtlsAssociation a = s.dtls();
        int cd = s.clientDirection();
        ConnectionAnalyzer.wire(c, s);
        c.tls = true;
        c.earlyData = Boolean.FALSE; // DTLS 1.0 and 1.2 have no early data

        HelloInfo ch = null, sh = null, answered = null;
        List<HelloInfo> serverHellos = new ArrayList<>();
        for (HelloInfo h : a.hellos()) {
            if (h.kind == HelloInfo.Kind.CLIENT_HELLO) {
                if (ch == null) ch = h;
                if (sh == null) answered = h;
            } else {
                serverHellos.add(h);
                // DTLS 1.3's HelloRetryRequest is a ServerHello with the magic random (RFC 9147 5.1, RFC 8446 4.1.3).
                if (isHelloRetryRequest(h)) c.helloRetryRequest = true;
                else if (sh == null) sh = h;
            }
        }
        if (ch != null) {
            c.sni = ch.sni;
            c.alpnOffered = List.copyOf(ch.alpn);
        }
        if (sh != null && !sh.alpn.isEmpty()) c.alpn = sh.alpn.get(0);
        // DTLS 1.3 names itself in supported_versions, as TLS 1.3 does.
        int version = sh == null ? -1 : sh.supportedVersions.isEmpty() ? a.version() : sh.effectiveVersion();
        if (version > 0) {
            c.versionCode = version;
            c.version = TlsVersions.name(version);
        }
        if (a.cipherSuite() >= 0) {
            c.cipherSuiteCode = a.cipherSuite();
            c.cipherSuite = CipherSuites.nameOrUnknown(a.cipherSuite());
        }

        if (c.versionCode == TlsVersions.DTLS13) {
            c.earlyData = null;
            c.earlyDataReason = "DTLS 1.3 early data is not analysed yet";
        }
        List<DtlsAssociation.Step> raw = merged(a.steps());
        boolean dtls13 = c.versionCode == TlsVersions.DTLS13;
        // DTLS 1.3 without keys: the client protects records with its application keys (epoch 3, RFC 9147
        // 6.1) only once it has sent its Finished, the last of its epoch-2 records.
        long clientAppFrame = Long.MAX_VALUE;
        for (DtlsAssociation.Step x : raw) {
            if (dtls13 && x.dir() == cd && x.epoch() >= 3) {
                clientAppFrame = x.frame();
                break;
            }
        }
        HandshakeStep[] lastEpoch2 = new HandshakeStep[2];
        int serverHelloSeen = 0;
        Instant t0 = null;
        for (DtlsAssociation.Step x : raw) {
            if (x.handshakeType() == CLIENT_HELLO && x.dir() == cd) {
                t0 = s.frameTime(x.frame());
                break;
            }
        }
        if (t0 == null) t0 = s.firstTime();
        c.handshakeStart = t0;
        List<HandshakeStep> steps = new ArrayList<>();
        List<AlertEvent> alerts = new ArrayList<>();
        boolean[] ccs = new boolean[2];
        HandshakeStep[] finished = new HandshakeStep[2];
        HandshakeStep serverHello = null;
        boolean fullOnly = false, serverCcsAfterHello = false;
        Set<String> findings = new LinkedHashSet<>();
        for (DtlsAssociation.Step x : raw) {
            boolean fromClient = x.dir() == cd;
            int d = fromClient ? 0 : 1;
            Double ms = millis(t0, s.frameTime(x.frame()));
            // The ladder is the handshake: application data and DTLS 1.3 ACKs are not steps of it.
            if (x.contentType() == ContentTypes.APPLICATION_DATA || x.contentType() == ContentTypes.ACK) continue;
            // Nor, without keys, DTLS 1.3 records under application keys: data, ACKs, post-handshake messages.
            if (dtls13 && x.contentType() < 0 && x.epoch() >= 3) continue;
            if (x.contentType() == ContentTypes.ALERT) {
                alerts.add(new AlertEvent(x.frame(), fromClient, -1, -1, ContentTypes.ALERT, true, ms, x.epoch() > 0));
                continue;
            }
            HandshakeStep step;
            if (x.contentType() == ContentTypes.CHANGE_CIPHER_SPEC) {
                step = new HandshakeStep(x.frame(), fromClient, HandshakeStep.Kind.CHANGE_CIPHER_SPEC,
                        ContentTypes.CHANGE_CIPHER_SPEC, HandshakeStep.NONE, x.length(), ms, false, false,
                        HandshakeStep.NONE, List.of(), x.retransmission());
                ccs[d] = true;
                if (!fromClient && serverHello != null) serverCcsAfterHello = true;
            } else {
                // With a key log the association reads an epoch > 0 message's type: decrypted, not encrypted.
                boolean encrypted = x.handshakeType() < 0;
                int type = encrypted ? HandshakeStep.NONE : x.handshakeType();
                if (type == SERVER_HELLO && !fromClient) {
                    // The association read the hellos in the order of these steps.
                    HelloInfo h = serverHelloSeen < serverHellos.size() ? serverHellos.get(serverHelloSeen) : null;
                    serverHelloSeen++;
                    if (h != null && isHelloRetryRequest(h)) type = HELLO_RETRY_REQUEST;
                }
                step = new HandshakeStep(x.frame(), fromClient, HandshakeStep.Kind.MESSAGE, ContentTypes.HANDSHAKE,
                        type, x.length(), ms, encrypted, x.epoch() > 0,
                        HandshakeStep.NONE, List.of(), x.retransmission());
                if (!encrypted && x.handshakeType() == HELLO_VERIFY_REQUEST && !fromClient) c.helloVerifyRequest = true;
                if (!encrypted && x.handshakeType() == SERVER_HELLO && !fromClient && serverHello == null) serverHello = step;
                if (!fromClient && serverHello != null && !serverCcsAfterHello && !encrypted
                        && HandshakeTimeline.fullHandshakeOnly(x.handshakeType())) {
                    fullOnly = true;
                }
                if (dtls13) {
                    // Decrypted: the Finished itself; without keys, the last epoch-2 record before the client's
                    // first under application keys.
                    if (!encrypted && x.handshakeType() == FINISHED && finished[d] == null && !x.retransmission()) {
                        finished[d] = step;
                    }
                    if (encrypted && x.epoch() == 2 && x.frame() < clientAppFrame) lastEpoch2[d] = step;
                } else if (ccs[d] && finished[d] == null && !x.retransmission()) {
                    finished[d] = step;
                }
            }
            if (x.retransmission()) c.retransmittedMessages++;
            steps.add(step);
        }
        c.handshake = StepList.of(steps);
        c.alerts = List.copyOf(alerts);
        c.clientHelloExtensions = CodeLengths.of(ch);
        c.serverHelloExtensions = CodeLengths.of(sh);
        if (dtls13 && (finished[0] == null || finished[1] == null) && clientAppFrame != Long.MAX_VALUE
                && lastEpoch2[0] != null && lastEpoch2[1] != null) {
            finished[0] = lastEpoch2[0];
            finished[1] = lastEpoch2[1];
        }
        c.established = finished[0] != null && finished[1] != null;
        if (c.established) {
            HandshakeStep end = finished[0].frame() > finished[1].frame() ? finished[0] : finished[1];
            c.handshakeMs(end.timeMs());
            int flights = 0;
            Boolean dir = null;
            for (HandshakeStep x : steps) {
                if (x.kind() == HandshakeStep.Kind.CHANGE_CIPHER_SPEC || x.retransmission()) continue;
                if (dir == null || dir != x.fromClient()) {
                    flights++;
                    dir = x.fromClient();
                }
                if (x == end) break;
            }
            c.roundTrips = flights / 2;
        }

        // Resumption: the server went from its ServerHello to ChangeCipherSpec (RFC 5246 7.3's abbreviated handshake).
        boolean abbreviated = serverHello != null && serverCcsAfterHello && !fullOnly;
        boolean ticketOffered = answered != null && answered.sessionTicket != null && answered.sessionTicket.length > 0;
        Set<String> offered = new LinkedHashSet<>();
        if (ch != null && ch.sessionId != null && ch.sessionId.length > 0) offered.add("session_id");
        if (ticketOffered) offered.add("session_ticket");
        c.resumptionOffered = List.copyOf(offered);
        String id = sh == null || sh.sessionId == null ? "" : Lineage.key(sh.sessionId);
        if (abbreviated) {
            boolean echoed = answered != null && !id.isEmpty() && Arrays.equals(sh.sessionId, answered.sessionId);
            c.resumption = ticketOffered ? Resumption.SESSION_TICKET : echoed ? Resumption.SESSION_ID : Resumption.NONE;
        }
        if (c.resumption == Resumption.SESSION_ID) {
            long[] issue = sessions.get(id);
            if (issue != null && issue[1] < (serverHello == null ? Long.MAX_VALUE : serverHello.frame())) {
                c.resumedFrom = (int) issue[0];
                c.resumedFromFrame = issue[1];
            } else {
                c.resumedFromReason = "session " + ConnectionAnalyzer.OUTSIDE;
            }
        } else if (c.resumption == Resumption.SESSION_TICKET) {
            long[] issue = tickets.get(Lineage.key(answered.sessionTicket));
            if (issue != null && issue[1] < (serverHello == null ? Long.MAX_VALUE : serverHello.frame())) {
                c.resumedFrom = (int) issue[0];
                c.resumedFromFrame = issue[1];
            } else {
                c.resumedFromReason = "ticket " + ConnectionAnalyzer.OUTSIDE;
            }
        } else if (serverHello != null && !id.isEmpty()) {
            sessions.putIfAbsent(id, new long[] {c.index, serverHello.frame()});
        }
        // A ticket names the association that issued it (a resumption may be given a new one, RFC 5077 3.3).
        for (DtlsAssociation.Ticket tk : a.tickets()) tickets.putIfAbsent(Lineage.key(tk.ticket()), new long[] {c.index, tk.frame()});
        if (c.resumption != Resumption.NONE) {
            c.skipped = ConnectionAnalyzer.fromSuite(c.cipherSuiteCode);
            if (c.roundTrips != null) c.roundTripsSaved = 2 - c.roundTrips;
        } else if (!offered.isEmpty() && serverHello != null && offered.contains("session_id")) {
            findings.add("client offered a session id, server did a full handshake");
        }

        if (c.helloRetryRequest) {
            findings.add("HelloRetryRequest: the server asked the client for another ClientHello"
                    + (hasCookie(serverHellos) ? " with a cookie" : "") + ", one more round trip");
        }
        if (c.helloVerifyRequest) {
            findings.add("HelloVerifyRequest: the server asked the client to prove its address with a cookie, "
                    + "one more round trip");
        }
        if (c.retransmittedMessages > 0) {
            findings.add(c.retransmittedMessages + " handshake message" + (c.retransmittedMessages == 1 ? " was" : "s were")
                    + " sent again (a retransmitted flight: a datagram was lost or late)");
        }
        if (ch == null && serverHello == null) {
            findings.add("no handshake in the capture: DTLS was already under way when the capture started");
        } else if (!c.established) {
            findings.add(serverHello == null ? "handshake incomplete: no ServerHello in the capture"
                    : "handshake incomplete in the capture");
        }
        c.findings = List.copyOf(findings);
        return c;
    }

    /**
     * The association's steps with a message cut into fragments made one step: DTLS reports each
     * fragment; they are consecutive records of one direction with the same type and length.
     */
    private static List<DtlsAssociation.Step> merged(List<DtlsAssociation.Step> steps) {
        List<DtlsAssociation.Step> out = new ArrayList<>();
        for (DtlsAssociation.Step x : steps) {
            DtlsAssociation.Step last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && x.contentType() == ContentTypes.HANDSHAKE && last.contentType() == ContentTypes.HANDSHAKE
                    && x.handshakeType() >= 0 && x.epoch() == last.epoch() && last.dir() == x.dir()
                    && last.handshakeType() == x.handshakeType() && last.length() == x.length()
                    && last.retransmission() == x.retransmission()) {
                // The message was whole in the frame of its last fragment.
                out.set(out.size() - 1, new DtlsAssociation.Step(x.frame(), x.dir(), x.contentType(), x.handshakeType(),
                        x.length(), x.epoch(), x.retransmission()));
                continue;
            }
            out.add(x);
        }
        return out;
    }

    private static boolean isHelloRetryRequest(HelloInfo h) {
        return h.kind == HelloInfo.Kind.HELLO_RETRY_REQUEST
                || h.kind == HelloInfo.Kind.SERVER_HELLO && Arrays.equals(h.random, HelloMessages.HRR_RANDOM);
    }

    private static boolean hasCookie(List<HelloInfo> serverHellos) {
        for (HelloInfo h : serverHellos) if (isHelloRetryRequest(h) && h.extensions.contains(ExtensionTypes.COOKIE)) return true;
        return false;
    }

    private static Double millis(Instant t0, Instant t) {
        if (t0 == null || t == null) return null;
        return FrameTimes.seconds(Duration.between(t0, t)) * 1e3;
    }
}
