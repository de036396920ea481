package tlslens.cli;

import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldFormat;
import tlslens.dissect.FieldType;
import tlslens.dissect.ProtoNode;

/** The strings tshark's printers take from a tree node (print.c's get_node_field_value and JSON writer). */
final class FieldText {
    private FieldText() {}

    /** The label as the dissector set it, without the brackets that mark generated items. */
    static String rawText(ProtoNode n) {
        String t = n.text();
        if (n.generated() && t.length() >= 2 && t.startsWith("[") && t.endsWith("]")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /**
     * One occurrence for -T fields (and -T json -e): a protocol gives its label when the
     * dissector wrote one, else its filter name; a subtree label (FT_NONE) gives "1"; empty bytes
     * "<MISSING>". Null when the node has no value to show.
     */
    static String cell(ProtoNode n) {
        FieldDef f = n.field;
        if (f == null) return null;
        if (f.type == FieldType.PROTOCOL) return n.hasExplicitText() ? rawText(n) : f.abbrev;
        if (f.type == FieldType.NONE) return "1";
        Object v = n.value();
        if (f.type == FieldType.BYTES) {
            if (!(v instanceof byte[]) || ((byte[]) v).length == 0) return "<MISSING>";
            return FieldFormat.hex((byte[]) v);
        }
        if (v == null) return null;
        return FieldFormat.fieldValue(f, v);
    }

    /** The value of a node in -T json (FTREPR_DISPLAY): bytes with colons; null when it has none. */
    static String jsonValue(ProtoNode n) {
        FieldDef f = n.field;
        if (f == null || f.type == FieldType.NONE || f.type == FieldType.PROTOCOL) return null;
        Object v = n.value();
        if (v == null) return null;
        if (f.type == FieldType.BYTES) return colonHex((byte[]) v);
        return FieldFormat.fieldValue(f, v);
    }

    /** The key of a node in -T json: the filter name, or for a text-only item its label. */
    static String jsonKey(ProtoNode n) {
        return n.field != null ? n.field.abbrev : rawText(n);
    }

    static String colonHex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) sb.append(':');
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
