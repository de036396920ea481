package tlslens.dissect.filter;

/**
 * One range of a slice, Wireshark's drange: {@code [i:j]} (start i, length j), {@code [i-j]}
 * (i through j), {@code [i]}, {@code [:j]}, {@code [i:]} (to the end). A negative start counts
 * from the end.
 */
record SliceRange(int start, int length, boolean toEnd) {

    /** Parses the text between the brackets, e.g. "0:2", "-2:", "1-3,5". */
    static java.util.List<SliceRange> parse(String body, int bodyPos) throws FilterException {
        java.util.List<SliceRange> out = new java.util.ArrayList<>();
        int at = 0;
        for (String piece : body.split(",", -1)) {
            int lead = 0;
            while (lead < piece.length() && Character.isWhitespace(piece.charAt(lead))) lead++;
            String p = piece.trim();
            out.add(one(p, bodyPos + at + lead));
            at += piece.length() + 1;
        }
        return out;
    }

    private static SliceRange one(String p, int pos) throws FilterException {
        if (p.isEmpty()) throw new FilterException("\"]\" was unexpected in this context.", pos, 1);
        int colon = p.indexOf(':');
        if (colon >= 0) {
            String a = p.substring(0, colon), b = p.substring(colon + 1);
            int start = a.isEmpty() ? 0 : number(a, pos);
            if (b.isEmpty()) return new SliceRange(start, 0, true);
            int len = number(b, pos + colon + 1);
            if (len <= 0) {
                throw new FilterException("Range " + p + " isn't valid because length " + len + " isn't positive",
                        pos, p.length());
            }
            return new SliceRange(start, len, false);
        }
        int dash = p.indexOf('-', 1); // a leading '-' is a negative start
        if (dash > 0) {
            int from = number(p.substring(0, dash), pos);
            int to = number(p.substring(dash + 1), pos + dash + 1);
            int len = to - from + 1;
            if (len <= 0 || (from < 0) != (to < 0)) {
                throw new FilterException("Range " + p + " isn't valid because length " + len + " isn't positive",
                        pos, p.length());
            }
            return new SliceRange(from, len, false);
        }
        return new SliceRange(number(p, pos), 1, false);
    }

    private static int number(String text, int pos) throws FilterException {
        String s = text.trim();
        if (!s.matches("-?\\d{1,9}")) throw new FilterException("\"" + s + "\" is not a valid number.", pos, s.length());
        return Integer.parseInt(s);
    }

    /** The bytes of this range, or null when it does not lie inside the value. */
    byte[] apply(byte[] b) {
        int s = start < 0 ? b.length + start : start;
        if (s < 0 || s >= b.length) return null;
        int len = toEnd ? b.length - s : length;
        if ((long) s + len > b.length) return null;
        return java.util.Arrays.copyOfRange(b, s, s + len);
    }
}
