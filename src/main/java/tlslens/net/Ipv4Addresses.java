package tlslens.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 addresses made once each rather than twice a packet: a million frames name a few thousand
 * addresses, and making an {@link InetAddress} (a copy of the bytes, a holder) was a seventh of a
 * {@code -Y} run's samples. A small direct-mapped cache per thread (the window and headless runs
 * dissect on several), so nothing is locked or shared between threads.
 */
public final class Ipv4Addresses {
    private static final int SLOTS = 1 << 12;
    private static final ThreadLocal<InetAddress[]> CACHE = ThreadLocal.withInitial(() -> new InetAddress[SLOTS]);

    private Ipv4Addresses() {}

    /** The address whose four bytes, big-endian, are {@code a}. */
    public static InetAddress of(int a) {
        InetAddress[] cache = CACHE.get();
        int slot = (a ^ (a >>> 12) ^ (a >>> 24)) & (SLOTS - 1);
        InetAddress known = cache[slot];
        // An Inet4Address's hash code is its address.
        if (known != null && known.hashCode() == a) return known;
        InetAddress made = make(a);
        cache[slot] = made;
        return made;
    }

    private static InetAddress make(int a) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }
}
