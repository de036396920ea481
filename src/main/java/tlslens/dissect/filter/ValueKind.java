package tlslens.dissect.filter;

import java.time.Instant;
import java.util.Arrays;

import tlslens.dissect.FieldType;

/**
 * How the evaluator represents and compares the values of one class of field types. Values are
 * normalized when read from the tree: integers and booleans as Long (booleans 0/1, compared
 * unsigned), bytes-like values (bytes, MAC addresses, protocols, slices) as byte[], addresses as
 * byte[] (constants may be a {@link Cidr}), relative times as Long nanoseconds, absolute times as
 * Instant.
 */
enum ValueKind {
    UINT, BOOL, BYTES, STRING, IPV4, IPV6, RELTIME, ABSTIME, DOUBLE, NONE;

    static ValueKind of(FieldType t) {
        return switch (t) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, FRAMENUM -> UINT;
            case BOOLEAN -> BOOL;
            case BYTES, ETHER, PROTOCOL -> BYTES;
            case STRING -> STRING;
            case IPV4 -> IPV4;
            case IPV6 -> IPV6;
            case RELATIVE_TIME -> RELTIME;
            case ABSOLUTE_TIME -> ABSTIME;
            case DOUBLE -> DOUBLE;
            case NONE -> NONE;
        };
    }

    /** True for kinds that take {@code contains} and {@code matches}. */
    boolean searchable() { return this == BYTES || this == STRING; }

    boolean eq(Object a, Object b) {
        switch (this) {
            case UINT: case BOOL: case RELTIME: return ((Long) a).longValue() == ((Long) b).longValue();
            case BYTES: return Arrays.equals((byte[]) a, (byte[]) b);
            case IPV4: case IPV6:
                if (b instanceof Cidr c) return c.contains(a instanceof Cidr ca ? ca.address() : (byte[]) a);
                if (a instanceof Cidr c) return c.contains((byte[]) b);
                return Arrays.equals((byte[]) a, (byte[]) b);
            case DOUBLE: return ((Double) a).doubleValue() == ((Double) b).doubleValue();
            default: return a.equals(b);
        }
    }

    int compare(Object a, Object b) {
        switch (this) {
            case UINT: case BOOL: return Long.compareUnsigned((Long) a, (Long) b);
            case RELTIME: return Long.compare((Long) a, (Long) b);
            case BYTES: return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case IPV4: case IPV6: return Arrays.compareUnsigned(addr(a), addr(b));
            case STRING: return ((String) a).compareTo((String) b);
            case ABSTIME: return ((Instant) a).compareTo((Instant) b);
            case DOUBLE: return Double.compare((Double) a, (Double) b);
            default: return 0;
        }
    }

    private static byte[] addr(Object o) { return o instanceof Cidr c ? c.address() : (byte[]) o; }

    /** Wireshark 4.0's ftype names, as its error messages show them. */
    static String typeName(FieldType t) {
        return switch (t) {
            case NONE -> "Label";
            case PROTOCOL -> "Protocol";
            case UINT8 -> "Unsigned integer (1 byte)";
            case UINT16 -> "Unsigned integer (2 bytes)";
            case UINT24 -> "Unsigned integer (3 bytes)";
            case UINT32 -> "Unsigned integer (4 bytes)";
            case UINT64 -> "Unsigned integer (8 bytes)";
            case BOOLEAN -> "Boolean";
            case BYTES -> "Byte sequence";
            case STRING -> "Character string";
            case IPV4 -> "IPv4 address";
            case IPV6 -> "IPv6 address";
            case ETHER -> "Ethernet or other MAC address";
            case ABSOLUTE_TIME -> "Date and time";
            case RELATIVE_TIME -> "Time offset";
            case FRAMENUM -> "Frame number";
            case DOUBLE -> "Floating point (double-precision)";
        };
    }

    /** An address with a prefix length ("10.0.0.0/8"); equal to every address inside the prefix. */
    record Cidr(byte[] address, int bits) {
        boolean contains(byte[] a) {
            if (a.length != address.length) return false;
            int full = bits / 8;
            for (int i = 0; i < full; i++) if (a[i] != address[i]) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (address[full] & mask);
        }
    }
}
