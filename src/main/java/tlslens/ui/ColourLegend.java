package tlslens.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import tlslens.ui.model.RowKind;

/** What the packet table's row colours mean: the status bar's legend and View &gt; Colour Legend. */
final class ColourLegend {
    private ColourLegend() {}

    /** A row of coloured swatches naming each row kind. */
    static HBox swatches() {
        HBox box = new HBox(8);
        box.getStyleClass().add("legend");
        for (RowKind k : RowKind.values()) {
            if (k == RowKind.OTHER) continue;
            Label l = new Label(k.label());
            Pane swatch = new Pane();
            swatch.getStyleClass().addAll("legend-swatch", k.styleClass());
            l.setGraphic(swatch);
            l.getStyleClass().add("legend-item");
            box.getChildren().add(l);
        }
        return box;
    }
}
