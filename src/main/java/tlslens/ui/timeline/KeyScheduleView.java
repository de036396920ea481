package tlslens.ui.timeline;

import java.net.URL;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tlslens.ui.model.KeyScheduleModel;

/**
 * One connection's key schedule, stage by stage: each step's name and RFC section, its value (or "?"),
 * how it is derived, a tag saying where the value comes from, PSK tags where a PSK changes the step,
 * and each Finished's check. Built from a {@link KeyScheduleModel}; styled by keyschedule.css.
 */
public final class KeyScheduleView extends StackPane {
    private final ObjectProperty<KeyScheduleModel> model = new SimpleObjectProperty<>(this, "model");
    private final VBox content = new VBox();

    public KeyScheduleView() {
        getStyleClass().add("key-schedule");
        URL css = KeyScheduleView.class.getResource("/tlslens/ui/keyschedule.css");
        if (css != null) getStylesheets().add(css.toExternalForm());
        content.getStyleClass().add("ks-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        getChildren().add(scroll);
        model.addListener((o, a, m) -> rebuild(m));
    }

    public ObjectProperty<KeyScheduleModel> modelProperty() { return model; }

    public KeyScheduleModel getModel() { return model.get(); }

    public void setModel(KeyScheduleModel m) { model.set(m); }

    private void rebuild(KeyScheduleModel m) {
        content.getChildren().clear();
        if (m == null) return;
        content.getChildren().add(label(m.title(), "ks-title"));
        Label summary = label(m.summary(), "ks-summary");
        summary.setWrapText(true);
        content.getChildren().add(summary);
        if (m.sections().isEmpty()) return;
        FlowPane legend = new FlowPane(tag("key log", "ks-source", "key-log"), tag("derived here", "ks-source", "derived"),
                tag("on the wire", "ks-source", "wire"), tag("not in the key log", "ks-source", "missing"),
                tag("PSK", "ks-psk", null), label("what a PSK replaces or adds", "ks-rfc"));
        legend.getStyleClass().add("ks-legend");
        legend.setHgap(8);
        content.getChildren().add(legend);
        for (KeyScheduleModel.Section s : m.sections()) {
            Label head = label(s.title(), "ks-section");
            head.setMaxWidth(Double.MAX_VALUE);
            content.getChildren().addAll(head, grid(s));
        }
    }

    private static GridPane grid(KeyScheduleModel.Section s) {
        GridPane g = new GridPane();
        g.getStyleClass().add("ks-grid");
        ColumnConstraints name = new ColumnConstraints(220, 250, 300);
        ColumnConstraints value = new ColumnConstraints(200, 600, Double.MAX_VALUE);
        value.setHgrow(Priority.ALWAYS);
        ColumnConstraints source = new ColumnConstraints(120, 200, 260);
        source.setHalignment(HPos.LEFT);
        g.getColumnConstraints().addAll(name, value, source);
        int row = 0;
        for (KeyScheduleModel.Row r : s.rows()) {
            Label title = label(r.name(), "ks-name");
            title.setWrapText(true);
            VBox left = new VBox(2, title);
            HBox rfc = new HBox(6, label(r.rfc(), "ks-rfc"));
            if (r.psk()) rfc.getChildren().add(tag("PSK", "ks-psk", null));
            left.getChildren().add(rfc);
            VBox middle = new VBox(2);
            Label v = label(r.value(), "ks-value");
            if (r.value().equals("?")) v.getStyleClass().add("missing");
            v.setWrapText(true);
            middle.getChildren().add(v);
            if (r.checkText() != null) {
                Label c = label(r.checkText(), "ks-check");
                c.getStyleClass().add(Boolean.TRUE.equals(r.check()) ? "ok" : "bad");
                c.setWrapText(true);
                middle.getChildren().add(c);
            }
            Label f = label("= " + r.formula(), "ks-formula");
            f.setWrapText(true);
            middle.getChildren().add(f);
            if (r.note() != null) {
                Label n = label(r.note(), "ks-note");
                n.setWrapText(true);
                middle.getChildren().add(n);
            }
            Label src = tag(r.source(), "ks-source", r.sourceClass());
            src.setWrapText(true);
            g.add(left, 0, row);
            g.add(middle, 1, row);
            g.add(src, 2, row);
            GridPane.setValignment(left, VPos.TOP);
            GridPane.setValignment(middle, VPos.TOP);
            GridPane.setValignment(src, VPos.TOP);
            row++;
        }
        return g;
    }

    private static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Label tag(String text, String styleClass, String kind) {
        Label l = label(text, styleClass);
        if (kind != null) l.getStyleClass().add(kind);
        return l;
    }
}
