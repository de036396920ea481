package tlslens.dissect.tls.messages;

import tlslens.dissect.Expert;
import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.TlsFields;

/**
 * Variable-length vectors the way Wireshark's ssl_add_vector / ssl_end_vector check them: the
 * length field is shown, a length outside its range or past the data gets an expert note, and the
 * caller stops or skips to the vector's end.
 */
public final class Vectors {
    /** The outcome of reading a vector length: {@code ok} false means the caller should stop. */
    public record Length(boolean ok, int length, ProtoNode node) {}

    private Vectors() {}

    /** Reads a vector length of the width implied by {@code max} at {@code off}, within [off, end). */
    public static Length add(ProtoNode tree, Tvb tvb, int off, int end, FieldDef lengthField, long min, long max) {
        int size = max > 0xffffff ? 4 : max > 0xffff ? 3 : max > 0xff ? 2 : 1;
        if (end - off < size) {
            expertItem(tree, TlsFields.MALFORMED_BUFFER_TOO_SMALL, tvb, off, Math.max(0, end - off),
                    "No more room for vector of length " + size, Severity.ERROR, "Malformed");
            return new Length(false, 0, null);
        }
        ProtoNode pi = tree.add(lengthField, tvb, off, size);
        long value = tvb.uint(off, size);
        if (value < min) {
            pi.expert(Expert.malformed("Vector length " + value + " is smaller than minimum " + min));
        } else if (value > max) {
            pi.expert(Expert.malformed("Vector length " + value + " is larger than maximum " + max));
        }
        int room = end - off - size;
        if (room < value) {
            pi.expert(Expert.malformed("Vector length " + value + " is too large, truncating it to " + room));
            return new Length(false, room, pi);
        }
        return new Length(true, (int) value, pi);
    }

    /** Checks that dissection of a vector ended at its end; notes trailing or excess bytes. */
    public static boolean end(ProtoNode tree, Tvb tvb, int off, int end) {
        if (off < end) {
            int trailing = end - off;
            expertItem(tree, TlsFields.MALFORMED_TRAILING_DATA, tvb, off, trailing,
                    trailing + " trailing byte" + (trailing == 1 ? " was" : "s were") + " unprocessed",
                    Severity.WARN, "Protocol");
            return false;
        } else if (off > end) {
            int excess = off - end;
            expertItem(tree, TlsFields.MALFORMED_BUFFER_TOO_SMALL, tvb, end, excess,
                    "Dissector processed too much data (" + excess + " byte" + (excess == 1 ? "" : "s") + ")",
                    Severity.ERROR, "Malformed");
            return false;
        }
        return true;
    }

    /** An item whose text is an expert message (Wireshark's proto_tree_add_expert_format). */
    public static ProtoNode expertItem(ProtoNode tree, FieldDef f, Tvb tvb, int off, int len, String message,
                                       Severity severity, String group) {
        int avail = Math.max(0, tvb.available(off, len));
        ProtoNode n = tree.child(new ProtoNode(f, null, message, tvb.source, off, Math.min(len, avail)));
        n.expert(new Expert(severity, group, message));
        return n;
    }

    /**
     * True when [off, off+n) lies within [.., end) and the data; otherwise adds a malformed note
     * (what an exception is in Wireshark) and returns false.
     */
    public static boolean need(ProtoNode tree, Tvb tvb, int off, int end, int n) {
        if (n >= 0 && off >= 0 && (long) off + n <= end && tvb.has(off, n)) return true;
        tree.malformed(tvb, off, Math.max(0, Math.min(n, end - off)), "TLS");
        return false;
    }
}
