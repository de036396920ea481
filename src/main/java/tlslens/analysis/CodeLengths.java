package tlslens.analysis;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import tlslens.dissect.tls.base.HelloInfo;

/**
 * A hello's extensions as a read-only map from code to body length, in wire order, held as one int
 * array of pairs: a LinkedHashMap of boxed Integers cost some 1,000 bytes per connection (a window
 * on 54,000 connections kept 60 MB of them); a hello has a dozen extensions, so a scan is as quick.
 */
final class CodeLengths extends AbstractMap<Integer, Integer> {
    /** code, length, code, length, ... ; each code once (the first occurrence, as putIfAbsent kept). */
    private final int[] pairs;

    private CodeLengths(int[] pairs) { this.pairs = pairs; }

    /** The extensions of {@code h} (-1 for a length not known); the empty map without a hello. */
    static Map<Integer, Integer> of(HelloInfo h) {
        if (h == null || h.extensions.isEmpty()) return Map.of();
        int[] pairs = new int[2 * h.extensions.size()];
        int n = 0;
        outer:
        for (int i = 0; i < h.extensions.size(); i++) {
            int code = h.extensions.get(i);
            for (int j = 0; j < n; j += 2) if (pairs[j] == code) continue outer;
            pairs[n++] = code;
            pairs[n++] = i < h.extensionLengths.size() ? h.extensionLengths.get(i) : -1;
        }
        return new CodeLengths(n == pairs.length ? pairs : java.util.Arrays.copyOf(pairs, n));
    }

    /** Equal for maps of the same pairs in the same order (Canon shares those; equal maps may differ in order). */
    Object orderKey() { return new OrderKey(pairs); }

    private record OrderKey(int[] pairs) {
        @Override public boolean equals(Object o) { return o instanceof OrderKey k && java.util.Arrays.equals(pairs, k.pairs); }

        @Override public int hashCode() { return java.util.Arrays.hashCode(pairs); }
    }

    private int find(Object key) {
        if (!(key instanceof Integer k)) return -1;
        for (int j = 0; j < pairs.length; j += 2) if (pairs[j] == k) return j;
        return -1;
    }

    @Override public Integer get(Object key) {
        int j = find(key);
        return j < 0 ? null : pairs[j + 1];
    }

    @Override public boolean containsKey(Object key) { return find(key) >= 0; }

    @Override public int size() { return pairs.length / 2; }

    @Override public Set<Entry<Integer, Integer>> entrySet() {
        return new AbstractSet<>() {
            @Override public int size() { return pairs.length / 2; }

            @Override public Iterator<Entry<Integer, Integer>> iterator() {
                return new Iterator<>() {
                    private int j;

                    @Override public boolean hasNext() { return j < pairs.length; }

                    @Override public Entry<Integer, Integer> next() {
                        if (j >= pairs.length) throw new NoSuchElementException();
                        Entry<Integer, Integer> e = new SimpleImmutableEntry<>(pairs[j], pairs[j + 1]);
                        j += 2;
                        return e;
                    }
                };
            }
        };
    }
}
