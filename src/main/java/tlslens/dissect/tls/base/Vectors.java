package tlslens.dissect.tls.base;

import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * Length-prefixed vectors read the way Wireshark's ssl_add_vector / ssl_end_vector read them, with
 * the same notes and texts, so that a malformed message reads the same here as in tshark: the length
 * item is always shown, a length outside its {@code <min..max>} range is a protocol warning
 * (tls.malformed.vector_length), one that runs past the enclosing end is clamped to what is there
 * (tls.malformed.buffer_too_small), and bytes left at the end of a structure are reported
 * (tls.malformed.trailing_data). The caller stops, or skips to the vector's end, when a check fails.
 */
public final class Vectors {
    /** A vector's length: {@code ok} is false when it was clamped or could not be read at all. */
    public record Length(boolean ok, int length) {}

    private Vectors() {}

    /**
     * Adds the length item of a vector at {@code off} whose body must end by {@code end}; the width of
     * the length (1..4 bytes) follows from {@code max} as in TLS's presentation language.
     */
    public static Length add(ProtoNode tree, Tvb tvb, int off, int end, FieldDef lengthField, long min, long max) {
        if (off > end) {
            tree.expert(TlsExperts.MALFORMED_BUFFER_TOO_SMALL.note("Vector offset is past buffer end offset ("
                    + off + " > " + end + ")"));
            return new Length(false, 0);
        }
        int size = max > 0xffffffL ? 4 : max > 0xffffL ? 3 : max > 0xffL ? 2 : 1;
        if (end - off < size) {
            tree.addExpert(TlsExperts.MALFORMED_BUFFER_TOO_SMALL, tvb, off, end - off,
                    "No more room for vector of length " + size);
            return new Length(false, 0);
        }
        ProtoNode pi = tree.add(lengthField, tvb, off, size);
        long value = tvb.uint(off, size);
        if (value < min) {
            pi.expert(TlsExperts.MALFORMED_VECTOR_LENGTH.note("Vector length " + value + " is smaller than minimum " + min));
        } else if (value > max) {
            pi.expert(TlsExperts.MALFORMED_VECTOR_LENGTH.note("Vector length " + value + " is larger than maximum " + max));
        }
        int room = end - off - size;
        if (room < value) {
            pi.expert(TlsExperts.MALFORMED_BUFFER_TOO_SMALL.note("Vector length " + value
                    + " is too large, truncating it to " + room));
            return new Length(false, room);
        }
        return new Length(true, (int) value);
    }

    /** Reports bytes left before {@code end}, or a read past it; true when {@code off == end}. */
    public static boolean end(ProtoNode tree, Tvb tvb, int off, int end) {
        if (off < end) {
            int trailing = end - off;
            tree.addExpert(TlsExperts.MALFORMED_TRAILING_DATA, tvb, off, trailing,
                    trailing + " trailing byte" + (trailing == 1 ? " was" : "s were") + " unprocessed");
            return false;
        }
        if (off > end) {
            int excess = off - end;
            tree.addExpert(TlsExperts.MALFORMED_BUFFER_TOO_SMALL, tvb, end, excess,
                    "Dissector processed too much data (" + excess + " byte" + plural(excess) + ")");
            return false;
        }
        return true;
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

    /** "s" unless n is 1 (Wireshark's plurality). */
    public static String plural(long n) { return n == 1 ? "" : "s"; }
}
