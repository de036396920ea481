package tlslens.ui.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import tlslens.analysis.Connection;
import tlslens.analysis.SkippedMessage;
import tlslens.dissect.tls.HandshakeLog;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;

/**
 * Two handshakes side by side, aligned message by message without reordering either: rows present in
 * both are "same" (or "changed", with the size difference and the hello extensions that differ), a
 * message both sent at different points is "moved" on each side, rows of the left (full) handshake
 * that the right one skipped are "skipped", the rest are "only here" on their side. Alignment is a best-scoring common subsequence over (direction, kind,
 * handshake type); encrypted messages carry no type, so equal sizes break ties (TLS 1.3's Finished has the same
 * size in both, EncryptedExtensions usually too). Alerts are left out: they are not handshake.
 */
public final class ComparisonModel {
    public enum Mark {
        SAME("same"), CHANGED("changed"), MOVED("moved"), SKIPPED("skipped"), ONLY_LEFT("only here"), ONLY_RIGHT("only here");

        private final String label;

        Mark(String label) { this.label = label; }

        public String label() { return label; }
    }

    /**
     * One aligned row. A skipped row's right side is a ghost made from the left row.
     * {@code note} names what a skipped encrypted record was (TLS 1.3: inferred from the count), what a changed
     * row changed ("+208 B (session_ticket)": the size difference and the hello extensions that differ), or where
     * a moved row's counterpart is.
     */
    public record Row(LadderRow left, LadderRow right, Mark mark, String note, int leftStep, int rightStep) {}

    /** Totals of one side. */
    public record Totals(long handshakeBytes, Integer roundTrips, Double handshakeMs, int messages) {}

    private final LadderModel left;
    private final LadderModel right;
    private final List<Row> rows;
    private final boolean reordered;

    private ComparisonModel(LadderModel left, LadderModel right, List<Row> rows, boolean reordered) {
        this.left = left;
        this.right = right;
        this.rows = List.copyOf(rows);
        this.reordered = reordered;
    }

    /**
     * Whether a side's rows appear out of its own order. The alignment never reorders (a message both sides
     * sent at different points is "moved" on each), so this is false; kept for callers that checked it.
     */
    public boolean reordered() { return reordered; }

    /**
     * Aligns the two ladders; by convention the full handshake is on the left and the resumed one on the right.
     * Neither side is reordered: the rows are a best-scoring common subsequence of the two handshakes (partners
     * have the same direction, kind and handshake type), with each side's other rows in the gaps, in its own order.
     */
    public static ComparisonModel of(LadderModel left, LadderModel right) {
        List<LadderRow> a = handshakeRows(left);
        List<LadderRow> b = handshakeRows(right);
        int n = a.size();
        int m = b.size();
        int[][] best = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                int take = partners(a.get(i), b.get(j)) ? score(a.get(i), b.get(j)) + best[i + 1][j + 1] : -1;
                best[i][j] = Math.max(take, Math.max(best[i + 1][j], best[i][j + 1]));
            }
        }
        List<Row> rows = new ArrayList<>();
        List<Integer> leftOnly = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && partners(a.get(i), b.get(j))
                    && best[i][j] == score(a.get(i), b.get(j)) + best[i + 1][j + 1]) {
                rows.add(pair(a.get(i), b.get(j), left.connection(), right.connection(), i + 1, j + 1));
                i++;
                j++;
            } else if (i < n && (j == m || best[i][j] == best[i + 1][j])) {
                leftOnly.add(rows.size());
                rows.add(new Row(a.get(i), null, Mark.ONLY_LEFT, null, i + 1, 0));
                i++;
            } else {
                rows.add(new Row(null, b.get(j), Mark.ONLY_RIGHT, null, 0, j + 1));
                j++;
            }
        }
        moved(rows, leftOnly, left.connection().label(), right.connection().label());
        markSkipped(rows, leftOnly, right.connection());
        return new ComparisonModel(left, right, rows, false);
    }

    /**
     * A message both sides sent at different points (an abbreviated TLS 1.2 handshake: the server finishes
     * first): each stays in its side's order, marked "moved" with a note, the first unmatched of one side
     * paired with the first of the other.
     */
    private static void moved(List<Row> rows, List<Integer> leftOnly, String leftIndex, String rightIndex) {
        List<Integer> rightOnly = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) if (rows.get(k).mark() == Mark.ONLY_RIGHT) rightOnly.add(k);
        for (java.util.Iterator<Integer> it = leftOnly.iterator(); it.hasNext(); ) {
            int li = it.next();
            Row l = rows.get(li);
            for (java.util.Iterator<Integer> jt = rightOnly.iterator(); jt.hasNext(); ) {
                int ri = jt.next();
                Row r = rows.get(ri);
                if (!partners(l.left(), r.right())) continue;
                rows.set(li, new Row(l.left(), null, Mark.MOVED, rightIndex + " sent it at another point of its "
                        + "handshake (its step " + r.rightStep() + "): each side keeps its own order", l.leftStep(), 0));
                rows.set(ri, new Row(null, r.right(), Mark.MOVED, leftIndex + " sent it at another point of its "
                        + "handshake (its step " + l.leftStep() + "): each side keeps its own order", 0, r.rightStep()));
                jt.remove();
                it.remove();
                break;
            }
        }
    }

    private static boolean partners(LadderRow x, LadderRow y) { return key(x).equals(key(y)); }

    /** Partners: "same" when their sizes are equal, else "changed" with what differs. */
    private static Row pair(LadderRow l, LadderRow r, Connection lc, Connection rc, int leftStep, int rightStep) {
        if (java.util.Objects.equals(l.bytes(), r.bytes()) || l.bytes() == null || r.bytes() == null) {
            return new Row(l, r, Mark.SAME, null, leftStep, rightStep);
        }
        long diff = (long) r.bytes() - l.bytes();
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "%+,d B", diff));
        List<String> ext = List.of();
        if (r.is(HandshakeTypes.CLIENT_HELLO)) ext = extensionsThatDiffer(lc.clientHelloExtensions(), rc.clientHelloExtensions());
        else if (r.is(HandshakeTypes.SERVER_HELLO)) ext = extensionsThatDiffer(lc.serverHelloExtensions(), rc.serverHelloExtensions());
        if (!ext.isEmpty()) note.append(" (").append(String.join(", ", ext)).append(')');
        return new Row(l, r, Mark.CHANGED, note.toString(), leftStep, rightStep);
    }

    /** Names of the extensions present on one side only or with another length, in wire order (left's first). */
    static List<String> extensionsThatDiffer(java.util.Map<Integer, Integer> left, java.util.Map<Integer, Integer> right) {
        java.util.Set<Integer> codes = new java.util.LinkedHashSet<>(left.keySet());
        codes.addAll(right.keySet());
        List<String> out = new ArrayList<>();
        for (int code : codes) {
            if (!java.util.Objects.equals(left.get(code), right.get(code))) out.add(ExtensionTypes.nameOrUnknown(code));
        }
        return out;
    }

    /** What partners share. SSLv2 message types are another registry than TLS's, so they count apart. */
    private static String key(LadderRow r) {
        return r.fromClient() + "|" + r.kind() + "|" + r.handshakeType() + "|" + (r.contentType() == HandshakeLog.SSL2_RECORD);
    }

    private static List<LadderRow> handshakeRows(LadderModel l) {
        List<LadderRow> out = new ArrayList<>();
        Double end = l.connection().handshakeMs();
        for (LadderRow r : l.rows()) {
            if (r.ghost() || r.kind() == LadderRow.Kind.ALERT) continue;
            if (end != null && r.timeMs() != null && r.timeMs() > end) continue;
            out.add(r);
        }
        return out;
    }

    private static int score(LadderRow x, LadderRow y) {
        if (x.kind() == LadderRow.Kind.ENCRYPTED) return java.util.Objects.equals(x.bytes(), y.bytes()) ? 3 : 1;
        return 3;
    }

    /** Left-only rows that the right connection's skipped list names (by type, or by count for encrypted ones). */
    private static void markSkipped(List<Row> rows, List<Integer> leftOnly, Connection resumed) {
        List<SkippedMessage> skipped = new ArrayList<>(resumed.skipped());
        if (skipped.isEmpty()) return;
        List<Integer> encrypted = new ArrayList<>();
        for (int idx : leftOnly) {
            LadderRow l = rows.get(idx).left();
            SkippedMessage hit = null;
            for (SkippedMessage s : skipped) {
                if (s.fromClient() == l.fromClient() && l.is(s.handshakeType())) {
                    hit = s;
                    break;
                }
            }
            if (hit != null) {
                skipped.remove(hit);
                rows.set(idx, new Row(l, ghostOf(l), Mark.SKIPPED, null, rows.get(idx).leftStep(), 0));
            } else if (l.kind() == LadderRow.Kind.ENCRYPTED) {
                encrypted.add(idx);
            }
        }
        // TLS 1.3 without keys: as many extra encrypted server records as skipped messages are those messages.
        List<SkippedMessage> rest = new ArrayList<>();
        for (SkippedMessage s : skipped) if (!s.fromClient()) rest.add(s);
        List<Integer> server = new ArrayList<>();
        for (int idx : encrypted) if (!rows.get(idx).left().fromClient()) server.add(idx);
        if (!rest.isEmpty() && server.size() == rest.size()) {
            for (int k = 0; k < server.size(); k++) {
                int idx = server.get(k);
                LadderRow l = rows.get(idx).left();
                // The ghost takes the skipped message's name; the left keeps what the wire showed.
                SkippedMessage m = rest.get(k);
                LadderRow ghost = new LadderRow(LadderRow.Kind.GHOST, l.fromClient(), m.contentType(), m.handshakeType(),
                        m.message() + " (inferred)", l.bytes(), null, -1, l.flight(), false, l.wireEncrypted());
                rows.set(idx, new Row(l, ghost, Mark.SKIPPED, "inferred: " + m.message()
                        + " is encrypted; the extra encrypted records of the full handshake are counted as the skipped messages",
                        rows.get(idx).leftStep(), 0));
            }
        }
    }

    private static LadderRow ghostOf(LadderRow l) {
        return new LadderRow(LadderRow.Kind.GHOST, l.fromClient(), l.contentType(), l.handshakeType(), l.label(), l.bytes(),
                null, -1, l.flight(), false, l.wireEncrypted());
    }

    public LadderModel left() { return left; }

    public LadderModel right() { return right; }

    public List<Row> rows() { return rows; }

    public Totals leftTotals() { return totals(left, rows, true); }

    public Totals rightTotals() { return totals(right, rows, false); }

    private static Totals totals(LadderModel l, List<Row> rows, boolean leftSide) {
        int messages = 0;
        for (Row r : rows) {
            LadderRow x = leftSide ? r.left() : r.right();
            if (x != null && !x.ghost()) messages++;
        }
        Connection c = l.connection();
        return new Totals(LadderModel.handshakeBytes(c), c.roundTrips(), c.handshakeMs(), messages);
    }

    public long count(Mark mark) {
        return rows.stream().filter(r -> r.mark() == mark).count();
    }

    /**
     * The headline: "#3 vs #2: saved 1,180 B of handshake messages (52 %): Certificate (916 B) and Certificate
     * Verify (264 B) not sent, no signature made or checked; same round trips (1); 0-RTT early data would ...;
     * took 49.055 ms longer: Client Hello → Server Hello went from 10.947 ms to 60.861 ms". What was saved first
     * (bytes, round trips, the work a resumption skips), then the time difference said neutrally, with the gap
     * that grew or shrank most.
     */
    public String savings() {
        Totals a = leftTotals();
        Totals b = rightTotals();
        Connection resumed = right.connection();
        List<String> parts = new ArrayList<>();
        long bytes = a.handshakeBytes() - b.handshakeBytes();
        String bytesText = bytes >= 0
                ? "saved " + LadderRow.formatBytes(bytes) + " of handshake messages" + percent(bytes, a.handshakeBytes())
                : LadderRow.formatBytes(-bytes) + " more handshake messages";
        String work = skippedWork(resumed);
        parts.add(work == null ? bytesText : bytesText + ": " + work);
        if (a.roundTrips() != null && b.roundTrips() != null) {
            int rt = a.roundTrips() - b.roundTrips();
            if (rt > 0) parts.add(rt + (rt == 1 ? " round trip saved" : " round trips saved"));
            else if (rt == 0) parts.add("same round trips (" + a.roundTrips() + ")");
            else parts.add(-rt + (rt == -1 ? " more round trip" : " more round trips"));
        }
        if (resumed.resumption() == tlslens.analysis.Resumption.PSK) {
            if (resumed.earlyDataOffered()) {
                Boolean ok = resumed.earlyData();
                parts.add("0-RTT early data sent with the Client Hello" + (ok == null ? " (acceptance unknown)"
                        : ok ? ", accepted: the request left one round trip earlier" : ", rejected by the server"));
            } else {
                parts.add("0-RTT early data would have let the client send its request with the Client Hello, "
                        + "one round trip before the handshake completes");
            }
        }
        if (a.handshakeMs() != null && b.handshakeMs() != null) {
            double ms = b.handshakeMs() - a.handshakeMs();
            String t = String.format(Locale.ROOT, "took %.3f ms %s (%.3f ms vs %.3f ms)", Math.abs(ms),
                    ms > 0 ? "longer" : "less", b.handshakeMs(), a.handshakeMs());
            // A slower resumption: say where the time went (server think time, not the protocol).
            String gap = ms > 0 ? biggestGapChange(ms) : null;
            parts.add(gap == null ? t : t + ": " + gap);
        }
        return resumed.label() + " vs " + left.connection().label() + ": " + String.join("; ", parts);
    }

    /** The resumed handshake took longer than the full one: its headline is not a saving. */
    public boolean slower() {
        Double x = leftTotals().handshakeMs();
        Double y = rightTotals().handshakeMs();
        return x != null && y != null && y > x;
    }

    /** What a resumption does not do: "Certificate (916 B) and Certificate Verify (264 B) not sent, no signature ...". */
    private static String skippedWork(Connection resumed) {
        List<SkippedMessage> skipped = resumed.skipped();
        if (skipped.isEmpty()) return null;
        List<String> names = new ArrayList<>();
        boolean signature = false;
        boolean keyExchange = false;
        for (SkippedMessage m : skipped) {
            names.add(m.message() + (m.bytes() != null ? " (" + LadderRow.formatBytes(m.bytes()) + ")" : ""));
            if (m.handshakeType() == HandshakeTypes.CERTIFICATE_VERIFY || m.handshakeType() == HandshakeTypes.SERVER_KEY_EXCHANGE) {
                signature = true;
            }
            if (m.handshakeType() == HandshakeTypes.CLIENT_KEY_EXCHANGE) keyExchange = true;
        }
        StringBuilder sb = new StringBuilder(join(names)).append(" not sent");
        if (skipped.stream().anyMatch(m -> m.handshakeType() == HandshakeTypes.CERTIFICATE)) {
            sb.append(", no certificate chain to validate");
        }
        if (signature) sb.append(", no signature to make or check");
        if (keyExchange) sb.append(", no key exchange");
        return sb.toString();
    }

    /**
     * Where the time difference went: between consecutive rows present on both sides, the gap whose change is
     * largest in the direction of the total ("Client Hello → Server Hello went from 10.947 ms to 60.861 ms").
     */
    private String biggestGapChange(double total) {
        Row prev = null;
        String best = null;
        double bestChange = 0;
        for (Row r : rows) {
            if (r.left() == null || r.right() == null || r.right().ghost() || r.left().timeMs() == null
                    || r.right().timeMs() == null) continue;
            if (prev != null) {
                double gl = r.left().timeMs() - prev.left().timeMs();
                double gr = r.right().timeMs() - prev.right().timeMs();
                double change = gr - gl;
                if (Math.signum(change) == Math.signum(total) && Math.abs(change) > Math.abs(bestChange)) {
                    bestChange = change;
                    best = String.format(Locale.ROOT, "%s → %s went from %.3f ms to %.3f ms", prev.left().label(),
                            r.left().label(), gl, gr);
                }
            }
            prev = r;
        }
        return best;
    }

    /** "a", "a and b", "a, b and c". */
    private static String join(List<String> parts) {
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String percent(double part, double whole) {
        return whole > 0 ? String.format(Locale.ROOT, " (%.0f %%)", 100 * Math.abs(part) / whole) : "";
    }

    /** Rows as "mark | left | right" lines, for tests and the clipboard. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.mark().name() + " | " + (r.left() == null ? "" : r.left().label()) + " | "
                    + (r.right() == null ? "" : r.right().label()));
        }
        return Collections.unmodifiableList(out);
    }
}
