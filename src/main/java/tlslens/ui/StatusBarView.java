package tlslens.ui;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;
import tlslens.ui.model.StatusBarModel;

/**
 * Binds the status bar to its model: the file (or interface → file) on the left with the parts'
 * own items after it, the message or warning in the middle, counters and the colour legend on
 * the right.
 */
final class StatusBarView {
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private StatusBarView() {}

    /**
     * Gives every label in {@code n} without a tooltip one with its whole text, now and when {@code n}'s
     * children change (the legend is rebuilt when the colouring rules change).
     */
    static void completeTexts(Node n) {
        if (n instanceof Label l && l.getTooltip() == null) l.setTooltip(tooltip(l));
        if (n instanceof javafx.scene.layout.Pane p) {
            for (Node c : p.getChildren()) completeTexts(c);
            p.getChildren().addListener((javafx.collections.ListChangeListener<Node>) ch -> {
                while (ch.next()) for (Node c : ch.getAddedSubList()) completeTexts(c);
            });
        }
    }

    /** A tooltip with the label's whole text (a status field is cut when the window is narrow). */
    static Tooltip tooltip(Label l) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(l.textProperty());
        return t;
    }

    /** {@code leftItems}: shown after the file (the key log's state). */
    static void bind(StatusBar bar, StatusBarModel model, Node legend, Node... leftItems) {
        Label file = new Label();
        file.getStyleClass().add("status-file");
        file.setGraphic(Icons.icon("open"));
        file.textProperty().bind(model.fileTextProperty());
        file.setTooltip(tooltip(file));
        bar.getLeftItems().setAll(file);
        bar.getLeftItems().addAll(leftItems);
        Label counters = new Label();
        counters.getStyleClass().add("status-counters");
        counters.textProperty().bind(model.countersTextProperty());
        counters.setTooltip(tooltip(counters));
        bar.getRightItems().setAll(counters, legend);
        // The legend's names and the parts' items are cut on a narrow window ("TCP probl…", "A…").
        for (Node n : leftItems) completeTexts(n);
        completeTexts(legend);
        bar.textProperty().bind(model.statusTextProperty());
        // The message is cut when the window is narrow ("⚠ The file … cut short in the middle …"): the
        // whole text in a tooltip (the bar's own label is the skin's, so the bar carries it).
        Tooltip whole = new Tooltip();
        whole.setWrapText(true);
        whole.setMaxWidth(700);
        whole.textProperty().bind(model.statusTextProperty());
        bar.setTooltip(whole);
        bar.pseudoClassStateChanged(WARNING, model.warningProperty().get());
        model.warningProperty().addListener((o, a, w) -> bar.pseudoClassStateChanged(WARNING, w));
    }
}
