package tlslens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The summary table of the golden comparisons, printed and written to target/field-agreement.txt. */
final class AgreementReport {
    static final Path FILE = Path.of("target/field-agreement.txt");
    private static final List<String[]> ROWS = new ArrayList<>();
    private static final List<String> DETAILS = new ArrayList<>();

    private AgreementReport() {}

    static synchronized void add(String set, FieldComparison c) {
        ROWS.add(new String[] {set, c.capture, Integer.toString(c.equal), Integer.toString(c.compared),
                c.compared == 0 ? "-" : String.format("%.2f%%", 100.0 * c.equal / c.compared),
                Integer.toString(c.known), c.agrees() ? "" : c.problem != null ? "ERROR" : "DIFF"});
        if (!c.agrees()) DETAILS.add(set + "/" + c.describe());
    }

    static synchronized void addLine(String set, String capture, int equal, int compared, int known, String note) {
        ROWS.add(new String[] {set, capture, Integer.toString(equal), Integer.toString(compared),
                compared == 0 ? "-" : String.format("%.2f%%", 100.0 * equal / compared), Integer.toString(known), note});
    }

    static synchronized void addDetail(String text) { DETAILS.add(text); }

    static synchronized String table() {
        String[] head = {"set", "capture", "cells equal", "cells compared", "agreement", "known", ""};
        int[] w = new int[head.length];
        List<String[]> all = new ArrayList<>();
        all.add(head);
        List<String[]> sorted = new ArrayList<>(ROWS);
        List<String> sets = List.of("ours", "public", "-O tls");
        sorted.sort(java.util.Comparator.<String[]>comparingInt(r -> sets.indexOf(r[0])).thenComparing(r -> r[1]));
        all.addAll(sorted);
        for (String[] r : all) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder("Field agreement with tshark (-T fields, golden/fields.txt)\n");
        long eq = 0, cmp = 0;
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                boolean numeric = i >= 2 && i <= 5;
                String cell = numeric ? " ".repeat(w[i] - r[i].length()) + r[i] : r[i] + " ".repeat(w[i] - r[i].length());
                sb.append(cell).append(i < r.length - 1 ? "  " : "");
            }
            sb.setLength(sb.length() - (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ' ? trailing(sb) : 0));
            sb.append('\n');
            if (r != head) {
                eq += Long.parseLong(r[2]);
                cmp += Long.parseLong(r[3]);
            }
        }
        sb.append(String.format("total: %d/%d cells equal (%.2f%%)%n", eq, cmp, cmp == 0 ? 0.0 : 100.0 * eq / cmp));
        List<String> details = new ArrayList<>(DETAILS);
        details.sort(null);
        for (String d : details) sb.append('\n').append(d).append('\n');
        return sb.toString();
    }

    private static int trailing(StringBuilder sb) {
        int n = 0;
        while (n < sb.length() && sb.charAt(sb.length() - 1 - n) == ' ') n++;
        return n;
    }

    static synchronized void write() throws IOException {
        if (ROWS.isEmpty()) return;
        String t = table();
        System.out.println(t);
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, t);
    }
}
