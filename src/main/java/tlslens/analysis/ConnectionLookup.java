package tlslens.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Connections by an int (their key or stream index) in two sorted arrays: a HashMap of boxed keys
 * cost some 60 bytes a connection for each view that kept one. As with a map filled in list order,
 * the last connection of a key wins.
 */
public final class ConnectionLookup {
    private final int[] keys;
    private final Connection[] connections;

    private ConnectionLookup(int[] keys, Connection[] connections) {
        this.keys = keys;
        this.connections = connections;
    }

    public static ConnectionLookup of(List<Connection> list, ToIntFunction<Connection> key) {
        int n = list.size();
        long[] order = new long[n]; // key in the high half, position in the low: sorted by key, then list order
        for (int i = 0; i < n; i++) order[i] = (long) key.applyAsInt(list.get(i)) << 32 | i;
        Arrays.sort(order);
        int[] keys = new int[n];
        Connection[] cs = new Connection[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int k = (int) (order[i] >> 32);
            Connection c = list.get((int) order[i]);
            if (m > 0 && keys[m - 1] == k) cs[m - 1] = c; // a later one of the same key
            else {
                keys[m] = k;
                cs[m++] = c;
            }
        }
        return new ConnectionLookup(m == n ? keys : Arrays.copyOf(keys, m), m == n ? cs : Arrays.copyOf(cs, m));
    }

    /** The connection of {@code key}, or null. */
    public Connection get(int key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? connections[i] : null;
    }
}
