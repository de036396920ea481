package tlslens.ui.model;

/**
 * One colouring rule, as in Wireshark's View &gt; Coloring Rules: frames its display filter
 * matches are drawn in its colours, unless an earlier rule matched them first.
 */
public record ColouringRule(String name, String filter, Rgb foreground, Rgb background, boolean enabled) {
    public ColouringRule {
        name = name == null ? "" : name;
        filter = filter == null ? "" : filter.trim();
        if (foreground == null || background == null) throw new IllegalArgumentException("a rule needs both colours");
    }

    public ColouringRule withEnabled(boolean on) { return new ColouringRule(name, filter, foreground, background, on); }
}
