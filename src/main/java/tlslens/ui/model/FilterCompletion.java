package tlslens.ui.model;

import java.util.List;

import tlslens.dissect.filter.FieldNames;

/**
 * The display-filter bar's completion, as Wireshark's: the field or protocol name being typed at
 * the caret, the registered names that begin with it, and the text once one is chosen.
 */
public final class FilterCompletion {
    /** At most this many names are offered at once. */
    public static final int MAX = 40;

    /** The word being typed ({@code text[start, end)}) and the names it may become. */
    public record Suggestions(int start, int end, List<String> names) {
        public static final Suggestions NONE = new Suggestions(0, 0, List.of());

        public boolean isEmpty() { return names.isEmpty(); }
    }

    /** A text with its caret. */
    public record Edit(String text, int caret) {}

    private FilterCompletion() {}

    /**
     * The names that complete the word ending at {@code caret}: none inside a quoted string, for a
     * value (a number, a byte string) or for an operator word ("and", "contains").
     */
    public static Suggestions at(String text, int caret) {
        if (text == null || caret < 0 || caret > text.length() || insideString(text, caret)) return Suggestions.NONE;
        int start = caret;
        while (start > 0 && isNameChar(text.charAt(start - 1))) start--;
        int end = caret;
        while (end < text.length() && isNameChar(text.charAt(end))) end++;
        String word = text.substring(start, caret);
        if (word.isEmpty() || !Character.isLetter(word.charAt(0)) || isOperatorWord(word)) return Suggestions.NONE;
        List<String> names = FieldNames.startingWith(word, MAX);
        return names.isEmpty() ? Suggestions.NONE : new Suggestions(start, end, names);
    }

    /** The text with the word of {@code s} replaced by {@code name}, the caret after it. */
    public static Edit accept(String text, Suggestions s, String name) {
        String t = text.substring(0, s.start()) + name + text.substring(s.end());
        return new Edit(t, s.start() + name.length());
    }

    static boolean isNameChar(char c) { return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'; }

    private static boolean isOperatorWord(String w) {
        return switch (w) {
            case "and", "or", "not", "in", "eq", "ne", "gt", "lt", "ge", "le", "contains", "matches" -> true;
            default -> false;
        };
    }

    /** True when an odd number of unescaped double quotes comes before {@code caret}. */
    private static boolean insideString(String text, int caret) {
        boolean in = false;
        for (int i = 0; i < caret; i++) {
            char c = text.charAt(i);
            if (c == '\\' && in) i++;
            else if (c == '"') in = !in;
        }
        return in;
    }
}
