package tlslens.dissect.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tlslens.dissect.filter.Token.Kind;

/**
 * Splits a display filter into tokens (Wireshark's scanner.l, simplified). Unquoted literals and
 * field names are one kind of token, WORD, since what a word means (field, number, byte string,
 * address, value name) depends on the field it is compared with; that is decided by the checker.
 */
final class Lexer {
    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry("eq", Kind.ANY_EQ), Map.entry("any_eq", Kind.ANY_EQ),
            Map.entry("ne", Kind.ALL_NE), Map.entry("all_ne", Kind.ALL_NE),
            Map.entry("all_eq", Kind.ALL_EQ), Map.entry("any_ne", Kind.ANY_NE),
            Map.entry("lt", Kind.LT), Map.entry("le", Kind.LE), Map.entry("gt", Kind.GT), Map.entry("ge", Kind.GE),
            Map.entry("contains", Kind.CONTAINS), Map.entry("matches", Kind.MATCHES),
            Map.entry("in", Kind.IN), Map.entry("bitwise_and", Kind.BITAND),
            Map.entry("and", Kind.AND), Map.entry("or", Kind.OR), Map.entry("not", Kind.NOT));

    private final String s;
    private int i;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String s) { this.s = s; }

    static List<Token> tokenize(String s) throws FilterException {
        Lexer lx = new Lexer(s);
        lx.run();
        return lx.out;
    }

    private void run() throws FilterException {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int start = i;
            switch (c) {
                case '(' -> op(Kind.LPAREN, 1);
                case ')' -> op(Kind.RPAREN, 1);
                case '{' -> op(Kind.LBRACE, 1);
                case '}' -> op(Kind.RBRACE, 1);
                case ',' -> op(Kind.COMMA, 1);
                case '[' -> slice();
                case '"' -> string(start, false);
                case '\'' -> charConstant();
                case '=' -> {
                    if (at(1, '=')) op(at(2, '=') ? Kind.ALL_EQ : Kind.ANY_EQ, at(2, '=') ? 3 : 2);
                    else throw unexpected(start, 1);
                }
                case '!' -> {
                    if (at(1, '=')) op(at(2, '=') ? Kind.ANY_NE : Kind.ALL_NE, at(2, '=') ? 3 : 2);
                    else op(Kind.NOT, 1);
                }
                case '~' -> { if (at(1, '=')) op(Kind.ANY_NE, 2); else op(Kind.MATCHES, 1); }
                case '<' -> { if (at(1, '=')) op(Kind.LE, 2); else op(Kind.LT, 1); }
                case '>' -> { if (at(1, '=')) op(Kind.GE, 2); else op(Kind.GT, 1); }
                case '&' -> { if (at(1, '&')) op(Kind.AND, 2); else op(Kind.BITAND, 1); }
                case '|' -> { if (at(1, '|')) op(Kind.OR, 2); else throw unexpected(start, 1); }
                default -> {
                    if (c == '.' && at(1, '.')) op(Kind.DOTDOT, 2);
                    else if ((c == 'r' || c == 'R') && at(1, '"')) { i++; string(start, true); }
                    else if (isWordChar(c)) word();
                    else throw unexpected(start, 1);
                }
            }
        }
        out.add(new Token(Kind.EOF, "", n));
    }

    private boolean at(int ahead, char c) { return i + ahead < s.length() && s.charAt(i + ahead) == c; }

    private void op(Kind k, int len) {
        out.add(new Token(k, s.substring(i, i + len), i));
        i += len;
    }

    private FilterException unexpected(int pos, int len) {
        return new FilterException("\"" + s.substring(pos, pos + len) + "\" was unexpected in this context.", pos, len);
    }

    /** Field names, numbers, byte strings (16:03), addresses (10.0.0.0/8, fe80::1), value names. */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
    }

    private void word() {
        int start = i;
        while (i < s.length() && isWordChar(s.charAt(i))) {
            // "1..3" in a set is two words around a range operator; no field or literal has "..".
            if (s.charAt(i) == '.' && at(1, '.') && i > start) break;
            i++;
        }
        String w = s.substring(start, i);
        Kind k = KEYWORDS.get(w);
        out.add(new Token(k != null ? k : Kind.WORD, w, start));
    }

    /** "[...]" after a field: kept whole; the checker parses the ranges inside. */
    private void slice() throws FilterException {
        int close = s.indexOf(']', i);
        if (close < 0) throw new FilterException("The right bracket was missing from a slice.", s.length(), 0);
        out.add(new Token(Kind.SLICE, s.substring(i, close + 1), i));
        i = close + 1;
    }

    private void string(int start, boolean raw) throws FilterException {
        i++; // opening quote
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            if (i >= s.length()) {
                // tshark points past the end of the text, where the quote should be.
                throw new FilterException("The final quote was missing from a quoted string.", s.length(), 0);
            }
            char c = s.charAt(i);
            if (c == '"') { i++; break; }
            if (c == '\\') {
                if (raw) {
                    // Raw strings keep the backslash; it only stops \" from closing the string.
                    buf.write('\\');
                    i++;
                    if (i < s.length()) appendChar(buf, s.charAt(i++));
                } else {
                    escape(buf);
                }
                continue;
            }
            appendChar(buf, c);
            i++;
        }
        out.add(new Token(Kind.STRING, s.substring(start, i), start, buf.toByteArray()));
    }

    private void charConstant() throws FilterException {
        int start = i;
        i++;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            if (i >= s.length()) {
                throw new FilterException("The final quote was missing from a character constant.", s.length(), 0);
            }
            char c = s.charAt(i);
            if (c == '\'') { i++; break; }
            if (c == '\\') { escape(buf); continue; }
            appendChar(buf, c);
            i++;
        }
        String text = s.substring(start, i);
        if (buf.size() != 1) {
            String why = buf.size() == 0 ? " is not a valid character constant." : " is too long to be a valid character constant.";
            throw new FilterException(text + why, start, text.length());
        }
        out.add(new Token(Kind.CHAR, text, start, buf.toByteArray()));
    }

    private void appendChar(ByteArrayOutputStream buf, char c) {
        if (c < 0x80) {
            buf.write(c);
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
            buf.writeBytes(s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
            i++;
        } else {
            buf.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** C escapes as Wireshark 4.0 accepts them: \\ \" \' \? \a \b \f \n \r \t \v, \xH[H], \O[O[O]]. */
    private void escape(ByteArrayOutputStream buf) throws FilterException {
        int bs = i;
        if (i + 1 >= s.length()) {
            throw new FilterException("The final quote was missing from a quoted string.", s.length(), 0);
        }
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
            case '\\', '"', '\'', '?' -> buf.write(e);
            case 'a' -> buf.write(7);
            case 'b' -> buf.write(8);
            case 'f' -> buf.write(12);
            case 'n' -> buf.write(10);
            case 'r' -> buf.write(13);
            case 't' -> buf.write(9);
            case 'v' -> buf.write(11);
            case 'x' -> {
                int v = 0, digits = 0;
                while (digits < 2 && i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(i), 16);
                    i++;
                    digits++;
                }
                if (digits == 0) throw new FilterException("\\x is not a valid character escape sequence", bs, 2);
                buf.write(v);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0', digits = 1;
                    while (digits < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                        v = v * 8 + (s.charAt(i) - '0');
                        i++;
                        digits++;
                    }
                    buf.write(v & 0xff);
                } else {
                    throw new FilterException("\\" + e + " is not a valid character escape sequence", bs, 2);
                }
            }
        }
    }
}
