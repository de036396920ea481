package tlslens.ui.controls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javafx.css.PseudoClass;
import tlslens.ui.model.ColouringRule;
import tlslens.ui.model.ColouringRules;

/**
 * The packet table's row colours as CSS: rule {@code i} is the pseudo-class {@code :rule-i} of a
 * row, and a style sheet made from the rules gives each its colours. Showing another packet then
 * still only flips pseudo-classes, and the selection's colours (main.css, more specific
 * selectors) still win over a rule's.
 */
final class RowColours {
    private static final List<PseudoClass> PSEUDO = new ArrayList<>();

    private RowColours() {}

    /** {@code :rule-<colour>}; FX thread. */
    static PseudoClass pseudoClass(short colour) {
        while (PSEUDO.size() <= colour) PSEUDO.add(PseudoClass.getPseudoClass("rule-" + PSEUDO.size()));
        return PSEUDO.get(colour);
    }

    /** The rules' colours as CSS text. */
    static String css(ColouringRules rules) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rules.size(); i++) {
            ColouringRule r = rules.rules().get(i);
            sb.append(".packet-table .packet-row:rule-").append(i).append(" { -fx-background: ")
                    .append(r.background().hex()).append("; }\n");
            sb.append(".packet-table .packet-row:rule-").append(i).append(" .packet-cell { -fx-text-fill: ")
                    .append(r.foreground().hex()).append("; }\n");
        }
        return sb.toString();
    }

    /** {@link #css} as a data: URL, which JavaFX reads like a style sheet file. */
    static String stylesheet(ColouringRules rules) {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css(rules).getBytes(StandardCharsets.UTF_8));
    }
}
