package tlslens.analysis;

import java.time.Instant;
import java.util.List;

import tlslens.dissect.tls.HandshakeLog;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.engine.ConnectionState;

/**
 * What linking a TLS connection with the others reads (sessions and tickets it issued and
 * presented, where its handshake started, what a resumption of it skips), taken from its
 * handshake when it is analysed. Kept with the model ({@link Analysis}) so that the connections
 * can be linked again, when keys open one of them, after the engine let go of their logs: a
 * few hundred bytes instead of the log, the hellos and the stream state. The byte arrays are the
 * hellos' and the log's, never changed once logged.
 */
final class LinkFacts {
    /** The parts of a ClientHello that offer a resumption. */
    record Hello(byte[] sessionId, byte[] sessionTicket, List<byte[]> pskIdentities, boolean offersTls13) {
        static Hello of(HelloInfo h) {
            return h == null ? null : new Hello(h.sessionId, h.sessionTicket, List.copyOf(h.pskIdentities),
                    ConnectionAnalyzer.offersTls13(h));
        }
    }

    final boolean tls13;
    /** There is a ServerHello; the frame of its step (-1 for none). */
    final boolean serverHello;
    final long serverHelloFrame;
    byte[] serverSessionId; // (this and the hellos not final: shared with equal ones, share)
    final int pskSelected;
    final List<HandshakeLog.Ticket> tickets;
    Hello firstClientHello;
    Hello answeredClientHello;
    final boolean ticketOffered;
    final boolean pskOffered;
    final long clientHelloFrame;
    /** The findings of the connection on its own, in order (linking adds its own after them). */
    List<String> ownFindings; // (not final: shared with equal ones, share)
    /** What a resumption of this full handshake skips; empty when it was resumed itself (never an original). */
    List<SkippedMessage> skippable;
    /** The frames that issued a session or ticket (the ServerHello's, each ticket's) and their times. */
    private final long[] issueFrames;
    private final Instant[] issueTimes;

    private LinkFacts(HandshakeTimeline t, ConnectionState s, Resumption resumption, boolean ticketOffered, boolean pskOffered,
            long clientHelloFrame, java.util.Collection<String> findings) {
        tls13 = t.isTls13();
        serverHello = t.serverHello != null;
        serverHelloFrame = t.serverHelloStep != null ? t.serverHelloStep.frame() : -1;
        serverSessionId = t.serverHello != null ? t.serverHello.sessionId : null;
        pskSelected = t.serverHello != null ? t.serverHello.pskSelected : -1;
        tickets = List.copyOf(t.log.tickets());
        firstClientHello = Hello.of(t.firstClientHello);
        answeredClientHello = t.answeredClientHello == t.firstClientHello ? firstClientHello : Hello.of(t.answeredClientHello);
        this.ticketOffered = ticketOffered;
        this.pskOffered = pskOffered;
        this.clientHelloFrame = clientHelloFrame;
        ownFindings = List.copyOf(findings);
        skippable = resumption == Resumption.NONE ? List.copyOf(t.skippable()) : List.of();
        int n = tickets.size() + (serverHelloFrame >= 0 ? 1 : 0);
        issueFrames = new long[n];
        issueTimes = new Instant[n];
        int i = 0;
        if (serverHelloFrame >= 0) {
            issueFrames[i] = serverHelloFrame;
            issueTimes[i++] = s.frameTime(serverHelloFrame);
        }
        for (HandshakeLog.Ticket tk : tickets) {
            issueFrames[i] = tk.frame();
            issueTimes[i++] = s.frameTime(tk.frame());
        }
    }

    static LinkFacts of(HandshakeTimeline t, ConnectionState s, Resumption resumption, boolean ticketOffered,
            boolean pskOffered, long clientHelloFrame, java.util.Collection<String> findings) {
        return new LinkFacts(t, s, resumption, ticketOffered, pskOffered, clientHelloFrame, findings);
    }

    /** Shares the lists and times equal to other connections' ({@link Canon}). */
    void share(Canon canon) {
        // A TLS 1.3 ServerHello echoes the client's session id: two equal arrays per connection.
        serverSessionId = canon.bytes(serverSessionId);
        Hello first = firstClientHello;
        firstClientHello = shared(first, canon);
        answeredClientHello = answeredClientHello == first ? firstClientHello : shared(answeredClientHello, canon);
        ownFindings = canon.list(ownFindings);
        skippable = canon.list(skippable);
        for (int i = 0; i < issueTimes.length; i++) issueTimes[i] = canon.of(issueTimes[i]);
    }

    private static Hello shared(Hello h, Canon canon) {
        if (h == null) return null;
        byte[] id = canon.bytes(h.sessionId()), ticket = canon.bytes(h.sessionTicket());
        return id == h.sessionId() && ticket == h.sessionTicket() ? h : new Hello(id, ticket, h.pskIdentities(), h.offersTls13());
    }

    /** When frame {@code frame}, which issued a session or ticket, was captured (as the state's frameTime); null if unknown. */
    Instant issueTime(long frame) {
        for (int i = 0; i < issueFrames.length; i++) if (issueFrames[i] == frame) return issueTimes[i];
        return null;
    }
}
