package tlslens.dissect.column;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldFormat;
import tlslens.dissect.ProtoNode;

/**
 * The text of a custom column (Wireshark's proto_custom_set): every occurrence of the fields in
 * tree order, hidden items included, joined by ","; values named where the field names them
 * ("Client Hello", "TLS 1.2"), else in the field's base ("0x002"); a protocol shows a check mark.
 */
final class CustomColumnText {
    private static final String PRESENT = "\u2713";

    private CustomColumnText() {}

    static String of(ProtoNode root, List<String> fields, int occurrence, boolean resolved) {
        List<String> values = new ArrayList<>(2);
        for (String f : fields) {
            List<String> mine = new ArrayList<>(2);
            collect(root, f, resolved, mine);
            // A protocol shows one check mark however often it occurs (as tshark's column does).
            if (occurrence == 0 && mine.size() > 1 && PRESENT.equals(mine.get(0))) mine = List.of(PRESENT);
            pick(mine, occurrence, values);
        }
        return String.join(",", values);
    }

    private static void pick(List<String> all, int occurrence, List<String> out) {
        if (occurrence == 0) {
            out.addAll(all);
            return;
        }
        int i = occurrence > 0 ? occurrence - 1 : all.size() + occurrence;
        if (i >= 0 && i < all.size()) out.add(all.get(i));
    }

    private static void collect(ProtoNode n, String field, boolean resolved, List<String> out) {
        if (n.field != null && n.field.abbrev.equals(field)) {
            String v = value(n, resolved);
            if (v != null) out.add(v);
        }
        for (ProtoNode c : n.children()) collect(c, field, resolved, out);
    }

    /** One occurrence's text; null when the item has no value to show. */
    static String value(ProtoNode n, boolean resolved) {
        FieldDef f = n.field;
        Object v = n.value();
        switch (f.type) {
            case PROTOCOL: return PRESENT;
            case NONE: return null;
            case BYTES: return v instanceof byte[] b ? FieldFormat.hex(b) : "";
            case RELATIVE_TIME: return v instanceof Long || v instanceof java.time.Duration ? FieldFormat.relativeSeconds(v) : null;
            default:
                if (v == null) return null;
                if (v instanceof Long x) {
                    if (resolved && f.valueNames != null) {
                        String name = f.valueNames.apply(x);
                        return name == null ? "Unknown" : name;
                    }
                    return FieldFormat.integer(f, x);
                }
                return FieldFormat.display(f, v);
        }
    }
}
