package tlslens.ui;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import javafx.stage.Window;
import tlslens.dissect.Severity;
import tlslens.ui.model.ExpertSummary;

/**
 * Analyze &gt; Expert Information and its indicator in the status bar, as in Wireshark: a dot
 * coloured by the highest severity among the capture's notes (click: the dialog), and a dialog with
 * one row per severity, group, protocol and summary, its count, and the packets under it (clicking
 * one selects it). Fed by the open feed's {@link ExpertSummary}, read at the pulse when it changed.
 */
final class ExpertInfoControl {
    private static final PseudoClass[] SEVERITY = {
        PseudoClass.getPseudoClass("chat"), PseudoClass.getPseudoClass("note"),
        PseudoClass.getPseudoClass("warn"), PseudoClass.getPseudoClass("error")};

    /** One line of the dialog: an entry (frame 0) or one of its packets. */
    record Line(String severity, String summary, String group, String protocol, String count, int frame) {}

    private final Supplier<ExpertSummary> experts;
    private final IntPredicate select;
    private final Supplier<Window> owner;
    private final Label indicator = new Label();
    private final Circle dot = new Circle(5);
    private ExpertSummary shown;
    private long shownVersion = -1;
    private Stage dialog;
    private TreeTableView<Line> table;

    /** {@code experts}: the open capture's notes (null when none is open); {@code select}: selects a packet. */
    ExpertInfoControl(Supplier<ExpertSummary> experts, IntPredicate select, Supplier<Window> owner) {
        this.experts = experts;
        this.select = select;
        this.owner = owner;
        indicator.getStyleClass().add("status-expert");
        dot.getStyleClass().add("expert-dot");
        indicator.setGraphic(dot);
        indicator.setCursor(Cursor.HAND);
        indicator.setTooltip(new Tooltip());
        indicator.setOnMouseClicked(e -> show());
        update(null);
    }

    /** The status bar's indicator. */
    Label indicator() { return indicator; }

    /** Every pulse: redraws the indicator (and an open dialog) when the notes changed. */
    void pulse(long now) {
        ExpertSummary s = experts.get();
        long v = s == null ? -1 : s.version();
        if (s == shown && v == shownVersion) return;
        shown = s;
        shownVersion = v;
        update(s);
    }

    private void update(ExpertSummary s) {
        Severity top = s == null ? null : s.highest();
        String text = s == null ? "No expert notes" : s.indicatorText();
        indicator.setText(top == null ? "" : Integer.toString(s.count(top)));
        indicator.getTooltip().setText("Expert Information: " + text + (top == null ? "" : " (click for the list)"));
        for (int i = 0; i < SEVERITY.length; i++) dot.pseudoClassStateChanged(SEVERITY[i], top != null && top.ordinal() == i);
        dot.setVisible(true);
        if (dialog != null && dialog.isShowing()) fill();
    }

    /** Analyze &gt; Expert Information. */
    void show() {
        if (dialog == null) {
            table = new TreeTableView<>(new TreeItem<>());
            table.setShowRoot(false);
            table.getStyleClass().add("expert-table");
            table.getColumns().add(column("Severity", Line::severity, 90));
            table.getColumns().add(column("Summary", Line::summary, 420));
            table.getColumns().add(column("Group", Line::group, 100));
            table.getColumns().add(column("Protocol", Line::protocol, 90));
            table.getColumns().add(column("Count", Line::count, 70));
            table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY);
            table.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
                if (item != null && item.getValue().frame() > 0) select.test(item.getValue().frame());
            });
            dialog = new Stage();
            dialog.setTitle("Expert Information");
            Window w = owner.get();
            if (w != null) dialog.initOwner(w);
            Scene scene = new Scene(new BorderPane(table), 820, 420);
            if (w != null && w.getScene() != null) scene.getStylesheets().setAll(w.getScene().getStylesheets());
            dialog.setScene(scene);
        }
        fill();
        dialog.show();
        dialog.toFront();
    }

    /** The dialog's table, for tests (null before the first {@link #show}). */
    TreeTableView<Line> table() { return table; }

    private void fill() {
        ExpertSummary s = experts.get();
        List<ExpertSummary.Entry> entries = s == null ? List.of() : s.entries();
        TreeItem<Line> root = table.getRoot();
        root.getChildren().clear();
        for (ExpertSummary.Entry e : entries) {
            TreeItem<Line> item = new TreeItem<>(new Line(e.severity().label, e.summary(), e.group(), e.protocol(),
                    Integer.toString(e.count()), 0));
            for (int f : e.frames()) item.getChildren().add(new TreeItem<>(new Line("", "Packet " + f, "", "", "", f)));
            root.getChildren().add(item);
        }
    }

    private static TreeTableColumn<Line, String> column(String name, java.util.function.Function<Line, String> value, double width) {
        TreeTableColumn<Line, String> c = new TreeTableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(p -> new ReadOnlyStringWrapper(value.apply(p.getValue().getValue())));
        return c;
    }

}
