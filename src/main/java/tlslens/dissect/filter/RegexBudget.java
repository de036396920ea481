package tlslens.dissect.filter;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A step budget for {@code matches}: java.util.regex backtracks, and a pattern such as
 * {@code (.*a){20}$} on a 40-character name takes minutes. The value is read through a CharSequence
 * that counts the characters the matcher reads and gives up past the budget; a value given up on
 * counts as not matching (tshark's PCRE2 has a match limit too), and the filter says so once.
 */
final class RegexBudget {
    /** Characters read per value at most: a million, or a thousand per character of a longer value. */
    static final long MIN_STEPS = 1_000_000;
    static final long STEPS_PER_CHAR = 1_000;

    private final AtomicLong gaveUp = new AtomicLong();
    private volatile String pattern;

    /** Whether the pattern is found in {@code s} within the budget (false when given up). */
    boolean find(Pattern p, CharSequence s) {
        Counted c = new Counted(s, Math.max(MIN_STEPS, STEPS_PER_CHAR * s.length()));
        try {
            return p.matcher(c).find();
        } catch (Exhausted e) {
            gaveUp.incrementAndGet();
            pattern = p.pattern();
            return false;
        }
    }

    /** How many values the budget stopped so far. */
    long gaveUp() { return gaveUp.get(); }

    /** The warning for a run whose {@code matches} gave up on some values; null when none. */
    String warning() {
        long n = gaveUp.get();
        if (n == 0) return null;
        return "The regular expression \"" + pattern + "\" of \"matches\" was stopped on " + n
                + (n == 1 ? " value" : " values") + " after reading " + MIN_STEPS + " characters (or "
                + STEPS_PER_CHAR + " per character of the value): it backtracks too much; such values were taken as "
                + "not matching.";
    }

    private static final class Exhausted extends RuntimeException {
        Exhausted() { super(null, null, false, false); }
    }

    /** The value, with every character read counted. */
    private static final class Counted implements CharSequence {
        private final CharSequence s;
        private long left;

        Counted(CharSequence s, long budget) {
            this.s = s;
            this.left = budget;
        }

        @Override public int length() { return s.length(); }

        @Override public char charAt(int i) {
            if (--left < 0) throw new Exhausted();
            return s.charAt(i);
        }

        @Override public CharSequence subSequence(int from, int to) { return s.subSequence(from, to); }

        @Override public String toString() { return s.toString(); }
    }
}
