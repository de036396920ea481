package tlslens.ui;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import tlslens.ui.model.FilterBarModel;

/**
 * Binds the display-filter field to its model: green when valid, red when not, tshark's message
 * under the field and a red underline under the offending characters.
 */
final class FilterBarView {
    private static final PseudoClass VALID = PseudoClass.getPseudoClass("valid");
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private FilterBarView() {}

    static void bind(FilterBarModel model, TextField field, Label message, Pane underlineLayer) {
        field.textProperty().bindBidirectional(model.textProperty());
        Region underline = new Region();
        underline.getStyleClass().add("filter-error-underline");
        underline.setManaged(false);
        underline.setVisible(false);
        underlineLayer.getChildren().add(underline);
        Tooltip tip = new Tooltip();
        Runnable refresh = () -> {
            FilterBarModel.Status s = model.status();
            field.pseudoClassStateChanged(VALID, s == FilterBarModel.Status.VALID);
            field.pseudoClassStateChanged(INVALID, s == FilterBarModel.Status.INVALID);
            boolean bad = s == FilterBarModel.Status.INVALID;
            int pos = model.errorPositionProperty().get();
            message.setText(bad ? model.messageProperty().get() + (pos >= 0 ? "  (at column " + (pos + 1) + ")" : "") : "");
            message.setVisible(bad);
            message.setManaged(bad);
            field.setTooltip(bad ? tip : null);
            tip.setText(message.getText());
            placeUnderline(field, underline, bad ? pos : -1, model.errorLengthProperty().get());
        };
        model.statusProperty().addListener((o, a, b) -> refresh.run());
        model.messageProperty().addListener((o, a, b) -> refresh.run());
        model.errorPositionProperty().addListener((o, a, b) -> refresh.run());
        field.widthProperty().addListener((o, a, b) -> refresh.run());
        field.fontProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();
    }

    /** Measures the text before the error with the field's font; the field's padding is its left inset. */
    private static void placeUnderline(TextField field, Region underline, int pos, int len) {
        if (pos < 0) {
            underline.setVisible(false);
            return;
        }
        String t = field.getText() == null ? "" : field.getText();
        int p = Math.min(pos, t.length());
        int end = Math.min(t.length(), p + Math.max(1, len));
        double x0 = width(t.substring(0, p), field);
        double x1 = end > p ? width(t.substring(0, end), field) : x0 + 8;
        double left = field.getPadding().getLeft() + 1;
        underline.resizeRelocate(left + x0, field.getHeight() - 5, Math.max(6, x1 - x0), 2.5);
        underline.setVisible(true);
    }

    private static double width(String s, TextField field) {
        Text t = new Text(s);
        t.setFont(field.getFont());
        return t.getLayoutBounds().getWidth();
    }
}
