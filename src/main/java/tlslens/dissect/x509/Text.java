package tlslens.dissect.x509;

/** Makes certificate strings safe to show in one tree line, like Wireshark's format_text(). */
final class Text {
    private Text() {}

    static String format(String s) {
        if (s == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = switch (c) {
                case '\u0007' -> "\\a";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\u000b' -> "\\v";
                default -> c < 0x20 || c == 0x7f ? String.format("\\%03o", (int) c) : null;
            };
            if (esc != null && sb == null) sb = new StringBuilder(s.substring(0, i));
            if (sb != null) {
                if (esc != null) sb.append(esc);
                else sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
