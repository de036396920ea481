package tlslens.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model keeps so that the next one, made while the same file loads, links only the TCP
 * connections new or changed since (ConnectionAnalyzer.relink): the lineage of all its TCP
 * connections (who issued and presented what, first in order), their places in that order, the
 * last frame any of them had, and the {@link Canon} their values went through. Linking and sharing
 * 54,000 connections anew was most of what the last model made after the load cost.
 * Taken once ({@link Analysis#takeRelinking}): the next model changes it in place.
 */
final class Relinking {
    final Lineage lineage;
    final Canon canon;
    /** The TCP connections as linked, in order. */
    final List<Connection> tcp;
    /** Where each TCP connection (by index) is in {@link #tcp}. */
    final Map<Integer, Integer> positions;
    /** The last frame of any connection in {@link #tcp}. */
    final long fence;

    Relinking(Lineage lineage, Canon canon, List<Connection> tcp, Map<Integer, Integer> positions) {
        this.lineage = lineage;
        this.canon = canon;
        this.tcp = tcp;
        this.positions = positions;
        long last = 0;
        for (Connection c : tcp) last = Math.max(last, c.lastFrame);
        this.fence = last;
        lineage.keep(i -> positions.getOrDefault(i, Integer.MAX_VALUE), fence);
    }

    /** The places of connections in order, by index. */
    static Map<Integer, Integer> positions(List<Connection> tcp) {
        Map<Integer, Integer> m = new HashMap<>(tcp.size() * 2);
        for (int i = 0; i < tcp.size(); i++) m.putIfAbsent(tcp.get(i).index, i);
        return m;
    }
}
