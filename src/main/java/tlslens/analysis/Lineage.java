package tlslens.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Who issued what, across the capture: TLS &lt;= 1.2 session ids from ServerHellos, TLS &lt;= 1.2
 * tickets from NewSessionTickets (in the clear), TLS 1.3 tickets (visible only once decrypted).
 * A resumption is linked to the connection whose session or ticket it presents, if that
 * connection issued it earlier in the capture.
 */
final class Lineage {
    /** A session id or ticket, where it was issued (connection index, frame). */
    record Issue(int index, long frame) {}

    private static final HexFormat HEX = HexFormat.of();

    /** Session ids of full handshakes: the connection that created the session. */
    private final Map<Bytes, Issue> sessions = new HashMap<>();
    /** Session ids of any TLS &lt;= 1.2 ServerHello (full or resumed): proof that a ClientHello's id is a real one. */
    private final Map<Bytes, Issue> anySessionId = new HashMap<>();
    private final Map<Bytes, Issue> tickets12 = new HashMap<>();
    private final Map<Bytes, Issue> tickets13 = new HashMap<>();
    /** Tickets and PSK identities presented in ClientHellos: the first connection that presented each. */
    private final Map<Presented, Issue> presented = new HashMap<>();

    private record Presented(String kind, Bytes bytes) {}

    static String key(byte[] b) { return b == null ? "" : HEX.formatHex(b); }

    private static final byte[] NONE = new byte[0];

    /**
     * The bytes themselves as a key (equal when the bytes are, as their hex was): a ticket's hex string
     * cost some 500 bytes per connection while the model of a large capture was built (216,000
     * connections: over 200 MB at once). The arrays are the logs', never changed once logged.
     */
    private static Bytes bytes(byte[] b) { return new Bytes(b == null ? NONE : b); }

    /**
     * A byte array as a key, its hash made once: a ByteBuffer's, read a byte at a time on each
     * lookup, was most of the time linking 54,000 connections took.
     */
    private static final class Bytes {
        private final byte[] b;
        private final int hash;

        Bytes(byte[] b) {
            this.b = b;
            this.hash = Arrays.hashCode(b);
        }

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) { return o instanceof Bytes k && k.hash == hash && Arrays.equals(k.b, b); }
    }

    /**
     * Where each connection stands in the order linking goes (its position among the entries), and
     * the last frame of the model this lineage was made for: set when the lineage is kept for the next
     * model, which adds only the connections new or changed since ({@link Relinking}). Null while
     * linking from scratch.
     */
    private java.util.function.IntUnaryOperator position;
    private long fence;
    private boolean outOfOrder;

    /** From now on, adds are checked against what the connections unchanged since linked ({@link #outOfOrder}). */
    void keep(java.util.function.IntUnaryOperator position, long fence) {
        this.position = position;
        this.fence = fence;
    }

    /**
     * Whether an add since {@link #keep} could change what a connection unchanged since links to: a
     * later connection held the key (the first in order issues it, from scratch), or a new issue is no
     * later than the frames of the model before (a connection unchanged since may ask for it). Then
     * linking must start from scratch.
     */
    boolean outOfOrder() { return outOfOrder; }

    /** putIfAbsent, noting (when kept) an add out of order; {@code issue}: a lookup checks the frame (not for presented). */
    private <K> Issue first(Map<K, Issue> m, K key, Issue i, boolean issue) {
        Issue had = m.putIfAbsent(key, i);
        if (position != null) {
            if (had == null) outOfOrder |= issue && i.frame() <= fence;
            else if (had.index() != i.index()) outOfOrder |= position.applyAsInt(had.index()) > position.applyAsInt(i.index());
        }
        return had;
    }

    void serverSession(byte[] sessionId, int index, long frame, boolean fullHandshake) {
        if (sessionId == null || sessionId.length == 0) return;
        Issue i = new Issue(index, frame);
        first(anySessionId, bytes(sessionId), i, true);
        if (fullHandshake) first(sessions, bytes(sessionId), i, true);
    }

    void ticket(byte[] ticket, boolean tls13, int index, long frame) {
        if (ticket == null || ticket.length == 0) return;
        first(tls13 ? tickets13 : tickets12, bytes(ticket), new Issue(index, frame), true);
    }

    /** The full handshake before {@code beforeFrame} that created this session id, or null. */
    Issue sessionIssuer(byte[] sessionId, long beforeFrame, int self) {
        return earlier(sessions.get(bytes(sessionId)), beforeFrame, self);
    }

    /** Any earlier ServerHello with this session id, or null. */
    Issue sessionSeen(byte[] sessionId, long beforeFrame, int self) {
        return earlier(anySessionId.get(bytes(sessionId)), beforeFrame, self);
    }

    Issue ticketIssuer(byte[] ticket, boolean tls13, long beforeFrame, int self) {
        if (ticket == null || ticket.length == 0) return null;
        return earlier((tls13 ? tickets13 : tickets12).get(bytes(ticket)), beforeFrame, self);
    }

    /** Records that connection {@code index} presented this ticket or identity; returns the first earlier presenter, or null. */
    Issue presented(String kind, byte[] ticket, int index, long frame) {
        if (ticket == null || ticket.length == 0) return null;
        Issue first = first(presented, new Presented(kind, bytes(ticket)), new Issue(index, frame), false);
        return first == null || first.index() == index ? null : first;
    }

    private static Issue earlier(Issue i, long beforeFrame, int self) {
        return i != null && i.frame() < beforeFrame && i.index() != self ? i : null;
    }
}
