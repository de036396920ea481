package tlslens.dissect.tls.ext;

import tlslens.dissect.Expert;
import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.ExtensionFields;

/**
 * Length-prefixed vectors checked the way Wireshark's ssl_add_vector / ssl_end_vector check them,
 * with the same expert texts, so a malformed hello reads the same here as in tshark: the length
 * item is always shown, a length that runs past the enclosing end is clamped (and said so), and
 * bytes left over at the end of a structure are reported.
 */
public final class TlsVectors {
    private TlsVectors() {}

    /** A vector's length: {@code ok} is false when it was clamped or could not be read at all. */
    public record Vec(int length, boolean ok, ProtoNode lengthNode) {}

    /**
     * Adds the length item of a vector at {@code off} whose body must end by {@code end}; the width of
     * the length (1..4 bytes) follows from {@code max} as in TLS's presentation language.
     */
    public static Vec add(ProtoNode tree, Tvb tvb, int off, int end, FieldDef f, long min, long max) {
        int size = max > 0xffffffL ? 4 : max > 0xffffL ? 3 : max > 0xffL ? 2 : 1;
        if (off > end || end - off < size) {
            int room = Math.max(0, end - off);
            ProtoNode n = tree.addValue(ExtensionFields.MALFORMED_BUFFER_TOO_SMALL, tvb, off, room, null,
                    "No more room for vector of length " + size);
            n.expert(Expert.malformed("No more room for vector of length " + size));
            return new Vec(0, false, n);
        }
        long value = tvb.uint(off, size);
        ProtoNode pi = tree.add(f, tvb, off, size);
        if (value < min) {
            pi.expert(Expert.warn("Protocol", "Vector length " + value + " is smaller than minimum " + min));
        } else if (value > max) {
            pi.expert(Expert.warn("Protocol", "Vector length " + value + " is larger than maximum " + max));
        }
        int room = end - off - size;
        if (room < value) {
            pi.expert(Expert.malformed("Vector length " + value + " is too large, truncating it to " + room));
            return new Vec(room, false, pi);
        }
        return new Vec((int) value, true, pi);
    }

    /** Reports bytes left before {@code end}, or a read past it; true when {@code off == end}. */
    public static boolean end(ProtoNode tree, Tvb tvb, int off, int end) {
        if (off < end) {
            int trailing = end - off;
            String msg = trailing + " trailing byte" + (trailing == 1 ? " was" : "s were") + " unprocessed";
            tree.addValue(ExtensionFields.MALFORMED_TRAILING_DATA, tvb, off, trailing, null, msg)
                    .expert(Expert.warn("Protocol", msg));
            return false;
        }
        if (off > end) {
            int excess = off - end;
            String msg = "Dissector processed too much data (" + excess + " byte" + (excess == 1 ? "" : "s") + ")";
            tree.addValue(ExtensionFields.MALFORMED_BUFFER_TOO_SMALL, tvb, end, excess, null, msg)
                    .expert(Expert.malformed(msg));
            return false;
        }
        return true;
    }

    /** "s" unless n is 1 (Wireshark's plurality). */
    public static String plural(long n) { return n == 1 ? "" : "s"; }
}
