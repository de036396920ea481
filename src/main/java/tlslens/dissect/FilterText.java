package tlslens.dissect;

import java.time.Instant;
import java.util.List;

/**
 * The display filter text of a tree item, as Wireshark's "Apply as Filter" builds it
 * (proto_construct_match_selected_string): {@code field == value} with the field's raw value in
 * its display base ({@code tls.handshake.type == 1}, {@code tls.record.version == 0x0303}),
 * strings quoted, bytes and MAC addresses as aa:bb:cc, IP addresses bare, booleans 1/0;
 * protocols and zero-length labels by name alone; other labels by their bytes in the frame
 * ({@code frame[54:5] == 16:03:01:02:00}). Also the values behind "Copy".
 */
public final class FilterText {
    private FilterText() {}

    /** The filter for an engine node, or null when Wireshark offers none (e.g. a label in a reassembled buffer). */
    public static String of(ProtoNode n, List<DataSource> sources) {
        FieldDef f = n.field;
        if (f == null) return frameBytes(n, sources);
        if (f.abbrev.startsWith("_ws.")) return f.abbrev; // _ws.malformed and friends are tested for presence
        switch (f.type) {
            case PROTOCOL:
                return f.abbrev;
            case NONE:
                return n.length() == 0 ? f.abbrev : frameBytes(n, sources);
            default:
                String v = value(f, n.value());
                return v == null ? null : f.abbrev + " == " + v;
        }
    }

    /**
     * The filter for one of the items tshark shows for an expert note, named by its field: the
     * "_ws.expert" subtree or the note's own field (tested for presence), its message, severity or group.
     */
    public static String ofExpert(Expert e, String field) {
        if (field.equals(ExpertFields.MESSAGE.abbrev)) return field + " == " + quote(e.message());
        // Both are integers with value names and BASE_NONE: Wireshark filters on the name.
        if (field.equals(ExpertFields.SEVERITY.abbrev)) return field + " == " + quote(e.severity().label);
        if (field.equals(ExpertFields.GROUP.abbrev)) return field + " == " + quote(e.group());
        return field;
    }

    /** "frame[off:len] == aa:bb", for items without a value; only items in the frame itself can be matched. */
    private static String frameBytes(ProtoNode n, List<DataSource> sources) {
        if (n.source != 0 || n.length() <= 0 || sources == null || sources.isEmpty()) return null;
        byte[] frame = sources.get(0).bytes();
        int len = Math.min(n.length(), frame.length - n.offset);
        if (n.offset < 0 || len <= 0) return null;
        byte[] b = new byte[len];
        System.arraycopy(frame, n.offset, b, 0, len);
        return "frame[" + n.offset + ":" + len + "] == " + FieldFormat.ether(b);
    }

    /** A value in display filter syntax (Wireshark's FTREPR_DFILTER), or null when there is none. */
    public static String value(FieldDef f, Object v) {
        if (v == null) return null;
        switch (f.type) {
            case BOOLEAN:
                if (v instanceof Boolean b) return b ? "1" : "0";
                if (v instanceof Long l) return l != 0 ? "1" : "0";
                return null;
            case BYTES: {
                byte[] b = (byte[]) v;
                return b.length == 0 ? "\"\"" : FieldFormat.ether(b);
            }
            case ETHER:
                return FieldFormat.ether((byte[]) v);
            case IPV4: case IPV6:
                return FieldFormat.address(v);
            case STRING:
                return quote(v.toString());
            case ABSOLUTE_TIME:
                return v instanceof Instant t ? quote(FieldFormat.absoluteTime(t)) : null;
            case RELATIVE_TIME:
                return v instanceof Long l ? FieldFormat.relativeSeconds(l) : null;
            case NONE: case PROTOCOL:
                return null;
            default:
                if (v instanceof Long l) return integer(f, l);
                return v.toString();
        }
    }

    /**
     * Integers in the field's base as hfinfo_numeric_value_format does: decimal for DEC, DEC_HEX
     * and frame numbers; hex for HEX and HEX_DEC, padded to the width of the field (of its mask
     * for a bit field).
     */
    static String integer(FieldDef f, long x) {
        boolean hex = (f.base == Base.HEX || f.base == Base.HEX_DEC) && f.type != FieldType.FRAMENUM;
        if (!hex) return Long.toUnsignedString(x);
        int digits;
        if (f.bitmask != 0) {
            int bits = 64 - Long.numberOfLeadingZeros(f.bitmask) - Long.numberOfTrailingZeros(f.bitmask);
            digits = Math.max(1, (bits + 3) / 4);
        } else {
            digits = Math.max(2, f.type.width * 2);
        }
        String h = Long.toHexString(x);
        StringBuilder sb = new StringBuilder("0x");
        for (int i = h.length(); i < digits; i++) sb.append('0');
        return sb.append(h).toString();
    }

    /** A string literal: double quotes, with backslash escapes for quotes, backslashes and control characters. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * "Copy > Value" (Wireshark's get_node_field_value): the -T fields value of a field, "1" for
     * a label field, the whole label for protocols and text-only items.
     */
    public static String copyValue(ProtoNode n) {
        FieldDef f = n.field;
        if (f == null || f.type == FieldType.PROTOCOL) return n.text();
        if (f.type == FieldType.NONE) return "1";
        return FieldFormat.fieldValue(f, n.value());
    }
}
