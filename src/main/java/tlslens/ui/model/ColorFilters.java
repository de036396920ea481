package tlslens.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wireshark's {@code colorfilters} file: one rule a line, {@code @name@filter@[r,g,b][r,g,b]}
 * with background then foreground in 16-bit channels, {@code !} before a disabled rule and
 * {@code #} before a comment (color_filters.c). Also the format our default rules and saved rules
 * are kept in.
 */
public final class ColorFilters {
    /** The filter is greedy: it may hold an '@' (in a string), the name may not. */
    private static final Pattern LINE = Pattern.compile(
            "(!)?@([^@]*)@(.*)@\\[(\\d+),(\\d+),(\\d+)\\]\\[(\\d+),(\\d+),(\\d+)\\]\\s*");

    private ColorFilters() {}

    /**
     * The rules of a colorfilters text, in order. A rule whose filter we cannot compile (most
     * often a field of a protocol we do not dissect) is kept, disabled, as Wireshark does.
     *
     * @throws IllegalArgumentException naming the first line that is neither a rule, a comment nor blank
     */
    public static List<ColouringRule> parse(String text) {
        List<ColouringRule> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            ColouringRule r = rule(line);
            if (r == null) throw new IllegalArgumentException("line " + (i + 1) + " is not a colouring rule: " + line);
            out.add(r);
        }
        return out;
    }

    /** One line, or null when it is not a rule. */
    static ColouringRule rule(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) return null;
        try {
            Rgb background = Rgb.of16(channel(m, 4), channel(m, 5), channel(m, 6));
            Rgb foreground = Rgb.of16(channel(m, 7), channel(m, 8), channel(m, 9));
            String filter = m.group(3).trim();
            boolean enabled = m.group(1) == null && ColouringRules.problem(filter) == null;
            return new ColouringRule(m.group(2), filter, foreground, background, enabled);
        } catch (IllegalArgumentException e) {
            return null; // a channel out of range
        }
    }

    private static int channel(Matcher m, int group) {
        String s = m.group(group);
        return s.length() > 5 ? -1 : Integer.parseInt(s);
    }

    /** The rules as a colorfilters text that Wireshark reads. */
    public static String format(List<ColouringRule> rules) {
        StringBuilder sb = new StringBuilder("# Colouring rules of TLS Lens, in Wireshark's colorfilters format\n");
        for (ColouringRule r : rules) sb.append(line(r)).append('\n');
        return sb.toString();
    }

    static String line(ColouringRule r) {
        return (r.enabled() ? "" : "!") + "@" + r.name().replace('@', ' ') + "@" + r.filter().replace('\n', ' ') + "@"
                + r.background().wireshark() + r.foreground().wireshark();
    }
}
