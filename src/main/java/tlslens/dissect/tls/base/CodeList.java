package tlslens.dissect.tls.base;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of codes (cipher suites, extension types, groups) held as an int array: what a
 * hello keeps once dissected. A connection's two hellos held some 20 ArrayLists of boxed Integers,
 * a third of what --connections kept per connection.
 */
final class CodeList extends AbstractList<Integer> implements RandomAccess {
    private final int[] codes;

    private CodeList(int[] codes) { this.codes = codes; }

    /** The same codes, compact and read-only (the shared empty list when there are none). */
    static List<Integer> of(List<Integer> l) {
        if (l instanceof CodeList) return l;
        if (l.isEmpty()) return List.of();
        int[] codes = new int[l.size()];
        for (int i = 0; i < codes.length; i++) {
            Integer c = l.get(i);
            if (c == null) return l; // never made by the dissectors; kept as it is
            codes[i] = c;
        }
        return new CodeList(codes);
    }

    @Override public Integer get(int i) { return codes[i]; }

    @Override public int size() { return codes.length; }
}
