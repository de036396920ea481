package tlslens.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cell-by-cell comparison of two "-T fields -E header=y" outputs (tshark's and ours). Rows are
 * matched by position; a missing row or cell counts as a difference. Cells listed in the known
 * divergences are counted apart and do not fail the comparison.
 */
final class FieldComparison {
    static final int DIFFERENCES_SHOWN = 10;

    record Difference(String frame, String field, String expected, String actual) {
        @Override public String toString() {
            return "frame " + frame + " " + field + ": tshark \"" + expected + "\", tlslens \"" + actual + "\"";
        }
    }

    final String capture;
    int equal;
    int compared;
    int known;
    int differing;
    final List<Difference> first = new ArrayList<>();
    String problem;

    private FieldComparison(String capture) { this.capture = capture; }

    boolean agrees() { return problem == null && differing == 0; }

    static FieldComparison compare(String capture, String expected, String actual, KnownDivergences knownList) {
        FieldComparison c = new FieldComparison(capture);
        List<String[]> exp = rows(expected);
        List<String[]> act = rows(actual);
        if (exp.isEmpty()) {
            c.problem = "the tshark output is empty";
            return c;
        }
        String[] header = exp.get(0);
        if (act.isEmpty() || !String.join("\t", act.get(0)).equals(String.join("\t", header))) {
            c.problem = "header differs: " + (act.isEmpty() ? "<none>" : String.join("\t", act.get(0)));
            return c;
        }
        int frameCol = List.of(header).indexOf("frame.number");
        int rows = Math.max(exp.size(), act.size());
        for (int r = 1; r < rows; r++) {
            String[] e = r < exp.size() ? exp.get(r) : null;
            String[] a = r < act.size() ? act.get(r) : null;
            String frame = frameCol >= 0 && e != null && frameCol < e.length ? e[frameCol]
                    : frameCol >= 0 && a != null && frameCol < a.length ? a[frameCol] : "row " + r;
            for (int col = 0; col < header.length; col++) {
                String ev = e == null ? "<no row>" : col < e.length ? e[col] : "";
                String av = a == null ? "<no row>" : col < a.length ? a[col] : "";
                c.compared++;
                if (ev.equals(av)) {
                    c.equal++;
                } else if (knownList.covers(capture, header[col], frame)) {
                    c.known++;
                } else {
                    c.differing++;
                    if (c.first.size() < DIFFERENCES_SHOWN) c.first.add(new Difference(frame, header[col], ev, av));
                }
            }
        }
        return c;
    }

    private static List<String[]> rows(String tsv) {
        List<String[]> rows = new ArrayList<>();
        if (tsv.isEmpty()) return rows;
        String body = tsv.endsWith("\n") ? tsv.substring(0, tsv.length() - 1) : tsv;
        for (String line : body.split("\n", -1)) rows.add(line.split("\t", -1));
        return rows;
    }

    String describe() {
        StringBuilder sb = new StringBuilder(capture).append(": ").append(equal).append('/').append(compared)
                .append(" cells equal");
        if (known > 0) sb.append(", ").append(known).append(" known divergences");
        if (problem != null) sb.append("\n    ").append(problem);
        for (Difference d : first) sb.append("\n    ").append(d);
        if (differing > first.size()) sb.append("\n    ... ").append(differing - first.size()).append(" more");
        return sb.toString();
    }
}
