package tlslens.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection model ({@link #connections()}) with what linking its connections again needs, by
 * {@link Connection#key()}: the next analysis takes a connection whose detail the engine has let
 * go of from here ({@link ConnectionAnalyzer#analyze(List, Analysis)}). Immutable.
 */
public final class Analysis {
    private final List<Connection> connections;
    private final Map<Integer, Connection> byKey = new HashMap<>();
    private final Map<Integer, LinkFacts> facts;

    Analysis(List<Connection> connections, Map<Integer, LinkFacts> facts) {
        this.connections = List.copyOf(connections);
        for (Connection c : this.connections) byKey.put(c.key(), c);
        this.facts = facts;
    }

    public List<Connection> connections() { return connections; }

    Connection connection(int key) { return byKey.get(key); }

    LinkFacts facts(int key) { return facts.get(key); }
}
