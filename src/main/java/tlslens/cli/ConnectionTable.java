package tlslens.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Writes the table line by line: the widths are worked out in a first pass and each row is made
     * again to be printed, so no more than one line is held (300,000 connections made a table of
     * tens of megabytes on top of the connections).
     */
    static void write(List<Connection> connections, PrintStream out) {
        int[] width = new int[HEADER.length];
        widen(width, HEADER);
        for (Connection c : connections) widen(width, row(c));
        out.print(line(HEADER, width));
        for (Connection c : connections) out.print(line(row(c), width));
        boolean first = true;
        for (Connection c : connections) {
            for (String n : notes(c)) {
                if (first) out.print('\n');
                first = false;
                out.print(n + "\n");
            }
        }
    }

    /** The table as text (tests and the fuzz target). */
    static String write(List<Connection> connections) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, false, StandardCharsets.UTF_8);
        write(connections, out);
        out.flush();
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void widen(int[] width, String[] r) {
        for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
    }

    private static String line(String[] r, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
            if (i > 0) line.append("  ");
            line.append(r[i]);
            if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length()));
        }
        return line.toString().stripTrailing() + "\n";
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
            c.handshakeMs() == null ? "-" : ConnectionJson.threeDecimals(c.handshakeMs()),
        };
    }

    /** The findings and the reason behind an unknown resumed_from, keyed by the connection's index. */
    private static List<String> notes(Connection c) {
        List<String> out = new ArrayList<>();
        String key = (c.transport() == Transport.TCP ? "" : c.transport().label() + " ") + c.index() + ": ";
        if (c.resumedFromReason() != null) out.add(key + "resumed_from unknown: " + c.resumedFromReason());
        for (String f : c.findings()) out.add(key + f);
        return out;
    }

    private static String dash(String s) { return s == null || s.isEmpty() ? "-" : s; }
}
