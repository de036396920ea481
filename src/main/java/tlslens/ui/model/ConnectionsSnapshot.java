package tlslens.ui.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import tlslens.capture.FrameTimes;
import tlslens.analysis.Analysis;
import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.analysis.HandshakeStep;
import tlslens.analysis.Resumption;
import tlslens.dissect.tls.names.HandshakeTypes;

/**
 * The connection model of a capture at one moment, with what the window needs besides it: where
 * each resumed session was issued (the origin's ticket or ServerHello frame) and that frame's time
 * since the start of the capture. Built off the FX thread; immutable. Connections are named by
 * their {@link Connection#key()} (unique across TCP, QUIC and DTLS).
 */
public final class ConnectionsSnapshot {
    /** Where a resumption's session came from: the issuing frame and its time since the capture start (null if unknown). */
    public record Issue(long frame, Double seconds) {}

    public static final ConnectionsSnapshot EMPTY = new ConnectionsSnapshot(List.of(),
            tlslens.analysis.ConnectionLookup.of(List.of(), Connection::key), Map.of(), 0);

    private final List<Connection> connections;
    private final tlslens.analysis.ConnectionLookup byIndex;
    private final Map<Integer, Issue> issues;
    private final int frameCount;

    /** {@code byIndex}: the connections by key, made by the caller (54,000 connections: a map made once, not twice). */
    private ConnectionsSnapshot(List<Connection> connections, tlslens.analysis.ConnectionLookup byIndex, Map<Integer, Issue> issues,
            int frameCount) {
        this.connections = List.copyOf(connections);
        this.byIndex = byIndex;
        this.issues = Map.copyOf(issues);
        this.frameCount = frameCount;
        this.decryption = DecryptionTally.of(this.connections);
    }

    /** The connections' decryption, counted where the snapshot is built (off the FX thread). */
    private final DecryptionTally decryption;

    public DecryptionTally decryptionTally() { return decryption; }

    /**
     * @param frameTime the capture time of a frame number (null when unknown)
     * @param start     the capture's first frame time
     * @param frameCount frames the model was built from (tells a live view whether it is stale)
     */
    public static ConnectionsSnapshot of(List<Connection> connections, Instant start, LongFunction<Instant> frameTime,
                                         int frameCount) {
        tlslens.analysis.ConnectionLookup byIndex = tlslens.analysis.ConnectionLookup.of(connections, Connection::key);
        Map<Integer, Issue> issues = new HashMap<>();
        for (Connection c : connections) {
            if (c.resumedFrom() == null) continue;
            Connection origin = byIndex.get(c.resumedFromKey());
            long frame = origin == null ? -1 : issueFrame(origin, c.resumption());
            if (frame < 0) continue;
            Instant t = frameTime.apply(frame);
            Double s = t == null || start == null ? null : FrameTimes.seconds(Duration.between(start, t));
            issues.put(c.key(), new Issue(frame, s));
        }
        return new ConnectionsSnapshot(connections, byIndex, issues, frameCount);
    }

    /**
     * Analyses the index's connections as they are now (call off the FX thread). The index is held
     * only while the connections are read, each on its own: those without a frame since the last
     * model made of this index are taken from it (ConnectionAnalyzer.read), so a model remade while a
     * file loads costs the connections that changed; linking them all, and the rest, run after the
     * index is let go (the loader does not wait). Once the file is read, the index's engine then lets
     * go of the connections' TLS logs, and the next call takes them from this analysis (only
     * connections dissected again for new keys are analysed afresh; all are linked again).
     */
    public static ConnectionsSnapshot of(tlslens.engine.CaptureIndex index) {
        long[] revision = new long[1];
        tlslens.dissect.tls.decrypt.TlsSecrets[] secrets = new tlslens.dissect.tls.decrypt.TlsSecrets[1];
        int[] frames = new int[1];
        ConnectionAnalyzer.Unlinked read = index.withConnections(states -> {
            revision[0] = index.revision();
            secrets[0] = index.secrets();
            frames[0] = index.frameCount();
            // Connections whose detail the engine let go of are taken from the model made before (CaptureIndex.forgetConnectionDetail).
            return ConnectionAnalyzer.read(states, index.connectionModel() instanceof Analysis before ? before : null,
                    index.modelToUpdate() instanceof Analysis last ? last : null);
        });
        Analysis a = ConnectionAnalyzer.link(read);
        index.modelMade(a, revision[0], secrets[0], frames[0]);
        index.forgetConnectionDetail(a, revision[0], frames[0]);
        if (index.connectionModel() == a) a.letGoOfRelinking(); // the file is read: no model is remade as frames come
        return of(a.connections(), index.firstTime(), f -> f >= 1 && f <= index.frameCount() ? index.time((int) f) : null,
                frames[0]);
    }

    /**
     * The frame in which the origin issued the session: its (first) NewSessionTicket for a ticket
     * or PSK, its ServerHello for a session id. The analysis links connections, not frames; with
     * several tickets from one origin this names the first.
     */
    static long issueFrame(Connection origin, Resumption how) {
        int wanted = how == Resumption.SESSION_ID ? HandshakeTypes.SERVER_HELLO : HandshakeTypes.NEW_SESSION_TICKET;
        for (HandshakeStep s : origin.handshake()) {
            if (!s.fromClient() && s.is(wanted)) return s.frame();
        }
        return -1;
    }

    public List<Connection> connections() { return connections; }

    /** The connection of this {@link Connection#key()}, or null. */
    public Connection connection(int key) { return byIndex.get(key); }

    /** The issue of connection {@code index} (a key)'s resumed session, or null. */
    public Issue issue(int index) { return issues.get(index); }

    public int frameCount() { return frameCount; }

    /** The connection of a packet's tcp.stream (the connection index is the stream), or null. */
    public Connection forStream(int tcpStream) { return tcpStream < 0 ? null : byIndex.get(tcpStream); }

    /**
     * The QUIC connection or DTLS association a frame outside TCP belongs to: the one with a handshake
     * step in it, else the latest one whose frames span it; null when none.
     */
    public Connection forUdpFrame(long frame) {
        Connection spanning = null;
        for (Connection c : connections) {
            if (c.transport() == tlslens.engine.Transport.TCP) continue;
            for (HandshakeStep s : c.handshake()) if (s.frame() == frame) return c;
            if (c.firstFrame() <= frame && frame <= c.lastFrame()) spanning = c;
        }
        return spanning;
    }

    /**
     * What to compare connection {@code index} with by default: the connection it resumed from;
     * without a proven origin (TLS 1.3 tickets without keys), the latest earlier full handshake
     * with the same server and version (a likely origin, see {@link #provenOrigin}); else null.
     */
    public Integer compareTarget(int index) {
        Connection c = byIndex.get(index);
        if (c == null || c.resumption() == Resumption.NONE) return null;
        if (c.resumedFrom() != null) return c.resumedFromKey();
        Integer best = null;
        for (Connection o : connections) {
            if (o.key() == index || o.firstFrame() >= c.firstFrame() || o.resumption() != Resumption.NONE) continue;
            // Without keys QUIC may not show the client's Handshake packets: a ServerHello is enough there.
            boolean full = o.handshakeMs() != null || o.transport() == tlslens.engine.Transport.QUIC && o.version() != null;
            if (!full || !java.util.Objects.equals(o.server(), c.server())
                    || o.versionCode() != c.versionCode() || o.transport() != c.transport()) continue;
            best = o.key();
        }
        return best;
    }

    /** True when {@link #compareTarget} is the proven origin, not a guess. */
    public boolean provenOrigin(int index) {
        Connection c = byIndex.get(index);
        return c != null && c.resumedFrom() != null;
    }

    /** The ladder of connection {@code index} (null when there is no such connection). */
    public LadderModel ladder(int index) {
        Connection c = byIndex.get(index);
        return c == null ? null : LadderModel.of(c, issue(index));
    }
}
