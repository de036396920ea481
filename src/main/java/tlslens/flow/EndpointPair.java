package tlslens.flow;

import java.util.Arrays;

/**
 * A conversation's key, the same in either direction: both endpoints' addresses and ports in one
 * array, the lower endpoint first. One small array per conversation (two ByteBuffers and a record
 * were some 120 bytes per connection of a big capture, and three objects per packet looked up).
 */
final class EndpointPair {
    private final byte[] key;
    private final int hash;

    private EndpointPair(byte[] key) {
        this.key = key;
        this.hash = Arrays.hashCode(key);
    }

    static EndpointPair of(byte[] a, int pa, byte[] b, int pb) {
        int cmp = Arrays.compare(a, b);
        boolean ordered = cmp < 0 || (cmp == 0 && pa <= pb);
        byte[] lo = ordered ? a : b, hi = ordered ? b : a;
        int loPort = ordered ? pa : pb, hiPort = ordered ? pb : pa;
        // The first address's length first: a 4-byte and a 16-byte address never read as one another.
        byte[] k = new byte[1 + lo.length + 2 + hi.length + 2];
        k[0] = (byte) lo.length;
        System.arraycopy(lo, 0, k, 1, lo.length);
        int p = 1 + lo.length;
        k[p] = (byte) (loPort >>> 8);
        k[p + 1] = (byte) loPort;
        System.arraycopy(hi, 0, k, p + 2, hi.length);
        p += 2 + hi.length;
        k[p] = (byte) (hiPort >>> 8);
        k[p + 1] = (byte) hiPort;
        return new EndpointPair(k);
    }

    @Override public boolean equals(Object o) { return o instanceof EndpointPair e && hash == e.hash && Arrays.equals(key, e.key); }

    @Override public int hashCode() { return hash; }
}
