package tlslens.analysis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import tlslens.dissect.tls.HandshakeLog;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.AlertLevels;
import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.CipherSuites;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.NamedGroups;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.engine.ConnectionState;
import tlslens.engine.Transport;
import tlslens.net.Ipv6Text;

/**
 * Builds the connection model from what the engine kept per TCP connection: first each
 * connection on its own (hellos, handshake phase, resumption as accepted and as offered), then
 * across connections (which one issued the session a resumption presents, what the resumption
 * skipped compared with that full handshake, reused tickets).
 */
public final class ConnectionAnalyzer {
    static final String OUTSIDE = "issued by a connection outside this capture";
    static final String ENCRYPTED_TICKET = "ticket issued inside encrypted records; load a key log";

    private ConnectionAnalyzer() {}

    /**
     * One connection per state: the TCP ones, then QUIC's, then DTLS's, each in the given order (the
     * engine's: order of first packet). Lineage is looked for within a transport (a QUIC ticket
     * resumes a QUIC connection).
     */
    public static List<Connection> analyze(List<? extends ConnectionState> states) { return analyze(states, null).connections(); }

    /**
     * As {@link #analyze(List)}, keeping what linking the connections again needs ({@link Analysis}):
     * a state whose detail the engine has let go of ({@link ConnectionState#detailForgotten()}) is
     * taken from {@code previous} as analysed then, and linked afresh with the others (a connection
     * dissected again with new keys may now show the ticket a later one resumed).
     */
    public static Analysis analyze(List<? extends ConnectionState> states, Analysis previous) {
        return link(read(states, previous, null));
    }

    /**
     * The part of an analysis that reads the states, each connection on its own (call it while they
     * hold still: CaptureIndex.withConnections); {@link #link} makes the model of it without them. A
     * state whose detail was let go is taken from {@code forgotten} (as {@link #analyze(List, Analysis)});
     * a TCP connection's state that has not changed since {@code unchanged} was made (the same first
     * and last frame and bytes: a frame of its own is what changes it) from {@code unchanged}, which
     * the caller vouches nothing else changed since (no connection dissected again, the same secrets).
     * So a model remade while a file loads analyses only the connections that had frames meanwhile:
     * on 54,000 connections, what was most of the model's cost when loading ended.
     */
    public static Unlinked read(List<? extends ConnectionState> states, Analysis forgotten, Analysis unchanged) {
        Previous before = new Previous(forgotten);
        Previous same = unchanged == forgotten ? before : new Previous(unchanged);
        Unlinked out = new Unlinked(unchanged);
        for (Transport transport : Transport.values()) {
            List<ConnectionState> group = new ArrayList<>();
            for (ConnectionState s : states) if (s.transport() == transport) group.add(s);
            if (group.isEmpty()) continue;
            if (transport == Transport.DTLS) {
                out.parts.add(DtlsHandshake.analyze(group));
                out.transports.add(transport);
                continue;
            }
            List<Entry> entries = new ArrayList<>(group.size());
            for (ConnectionState s : group) {
                if (s.detailForgotten()) {
                    entries.add(recalled(s, before.get(s, entries.size())));
                } else if (transport == Transport.TCP && unchangedSince(same.get(s, entries.size()), s)) {
                    entries.add(Entry.reused(same.get(s, entries.size())));
                    out.reused++;
                } else {
                    entries.add(single(s));
                }
            }
            out.parts.add(entries);
            out.transports.add(transport);
        }
        return out;
    }

    /**
     * The connections as {@link #read} analysed each on its own, not linked yet: what the model is
     * made of once the states may change again. Linked once ({@link #link}).
     */
    public static final class Unlinked {
        /** Per transport in order: its entries to link (TCP, QUIC), or its connections as made (DTLS). */
        private final List<List<?>> parts = new ArrayList<>();
        private final List<Transport> transports = new ArrayList<>();
        /** The model the reused connections were taken from (whose {@link Relinking} the TCP ones may be linked with). */
        private final Analysis unchanged;
        private int reused;

        private Unlinked(Analysis unchanged) { this.unchanged = unchanged; }
    }

    /**
     * Links the connections {@link #read} analysed (no state is read): the model. The TCP connections
     * are linked only where they changed when the model they were taken from kept its lineage
     * ({@link #relink}); else, and for the other transports, from scratch.
     */
    @SuppressWarnings("unchecked")
    public static Analysis link(Unlinked u) {
        Relinking from = u.unchanged == null ? null : u.unchanged.takeRelinking();
        Canon canon = from != null ? from.canon : new Canon();
        List<Connection> out = new ArrayList<>();
        List<Connection> fresh = new ArrayList<>();
        Relinking next = null;
        for (int p = 0; p < u.parts.size(); p++) {
            List<?> part = u.parts.get(p);
            if (u.transports.get(p) == Transport.DTLS) {
                out.addAll((List<Connection>) part);
                fresh.addAll((List<Connection>) part);
                continue;
            }
            List<Entry> entries = (List<Entry>) part;
            if (u.transports.get(p) != Transport.TCP) {
                List<Connection> linked = linkStreams(entries, new Lineage());
                out.addAll(linked);
                fresh.addAll(linked);
                continue;
            }
            List<Connection> linked = from == null ? null : relink(entries, from, fresh);
            if (linked == null) {
                Lineage lineage = new Lineage();
                linked = linkStreams(entries, lineage);
                fresh.addAll(linked);
                next = new Relinking(lineage, canon, linked, Relinking.positions(linked));
            } else {
                next = new Relinking(from.lineage, canon, linked, from.positions);
            }
            out.addAll(linked);
        }
        return new Analysis(out, u.reused, canon, fresh, next);
    }

    /**
     * A model's connections by key, for {@link #read}: a TCP connection is where its state is among the
     * TCP states (the model lists them first, in the engine's order), else looked up in a map made
     * when first needed (a map of 54,000 connections per model was most of a read's time).
     */
    private static final class Previous {
        private final List<Connection> connections;
        private Map<Integer, Connection> byKey;

        Previous(Analysis a) { connections = a == null ? List.of() : a.connections(); }

        /** The connection of {@code s}, the {@code position}th state of its transport; null when the model has none. */
        Connection get(ConnectionState s, int position) {
            int key = Connection.key(s.transport(), s.index());
            if (position < connections.size() && connections.get(position).key() == key) return connections.get(position);
            if (connections.isEmpty()) return null;
            if (byKey == null) {
                byKey = new HashMap<>(connections.size() * 2);
                for (Connection c : connections) byKey.put(c.key(), c);
            }
            return byKey.get(key);
        }
    }

    /** Whether {@code s} had no frame since {@code before} was analysed from it (TCP: its own frames are all that change it). */
    private static boolean unchangedSince(Connection before, ConnectionState s) {
        if (before == null) return false;
        int cd = s.clientDirection();
        return before.firstFrame == s.firstFrame() && before.lastFrame == s.lastFrame()
                && before.bytesClientToServer == s.payloadBytes(cd) && before.bytesServerToClient == s.payloadBytes(1 - cd)
                && before.tls == (s.tls() != null);
    }

    /** Connections whose TLS the engine's {@code TlsConnection} read (TCP's and QUIC's), linked within their transport. */
    private static List<Connection> linkStreams(List<Entry> entries, Lineage lineage) {
        for (Entry e : entries) e.open();
        for (Entry e : entries) index(e, lineage);
        EarlierTls13 earlierTls13 = new EarlierTls13();
        for (Entry e : entries) {
            if (e.facts == null) continue;
            link(e, lineage, earlierTls13);
            if (e.facts.tls13 && e.facts.serverHelloFrame >= 0) earlierTls13.add(e.connection);
        }
        // By index: a scan per resumed connection was quadratic (60,000 connections: half a minute).
        Map<Integer, Entry> map = new HashMap<>();
        for (Entry e : entries) map.putIfAbsent(e.connection.index, e);
        IntFunction<Entry> byIndex = map::get;
        for (Entry e : entries) issueTime(e, byIndex);
        List<Connection> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.facts != null) {
                skipped(e, byIndex);
                e.connection.findings = List.copyOf(e.findings);
            }
            out.add(e.connection);
        }
        return out;
    }

    /**
     * Links {@code entries} (TCP) with what the model they were taken from kept ({@code from}): only
     * the connections new or changed since, and those unchanged whose links they may change (their
     * origin or its lineage changed; a TLS 1.3 resumption without a known issuer after a TLS 1.3
     * connection whose keys changed; one with no hello to date its lookups), are linked again; the
     * others stay the objects they were. The lineage is changed in place, keeping the first issuer
     * in order. The result is the one linking all from scratch gives: where that cannot be vouched
     * for (an old connection no longer issuing or presenting what it did, a key now issued by an
     * earlier connection than before, an issue no later than the frames before, the order changed),
     * null: the caller links from scratch. The connections linked again go to {@code fresh}.
     */
    private static List<Connection> relink(List<Entry> entries, Relinking from, List<Connection> fresh) {
        int n = entries.size(), old = from.tcp.size();
        if (n < old) return null;
        for (int i = 0; i < old; i++) if (entries.get(i).now().index != from.tcp.get(i).index) return null;
        for (int i = old; i < n; i++) if (from.positions.putIfAbsent(entries.get(i).now().index, i) != null) return null;
        Lineage lineage = from.lineage;
        boolean[] again = new boolean[n];
        Set<Integer> changed = new HashSet<>(); // connections of the model before analysed again
        int tls13Changed = n; // the first of them whose part in a TLS 1.3 resumption's reason changed
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (e.linked != null && i < old && e.linked == from.tcp.get(i)) {
                // Its lookups are dated by its hellos; without one, any issue may count.
                again[i] = e.facts != null && before(e.facts) == Long.MAX_VALUE;
                continue;
            }
            again[i] = true;
            e.open();
            if (i < old) {
                Connection was = from.tcp.get(i);
                changed.add(was.index);
                if (!stillIssues(was, e)) return null;
                if (!tls13Part(was, was.facts).equals(tls13Part(e.connection, e.facts))) tls13Changed = Math.min(tls13Changed, i);
            }
            index(e, lineage);
        }
        if (lineage.outOfOrder()) return null;
        IntFunction<Entry> byIndex = index -> {
            Integer p = from.positions.get(index);
            return p == null || p >= n ? null : entries.get(p);
        };
        for (int i = 0; i < n; i++) {
            if (again[i]) continue;
            Connection c = entries.get(i).linked;
            again[i] = c.resumption == Resumption.PSK && c.resumedFrom == null && i > tls13Changed
                    || !changed.isEmpty() && c.resumedFrom != null && originChanged(c, changed, byIndex);
        }
        EarlierTls13 earlierTls13 = new EarlierTls13();
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (again[i]) e.open();
            if (e.facts == null) continue;
            if (again[i]) link(e, lineage, earlierTls13);
            if (e.facts.tls13 && e.facts.serverHelloFrame >= 0) earlierTls13.add(e.now());
        }
        if (lineage.outOfOrder()) {
            for (int i = 0; i < n; i++) if (again[i]) entries.get(i).unlink(); // linked from scratch next
            return null;
        }
        List<Connection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (!again[i]) {
                out.add(e.linked);
                continue;
            }
            issueTime(e, byIndex);
            if (e.facts != null) {
                skipped(e, byIndex);
                e.connection.findings = List.copyOf(e.findings);
            }
            out.add(e.connection);
            fresh.add(e.connection);
        }
        return out;
    }

    /** The frame a connection's lookups must be before (its ClientHello's, else its ServerHello's; none: MAX_VALUE). */
    private static long before(LinkFacts t) {
        return t.clientHelloFrame != Long.MAX_VALUE ? t.clientHelloFrame
                : t.serverHelloFrame >= 0 ? t.serverHelloFrame : Long.MAX_VALUE;
    }

    /**
     * Whether connection {@code e}, analysed again, still issues and presents what it did as
     * {@code was} (the lineage keeps what it added then): the same session id from the same frame,
     * its tickets before first, the same first ClientHello.
     */
    private static boolean stillIssues(Connection was, Entry e) {
        LinkFacts a = was.facts, b = e.facts;
        if (a == null) return true;
        if (b == null) return false;
        if (sessionIssued(a) && (!sessionIssued(b) || a.serverHelloFrame != b.serverHelloFrame
                || !Arrays.equals(a.serverSessionId, b.serverSessionId)
                || was.resumption == Resumption.NONE && e.connection.resumption != Resumption.NONE)) return false;
        if (b.tickets.size() < a.tickets.size()) return false;
        for (int i = 0; i < a.tickets.size(); i++) {
            HandshakeLog.Ticket x = a.tickets.get(i), y = b.tickets.get(i);
            if (x.frame() != y.frame() || x.tls13() != y.tls13() || !Arrays.equals(x.ticket(), y.ticket())) return false;
        }
        LinkFacts.Hello h = a.firstClientHello, k = b.firstClientHello;
        if (h == null) return true;
        if (k == null || a.ticketOffered != b.ticketOffered || !Arrays.equals(h.sessionTicket(), k.sessionTicket())
                || h.pskIdentities().size() != k.pskIdentities().size()) return false;
        for (int i = 0; i < h.pskIdentities().size(); i++) {
            if (!Arrays.equals(h.pskIdentities().get(i), k.pskIdentities().get(i))) return false;
        }
        return true;
    }

    private static boolean sessionIssued(LinkFacts t) {
        return t.serverHello && !t.tls13 && t.serverHelloFrame >= 0 && t.serverSessionId != null && t.serverSessionId.length > 0;
    }

    /** What a connection adds to {@link EarlierTls13} (as a value to compare). */
    private static List<Object> tls13Part(Connection c, LinkFacts t) {
        if (t == null || !t.tls13 || t.serverHelloFrame < 0) return List.of();
        var d = c.decryption();
        if (d == null) return List.of(true);
        return Arrays.asList(d.state(), d.missingFromKeyLog(), d.keyOrigin());
    }

    /** Whether a connection on the way from {@code c} to the full handshake it resumed was analysed again. */
    private static boolean originChanged(Connection c, Set<Integer> changed, IntFunction<Entry> byIndex) {
        Set<Integer> visited = new HashSet<>();
        Connection cur = c;
        while (cur.resumedFrom != null && visited.add(cur.index)) {
            if (changed.contains(cur.resumedFrom)) return true;
            Entry next = byIndex.apply(cur.resumedFrom);
            if (next == null || next.facts == null || next.now().resumption == Resumption.NONE) return false;
            cur = next.now();
        }
        return false;
    }

    /** A connection and what building it needs. */
    private static final class Entry {
        /** The connection to link; null while one taken from the model before stays as linked then ({@link #open}). */
        Connection connection;
        /** As the model before linked it, when taken from there unchanged; else null. */
        final Connection linked;
        /** Only while the connection is analysed from its state (single). */
        HandshakeTimeline timeline;
        /** What linking reads; null when the connection isn't TLS. */
        LinkFacts facts;
        Set<String> findings;
        boolean ticketOffered;
        boolean pskOffered;
        long clientHelloFrame = Long.MAX_VALUE;

        Entry(Connection connection) {
            this.connection = connection;
            this.linked = null;
            this.findings = new LinkedHashSet<>();
        }

        private Entry(Connection linked, LinkFacts facts) {
            this.linked = linked;
            this.facts = facts;
        }

        /**
         * A connection the model before analysed and linked, taken as it was: copied and its own
         * findings recalled only when it is linked again ({@link #open}; relink leaves most as they are).
         */
        static Entry reused(Connection linked) { return new Entry(linked, linked.facts); }

        /** The connection as it is now (the one linked before while not {@link #open}ed). */
        Connection now() { return connection != null ? connection : linked; }

        /** Back to as analysed on its own, when linking it was given up (relink). */
        void unlink() {
            if (connection == null || facts == null) return;
            connection = connection.unlinked();
            findings = new LinkedHashSet<>(facts.ownFindings);
        }

        /** Ready to be linked: a reused connection unlinked, with its own findings (as recalled). */
        Entry open() {
            if (connection != null) return this;
            connection = linked.unlinked();
            findings = new LinkedHashSet<>();
            if (facts != null) {
                findings.addAll(facts.ownFindings);
                ticketOffered = facts.ticketOffered;
                pskOffered = facts.pskOffered;
                clientHelloFrame = facts.clientHelloFrame;
            }
            return this;
        }
    }

    /**
     * A connection the engine no longer holds the detail of: as {@code previous} analysed it, before
     * it was linked with the others (its own findings only; lineage comes next).
     */
    private static Entry recalled(ConnectionState s, Connection before) {
        LinkFacts f = before == null ? null : before.facts;
        if (before == null) { // not in the model the detail was let go after: never so, by CaptureIndex
            Entry e = new Entry(new Connection());
            wire(e.connection, s);
            return e;
        }
        Entry e = new Entry(before.unlinked());
        e.facts = f;
        if (f != null) {
            e.findings.addAll(f.ownFindings);
            e.ticketOffered = f.ticketOffered;
            e.pskOffered = f.pskOffered;
            e.clientHelloFrame = f.clientHelloFrame;
        }
        return e;
    }

    // ---- one connection ---------------------------------------------------------------------

    /** What every transport's connection takes from its state alike: index, endpoints, frames, times, bytes. */
    static void wire(Connection c, ConnectionState s) {
        int cd = s.clientDirection();
        c.transport = s.transport();
        c.index = s.index();
        c.udpStream = s.udpStream();
        c.client = endpoint(s.address(cd), s.port(cd));
        c.server = endpoint(s.address(1 - cd), s.port(1 - cd));
        c.firstFrame = s.firstFrame();
        c.lastFrame = s.lastFrame();
        c.firstTime = s.firstTime();
        c.lastTime = s.lastTime();
        c.bytesClientToServer = s.payloadBytes(cd);
        c.bytesServerToClient = s.payloadBytes(1 - cd);
    }

    private static Entry single(ConnectionState s) {
        Entry e = new Entry(new Connection());
        Connection c = e.connection;
        wire(c, s);
        c.initialRtt = s.initialRtt();
        c.earlyData = null;
        if (s.quic() != null) c.quicVersion = s.quic().version();
        if (s.tls() == null) return e;
        HandshakeTimeline t = new HandshakeTimeline(s);
        e.timeline = t;
        c.tls = true;
        c.retry = t.retry;
        c.versionNegotiation = t.versionNegotiation;
        // QUIC: its packets are what keys open (the TLS inside has no records of its own).
        c.decryption = s.quic() != null ? s.quic().decryption() : s.tls().decryption();
        c.helloRetryRequest = t.helloRetryRequest;
        if (t.clientHelloStep != null) e.clientHelloFrame = t.clientHelloStep.frame();
        HelloInfo ch = t.firstClientHello;
        HelloInfo sh = t.serverHello;
        if (ch != null) {
            c.sni = ch.sni;
            c.alpnOffered = List.copyOf(ch.alpn);
            c.earlyDataOffered = ch.earlyData;
            c.keyShareGroupsOffered = List.copyOf(ch.keyShareGroups);
        }
        if (t.clientHelloStep != null) c.handshakeStart = t.start();
        if (t.version != 0) {
            c.versionCode = t.version;
            c.version = TlsVersions.name(t.version);
        }
        if (t.cipherSuite >= 0) {
            c.cipherSuiteCode = t.cipherSuite;
            c.cipherSuite = CipherSuites.nameOrUnknown(t.cipherSuite);
        }
        if (sh != null && !sh.alpn.isEmpty()) c.alpn = sh.alpn.get(0);
        // TLS 1.3 names it in EncryptedExtensions, which a key log lets us read.
        HelloInfo ee = s.tls().log().encryptedExtensions();
        if (c.alpn == null && ee != null && !ee.alpn.isEmpty()) c.alpn = ee.alpn.get(0);
        c.group = group(t);
        c.established = t.complete();
        c.handshake = StepList.of(t.handshakeSteps());
        c.clientHelloExtensions = CodeLengths.of(ch);
        c.serverHelloExtensions = CodeLengths.of(sh);
        c.alerts = alerts(t);
        if (t.complete()) {
            c.handshakeMs(t.millisSince(t.start(), t.end.frame()));
            c.roundTrips = t.flights / 2;
        }
        resumption(e);
        c.earlyData = t.earlyDataAccepted;
        c.earlyDataReason = t.earlyDataReason;
        findings(e);
        e.facts = LinkFacts.of(t, s, c.resumption, e.ticketOffered, e.pskOffered, e.clientHelloFrame, e.findings);
        c.facts = e.facts;
        e.timeline = null; // what linking reads is in the facts: the timeline (and the engine's log) can go
        return e;
    }

    static String endpoint(byte[] address, int port) {
        if (address == null) return null;
        if (address.length == 16) return "[" + Ipv6Text.compress(address) + "]:" + port;
        try {
            return InetAddress.getByAddress(address).getHostAddress() + ":" + port;
        } catch (UnknownHostException ex) {
            return "?:" + port;
        }
    }

    private static String group(HandshakeTimeline t) {
        int g = -1;
        if (t.isTls13() && t.serverHello != null && !t.serverHello.keyShareGroups.isEmpty()) {
            g = t.serverHello.keyShareGroups.get(0);
        } else if (!t.isTls13() && !t.abbreviated) {
            g = t.log.serverKeyExchangeGroup();
        }
        return g < 0 ? null : NamedGroups.nameOrUnknown(g);
    }

    private static List<AlertEvent> alerts(HandshakeTimeline t) {
        List<AlertEvent> out = new ArrayList<>();
        Instant t0 = t.start();
        for (HandshakeLog.Alert a : t.log.alerts()) {
            out.add(new AlertEvent(a.frame(), a.direction() == t.clientDir, a.level(), a.description(),
                    a.contentType(), a.encrypted(), t.millisSince(t0, a.frame()), t.wireEncrypted(a)));
        }
        return List.copyOf(out);
    }

    /** What the server accepted, and what the client offered that the capture proves on its own. */
    private static void resumption(Entry e) {
        HandshakeTimeline t = e.timeline;
        Connection c = e.connection;
        HelloInfo ch = t.firstClientHello;
        HelloInfo answered = t.answeredClientHello;
        HelloInfo sh = t.serverHello;
        if (ch != null) {
            e.ticketOffered = ch.sessionTicket != null && ch.sessionTicket.length > 0;
            e.pskOffered = !ch.pskIdentities.isEmpty() || ch.extensions.contains(ExtensionTypes.PRE_SHARED_KEY);
        }
        if (sh == null) return;
        if (t.isTls13()) {
            if (sh.pskSelected >= 0 || sh.extensions.contains(ExtensionTypes.PRE_SHARED_KEY)) {
                c.resumption = Resumption.PSK;
                c.pskMode = sh.keyShareGroups.isEmpty() ? "psk_ke" : "psk_dhe_ke";
            }
        } else if (t.abbreviated) {
            boolean ticket = answered != null && answered.sessionTicket != null && answered.sessionTicket.length > 0;
            boolean echoed = answered != null && sh.sessionId != null && sh.sessionId.length > 0
                    && Arrays.equals(sh.sessionId, answered.sessionId);
            // Without the ClientHello an echoed id is all there is to go by.
            if (ticket) c.resumption = Resumption.SESSION_TICKET;
            else if (echoed || answered == null && sh.sessionId != null && sh.sessionId.length > 0) {
                c.resumption = Resumption.SESSION_ID;
            }
        }
    }

    private static void findings(Entry e) {
        HandshakeTimeline t = e.timeline;
        Connection c = e.connection;
        if (t.versionNegotiation) {
            e.findings.add("Version Negotiation: the server does not speak the client's QUIC version, one more round trip");
        }
        if (t.retry) {
            e.findings.add("Retry: the server asked the client to prove its address with a token, one more round trip");
        }
        if (t.helloRetryRequest) {
            String g = null;
            for (HelloInfo h : t.log.serverHellos()) {
                if (h.kind == HelloInfo.Kind.HELLO_RETRY_REQUEST && !h.keyShareGroups.isEmpty()) {
                    c.helloRetryGroup = h.keyShareGroups.get(0);
                    g = NamedGroups.nameOrUnknown(h.keyShareGroups.get(0));
                }
            }
            e.findings.add("HelloRetryRequest: the server asked for another key share" + (g != null ? " (" + g + ")" : "")
                    + ", one more round trip");
        }
        if (c.earlyDataOffered && Boolean.FALSE.equals(c.earlyData)) {
            e.findings.add("client sent 0-RTT early data, server rejected it (" + c.earlyDataReason + ")");
        }
        if (t.version == TlsVersions.SSL2) {
            e.findings.add("SSL 2.0: obsolete and insecure (RFC 6176); its handshake is not analysed further");
        } else if (t.clientHelloStep == null && t.serverHelloStep == null) {
            e.findings.add("no handshake in the capture: TLS was already under way when the capture started");
        } else if (!t.complete()) {
            HandshakeLog.Alert fatal = null;
            for (HandshakeLog.Alert a : t.log.alerts()) if (!a.encrypted() && a.level() == AlertLevels.FATAL && fatal == null) fatal = a;
            if (fatal != null) {
                e.findings.add("handshake failed: fatal alert " + AlertDescriptions.nameOrUnknown(fatal.description())
                        + " from the " + (fatal.direction() == t.clientDir ? "client" : "server"));
            } else if (t.clientHelloStep != null && t.serverHelloStep == null) {
                e.findings.add("handshake incomplete: no ServerHello in the capture");
            } else {
                e.findings.add("handshake incomplete in the capture");
            }
        }
        if (t.postHandshakeMessages > 0 && !t.isTls13()) {
            e.findings.add(t.postHandshakeMessages + " handshake message" + (t.postHandshakeMessages == 1 ? "" : "s")
                    + " after the handshake completed (renegotiation)");
        }
        long[] missing = new long[2];
        for (HandshakeLog.Gap g : t.log.gaps()) {
            // Only what the handshake lost; a single byte is the FIN's sequence number, not data.
            if (g.missingBytes() <= 1 || t.complete() && g.afterFrame() >= t.end.frame()) continue;
            missing[g.direction() == 0 ? 0 : 1] += g.missingBytes();
        }
        for (int d = 0; d < 2; d++) {
            if (missing[d] > 0) {
                e.findings.add(missing[d] + " bytes from the " + (d == t.clientDir ? "client" : "server")
                        + " are missing from the capture during the handshake");
            }
        }
        if (t.log.truncated()) e.findings.add("too many handshake events: the log of this connection was cut short");
    }

    // ---- across connections -----------------------------------------------------------------

    /** Sessions and tickets each connection issued. */
    private static void index(Entry e, Lineage lineage) {
        LinkFacts t = e.facts;
        if (t == null) return;
        if (t.serverHello && !t.tls13 && t.serverHelloFrame >= 0) {
            lineage.serverSession(t.serverSessionId, e.connection.index, t.serverHelloFrame,
                    e.connection.resumption == Resumption.NONE);
        }
        for (HandshakeLog.Ticket tk : t.tickets) {
            lineage.ticket(tk.ticket(), tk.tls13(), e.connection.index, tk.frame());
        }
    }

    /**
     * Why a TLS 1.3 ticket's issuer is unknown when earlier TLS 1.3 connections could have issued it
     * inside their encrypted records: their keys did not decrypt them (wrong secrets, named by line),
     * the key log has none for them, or there is no key log.
     */
    static String encryptedTicketReason(EarlierTls13 earlierTls13) {
        Connection c = earlierTls13.keysDidNotMatch;
        if (c != null) {
            var d = c.decryption();
            return "ticket issued inside encrypted records; keys for connection #" + c.index() + " did not decrypt it"
                    + (d.keyOrigin() == null ? "" : " (" + d.keyOrigin() + ")");
        }
        c = earlierTls13.missingFromKeyLog;
        if (c != null) return "ticket issued inside encrypted records; the key log has no keys for connection #" + c.index();
        return ENCRYPTED_TICKET;
    }

    /**
     * The TLS 1.3 connections before the one being linked, as {@link #encryptedTicketReason} reads
     * them: the first whose keys did not match and the first the key log lacks (a scan of all of
     * them per connection was quadratic: 60,000 connections took seconds).
     */
    static final class EarlierTls13 {
        private boolean any;
        private Connection keysDidNotMatch;
        private Connection missingFromKeyLog;

        void add(Connection c) {
            any = true;
            var d = c.decryption();
            if (d == null) return;
            if (keysDidNotMatch == null && d.state() == tlslens.dissect.tls.decrypt.DecryptionStatus.State.KEYS_DID_NOT_MATCH) {
                keysDidNotMatch = c;
            }
            if (missingFromKeyLog == null && d.missingFromKeyLog()) missingFromKeyLog = c;
        }

        boolean isEmpty() { return !any; }
    }

    private static void link(Entry e, Lineage lineage, EarlierTls13 earlierTls13) {
        LinkFacts t = e.facts;
        Connection c = e.connection;
        LinkFacts.Hello ch = t.firstClientHello;
        long before = e.clientHelloFrame != Long.MAX_VALUE ? e.clientHelloFrame
                : t.serverHelloFrame >= 0 ? t.serverHelloFrame : Long.MAX_VALUE;
        int self = c.index;

        // What was offered.
        Set<String> offered = new LinkedHashSet<>();
        if (ch != null && ch.sessionId() != null && ch.sessionId().length > 0) {
            // A TLS 1.3 client's id is random (middlebox compatibility), and so may be one sent with a
            // ticket (RFC 5077 3.4): only an id the capture shows a server issued proves an offer then.
            boolean random = e.ticketOffered || ch.offersTls13();
            if (c.resumption == Resumption.SESSION_ID || !random || lineage.sessionSeen(ch.sessionId(), before, self) != null) {
                offered.add("session_id");
            }
        }
        if (e.ticketOffered) offered.add("session_ticket");
        if (e.pskOffered) offered.add("psk");
        c.resumptionOffered = List.copyOf(offered);

        // Reused tickets and identities link connections even without keys.
        if (e.ticketOffered) {
            Lineage.Issue first = lineage.presented("ticket", ch.sessionTicket(), self, before);
            if (first != null) e.findings.add("the session ticket was already presented by connection " + first.index());
        }
        if (ch != null) {
            for (byte[] id : ch.pskIdentities()) {
                Lineage.Issue first = lineage.presented("psk", id, self, before);
                if (first != null) {
                    e.findings.add("PSK identity already presented by connection " + first.index()
                            + " (a reused ticket links the two connections)");
                }
            }
        }

        // Where the resumed session came from.
        switch (c.resumption) {
            case SESSION_TICKET -> {
                Lineage.Issue i = lineage.ticketIssuer(t.answeredClientHello.sessionTicket(), false, before, self);
                if (i != null) issued(c, i);
                else c.resumedFromReason = "ticket " + OUTSIDE;
            }
            case SESSION_ID -> {
                Lineage.Issue i = lineage.sessionIssuer(t.serverSessionId, before, self);
                if (i != null) issued(c, i);
                else c.resumedFromReason = "session " + OUTSIDE;
            }
            case PSK -> {
                Lineage.Issue i = null;
                LinkFacts.Hello answered = t.answeredClientHello;
                if (answered != null) {
                    List<byte[]> ids = answered.pskIdentities();
                    if (t.pskSelected >= 0 && t.pskSelected < ids.size()) {
                        i = lineage.ticketIssuer(ids.get(t.pskSelected), true, before, self);
                    } else {
                        for (byte[] id : ids) if (i == null) i = lineage.ticketIssuer(id, true, before, self);
                    }
                }
                if (i != null) issued(c, i);
                else c.resumedFromReason = !earlierTls13.isEmpty() ? encryptedTicketReason(earlierTls13) : "ticket " + OUTSIDE;
            }
            case NONE -> refused(e, lineage, before);
        }
    }

    private static void issued(Connection c, Lineage.Issue i) {
        c.resumedFrom = i.index();
        c.resumedFromFrame = i.frame();
    }

    /** When the issuing frame of a resumed session was captured, from the issuing connection's frames. */
    private static void issueTime(Entry e, IntFunction<Entry> entries) {
        Connection c = e.connection;
        if (c.resumedFrom == null || c.resumedFromFrame == null) return;
        Entry origin = entries.apply(c.resumedFrom);
        if (origin != null && origin.facts != null) c.resumedFromTime = origin.facts.issueTime(c.resumedFromFrame);
    }

    /** The client offered to resume and the server did a full handshake. */
    private static void refused(Entry e, Lineage lineage, long before) {
        LinkFacts t = e.facts;
        Connection c = e.connection;
        if (t.serverHelloFrame < 0) return;
        for (String kind : c.resumptionOffered) {
            switch (kind) {
                case "session_ticket" -> {
                    Lineage.Issue i = lineage.ticketIssuer(t.firstClientHello.sessionTicket(), false, before, c.index);
                    e.findings.add("client offered a session ticket" + (i != null ? " issued by connection " + i.index() : "")
                            + ", server did a full handshake");
                }
                case "session_id" -> {
                    Lineage.Issue i = lineage.sessionIssuer(t.firstClientHello.sessionId(), before, c.index);
                    e.findings.add("client offered a session id" + (i != null ? " issued by connection " + i.index() : "")
                            + ", server did a full handshake");
                }
                case "psk" -> e.findings.add("client offered a PSK, server did a full handshake");
                default -> { }
            }
        }
    }

    static boolean offersTls13(HelloInfo ch) {
        for (int v : ch.supportedVersions) if (v == TlsVersions.TLS13 || (v >> 8) == 0x7f) return true;
        return false;
    }

    /** What the full handshake had and this resumption did not, from the original connection when it is known. */
    private static void skipped(Entry e, IntFunction<Entry> entries) {
        Connection c = e.connection;
        if (c.resumption == Resumption.NONE) return;
        Entry original = original(e, entries);
        List<SkippedMessage> skipped;
        List<SkippedMessage> fromOriginal = original == null ? List.of() : original.facts.skippable;
        if (original != null && (!original.facts.tls13 || !fromOriginal.isEmpty())) {
            // TLS 1.3: what the decrypted full handshake sent, with its sizes.
            skipped = fromOriginal;
        } else if (c.resumption == Resumption.PSK) {
            // Encrypted in TLS 1.3: named from the version, sizes unknown.
            skipped = List.of(new SkippedMessage(HandshakeTypes.CERTIFICATE, ContentTypes.APPLICATION_DATA, false, null),
                    new SkippedMessage(HandshakeTypes.CERTIFICATE_VERIFY, ContentTypes.APPLICATION_DATA, false, null));
        } else {
            skipped = fromSuite(c.cipherSuiteCode);
        }
        c.skipped = List.copyOf(skipped);
        int sum = 0;
        boolean known = !skipped.isEmpty();
        for (SkippedMessage m : skipped) {
            if (m.bytes() == null) known = false;
            else sum += m.bytes();
        }
        c.skippedBytes = known ? sum : null;
        if (c.roundTrips != null) {
            Integer full = original != null ? original.now().roundTrips : null;
            // Without the original: a full TLS <= 1.2 handshake takes two round trips, TLS 1.3 one either way.
            if (full == null) full = c.resumption == Resumption.PSK ? 1 : 2;
            c.roundTripsSaved = full - c.roundTrips;
        }
    }

    /** The full handshake at the root of a resumption's lineage, or null. */
    private static Entry original(Entry e, IntFunction<Entry> entries) {
        Set<Integer> visited = new HashSet<>();
        Entry cur = e;
        while (cur.now().resumedFrom != null && visited.add(cur.now().index)) {
            Entry next = entries.apply(cur.now().resumedFrom);
            if (next == null || next.facts == null) return null;
            if (next.now().resumption == Resumption.NONE) return next;
            cur = next;
        }
        return null;
    }

    /** A TLS &lt;= 1.2 full handshake's messages as the suite implies them. */
    static List<SkippedMessage> fromSuite(int suite) {
        CipherSuiteInfo info = suite < 0 ? null : CipherSuiteInfo.of(suite);
        List<SkippedMessage> out = new ArrayList<>();
        boolean certificate = info == null || switch (info.authentication()) {
            case NULL, PSK, SRP, KRB5, ECCPWD, ECJPAKE -> false;
            default -> true;
        };
        boolean serverKeyExchange = info != null && switch (info.keyExchange()) {
            case DHE, ECDHE, DHE_PSK, ECDHE_PSK, SRP, ECCPWD -> true;
            default -> false;
        };
        if (certificate) out.add(new SkippedMessage(HandshakeTypes.CERTIFICATE, ContentTypes.HANDSHAKE, false, null));
        if (serverKeyExchange) {
            out.add(new SkippedMessage(HandshakeTypes.SERVER_KEY_EXCHANGE, ContentTypes.HANDSHAKE, false, null));
        }
        out.add(new SkippedMessage(HandshakeTypes.SERVER_HELLO_DONE, ContentTypes.HANDSHAKE, false, null));
        out.add(new SkippedMessage(HandshakeTypes.CLIENT_KEY_EXCHANGE, ContentTypes.HANDSHAKE, true, null));
        return out;
    }
}
