package tlslens.dissect.x509;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.BiConsumer;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldFormat;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * Shared building blocks for BER-style trees with Wireshark's byte ranges: a SEQUENCE item covers
 * its whole TLV, a SEQUENCE OF / SET OF item only its content, a primitive only its value, and a
 * CHOICE the chosen element (after the tag header when the alternative is tagged).
 */
final class DerTree {
    /** Explicit-tag wrappers and constructed strings could nest without end in hostile input. */
    static final int MAX_DEPTH = 24;
    static final String OID_NOT_IMPLEMENTED =
            "BER: Dissector for OID not implemented. Contact Wireshark developers if you want this supported";

    final Tvb tvb;
    int depth;
    private final java.util.List<Object[]> pending = new java.util.ArrayList<>();

    DerTree(Tvb tvb) { this.tvb = tvb; }

    // ---- reading --------------------------------------------------------------------------------

    Der.Cursor cursor(Der.Tlv t) { return new Der.Cursor(tvb, t.content(), t.end()); }

    /**
     * The next element of a sequence, which must have the given class and tag; reports a malformed
     * node under parent and returns null when it is missing or different (and leaves it unread).
     */
    Der.Tlv expect(ProtoNode parent, Der.Cursor c, int cls, int tag, String what) {
        Der.Tlv t = c.peek();
        if (t == null) {
            if (c.hasNext()) {
                parent.malformed(tvb, c.position(), c.limit() - c.position(),
                        "BER Error: cannot read the element for " + what);
                c.next(); // marks the cursor broken
            } else {
                parent.malformed(tvb, c.limit(), 0, "BER Error: missing " + what);
            }
            return null;
        }
        if (t.tagClass() != cls || t.tag() != tag) {
            parent.malformed(tvb, t.start(), t.length(), "BER Error: " + what + " expected but "
                    + t.describe() + " was unexpected");
            return null;
        }
        c.next();
        return t;
    }

    /** The next element if it has the given class and tag (an OPTIONAL component), else null. */
    Der.Tlv optional(Der.Cursor c, int cls, int tag) {
        Der.Tlv t = c.peek();
        if (t == null || t.tagClass() != cls || t.tag() != tag) return null;
        c.next();
        return t;
    }

    /**
     * Notes a length that ran past its container. The note is added by {@link #flush} once the
     * node's children are in place, so it comes after them as in tshark.
     */
    void checkTruncated(ProtoNode node, Der.Tlv t) {
        if (t != null && t.truncated()) pending.add(new Object[] {node, t});
    }

    /** Adds the notes {@link #checkTruncated} collected; call once the tree is built. */
    void flush() {
        for (Object[] p : pending) {
            ProtoNode node = (ProtoNode) p[0];
            Der.Tlv t = (Der.Tlv) p[1];
            node.malformed(tvb, t.content(), t.contentLength(), "BER Error: length " + t.declaredLength()
                    + " longer than the " + t.contentLength() + " bytes present");
        }
        pending.clear();
    }

    /** Anything left over at the end of a sequence. */
    void checkRest(ProtoNode node, Der.Cursor c, String what) {
        if (c.broken()) {
            node.malformed(tvb, c.position(), c.limit() - c.position(), "BER Error: cannot parse the rest of "
                    + what);
        } else if (c.hasNext()) {
            node.malformed(tvb, c.position(), c.limit() - c.position(), "BER Error: unexpected data after "
                    + what);
        }
    }

    // ---- nodes with Wireshark's ranges ----------------------------------------------------------

    /** A SEQUENCE (FT_NONE element) covering the whole TLV; "[0 length]" when empty, as tshark says. */
    ProtoNode sequence(ProtoNode parent, FieldDef f, Der.Tlv t) {
        ProtoNode n = parent.addValue(f, tvb, t.start(), t.length(), null);
        if (t.contentLength() == 0 && !t.truncated()) n.setText(f.name + " [0 length]");
        checkTruncated(n, t);
        return n;
    }

    /** A SEQUENCE OF / SET OF covering its content: "name: N items". */
    ProtoNode sequenceOf(ProtoNode parent, FieldDef f, Der.Tlv t) {
        int n = Der.count(tvb, t.content(), t.end());
        ProtoNode node = parent.addValue(f, tvb, t.content(), t.contentLength(), (long) n, f.name + ": " + items(n));
        checkTruncated(node, t);
        return node;
    }

    /**
     * The one SEQUENCE OF / SET OF walk: the "name: N items" node, each element handed to
     * {@code element} under it, then whatever is left unread reported as {@code what}'s rest
     * (not checked when {@code what} is null). Returns the list node.
     */
    ProtoNode sequenceOf(ProtoNode parent, FieldDef f, Der.Tlv t, String what,
                         BiConsumer<ProtoNode, Der.Tlv> element) {
        ProtoNode list = sequenceOf(parent, f, t);
        elements(list, t, what, element);
        return list;
    }

    /** Hands each element of the constructed value {@code t} to {@code element} under {@code node}; see above. */
    void elements(ProtoNode node, Der.Tlv t, String what, BiConsumer<ProtoNode, Der.Tlv> element) {
        Der.Cursor c = cursor(t);
        Der.Tlv e;
        while ((e = c.next()) != null) element.accept(node, e);
        if (what != null) checkRest(node, c, what);
    }

    static String items(int n) { return n + (n == 1 ? " item" : " items"); }

    /** An OID-valued field: "Label: 1.2.3 (name)"; returns the dotted OID (null when undecodable). */
    String oid(ProtoNode parent, FieldDef f, Der.Tlv t) {
        String oid = Der.oid(tvb, t.content(), t.contentLength());
        if (oid == null) {
            parent.malformed(tvb, t.content(), t.contentLength(), "BER Error: invalid OBJECT IDENTIFIER");
            return null;
        }
        ProtoNode n = parent.addValue(f, tvb, t.content(), t.contentLength(), oid, f.name + ": " + Oids.display(oid));
        checkTruncated(n, t);
        return oid;
    }

    /** An INTEGER kept as bytes and labelled "0x..." (serial numbers, RSA modulus). */
    ProtoNode hexInteger(ProtoNode parent, FieldDef f, Der.Tlv t) {
        byte[] b = tvb.bytes(t.content(), t.contentLength());
        ProtoNode n = parent.addValue(f, tvb, t.content(), t.contentLength(), b, f.name + ": " + hexLabel(b));
        checkTruncated(n, t);
        return n;
    }

    static String hexLabel(byte[] b) {
        if (b.length == 0) return "<MISSING>";
        String s = FieldFormat.display(X509Fields.SERIAL_NUMBER, b);
        return "0x" + s;
    }

    /** An INTEGER as a number; values wider than 8 bytes keep their low 64 bits (and say so). */
    ProtoNode integer(ProtoNode parent, FieldDef f, Der.Tlv t) {
        long v = integerValue(t);
        ProtoNode n = parent.addValue(f, tvb, t.content(), t.contentLength(), v);
        if (t.contentLength() > 8) n.expert(X509Experts.INTEGER_TOO_WIDE.note());
        checkTruncated(n, t);
        return n;
    }

    long integerValue(Der.Tlv t) {
        int len = t.contentLength();
        if (len <= 0) return 0;
        long v = (tvb.u8(t.content()) & 0x80) != 0 ? -1 : 0; // two's complement sign
        int from = Math.max(0, len - 8);
        for (int i = from; i < len; i++) v = (v << 8) | tvb.u8(t.content() + i);
        return v;
    }

    /** A BIT STRING: "Padding: n" on the first content byte; returns [off, len) of the bits. */
    int[] bitString(ProtoNode parent, Der.Tlv t, boolean showPadding) {
        if (t.contentLength() < 1) {
            parent.malformed(tvb, t.start(), t.length(), "BER Error: BIT STRING without its padding byte");
            return null;
        }
        if (showPadding) {
            ProtoNode p = parent.add(X509Fields.BITSTRING_PADDING, tvb, t.content(), 1);
            if (tvb.u8(t.content()) > 7) p.expert(X509Experts.ILLEGAL_PADDING.note("BIT STRING padding greater than 7"));
        }
        return new int[] {t.content() + 1, t.contentLength() - 1};
    }

    /** A byte-valued field over a range (OCTET STRING content and the like). */
    ProtoNode bytes(ProtoNode parent, FieldDef f, Der.Tlv t) {
        ProtoNode n = parent.add(f, tvb, t.content(), t.contentLength());
        checkTruncated(n, t);
        return n;
    }

    /** A string-valued field decoded per the element's universal string type. */
    ProtoNode string(ProtoNode parent, FieldDef f, Der.Tlv t) {
        String s = decodeString(t);
        ProtoNode n = parent.addValue(f, tvb, t.content(), t.contentLength(), s, f.name + ": " + Text.format(s));
        checkTruncated(n, t);
        return n;
    }

    String decodeString(Der.Tlv t) { return decodeString(tvb, t); }

    static String decodeString(Tvb tvb, Der.Tlv t) {
        byte[] b = tvb.bytes(t.content(), Math.min(t.contentLength(), 65536));
        if (t.tagClass() != Der.UNIVERSAL) return new String(b, StandardCharsets.ISO_8859_1);
        Charset cs = switch (t.tag()) {
            case Der.UTF8_STRING -> StandardCharsets.UTF_8;
            case Der.BMP_STRING -> StandardCharsets.UTF_16BE;
            case Der.UNIVERSAL_STRING -> utf32();
            default -> StandardCharsets.ISO_8859_1;
        };
        if (cs == null) return new String(b, StandardCharsets.ISO_8859_1);
        return new String(b, cs);
    }

    private static Charset utf32() {
        try {
            return Charset.forName("UTF-32BE");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Wireshark's item for a value whose OID has no dissector. */
    ProtoNode oidNotImplemented(ProtoNode parent, int off, int len) {
        ProtoNode n = parent.addText(OID_NOT_IMPLEMENTED, tvb, off, len);
        n.expert(X509Experts.OID_NOT_IMPLEMENTED.note());
        return n;
    }

    /** "BER Error: ..." as a warning item, the way tshark reports a wrong tag inside a value. */
    ProtoNode berError(ProtoNode parent, Der.Tlv t, ExpertDef kind, String message) {
        String text = "BER Error: " + message;
        ProtoNode n = parent.addText(text, tvb, t.start(), t.length());
        n.expert(kind.note(text));
        return n;
    }

    // ---- time -----------------------------------------------------------------------------------

    /**
     * Parses UTCTime / GeneralizedTime content. Returns null for anything that is not a plausible
     * time; DER only allows "YYMMDDHHMMSSZ" and "YYYYMMDDHHMMSS[.f]Z", but older BER forms are
     * accepted where unambiguous.
     */
    static Instant parseTime(String s, boolean utc) {
        try {
            int i = 0;
            int year;
            if (utc) {
                year = Integer.parseInt(s.substring(0, 2));
                year += year < 50 ? 2000 : 1900; // RFC 5280 4.1.2.5.1
                i = 2;
            } else {
                year = Integer.parseInt(s.substring(0, 4));
                i = 4;
            }
            int mon = Integer.parseInt(s.substring(i, i + 2));
            int day = Integer.parseInt(s.substring(i + 2, i + 4));
            int hour = Integer.parseInt(s.substring(i + 4, i + 6));
            int min = Integer.parseInt(s.substring(i + 6, i + 8));
            i += 8;
            int sec = 0;
            if (i + 2 <= s.length() && Character.isDigit(s.charAt(i))) {
                sec = Integer.parseInt(s.substring(i, i + 2));
                i += 2;
            }
            long nanos = 0;
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                int j = i + 1;
                StringBuilder frac = new StringBuilder();
                while (j < s.length() && Character.isDigit(s.charAt(j))) frac.append(s.charAt(j++));
                if (frac.length() == 0 || frac.length() > 9) return null;
                while (frac.length() < 9) frac.append('0');
                nanos = Long.parseLong(frac.toString());
                i = j;
            }
            int offsetSeconds = 0;
            if (i < s.length()) {
                char z = s.charAt(i);
                if (z == 'Z' && i + 1 == s.length()) {
                    offsetSeconds = 0;
                } else if ((z == '+' || z == '-') && i + 5 == s.length()) {
                    int oh = Integer.parseInt(s.substring(i + 1, i + 3));
                    int om = Integer.parseInt(s.substring(i + 3, i + 5));
                    offsetSeconds = (z == '+' ? 1 : -1) * (oh * 3600 + om * 60);
                } else {
                    return null;
                }
            } else if (utc) {
                return null;
            }
            LocalDateTime ldt = LocalDateTime.of(year, mon, day, hour, min, sec, (int) nanos);
            return ldt.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** tshark 4.0's UTCTime text: "2021-03-22 13:32:15 (UTC)" (century added per RFC 5280). */
    static String utcTimeText(String raw) {
        if (raw.length() >= 12 && raw.chars().limit(12).allMatch(Character::isDigit)) {
            String cent = raw.charAt(0) < '5' ? "20" : "19";
            String tz = raw.length() == 13 && raw.charAt(12) == 'Z' ? "UTC" : raw.substring(12);
            return cent + raw.substring(0, 2) + "-" + raw.substring(2, 4) + "-" + raw.substring(4, 6) + " "
                    + raw.substring(6, 8) + ":" + raw.substring(8, 10) + ":" + raw.substring(10, 12) + " (" + tz + ")";
        }
        return Text.format(raw);
    }
}
