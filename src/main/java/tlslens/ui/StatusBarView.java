package tlslens.ui;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
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

    /** {@code leftItems}: shown after the file (the key log's state). */
    static void bind(StatusBar bar, StatusBarModel model, Node legend, Node... leftItems) {
        Label file = new Label();
        file.getStyleClass().add("status-file");
        file.setGraphic(Icons.icon("open"));
        file.textProperty().bind(model.fileTextProperty());
        bar.getLeftItems().setAll(file);
        bar.getLeftItems().addAll(leftItems);
        Label counters = new Label();
        counters.getStyleClass().add("status-counters");
        counters.textProperty().bind(model.countersTextProperty());
        bar.getRightItems().setAll(counters, legend);
        bar.textProperty().bind(model.statusTextProperty());
        bar.pseudoClassStateChanged(WARNING, model.warningProperty().get());
        model.warningProperty().addListener((o, a, w) -> bar.pseudoClassStateChanged(WARNING, w));
    }
}
