package tlslens.ui.model;

import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The View &gt; Colouring Rules dialog's working copy of the rules: add, remove, reorder, edit,
 * import a Wireshark colorfilters file. Nothing is applied until the dialog's OK.
 */
public final class ColouringRulesEditor {
    static final Rgb NEW_FOREGROUND = new Rgb(0x33, 0x33, 0x33);
    static final Rgb NEW_BACKGROUND = new Rgb(0xff, 0xf4, 0xc2);
    private final ObservableList<ColouringRule> rules = FXCollections.observableArrayList();

    public ObservableList<ColouringRule> rules() { return rules; }

    public void setAll(List<ColouringRule> list) { rules.setAll(list); }

    /** Inserts a new, enabled rule that matches every frame before {@code at} (clamped); returns its index. */
    public int add(int at) {
        int i = Math.max(0, Math.min(at, rules.size()));
        rules.add(i, new ColouringRule("New rule", "", NEW_FOREGROUND, NEW_BACKGROUND, true));
        return i;
    }

    public void remove(int i) {
        if (i >= 0 && i < rules.size()) rules.remove(i);
    }

    /** Moves rule {@code i} by {@code delta} places (clamped); returns where it is now. */
    public int move(int i, int delta) {
        if (i < 0 || i >= rules.size()) return i;
        int j = Math.max(0, Math.min(rules.size() - 1, i + delta));
        if (j != i) rules.add(j, rules.remove(i));
        return j;
    }

    public void replace(int i, ColouringRule r) {
        if (i >= 0 && i < rules.size() && !rules.get(i).equals(r)) rules.set(i, r);
    }

    /**
     * Appends the rules of a Wireshark colorfilters text, those with a filter we cannot compile
     * disabled; returns how many were added.
     *
     * @throws IllegalArgumentException when a line is not a rule (nothing is added then)
     */
    public int importText(String colorfilters) {
        List<ColouringRule> in = ColorFilters.parse(colorfilters);
        rules.addAll(in);
        return in.size();
    }
}
