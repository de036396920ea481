package tlslens.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tlslens.analysis.Connection;
import tlslens.analysis.Resumption;
import tlslens.engine.Transport;

/**
 * --connections --format text: one line per connection in the manner of Zeek's ssl.log and
 * ssldump (columns padded to their widest value, "-" for unset), then the findings and the
 * reasons behind unknown values, one per line, keyed by the connection's index (prefixed by its
 * transport for QUIC and DTLS: "quic 0: ...").
 */
final class ConnectionTable {
    static final String[] HEADER = {"index", "transport", "client", "server", "version", "cipher_suite", "sni", "resumption",
        "resumed_from", "handshake_ms"};

    private ConnectionTable() {}

    static String write(List<Connection> connections) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Connection c : connections) rows.add(row(c));
        int[] width = new int[HEADER.length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) line.append("  ");
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        List<String> notes = notes(connections);
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) sb.append(n).append('\n');
        }
        return sb.toString();
    }

    static String[] row(Connection c) {
        return new String[] {
            Integer.toString(c.index()),
            c.transport().label(),
            dash(c.client()),
            dash(c.server()),
            dash(c.version()),
            dash(c.cipherSuite()),
            dash(c.sni()),
            c.tls() ? c.resumption().label() : "-",
            c.resumedFrom() != null ? Integer.toString(c.resumedFrom())
                    : c.tls() && c.resumption() != Resumption.NONE ? "?" : "-",
            c.handshakeMs() == null ? "-" : String.format(Locale.ROOT, "%.3f", c.handshakeMs()),
        };
    }

    private static List<String> notes(List<Connection> connections) {
        List<String> out = new ArrayList<>();
        for (Connection c : connections) {
            String key = (c.transport() == Transport.TCP ? "" : c.transport().label() + " ") + c.index() + ": ";
            if (c.resumedFromReason() != null) out.add(key + "resumed_from unknown: " + c.resumedFromReason());
            for (String f : c.findings()) out.add(key + f);
        }
        return out;
    }

    private static String dash(String s) { return s == null || s.isEmpty() ? "-" : s; }
}
