package tlslens.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One object for equal values across a model's connections: tens of thousands of connections to
 * a few servers repeat the same server name and address, extension lists, offered groups and
 * skipped messages, each an object of its own as the analysis made it (some 500 bytes a
 * connection). Only immutable values are shared (strings, boxed numbers, instants, immutable lists,
 * records of them, {@link CodeLengths}).
 */
final class Canon {
    private final Map<Object, Object> seen = new HashMap<>();

    /** The first value equal to {@code v} that went through here (v itself if none); null for null. */
    @SuppressWarnings("unchecked")
    <T> T of(T v) {
        if (v == null) return null;
        Object c = seen.putIfAbsent(v, v);
        return c == null ? v : (T) c;
    }

    /** Equal byte arrays shared (session ids, tickets: never changed once logged); the empty ones too. */
    byte[] bytes(byte[] b) {
        if (b == null) return null;
        Object c = seen.putIfAbsent(java.nio.ByteBuffer.wrap(b), b);
        return c == null ? b : (byte[]) c;
    }

    /** A hello's extensions: shared when the same codes and lengths come in the same order (not only as equal maps). */
    Map<Integer, Integer> extensions(Map<Integer, Integer> m) {
        if (!(m instanceof CodeLengths cl)) return m;
        Object c = seen.putIfAbsent(cl.orderKey(), cl);
        return c == null ? cl : (CodeLengths) c;
    }

    /** An immutable list, its elements shared first; another kind of list (one that may change) stays as it is. */
    <E> List<E> list(List<E> l) {
        if (l == null || l.isEmpty() || List.copyOf(l) != l) return l;
        Object[] elements = l.toArray();
        boolean changed = false;
        for (int i = 0; i < elements.length; i++) {
            Object e = of(elements[i]);
            changed |= e != elements[i];
            elements[i] = e;
        }
        @SuppressWarnings("unchecked")
        List<E> shared = changed ? (List<E>) List.of(elements) : l;
        return of(shared);
    }

    /** Shares {@code c}'s immutable values with the connections canonicalised before it. */
    void share(Connection c) {
        c.server = of(c.server);
        c.sni = of(c.sni);
        c.alpn = of(c.alpn);
        c.version = of(c.version);
        c.cipherSuite = of(c.cipherSuite);
        c.group = of(c.group);
        c.pskMode = of(c.pskMode);
        c.earlyDataReason = of(c.earlyDataReason);
        c.resumedFromReason = of(c.resumedFromReason);
        c.firstTime = of(c.firstTime);
        c.lastTime = of(c.lastTime);
        c.handshakeStart = of(c.handshakeStart);
        c.resumedFromTime = of(c.resumedFromTime);
        c.initialRtt = of(c.initialRtt);
        c.roundTrips = of(c.roundTrips);
        c.skippedBytes = of(c.skippedBytes);
        c.roundTripsSaved = of(c.roundTripsSaved);
        c.decryption = of(c.decryption); // a record, equal for most connections ("no keys")
        c.alpnOffered = list(c.alpnOffered);
        c.resumptionOffered = list(c.resumptionOffered);
        c.keyShareGroupsOffered = list(c.keyShareGroupsOffered);
        c.findings = list(c.findings);
        c.skipped = list(c.skipped);
        if (c.facts != null) c.facts.share(this);
        c.clientHelloExtensions = extensions(c.clientHelloExtensions);
        c.serverHelloExtensions = extensions(c.serverHelloExtensions);
    }
}
