package tlslens.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The user's colouring rules in java.util.prefs, beside the recent files and the window layout:
 * a count and one colorfilters line a rule. Nothing saved (or the defaults saved) means the
 * defaults, so a later version's better defaults reach users who never edited them.
 */
public final class ColouringRuleStore {
    private static final String COUNT = "count";
    private final Preferences node;

    public ColouringRuleStore(Preferences node) { this.node = node; }

    /** The saved rules, or the defaults when none are saved or the saved ones are unreadable. */
    public List<ColouringRule> load() {
        int n = node.getInt(COUNT, -1);
        if (n < 0) return ColouringRules.defaultRules();
        List<ColouringRule> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String line = node.get("rule" + i, null);
            ColouringRule r = line == null ? null : ColorFilters.rule(line);
            if (r == null) return ColouringRules.defaultRules();
            rules.add(r);
        }
        return rules;
    }

    public void save(List<ColouringRule> rules) {
        int old = node.getInt(COUNT, 0);
        if (rules.equals(ColouringRules.defaultRules())) {
            for (int i = 0; i < old; i++) node.remove("rule" + i);
            node.remove(COUNT);
            return;
        }
        for (int i = 0; i < rules.size(); i++) node.put("rule" + i, ColorFilters.line(rules.get(i)));
        for (int i = rules.size(); i < old; i++) node.remove("rule" + i);
        node.putInt(COUNT, rules.size());
        // No flush: as RecentFiles, the JDK writes preferences on its own thread.
    }
}
