package tlslens.dissect.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tlslens.dissect.FieldDef;
import tlslens.dissect.registry.FieldRegistry;

/**
 * The names a display filter may use, read from the field registry: protocol aliases
 * (Wireshark's old {@code ssl} for {@code tls}, as tshark 4.0 still accepts it), names that begin
 * with what was typed (the filter bar's completion), and the nearest name to a misspelt one.
 */
public final class FieldNames {
    /** Wireshark's proto_register_alias: the old protocol name, and the one it now means. */
    private static final String[][] ALIASES = {{"ssl", "tls"}};

    private static volatile List<String> names;

    private FieldNames() {}

    /**
     * The registered name {@code name} stands for: {@code ssl} and {@code ssl.*} are {@code tls} and
     * {@code tls.*}; any other name is itself. Only display filters and -O follow aliases; tshark's
     * -e does not.
     */
    public static String canonical(String name) {
        for (String[] a : ALIASES) {
            if (name.equals(a[0])) return a[1];
            if (name.startsWith(a[0] + ".")) return a[1] + name.substring(a[0].length());
        }
        return name;
    }

    /** Every protocol name (the first part of a field's name) and every field name, protocols first. */
    public static List<String> all() {
        List<String> n = names;
        if (n == null) {
            Set<String> protocols = new LinkedHashSet<>();
            Set<String> fields = new LinkedHashSet<>();
            for (FieldDef f : FieldRegistry.all()) {
                int dot = f.abbrev.indexOf('.');
                protocols.add(dot < 0 ? f.abbrev : f.abbrev.substring(0, dot));
                fields.add(f.abbrev);
            }
            fields.removeAll(protocols);
            List<String> all = new ArrayList<>(protocols);
            all.addAll(fields);
            names = n = List.copyOf(all);
        }
        return n;
    }

    /**
     * The names that begin with {@code prefix} (case-insensitive), at most {@code max}: the
     * protocols first, then the fields, each shortest first (the next level before its children).
     */
    public static List<String> startingWith(String prefix, int max) {
        String p = prefix.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String n : all()) if (n.toLowerCase(Locale.ROOT).startsWith(p) && !n.equals(prefix)) out.add(n);
        out.sort(Comparator.comparingInt((String n) -> n.indexOf('.') < 0 ? 0 : 1)
                .thenComparingInt(n -> depth(n)).thenComparing(Comparator.naturalOrder()));
        return out.size() > max ? out.subList(0, max) : out;
    }

    private static int depth(String n) { return (int) n.chars().filter(c -> c == '.').count(); }

    /**
     * The registered name nearest to {@code typo} by edit distance (insert, delete, replace, swap
     * two neighbours), or null when none is near enough to be meant: at most one edit per four
     * characters, and at most three. None either for the beginning of a name (still being typed:
     * the filter bar's completion offers the names).
     */
    public static String nearest(String typo) {
        if (typo == null || typo.isEmpty()) return null;
        String t = canonical(typo);
        for (String n : all()) if (n.startsWith(t)) return null;
        int limit = Math.max(1, Math.min(3, t.length() / 4));
        String best = null;
        int bestDistance = limit + 1;
        for (String n : all()) {
            if (Math.abs(n.length() - t.length()) >= bestDistance) continue;
            int d = distance(t, n, bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best;
    }

    /** Optimal string alignment distance between {@code a} and {@code b}; any value ≥ {@code cap} means "too far". */
    static int distance(String a, String b, int cap) {
        int[] prev2 = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin >= cap) return cap;
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
