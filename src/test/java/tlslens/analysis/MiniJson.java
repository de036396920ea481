package tlslens.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON reader for the tests (manifests, --connections output): objects become
 * LinkedHashMaps, arrays Lists, numbers Doubles (or Longs when integral), true/false Booleans,
 * null null. Strict enough to reject malformed output: trailing text, bad escapes, missing commas.
 */
public final class MiniJson {
    private final String s;
    private int p;

    private MiniJson(String s) { this.s = s; }

    public static Object parse(String text) {
        MiniJson j = new MiniJson(text);
        Object v = j.value();
        j.ws();
        if (j.p != j.s.length()) throw j.error("trailing text");
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object o) { return (Map<String, Object>) o; }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object o) { return (List<Object>) o; }

    private Object value() {
        ws();
        if (p >= s.length()) throw error("unexpected end");
        char c = s.charAt(p);
        switch (c) {
            case '{': return obj();
            case '[': return arr();
            case '"': return str();
            case 't': return word("true", Boolean.TRUE);
            case 'f': return word("false", Boolean.FALSE);
            case 'n': return word("null", null);
            default: return num();
        }
    }

    private Map<String, Object> obj() {
        Map<String, Object> m = new LinkedHashMap<>();
        p++;
        ws();
        if (peek() == '}') { p++; return m; }
        while (true) {
            ws();
            if (peek() != '"') throw error("key expected");
            String k = str();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            if (peek() == ',') { p++; continue; }
            expect('}');
            return m;
        }
    }

    private List<Object> arr() {
        List<Object> l = new ArrayList<>();
        p++;
        ws();
        if (peek() == ']') { p++; return l; }
        while (true) {
            l.add(value());
            ws();
            if (peek() == ',') { p++; continue; }
            expect(']');
            return l;
        }
    }

    private String str() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (p >= s.length()) throw error("unterminated string");
            char c = s.charAt(p++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') { b.append(c); continue; }
            char e = s.charAt(p++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> { b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object num() {
        int start = p;
        while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) p++;
        if (start == p) throw error("value expected");
        String t = s.substring(start, p);
        if (t.matches("-?\\d+")) return Long.parseLong(t);
        return Double.parseDouble(t);
    }

    private Object word(String w, Object v) {
        if (!s.startsWith(w, p)) throw error(w + " expected");
        p += w.length();
        return v;
    }

    private void expect(char c) {
        if (peek() != c) throw error("'" + c + "' expected");
        p++;
    }

    private char peek() { return p < s.length() ? s.charAt(p) : '\0'; }

    private void ws() { while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++; }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + p);
    }
}
