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

    /** For the next model made while the file loads; null once taken or let go. */
    private Relinking relinking;

    /**
     * {@code fresh}: the connections not taken as they were from the model before (with {@code canon}
     * the one that model's values went through); all of them when linked from scratch.
     */
    Analysis(List<Connection> connections, int reused, Canon canon, List<Connection> fresh, Relinking relinking) {
        this.connections = List.copyOf(connections);
        this.reused = reused;
        // Equal values shared across the connections (Canon): the model lives as long as the capture is open.
        for (Connection c : fresh) canon.share(c);
        this.relinking = relinking;
        this.keptLinked = this.connections.size() - fresh.size();
    }

    private final int keptLinked;

    /** How many connections were taken as the model before linked them, not linked again (ConnectionAnalyzer.relink). */
    public int keptLinked() { return keptLinked; }

    /** What linking the next model only where it changed needs (once: it is changed in place), or null. */
    synchronized Relinking takeRelinking() {
        Relinking r = relinking;
        relinking = null;
        return r;
    }

    /**
     * Lets go of what linking the next model incrementally needs (some 35 bytes a packet on a large
     * capture): once the file is read no model is remade as frames come.
     */
    public synchronized void letGoOfRelinking() { relinking = null; }

    public List<Connection> connections() { return connections; }

    /** How many connections were taken unchanged from the model before (ConnectionAnalyzer.read), not analysed again. */
    public int reused() { return reused; }
}
