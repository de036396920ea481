package tlslens.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection model ({@link #connections()}) with what linking its connections again needs (each
 * TLS connection's {@link LinkFacts}, kept with it): the next analysis takes a connection whose
 * detail the engine has let go of from here ({@link ConnectionAnalyzer#analyze(List, Analysis)}).
 * Immutable; no map is kept (the next analysis makes one while it runs: a map per model cost some
 * 50 bytes a connection).
 */
public final class Analysis {
    private final List<Connection> connections;

    Analysis(List<Connection> connections) {
        this.connections = List.copyOf(connections);
        // Equal values shared across the connections (Canon): the model lives as long as the capture is open.
        Canon canon = new Canon();
        for (Connection c : this.connections) canon.share(c);
    }

    public List<Connection> connections() { return connections; }

    /** The connections by {@link Connection#key()}, made for one analysis. */
    Map<Integer, Connection> byKey() {
        Map<Integer, Connection> m = new HashMap<>(connections.size() * 2);
        for (Connection c : connections) m.put(c.key(), c);
        return m;
    }
}
