package tlslens.dissect.x509;

import tlslens.dissect.Tvb;

/**
 * A small bounded DER TLV reader. It only ever looks at bytes inside the limit it is given, so a
 * length that claims more than its parent holds is clamped (and flagged) instead of being trusted.
 * BouncyCastle interprets values; this class supplies the offsets the tree needs.
 */
final class Der {
    static final int UNIVERSAL = 0, APPLICATION = 1, CONTEXT = 2, PRIVATE = 3;

    static final int BOOLEAN = 1, INTEGER = 2, BIT_STRING = 3, OCTET_STRING = 4, NULL = 5, OID = 6,
            ENUMERATED = 10, UTF8_STRING = 12, SEQUENCE = 16, SET = 17, NUMERIC_STRING = 18,
            PRINTABLE_STRING = 19, T61_STRING = 20, VIDEOTEX_STRING = 21, IA5_STRING = 22, UTC_TIME = 23,
            GENERALIZED_TIME = 24, GRAPHIC_STRING = 25, VISIBLE_STRING = 26, GENERAL_STRING = 27,
            UNIVERSAL_STRING = 28, BMP_STRING = 30;

    /** Tag numbers above this are nonsense for X.509 and would only come from corrupted input. */
    private static final int MAX_TAG = 0xffff;

    private Der() {}

    /**
     * One element: identifier at {@link #start}, content [{@link #content}, {@link #end}).
     * {@code end} is already clamped to the enclosing limit; {@link #truncated} says it had to be.
     */
    record Tlv(int tagClass, boolean constructed, int tag, int start, int content, int declaredLength, int end,
               boolean truncated) {
        int headerLength() { return content - start; }

        int contentLength() { return end - content; }

        /** Length of the whole element as present (header + clamped content). */
        int length() { return end - start; }

        boolean is(int cls, int number) { return tagClass == cls && tag == number; }

        boolean isUniversal(int number) { return tagClass == UNIVERSAL && tag == number; }

        boolean isContext(int number) { return tagClass == CONTEXT && tag == number; }

        String describe() { return describeTag(tagClass, constructed, tag); }
    }

    /**
     * Reads the element starting at {@code off} that must end by {@code limit}. Returns null when not
     * even the identifier and length fit, or the encoding is not DER (indefinite length, over-long
     * length field).
     */
    static Tlv read(Tvb tvb, int off, int limit) {
        int lim = Math.min(limit, tvb.end);
        if (off < tvb.start || off >= lim) return null;
        int p = off;
        int id = tvb.u8(p++);
        int cls = id >>> 6;
        boolean constructed = (id & 0x20) != 0;
        int tag = id & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            for (int i = 0; ; i++) {
                if (p >= lim || i >= 3) return null;
                int b = tvb.u8(p++);
                tag = (tag << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) break;
            }
            if (tag > MAX_TAG) return null;
        }
        if (p >= lim) return null;
        int first = tvb.u8(p++);
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4) return null; // indefinite (BER only) or absurd
            if ((long) p + n > lim) return null;
            len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | tvb.u8(p++);
        }
        if (len > Integer.MAX_VALUE) return null;
        long end = (long) p + len;
        boolean truncated = end > lim;
        return new Tlv(cls, constructed, tag, off, p, (int) len, (int) Math.min(end, lim), truncated);
    }

    /** Walks the elements of one constructed element's content in order. */
    static final class Cursor {
        private final Tvb tvb;
        private int pos;
        private final int limit;
        private boolean broken;

        Cursor(Tvb tvb, int from, int limit) {
            this.tvb = tvb;
            this.pos = from;
            this.limit = Math.min(limit, tvb.end);
        }

        boolean hasNext() { return !broken && pos < limit; }

        /** The next element, or null when the rest cannot be parsed (then {@link #broken} is set). */
        Tlv next() {
            if (!hasNext()) return null;
            Tlv t = read(tvb, pos, limit);
            if (t == null) {
                broken = true;
                return null;
            }
            pos = t.end;
            return t;
        }

        /** The next element without consuming it. */
        Tlv peek() {
            if (!hasNext()) return null;
            return read(tvb, pos, limit);
        }

        int position() { return pos; }

        int limit() { return limit; }

        boolean broken() { return broken; }
    }

    /** Counts the elements of a constructed element's content (bounded by its size). */
    static int count(Tvb tvb, int from, int limit) {
        Cursor c = new Cursor(tvb, from, limit);
        int n = 0;
        while (c.next() != null) n++;
        return n;
    }

    /** Decodes an OBJECT IDENTIFIER's content to dotted form, or null when it is not well-formed. */
    static String oid(Tvb tvb, int off, int len) {
        if (len <= 0 || !tvb.has(off, len) || len > 256) return null;
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        int bits = 0;
        for (int i = 0; i < len; i++) {
            int b = tvb.u8(off + i);
            if (bits == 0 && b == 0x80) return null; // non-minimal
            v = (v << 7) | (b & 0x7f);
            bits += 7;
            if (bits > 63) return null;
            if ((b & 0x80) == 0) {
                if (first) {
                    if (v < 40) sb.append("0.").append(v);
                    else if (v < 80) sb.append("1.").append(v - 40);
                    else sb.append("2.").append(v - 80);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
                bits = 0;
            }
        }
        return bits == 0 ? sb.toString() : null;
    }

    static String describeTag(int cls, boolean constructed, int tag) {
        String c = switch (cls) {
            case UNIVERSAL -> "UNIVERSAL";
            case APPLICATION -> "APPLICATION";
            case CONTEXT -> "CONTEXT";
            default -> "PRIVATE";
        };
        return "class:" + c + "(" + cls + ") " + (constructed ? "Constructed" : "Primitive") + " tag:" + tag;
    }
}
