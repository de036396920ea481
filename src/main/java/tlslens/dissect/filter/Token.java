package tlslens.dissect.filter;

/**
 * One token of a display filter. {@code text} is the token as written; for strings and character
 * constants {@code bytes} holds the value after escape processing (Wireshark strings are byte
 * strings: typed characters count as their UTF-8 bytes, "\xhh" as one raw byte).
 */
record Token(Kind kind, String text, int pos, byte[] bytes) {

    enum Kind {
        WORD, STRING, CHAR, SLICE,
        LPAREN, RPAREN, LBRACE, RBRACE, COMMA, DOTDOT,
        ANY_EQ, ALL_NE, ALL_EQ, ANY_NE, LT, LE, GT, GE, CONTAINS, MATCHES,
        IN, BITAND, AND, OR, NOT, EOF;

        boolean isComparison() { return ordinal() >= ANY_EQ.ordinal() && ordinal() <= MATCHES.ordinal(); }
    }

    Token(Kind kind, String text, int pos) { this(kind, text, pos, null); }

    int len() { return text.length(); }

    int end() { return pos + text.length(); }

    /** The decoded value of a string or character constant. */
    String stringValue() { return new String(bytes, java.nio.charset.StandardCharsets.UTF_8); }

    /** For a SLICE token "[...]": the text between the brackets. */
    String sliceBody() { return text.substring(1, text.length() - 1); }

    @Override public String toString() { return kind + "(" + text + ")@" + pos; }
}
