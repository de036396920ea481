package tlslens.ui.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import tlslens.analysis.Connection;
import tlslens.analysis.SkippedMessage;
import tlslens.dissect.tls.HandshakeLog;

/**
 * Two handshakes side by side, aligned message by message: rows present in both are "same",
 * rows of the left (full) handshake that the right one skipped are "skipped", the rest are "only
 * here" on their side. Alignment is a best-scoring common subsequence over (direction, kind,
 * handshake type); encrypted messages carry no type, so equal sizes break ties (TLS 1.3's Finished has the same
 * size in both, EncryptedExtensions usually too). Alerts are left out: they are not handshake.
 */
public final class ComparisonModel {
    public enum Mark {
        SAME("same"), SKIPPED("skipped"), ONLY_LEFT("only here"), ONLY_RIGHT("only here");

        private final String label;

        Mark(String label) { this.label = label; }

        public String label() { return label; }
    }

    /**
     * One aligned row. A skipped row's right side is a ghost made from the left row.
     * {@code note} names what a skipped encrypted record was (TLS 1.3: inferred from the count).
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
     * The right side sent some messages in another order than the left (an abbreviated TLS 1.2
     * handshake: the server's ChangeCipherSpec and Finished come before the client's); its rows
     * then carry their step numbers.
     */
    public boolean reordered() { return reordered; }

    /** Aligns the two ladders; by convention the full handshake is on the left and the resumed one on the right. */
    public static ComparisonModel of(LadderModel left, LadderModel right) {
        List<LadderRow> a = handshakeRows(left);
        List<LadderRow> b = handshakeRows(right);
        int[] match = match(a, b);
        int[] matchedBy = new int[b.size()];
        java.util.Arrays.fill(matchedBy, -1);
        for (int i = 0; i < a.size(); i++) if (match[i] >= 0) matchedBy[match[i]] = i;
        // Rows in the left's order; a right-only row goes after the row that holds its predecessor on the right.
        List<Row> rows = new ArrayList<>();
        List<Integer> leftOnly = new ArrayList<>();
        int[] rowOfRight = new int[b.size()];
        List<List<Integer>> after = new ArrayList<>();
        for (int i = 0; i <= a.size(); i++) after.add(new ArrayList<>());
        for (int j = 0; j < b.size(); j++) {
            if (matchedBy[j] >= 0) continue;
            int anchor = -1; // index into a, -1: before everything
            for (int k = j - 1; k >= 0 && anchor < 0; k--) if (matchedBy[k] >= 0) anchor = matchedBy[k];
            after.get(anchor + 1).add(j);
        }
        for (int i = 0; i <= a.size(); i++) {
            if (i > 0) {
                LadderRow l = a.get(i - 1);
                if (match[i - 1] >= 0) {
                    rowOfRight[match[i - 1]] = rows.size();
                    rows.add(new Row(l, b.get(match[i - 1]), Mark.SAME, null, i, match[i - 1] + 1));
                } else {
                    leftOnly.add(rows.size());
                    rows.add(new Row(l, null, Mark.ONLY_LEFT, null, i, 0));
                }
            }
            for (int j : after.get(i)) {
                rowOfRight[j] = rows.size();
                rows.add(new Row(null, b.get(j), Mark.ONLY_RIGHT, null, 0, j + 1));
            }
        }
        markSkipped(rows, leftOnly, right.connection());
        boolean reordered = false;
        for (int j = 1; j < b.size(); j++) if (rowOfRight[j] < rowOfRight[j - 1]) reordered = true;
        return new ComparisonModel(left, right, rows, reordered);
    }

    /**
     * For each left row the index of its right partner, or -1. Partners have the same direction,
     * kind and handshake type; within one such group the order is kept on both sides and a best-scoring
     * common subsequence picks the pairs (encrypted records of equal size score higher).
     */
    private static int[] match(List<LadderRow> a, List<LadderRow> b) {
        int[] out = new int[a.size()];
        java.util.Arrays.fill(out, -1);
        java.util.Map<String, List<Integer>> ga = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Integer>> gb = new java.util.LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) ga.computeIfAbsent(key(a.get(i)), k -> new ArrayList<>()).add(i);
        for (int j = 0; j < b.size(); j++) gb.computeIfAbsent(key(b.get(j)), k -> new ArrayList<>()).add(j);
        for (var e : ga.entrySet()) {
            List<Integer> x = e.getValue();
            List<Integer> y = gb.getOrDefault(e.getKey(), List.of());
            int n = x.size();
            int m = y.size();
            int[][] best = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    int take = score(a.get(x.get(i)), b.get(y.get(j))) + best[i + 1][j + 1];
                    best[i][j] = Math.max(take, Math.max(best[i + 1][j], best[i][j + 1]));
                }
            }
            int i = 0;
            int j = 0;
            while (i < n && j < m) {
                int s = score(a.get(x.get(i)), b.get(y.get(j)));
                if (best[i][j] == s + best[i + 1][j + 1]) out[x.get(i++)] = y.get(j++);
                else if (best[i][j] == best[i + 1][j]) i++;
                else j++;
            }
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
                        m.message() + " (inferred)", l.bytes(), null, -1, l.flight(), false);
                rows.set(idx, new Row(l, ghost, Mark.SKIPPED, "inferred: " + m.message()
                        + " is encrypted; the extra encrypted records of the full handshake are counted as the skipped messages",
                        rows.get(idx).leftStep(), 0));
            }
        }
    }

    private static LadderRow ghostOf(LadderRow l) {
        return new LadderRow(LadderRow.Kind.GHOST, l.fromClient(), l.contentType(), l.handshakeType(), l.label(), l.bytes(),
                null, -1, l.flight(), false);
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
     * "#1 vs #0: saved 1,212 B of handshake messages (70 %), 1 round trip and 11.074 ms (90 %)"; what
     * the right side did not save follows ("; same round trips (1) and 49.055 ms slower").
     */
    public String savings() {
        Totals a = leftTotals();
        Totals b = rightTotals();
        List<String> saved = new ArrayList<>();
        List<String> not = new ArrayList<>();
        long bytes = a.handshakeBytes() - b.handshakeBytes();
        if (bytes >= 0) saved.add(LadderRow.formatBytes(bytes) + " of handshake messages" + percent(bytes, a.handshakeBytes()));
        else not.add(LadderRow.formatBytes(-bytes) + " more handshake messages");
        if (a.roundTrips() != null && b.roundTrips() != null) {
            int rt = a.roundTrips() - b.roundTrips();
            if (rt > 0) saved.add(rt + (rt == 1 ? " round trip" : " round trips"));
            else if (rt == 0) not.add("same round trips (" + a.roundTrips() + ")");
            else not.add(-rt + (rt == -1 ? " more round trip" : " more round trips"));
        }
        if (a.handshakeMs() != null && b.handshakeMs() != null) {
            double ms = a.handshakeMs() - b.handshakeMs();
            if (ms >= 0) saved.add(String.format(Locale.ROOT, "%.3f ms", ms) + percent(ms, a.handshakeMs()));
            else not.add(String.format(Locale.ROOT, "%.3f ms slower", -ms));
        }
        StringBuilder sb = new StringBuilder("#" + right.connection().index() + " vs #" + left.connection().index() + ": ");
        if (!saved.isEmpty()) sb.append("saved ").append(join(saved));
        if (!not.isEmpty()) sb.append(saved.isEmpty() ? "" : "; ").append(join(not));
        return sb.toString();
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
