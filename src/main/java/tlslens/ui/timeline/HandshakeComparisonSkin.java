package tlslens.ui.timeline;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SkinBase;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import tlslens.analysis.Resumption;
import tlslens.ui.model.ComparisonModel;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;

/** Draws a {@link HandshakeComparison}: two ladders on one row grid, the marks between them, the totals below. */
final class HandshakeComparisonSkin extends SkinBase<HandshakeComparison> {
    static final double MARK_COLUMN = 150;
    static final double SIDE_MIN = 470;
    static final double BOX = 176;
    static final double ROW = 42;

    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane(content);
    private double builtWidth = -1;

    HandshakeComparisonSkin(HandshakeComparison control) {
        super(control);
        content.getStyleClass().add("comparison-content");
        scroll.getStyleClass().add("ladder-scroll");
        scroll.setFitToWidth(true);
        getChildren().add(scroll);
        registerChangeListener(control.modelProperty(), o -> rebuild());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (Math.abs(b.getWidth() - builtWidth) > 8) rebuild();
        });
        rebuild();
    }

    private void rebuild() {
        content.getChildren().clear();
        ComparisonModel m = getSkinnable().getModel();
        if (m == null) return;
        builtWidth = scroll.getViewportBounds().getWidth();
        double width = Math.max(builtWidth > 0 ? builtWidth - 32 : 1200, 2 * SIDE_MIN + MARK_COLUMN);
        double side = (width - MARK_COLUMN) / 2;

        VBox head = new VBox(6);
        Label title = new Label("Side by side: connection " + m.left().connection().label() + " and connection "
                + m.right().connection().label());
        title.getStyleClass().add("ladder-title");
        head.getChildren().add(title);
        Label savings = new Label(m.savings());
        savings.getStyleClass().add("comparison-savings-line");
        savings.setId("comparisonSavings");
        savings.setWrapText(true);
        head.getChildren().add(savings);
        // A resumption that took longer is no saving: the line is then neutral, not green.
        if (m.slower()) savings.getStyleClass().add("neutral");
        if (m.count(ComparisonModel.Mark.MOVED) > 0) {
            Label note = new Label("Each side keeps its own order: a message both sent at different points (in an "
                    + "abbreviated handshake the server finishes first) is marked \"moved\" on each side.");
            note.getStyleClass().add("comparison-reorder-note");
            note.setWrapText(true);
            head.getChildren().add(note);
        }
        // The totals first, beside the title: the numbers are the point.
        javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(24, head, totals(m));
        javafx.scene.layout.HBox.setHgrow(head, javafx.scene.layout.Priority.ALWAYS);
        content.getChildren().add(top);
        content.getChildren().add(diagram(m, side));
    }

    private Pane diagram(ComparisonModel m, double side) {
        List<ComparisonModel.Row> rows = m.rows();
        double header = 84;
        double rowH = ROW;
        double height = header + rows.size() * rowH + 14;
        Pane p = new Pane();
        p.getStyleClass().add("ladder-diagram");
        p.setPrefSize(2 * side + MARK_COLUMN, height);
        p.setMinSize(2 * side + MARK_COLUMN, height);

        double[] lx = {40 + BOX / 2, side - BOX / 2 - 6};
        double rightStart = side + MARK_COLUMN;
        double[] rx = {rightStart + 6 + BOX / 2, rightStart + side - 40 - BOX / 2};
        sideHeader(p, m.left(), "full", 0, side, lx);
        sideHeader(p, m.right(), "resumed", rightStart, side, rx);
        for (double x : new double[] {lx[0], lx[1], rx[0], rx[1]}) p.getChildren().add(LadderDrawing.lifeline(x, 68, height - 6));

        for (int i = 0; i < rows.size(); i++) {
            ComparisonModel.Row r = rows.get(i);
            double top = header + i * rowH;
            double arrowY = top + rowH * 0.58;
            if (r.left() != null) p.getChildren().add(arrow(r.left(), i, lx, top, arrowY, r.leftStep(), 0));
            if (r.right() != null) p.getChildren().add(arrow(r.right(), i, rx, top, arrowY, r.rightStep(), rightStart));
            String cls = switch (r.mark()) {
                case SAME -> "same";
                case CHANGED -> "changed";
                case MOVED -> "moved";
                case SKIPPED -> "skipped";
                case ONLY_LEFT, ONLY_RIGHT -> "only";
            };
            String words = switch (r.mark()) {
                case ONLY_LEFT -> "only in " + m.left().connection().label();
                case ONLY_RIGHT -> "only in " + m.right().connection().label();
                default -> r.mark().label();
            };
            Label mark = new Label(words);
            mark.getStyleClass().addAll("comparison-mark", cls);
            mark.setLayoutY(arrowY - 11);
            mark.setLayoutX(side);
            mark.setPrefWidth(MARK_COLUMN);
            mark.setAlignment(Pos.CENTER);
            Pane holder = new Pane(mark);
            mark.setLayoutX(0);
            holder.setLayoutX(side + (MARK_COLUMN - 120) / 2);
            mark.setPrefWidth(120);
            holder.setUserData(r.mark());
            holder.getStyleClass().add("comparison-mark-holder");
            p.getChildren().add(holder);
            if (r.note() != null) javafx.scene.control.Tooltip.install(holder, new javafx.scene.control.Tooltip(r.note()));
            if (r.mark() == ComparisonModel.Mark.CHANGED && r.note() != null) {
                // How much it grew and the extensions that made it, under the mark (all of it in the tooltip).
                Label w = LadderDrawing.text(r.note(), "comparison-change-note", side, arrowY + 11, MARK_COLUMN, Pos.CENTER);
                w.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
                p.getChildren().add(w);
            }
        }
        return p;
    }

    private void sideHeader(Pane p, LadderModel l, String role, double x, double width, double[] lifelines) {
        String head = l.connection().label() + " · " + (l.connection().resumption() == Resumption.NONE
                ? "full handshake" : "resumed (" + l.connection().resumption().label() + ")");
        p.getChildren().add(LadderDrawing.text(head, "comparison-side-title", x, 0, width, Pos.CENTER));
        p.getChildren().add(LadderDrawing.endpoint("Client", l.clientEndpoint(), lifelines[0], BOX, 42, true));
        p.getChildren().add(LadderDrawing.endpoint("Server", l.serverEndpoint(), lifelines[1], BOX, 42, false));
        for (var n : p.getChildren().subList(p.getChildren().size() - 2, p.getChildren().size())) n.setLayoutY(26);
    }

    private Group arrow(LadderRow r, int i, double[] x, double top, double arrowY, int step, double hitX) {
        Group g = LadderDrawing.row(r, i, x[0], x[1], top, ROW, arrowY, x[0] - 30, x[1] - x[0] + 60);
        if (step > 0) {
            g.getChildren().add(LadderDrawing.text(String.valueOf(step), "comparison-step", x[0] - 34, arrowY - 8, 26,
                    Pos.CENTER_RIGHT));
        }
        if (!r.ghost()) {
            g.setOnMouseClicked(e -> {
                if (getSkinnable().onFrameClickedProperty().get() != null) getSkinnable().onFrameClickedProperty().get().accept(r.frame());
            });
        }
        return g;
    }

    private GridPane totals(ComparisonModel m) {
        GridPane g = new GridPane();
        g.setMinWidth(Region.USE_PREF_SIZE);
        g.getStyleClass().add("comparison-totals");
        g.setId("comparisonTotals");
        ComparisonModel.Totals a = m.leftTotals();
        ComparisonModel.Totals b = m.rightTotals();
        String[] head = {"", m.left().connection().label(), m.right().connection().label(), "saved"};
        for (int c = 0; c < head.length; c++) g.add(cell(head[c], "comparison-totals-head"), c, 0);
        row(g, 1, "Handshake messages on the wire", LadderRow.formatBytes(a.handshakeBytes()),
                LadderRow.formatBytes(b.handshakeBytes()), LadderRow.formatBytes(a.handshakeBytes() - b.handshakeBytes()));
        row(g, 2, "Round trips", text(a.roundTrips()), text(b.roundTrips()),
                a.roundTrips() == null || b.roundTrips() == null ? "?" : String.valueOf(a.roundTrips() - b.roundTrips()));
        row(g, 3, "Time to the last Finished", ms(a.handshakeMs()), ms(b.handshakeMs()),
                a.handshakeMs() == null || b.handshakeMs() == null ? "?" : ms(a.handshakeMs() - b.handshakeMs()));
        // Time depends on the peers' load as much as on the handshake: a longer one is shown, not coloured as a cost.
        g.getChildren().stream().filter(n -> GridPane.getRowIndex(n) == 3 && GridPane.getColumnIndex(n) == 3)
                .forEach(n -> n.getStyleClass().setAll("label", "comparison-totals-cell"));
        row(g, 4, "Handshake messages", String.valueOf(a.messages()), String.valueOf(b.messages()),
                String.valueOf(a.messages() - b.messages()));
        return g;
    }

    private static void row(GridPane g, int r, String name, String a, String b, String saved) {
        g.add(cell(name, "comparison-totals-head"), 0, r);
        g.add(cell(a, "comparison-totals-cell"), 1, r);
        g.add(cell(b, "comparison-totals-cell"), 2, r);
        g.add(cell(saved, saved.startsWith("-") ? "comparison-cost" : "comparison-saving"), 3, r);
    }

    private static Label cell(String s, String cls) {
        Label l = new Label(s);
        l.getStyleClass().add(cls);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static String text(Integer i) { return i == null ? "?" : String.valueOf(i); }

    private static String ms(Double d) { return d == null ? "?" : String.format(Locale.ROOT, "%.3f ms", d); }

    WritableImage snapshotContent() { return content.snapshot(new SnapshotParameters(), null); }
}
