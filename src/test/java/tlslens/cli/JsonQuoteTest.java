package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** JsonWriter.quote appends runs of plain characters whole: the same text as escaping one character at a time. */
class JsonQuoteTest {
    /** json_dumper's escaping, one character at a time (what quote did before). */
    private static String oneByOne(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                case '/' -> b.append(i > 0 && s.charAt(i - 1) == '<' ? "\\/" : "/");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    @Test
    void everyStringIsEscapedAsOneCharacterAtATime() {
        String alphabet = "ab</\"\\\b\t\n\f\r\u0000\u001f /<\u00e9\u4e2d\ud83d\ude00";
        SplittableRandom r = new SplittableRandom(14);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            StringBuilder quoted = new StringBuilder();
            JsonWriter.quote(quoted, s.toString());
            assertEquals(oneByOne(s.toString()), quoted.toString(), "for " + s);
        }
    }
}
