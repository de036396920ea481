package tlslens.dissect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

import tlslens.net.Ipv4Addresses;
import tlslens.net.Ipv6Text;

/**
 * Formats field values the way tshark does: tree labels ("Content Type: Handshake (22)") and
 * {@code -T fields} cells ("22", "0x0303", hex bytes without separators).
 */
public final class FieldFormat {
    private static final HexFormat HEX = HexFormat.of();
    /** Wireshark shows at most this many bytes of a byte field in a label, then an ellipsis. */
    private static final int LABEL_BYTES = 36;
    private static final DateTimeFormatter ABS_TIME =
            DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    private FieldFormat() {}

    /** Reads the value of field f from tvb; {@code partial} means fewer bytes than the field wants are present. */
    static Object read(FieldDef f, Tvb tvb, int off, int len, boolean partial) {
        if (len <= 0 && f.type != FieldType.BYTES && f.type != FieldType.STRING) return null;
        switch (f.type) {
            case UINT8: case UINT16: case UINT24: case UINT32: case UINT64: case FRAMENUM: {
                long raw = tvb.uint(off, Math.min(len, 8));
                return f.bitmask != 0 ? (raw & f.bitmask) >>> Long.numberOfTrailingZeros(f.bitmask) : raw;
            }
            case BOOLEAN: {
                long raw = tvb.uint(off, Math.min(len, 8));
                return f.bitmask != 0 ? (raw & f.bitmask) != 0 : raw != 0;
            }
            case BYTES: return tvb.bytes(off, len);
            case STRING: return tvb.utf8(off, len);
            case IPV4: case IPV6: {
                if (partial) return null;
                if (f.type == FieldType.IPV4 && len == 4) return Ipv4Addresses.of((int) tvb.uint(off, 4));
                try {
                    return InetAddress.getByAddress(tvb.bytes(off, len));
                } catch (UnknownHostException e) {
                    return null;
                }
            }
            case ETHER: return partial ? null : tvb.bytes(off, len);
            default: return null;
        }
    }

    /** The tree label of a node that has no explicit text. */
    static String label(ProtoNode n) {
        FieldDef f = n.field;
        if (f == null) return "";
        Object v = n.value();
        String prefix = f.bitmask != 0 && v != null ? bitString(f, v) + " = " : "";
        if (f.type == FieldType.NONE || f.type == FieldType.PROTOCOL) return f.name;
        if (v == null) return prefix + f.name + ": <MISSING>";
        return prefix + f.name + ": " + display(f, v);
    }

    /** The value part of a label: "Handshake (22)", "0x0303", "TLS 1.2 (0x0303)", hex bytes. */
    public static String display(FieldDef f, Object v) {
        if (v == null) return "<MISSING>";
        switch (f.type) {
            case BOOLEAN: {
                boolean b = (Boolean) v;
                // Wireshark's true/false strings, where a flag has its own ("Individual address (unicast)").
                if (f.valueNames != null) return f.valueNames.apply(b ? 1 : 0);
                if (f.bitmask != 0) return b ? "Set" : "Not set";
                return b ? "True" : "False";
            }
            case BYTES: {
                byte[] b = (byte[]) v;
                if (b.length == 0) return "<MISSING>";
                if (b.length > LABEL_BYTES) return HEX.formatHex(b, 0, LABEL_BYTES) + "\u2026";
                return HEX.formatHex(b);
            }
            case ETHER: return ether((byte[]) v);
            case IPV4: case IPV6: return address(v);
            case ABSOLUTE_TIME: return absoluteTime((Instant) v);
            case RELATIVE_TIME: return relativeSeconds(v) + " seconds";
            case STRING: return v.toString();
            default:
                if (v instanceof Long) {
                    long x = (Long) v;
                    String raw = integer(f, x);
                    if (f.valueNames != null) {
                        String name = f.valueNames.apply(x);
                        return (name == null ? "Unknown" : name) + " (" + raw + ")";
                    }
                    return raw;
                }
                return v.toString();
        }
    }

    /** A {@code -T fields} cell for one occurrence. */
    public static String fieldValue(FieldDef f, Object v) {
        if (v == null) return "";
        switch (f.type) {
            case BOOLEAN: return ((Boolean) v) ? "1" : "0";
            case BYTES: return HEX.formatHex((byte[]) v);
            case ETHER: return ether((byte[]) v);
            case IPV4: case IPV6: return address(v);
            case ABSOLUTE_TIME: return absoluteTime((Instant) v);
            case RELATIVE_TIME: return relativeSeconds(v);
            case NONE: case PROTOCOL: return "";
            default:
                if (v instanceof Long) {
                    long x = (Long) v;
                    // Cells pad hex to the type's width even for bit fields (labels use the mask's);
                    // tshark 4.0 prints 64-bit integers in decimal whatever their base (quic.frame_type).
                    if (f.type == FieldType.UINT64) return Long.toUnsignedString(x);
                    return (f.base == Base.HEX || f.base == Base.HEX_DEC) ? hexDigits(x, Math.max(2, f.type.width * 2))
                            : Long.toUnsignedString(x);
                }
                return v.toString();
        }
    }

    public static String integer(FieldDef f, long x) {
        switch (f.base) {
            case HEX: return hex(f, x);
            case DEC_HEX: return Long.toUnsignedString(x) + " (" + hex(f, x) + ")";
            case HEX_DEC: return hex(f, x) + " (" + Long.toUnsignedString(x) + ")";
            default: return Long.toUnsignedString(x);
        }
    }

    /** Hex padded to the field's width, like Wireshark ("0x0303" for a uint16, "0x16" for a uint8). */
    static String hex(FieldDef f, long x) {
        int digits;
        if (f.bitmask != 0) {
            int bits = 64 - Long.numberOfLeadingZeros(f.bitmask) - Long.numberOfTrailingZeros(f.bitmask);
            digits = Math.max(1, (bits + 3) / 4);
        } else {
            digits = Math.max(2, f.type.width * 2);
        }
        return hexDigits(x, digits);
    }

    static String hexDigits(long x, int digits) {
        String h = Long.toHexString(x);
        StringBuilder sb = new StringBuilder("0x");
        for (int i = h.length(); i < digits; i++) sb.append('0');
        return sb.append(h).toString();
    }

    /** "0100 ...." for a bit field, grouped by nibbles over the container width. */
    static String bitString(FieldDef f, Object v) {
        int width = f.containerBits > 0 ? f.containerBits : 8;
        int shift = Long.numberOfTrailingZeros(f.bitmask);
        long value;
        if (v instanceof Boolean) value = ((Boolean) v) ? f.bitmask : 0;
        else if (v instanceof Long) value = ((Long) v) << shift;
        else value = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = width - 1; i >= 0; i--) {
            long bit = 1L << i;
            if ((f.bitmask & bit) == 0) sb.append('.');
            else sb.append((value & bit) != 0 ? '1' : '0');
            if (i > 0 && i % 4 == 0) sb.append(' ');
        }
        return sb.toString();
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    public static String ether(byte[] b) {
        if (b.length == 0) return "";
        char[] c = new char[b.length * 3 - 1];
        for (int i = 0, p = 0; i < b.length; i++) {
            if (i > 0) c[p++] = ':';
            c[p++] = DIGITS[(b[i] >> 4) & 0xf];
            c[p++] = DIGITS[b[i] & 0xf];
        }
        return new String(c);
    }

    public static String address(Object v) {
        if (v instanceof InetAddress a) {
            if (a instanceof java.net.Inet6Address) return Ipv6Text.compress(a.getAddress());
            return a.getHostAddress();
        }
        return v.toString();
    }

    /** "Apr  3, 2011 15:36:47.000000000 UTC", as Wireshark prints absolute times in UTC. */
    public static String absoluteTime(Instant t) {
        try {
            return ABS_TIME.format(t) + String.format(".%09d UTC", t.getNano());
        } catch (java.time.DateTimeException e) {
            return "Not representable"; // beyond a calendar date's range, as Wireshark's abs_time_to_str says
        }
    }

    /**
     * A relative-time value as "S.NNNNNNNNN": nanoseconds (Long), or a Duration for spans beyond what
     * a long of nanoseconds holds (FrameTimes.between), printed exactly as tshark does.
     */
    public static String relativeSeconds(Object v) {
        if (v instanceof java.time.Duration d) {
            String sign = d.isNegative() ? "-" : "";
            java.time.Duration a = d.abs();
            return sign + a.getSeconds() + String.format(".%09d", a.getNano());
        }
        return relativeSeconds(((Number) v).longValue());
    }

    /** Nanoseconds as "S.NNNNNNNNN". */
    public static String relativeSeconds(long nanos) {
        String sign = nanos < 0 ? "-" : "";
        long a = Math.abs(nanos);
        String frac = Long.toString(a % 1_000_000_000L);
        return sign + (a / 1_000_000_000L) + "." + "000000000".substring(frac.length()) + frac;
    }

    public static String hex(byte[] b) { return HEX.formatHex(b); }
}
