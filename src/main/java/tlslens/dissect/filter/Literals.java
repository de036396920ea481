package tlslens.dissect.filter;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tlslens.dissect.ExpertFields;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.filter.Token.Kind;
import tlslens.dissect.filter.ValueKind.Cidr;

/**
 * Converts a literal (unquoted word, "string" or 'c') to a value of the type it is compared with,
 * with tshark 4.0's error messages (ftypes' *_from_literal / *_from_string functions).
 */
final class Literals {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** Reverse value-name maps ("handshake" -> 22), built once per field. */
    private static final Map<FieldDef, Map<String, Long>> NAMES = new ConcurrentHashMap<>();

    private Literals() {}

    /** What a literal is converted to: the type, the field for value names (may be null), a name for messages. */
    record Target(FieldType type, FieldDef field, String name) {}

    static Object convert(Token t, Target to) throws FilterException {
        String w = t.text();
        boolean quoted = t.kind() == Kind.STRING;
        boolean chr = t.kind() == Kind.CHAR;
        String str = quoted || chr ? t.stringValue() : w;
        switch (to.type()) {
            case UINT8: case UINT16: case UINT24: case UINT32: case UINT64: case FRAMENUM:
                return unsigned(t, to, str);
            case BOOLEAN:
                return bool(t, to, str);
            case BYTES: case PROTOCOL:
                if (quoted || chr) return t.bytes();
                return bytesOrThrow(t, "\"" + w + "\" is not a valid byte string.");
            case ETHER: {
                if (quoted) throw fromString(t, to);
                if (chr) return t.bytes();
                byte[] b = bytesOrThrow(t, "\"" + w + "\" is not a valid Ethernet address.");
                if (b.length < 6) throw error(t, "\"" + w + "\" contains too few bytes to be a valid Ethernet address.");
                if (b.length > 6) throw error(t, "\"" + w + "\" contains too many bytes to be a valid Ethernet address.");
                return b;
            }
            case STRING:
                return str;
            case IPV4: case IPV6:
                if (quoted || chr) throw fromString(t, to);
                return address(t, to.type() == FieldType.IPV6);
            case RELATIVE_TIME: {
                if (quoted || chr) throw fromString(t, to);
                Long nanos = seconds(w);
                if (nanos == null) throw error(t, "\"" + w + "\" is not a valid time.");
                return nanos;
            }
            case ABSOLUTE_TIME: {
                Instant i = absoluteTime(str);
                if (i == null) {
                    throw error(t, "\"" + str + "\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\""
                            + " or \"2011-07-04 12:34:56\"");
                }
                return i;
            }
            case DOUBLE: {
                if (quoted || chr) throw fromString(t, to);
                try {
                    if (!w.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) throw new NumberFormatException();
                    return Double.parseDouble(w);
                } catch (NumberFormatException e) {
                    throw error(t, "\"" + w + "\" is not a valid number.");
                }
            }
            default:
                throw error(t, "\"" + w + "\" cannot be compared with " + to.name() + ".");
        }
    }

    static FilterException error(Token t, String message) {
        return new FilterException(message, t.pos(), t.len());
    }

    private static FilterException fromString(Token t, Target to) {
        return error(t, ValueKind.typeName(to.type()) + " cannot be converted from a string (\"" + t.stringValue() + "\").");
    }

    private static FilterException notAmongValues(Token t, Target to) {
        String v = t.kind() == Kind.WORD ? t.text() : t.stringValue();
        return error(t, "\"" + v + "\" cannot be found among the possible values for " + to.name() + ".");
    }

    // ---- integers ------------------------------------------------------------------------

    static long maxOf(FieldType t) {
        return switch (t) {
            case UINT8 -> 0xffL;
            case UINT16 -> 0xffffL;
            case UINT24 -> 0xffffffL;
            case UINT32, FRAMENUM -> 0xffffffffL;
            default -> -1L; // 2^64-1 as unsigned
        };
    }

    private static Long unsigned(Token t, Target to, String str) throws FilterException {
        boolean names = to.field() != null && to.field().valueNames != null;
        if (t.kind() == Kind.CHAR) return (long) (t.bytes()[0] & 0xff);
        if (t.kind() == Kind.STRING) {
            Long v = names ? valueByName(to.field(), str) : null;
            if (v != null) return v;
            if (names) throw notAmongValues(t, to);
            throw fromString(t, to);
        }
        String w = t.text();
        long max = maxOf(to.type());
        String problem;
        BigInteger v = parseInteger(w);
        if (v == null) problem = "\"" + w + "\" is not a valid number.";
        else if (v.signum() < 0) problem = "\"" + w + "\" too small for this field, minimum 0.";
        else if (v.compareTo(U64_MAX) > 0) problem = "\"" + w + "\" causes an integer overflow.";
        else if (Long.compareUnsigned(v.longValue(), max) > 0) {
            problem = "\"" + w + "\" too big for this field, maximum " + Long.toUnsignedString(max) + ".";
        } else return v.longValue();
        // Like Wireshark, a word that is no valid number of the field may be one of its value names.
        if (names) {
            Long named = valueByName(to.field(), w);
            if (named != null) return named;
            throw notAmongValues(t, to);
        }
        throw error(t, problem);
    }

    /** Decimal, 0x hex, 0b binary, or (leading 0) octal, as strtoull with base 0 reads them; null if none. */
    static BigInteger parseInteger(String w) {
        boolean neg = w.startsWith("-");
        String s = neg || w.startsWith("+") ? w.substring(1) : w;
        int radix = 10;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) { radix = 16; s = s.substring(2); }
        else if (s.length() > 2 && (s.startsWith("0b") || s.startsWith("0B"))) { radix = 2; s = s.substring(2); }
        else if (s.length() > 1 && s.startsWith("0")) { radix = 8; s = s.substring(1); }
        if (s.isEmpty()) return null;
        for (int i = 0; i < s.length(); i++) if (Character.digit(s.charAt(i), radix) < 0) return null;
        BigInteger v = new BigInteger(s, radix);
        return neg ? v.negate() : v;
    }

    /** Case-insensitive reverse lookup of an integer field's value names (the first value wins). */
    static Long valueByName(FieldDef f, String name) {
        Map<String, Long> m = NAMES.computeIfAbsent(f, Literals::nameMap);
        return m.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, Long> nameMap(FieldDef f) {
        Map<String, Long> m = new HashMap<>();
        // Value names of wider fields are looked up among the first 65536 values only.
        long max = Long.compareUnsigned(maxOf(f.type), 0xffff) > 0 ? 0xffff : maxOf(f.type);
        for (long v = 0; v <= max; v++) {
            String n;
            try {
                n = f.valueNames.apply(v);
            } catch (RuntimeException e) {
                n = null;
            }
            if (n != null) m.putIfAbsent(n.toLowerCase(Locale.ROOT), v);
        }
        // Expert severities and groups are codes beyond that range (PI_WARN is 0x00600000).
        for (long v : ExpertFields.codes(f)) m.putIfAbsent(f.valueNames.apply(v).toLowerCase(Locale.ROOT), v);
        return m;
    }

    // ---- booleans ------------------------------------------------------------------------

    private static Long bool(Token t, Target to, String str) throws FilterException {
        if (t.kind() == Kind.CHAR) return (t.bytes()[0] != 0) ? 1L : 0L;
        if (str.equals("True") || str.equals("TRUE")) return 1L;
        if (str.equals("False") || str.equals("FALSE")) return 0L;
        if (to.field() != null && to.field().bitmask != 0) {
            // Flags are shown "Set" / "Not set" (Wireshark's tfs_set_notset) and can be named so.
            if (str.equalsIgnoreCase("Set")) return 1L;
            if (str.equalsIgnoreCase("Not set")) return 0L;
        }
        if (t.kind() == Kind.WORD) {
            BigInteger v = parseInteger(str);
            if (v != null && v.signum() >= 0 && v.compareTo(U64_MAX) <= 0) return v.signum() != 0 ? 1L : 0L;
            throw notAmongValues(t, to);
        }
        throw fromString(t, to);
    }

    // ---- byte strings --------------------------------------------------------------------

    private static byte[] bytesOrThrow(Token t, String message) throws FilterException {
        byte[] b = parseBytes(t.text());
        if (b == null) throw error(t, message);
        return b;
    }

    /**
     * "16:03:01", "16-03-01", "1603.01", ":16:03" or plain hex "160301"; a lone digit is one byte
     * ("6" = 06). Null when the word is no byte string.
     */
    static byte[] parseBytes(String w) {
        String s = w.startsWith(":") ? w.substring(1) : w;
        if (s.isEmpty()) return null;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String g : s.split("[:.\\-]", -1)) {
            if (g.isEmpty() || (g.length() > 1 && g.length() % 2 != 0)) return null;
            for (int i = 0; i < g.length(); i++) if (Character.digit(g.charAt(i), 16) < 0) return null;
            if (g.length() == 1) {
                out.write(Character.digit(g.charAt(0), 16));
                continue;
            }
            for (int i = 0; i < g.length(); i += 2) {
                out.write(Character.digit(g.charAt(i), 16) * 16 + Character.digit(g.charAt(i + 1), 16));
            }
        }
        return out.toByteArray();
    }

    // ---- addresses -----------------------------------------------------------------------

    private static Object address(Token t, boolean v6) throws FilterException {
        String w = t.text();
        int slash = w.indexOf('/');
        String a = slash >= 0 ? w.substring(0, slash) : w;
        byte[] addr = v6 ? parseIpv6(a) : parseIpv4(a);
        if (addr == null) {
            throw error(t, "\"" + a + "\" is not a valid hostname or " + (v6 ? "IPv6" : "IPv4") + " address.");
        }
        if (slash < 0) return addr;
        String bitsText = w.substring(slash + 1);
        int max = v6 ? 128 : 32;
        int bits;
        if (!bitsText.matches("\\d{1,9}")) {
            throw error(t, "\"" + bitsText + "\" is not a valid " + (v6 ? "prefix" : "netmask") + ".");
        }
        bits = Integer.parseInt(bitsText);
        if (bits > max) {
            throw error(t, v6 ? "Prefix in a IPv6 address should be <= 128, not " + bits
                    : "Netmask bits in a CIDR IPv4 address should be <= 32, not " + bits);
        }
        return bits == max ? addr : new Cidr(addr, bits);
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    static byte[] parseIpv4(String s) {
        Matcher m = IPV4.matcher(s);
        if (!m.matches()) return null;
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(m.group(i + 1));
            if (v > 255) return null;
            b[i] = (byte) v;
        }
        return b;
    }

    /** RFC 4291 text forms: eight groups, "::" once, an IPv4 tail ("::ffff:1.2.3.4"). Null if invalid. */
    static byte[] parseIpv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, dbl < 0);
        int[] t = groups(tail, true);
        if (h == null || t == null) return null;
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) return null;
        byte[] b = new byte[16];
        for (int i = 0; i < h.length; i++) { b[2 * i] = (byte) (h[i] >> 8); b[2 * i + 1] = (byte) h[i]; }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            b[2 * g] = (byte) (t[i] >> 8);
            b[2 * g + 1] = (byte) t[i];
        }
        return b;
    }

    private static int[] groups(String part, boolean v4Tail) {
        if (part.isEmpty()) return new int[0];
        String[] p = part.split(":", -1);
        boolean v4 = v4Tail && p[p.length - 1].indexOf('.') >= 0;
        int[] out = new int[p.length + (v4 ? 1 : 0)];
        for (int i = 0; i < p.length; i++) {
            String g = p[i];
            if (v4 && i == p.length - 1) {
                byte[] a = parseIpv4(g);
                if (a == null) return null;
                out[i] = ((a[0] & 0xff) << 8) | (a[1] & 0xff);
                out[i + 1] = ((a[2] & 0xff) << 8) | (a[3] & 0xff);
                break;
            }
            if (g.isEmpty() || g.length() > 4) return null;
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) return null;
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }

    // ---- times ---------------------------------------------------------------------------

    private static final Pattern SECONDS = Pattern.compile("(-?)(\\d+)(?:\\.(\\d*))?");

    /** "0.5" seconds as nanoseconds; digits past nanoseconds are dropped. Null if not a number. */
    static Long seconds(String w) {
        Matcher m = SECONDS.matcher(w);
        if (!m.matches() || m.group(2).length() > 10) return null;
        long s = Long.parseLong(m.group(2));
        String frac = m.group(3) == null ? "" : m.group(3);
        frac = (frac + "000000000").substring(0, 9);
        long n = s * 1_000_000_000L + Long.parseLong(frac);
        return m.group(1).isEmpty() ? n : -n;
    }

    private static final Pattern TIME_US = Pattern.compile(
            "([A-Za-z]{3})\\s+(\\d{1,2}),\\s*(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?\\s*(UTC|Z)?");
    private static final Pattern TIME_ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?\\s*(UTC|Z)?");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    /**
     * "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56[.f]", in local time unless followed by
     * "UTC"/"Z" (as Wireshark reads them). Null if neither.
     */
    static Instant absoluteTime(String s) {
        s = s.trim();
        int year, month, day, hour = 0, minute = 0, second = 0;
        String frac, zone;
        Matcher m = TIME_US.matcher(s);
        if (m.matches()) {
            month = 0;
            for (int i = 0; i < 12; i++) if (MONTHS[i].equalsIgnoreCase(m.group(1))) month = i + 1;
            if (month == 0) return null;
            day = Integer.parseInt(m.group(2));
            year = Integer.parseInt(m.group(3));
        } else {
            m = TIME_ISO.matcher(s);
            if (!m.matches()) return null;
            year = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            day = Integer.parseInt(m.group(3));
        }
        if (m.group(4) != null) {
            hour = Integer.parseInt(m.group(4));
            minute = Integer.parseInt(m.group(5));
            if (m.group(6) != null) second = Integer.parseInt(m.group(6));
        }
        frac = m.group(7) == null ? "" : m.group(7);
        zone = m.group(8);
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second,
                    Integer.parseInt((frac + "000000000").substring(0, 9)));
            return t.atZone(zone != null ? ZoneOffset.UTC : ZoneId.systemDefault()).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
