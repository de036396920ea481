package tlslens.ui.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FilterException;
import tlslens.dissect.filter.FirstMatch;
import tlslens.engine.LightTree;

/**
 * The packet table's colouring rules, compiled: an ordered list, first match wins, as in
 * Wireshark. A frame's colour is the index of the rule that matched it ({@link #colourOf}), so a
 * row keeps a short, not a colour. Disabled rules and rules whose filter does not compile (a field
 * we do not know, say) stay in the list and never match. Immutable and safe to share between threads.
 */
public final class ColouringRules {
    /** A frame no rule matched: drawn in the table's own colours. */
    public static final short NONE = -1;
    private static final String DEFAULTS = "/tlslens/ui/model/default_colorfilters";

    private final List<ColouringRule> rules;
    private final String[] problems;
    private final FirstMatch match;
    /** The index in {@link #rules} of each filter of {@link #match}. */
    private final short[] ruleOf;
    private final boolean needsDetail;

    private ColouringRules(List<ColouringRule> rules) {
        if (rules.size() > Short.MAX_VALUE) throw new IllegalArgumentException("too many colouring rules");
        this.rules = List.copyOf(rules);
        this.problems = new String[this.rules.size()];
        List<String> filters = new ArrayList<>();
        short[] map = new short[this.rules.size()];
        for (int i = 0; i < this.rules.size(); i++) {
            ColouringRule r = this.rules.get(i);
            problems[i] = problem(r.filter());
            if (r.enabled() && problems[i] == null) {
                map[filters.size()] = (short) i;
                filters.add(r.filter());
            }
        }
        this.ruleOf = Arrays.copyOf(map, filters.size());
        try {
            this.match = FirstMatch.compile(filters);
        } catch (FilterException e) {
            throw new IllegalStateException("a filter that compiled alone failed in the list: " + e.getMessage(), e);
        }
        this.needsDetail = !match.fields().stream().allMatch(LightTree::holdsLean);
    }

    public static ColouringRules of(List<ColouringRule> rules) { return new ColouringRules(rules); }

    /** TLS Lens's own rules (the resource default_colorfilters, in Wireshark's format). */
    public static ColouringRules defaults() { return of(defaultRules()); }

    public static List<ColouringRule> defaultRules() {
        try (InputStream in = ColouringRules.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) throw new IllegalStateException(DEFAULTS + " is missing from the build");
            return ColorFilters.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** tshark's message when {@code filter} does not compile, else null. */
    public static String problem(String filter) {
        try {
            DisplayFilter.compile(filter);
            return null;
        } catch (FilterException e) {
            return e.getMessage();
        }
    }

    public List<ColouringRule> rules() { return rules; }

    public int size() { return rules.size(); }

    /** The rule a row's colour names, or null for {@link #NONE} (or an index from an older list). */
    public ColouringRule rule(int colour) { return colour >= 0 && colour < rules.size() ? rules.get(colour) : null; }

    /** Why rule {@code i} can never match because its filter does not compile, or null. */
    public String problemOf(int i) { return problems[i]; }

    /** Whether rule {@code i} takes part in colouring: enabled and its filter compiles. */
    public boolean isActive(int i) { return rules.get(i).enabled() && problems[i] == null; }

    /**
     * Whether a rule names a field that the lighter (and lean) trees of a file's first pass leave out, so
     * that frames must be dissected in full to be coloured right.
     */
    public boolean needsDetail() { return needsDetail; }

    /** The fields the active rules read (a first pass keeps only these in its trees: LightTree.sparse). */
    public java.util.Set<String> fields() { return match.fields(); }

    /** The index of the first active rule that matches the frame, or {@link #NONE}. */
    public short colourOf(FrameDissection fd) {
        int m = match.firstMatch(fd);
        return m < 0 ? NONE : ruleOf[m];
    }
}
