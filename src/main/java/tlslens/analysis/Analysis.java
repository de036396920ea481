package tlslens.analysis;

import java.util.List;

/**
 * A connection model ({@link #connections()}) with what linking its connections again needs (each
 * TLS connection's {@link LinkFacts}, kept with it): the next analysis takes a connection whose
 * detail the engine has let go of from here ({@link ConnectionAnalyzer#analyze(List, Analysis)}).
 * Immutable; no map is kept (a map per model cost some 50 bytes a connection).
 */
public final class Analysis {
    private final List<Connection> connections;
    private final int reused;

    Analysis(List<Connection> connections, int reused) {
        this.connections = List.copyOf(connections);
        this.reused = reused;
        // Equal values shared across the connections (Canon): the model lives as long as the capture is open.
        Canon canon = new Canon();
        for (Connection c : this.connections) canon.share(c);
    }

    public List<Connection> connections() { return connections; }

    /** How many connections were taken unchanged from the model before (ConnectionAnalyzer.read), not analysed again. */
    public int reused() { return reused; }
}
