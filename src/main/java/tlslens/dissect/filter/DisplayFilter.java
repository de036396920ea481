package tlslens.dissect.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.dissect.DataSource;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/**
 * A compiled Wireshark display filter (tshark -Y / the GUI's filter bar), with Wireshark 4.0's
 * syntax and semantics: field presence, comparisons over every occurrence of a field, contains,
 * matches, sets, slices, len/count/upper/lower, bitwise and. Immutable and safe to share between
 * threads.
 *
 * <p>Evaluation walks the frame's tree once, collecting only the nodes of the fields the filter
 * names, then runs the compiled test on them.
 */
public final class DisplayFilter {
    private final String text;
    private final Cond cond;
    private final FieldSlots slots;
    private final RegexBudget regex;

    private DisplayFilter(String text, Cond cond, Map<String, Integer> slots, RegexBudget regex) {
        this.text = text;
        this.cond = cond;
        this.slots = new FieldSlots(slots);
        this.regex = regex;
    }

    /**
     * Parses and type-checks a filter. An empty (or blank) filter matches every frame.
     *
     * @throws FilterException with tshark's message and the position of the offending text
     */
    public static DisplayFilter compile(String text) throws FilterException {
        String t = text == null ? "" : text;
        if (t.isBlank()) return new DisplayFilter(t, new Cond.True(), Map.of(), new RegexBudget());
        Compiler c = new Compiler();
        Cond cond = c.compile(Parser.parse(t));
        return new DisplayFilter(t, cond, c.slots(), c.regex);
    }

    /**
     * Evaluates against a frame's tree (FrameDissection.root). Every node of a field counts,
     * hidden and generated ones too. Without the frame's byte sources, tests on the bytes of
     * protocols ({@code tls contains "abc"}, {@code frame[0:2]}) are false; use
     * {@link #matches(FrameDissection)} for those.
     */
    public boolean matches(ProtoNode root) {
        return run(root, null);
    }

    /** Evaluates against a dissected frame; protocol bytes are read from its sources. */
    public boolean matches(FrameDissection fd) {
        return run(fd.root, fd.sources());
    }

    private boolean run(ProtoNode root, List<DataSource> sources) {
        return cond.test(slots.collect(root, sources));
    }

    /** The names of the fields and protocols the filter refers to (what the engine must build). */
    public Set<String> fields() { return slots.fields(); }

    public String text() { return text; }

    /**
     * What the user should know after frames were tested: a {@code matches} whose regular expression
     * was stopped by its step budget on some values (taken as not matching); null when nothing.
     */
    public String warning() { return regex.warning(); }

    @Override public String toString() { return text; }
}
