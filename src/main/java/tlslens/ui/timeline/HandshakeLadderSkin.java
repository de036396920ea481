package tlslens.ui.timeline;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SkinBase;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import tlslens.dissect.tls.decrypt.KeyExchangeVerdict;
import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;

/**
 * Draws a {@link HandshakeLadder}: a scrollable column with the title, the resumption banner and
 * the diagram laid out by {@link LadderLayout}. Rebuilt when the model or the width changes;
 * a highlight change only toggles a pseudo-class.
 */
final class HandshakeLadderSkin extends SkinBase<HandshakeLadder> {
    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane(content);
    private final Label placeholder = new Label("Select a connection to see its handshake.");
    private final StackPane stack = new StackPane();
    private final List<Group> rowNodes = new ArrayList<>();
    /** Per row, what else is drawn for it (its time, the band and label of the flight it opens): hidden with it. */
    private final List<List<Node>> rowExtras = new ArrayList<>();
    /** The flight bands, to shorten them to the rows revealed while stepping through. */
    private final List<Band> bands = new ArrayList<>();
    private LadderLayout layout;

    private record Band(javafx.scene.shape.Rectangle shape, Node label, int start, int end) {}
    private double builtWidth = -1;

    HandshakeLadderSkin(HandshakeLadder control) {
        super(control);
        content.getStyleClass().add("ladder-content");
        scroll.getStyleClass().add("ladder-scroll");
        scroll.setFitToWidth(true);
        placeholder.getStyleClass().add("ladder-placeholder");
        stack.getChildren().addAll(scroll, placeholder);
        getChildren().add(stack);
        registerChangeListener(control.modelProperty(), o -> rebuild());
        registerChangeListener(control.compareTargetProperty(), o -> rebuild());
        registerChangeListener(control.highlightedFramesProperty(), o -> highlight(true));
        registerChangeListener(control.revealedRowsProperty(), o -> reveal());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (Math.abs(b.getWidth() - builtWidth) > 8) rebuild();
        });
        rebuild();
    }

    private void rebuild() {
        LadderModel m = getSkinnable().getModel();
        content.getChildren().clear();
        rowNodes.clear();
        rowExtras.clear();
        bands.clear();
        placeholder.setVisible(m == null);
        scroll.setVisible(m != null);
        if (m == null) return;
        builtWidth = scroll.getViewportBounds().getWidth();
        Label title = new Label(m.title());
        title.getStyleClass().add("ladder-title");
        Label summary = new Label(m.summary());
        summary.getStyleClass().add("ladder-summary");
        content.getChildren().addAll(title, summary);
        Node banner = banner(m);
        if (banner != null) content.getChildren().add(banner);
        KeyExchangeVerdict kx = m.keyExchange();
        if (kx != null) {
            Label l = new Label(kx.text);
            l.setId("ladderKeyExchange");
            l.getStyleClass().add("ladder-key-exchange");
            if (kx.decryptedWithRsaKey()) l.getStyleClass().add("rsa-decrypted");
            if (kx.forwardSecret()) l.getStyleClass().add("forward-secret");
            l.setWrapText(true);
            content.getChildren().add(l);
        }
        for (String f : m.connection().findings()) {
            Label l = new Label(f);
            l.getStyleClass().add("ladder-finding");
            l.setWrapText(true);
            content.getChildren().add(l);
        }
        if (m.rows().isEmpty()) {
            Label none = new Label(m.connection().tls() ? "No handshake messages in the capture."
                    : "This connection carries no TLS.");
            none.getStyleClass().add("ladder-placeholder");
            content.getChildren().add(none);
            return;
        }
        // The content's padding and a vertical scroll bar take their share of the viewport.
        content.getChildren().add(diagram(m, builtWidth > 0 ? builtWidth - 48 : 900));
        highlight(false);
        reveal();
    }

    /** Step-through: rows past the revealed ones (and what belongs to them) are hidden, in place. */
    private void reveal() {
        int n = getSkinnable().getRevealedRows();
        for (int i = 0; i < rowNodes.size(); i++) {
            boolean on = i < n;
            rowNodes.get(i).setVisible(on);
            for (Node x : rowExtras.get(i)) x.setVisible(on);
        }
        // A flight's band grows with its rows: it does not give away how many messages are still to come.
        for (Band b : bands) {
            int end = Math.min(b.end(), Math.max(n, b.start() + 1));
            double top = layout.rowTop(b.start()) + 2;
            double h = layout.rowTop(end) - layout.rowTop(b.start()) - 4;
            b.shape().setHeight(h);
            b.label().setLayoutY(top + h / 2 - 17);
        }
        highlight(false);
    }

    private Node banner(LadderModel m) {
        LadderModel.Banner b = m.banner();
        if (b == null) return null;
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("ladder-banner-text");
        Text prefix = new Text(b.prefix());
        prefix.getStyleClass().add("ladder-banner-words");
        flow.getChildren().add(prefix);
        if (b.link() != null) {
            Hyperlink link = new Hyperlink(b.link());
            link.getStyleClass().add("ladder-banner-link");
            link.setId("ladderOriginLink");
            link.setFocusTraversable(false);
            link.setOnAction(e -> {
                if (getSkinnable().onOpenConnectionProperty().get() != null) {
                    getSkinnable().onOpenConnectionProperty().get().accept(b.linkTarget());
                }
            });
            flow.getChildren().add(link);
        }
        Text suffix = new Text(b.suffix());
        suffix.getStyleClass().add("ladder-banner-words");
        flow.getChildren().add(suffix);
        HBox box = new HBox(12, flow);
        box.getStyleClass().addAll("ladder-banner", b.link() != null ? "linked" : "unlinked");
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(flow, Priority.ALWAYS);
        Integer target = getSkinnable().compareTargetProperty().get();
        if (target != null) {
            boolean proven = Boolean.TRUE.equals(getSkinnable().compareProvenProperty().get());
            Hyperlink cmp = new Hyperlink("Compare with " + tlslens.analysis.Connection.labelOfKey(target)
                    + (proven ? "" : " (likely origin)"));
            cmp.getStyleClass().add("ladder-compare-link");
            cmp.setId("ladderCompareLink");
            cmp.setFocusTraversable(false);
            cmp.setMinWidth(Region.USE_PREF_SIZE);
            cmp.setOnAction(e -> {
                if (getSkinnable().onCompareProperty().get() != null) getSkinnable().onCompareProperty().get().accept(target);
            });
            box.getChildren().add(cmp);
        }
        return box;
    }

    private Pane diagram(LadderModel m, double width) {
        List<LadderRow> rows = m.rows();
        LadderLayout g = new LadderLayout(rows.size(), width);
        layout = g;
        Pane p = new Pane();
        p.getStyleClass().add("ladder-diagram");
        p.setPrefSize(g.width(), g.height());
        p.setMinSize(g.width(), g.height());
        p.setMaxSize(g.width(), g.height());

        for (int i = 0; i < rows.size(); i++) rowExtras.add(new ArrayList<>());
        // Flight bands first, under everything.
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || rows.get(i).flight() != rows.get(start).flight()) {
                LadderRow first = rows.get(start);
                double top = g.rowTop(start) + 2;
                double h = g.rowTop(i) - g.rowTop(start) - 4;
                javafx.scene.shape.Rectangle band = LadderDrawing.flightBand(g.clientX() - 70, top,
                        g.serverX() - g.clientX() + 140, h, first.fromClient());
                String who = first.fromClient() ? "client" : "server";
                String what = first.kind() == LadderRow.Kind.ALERT ? "alert" : "flight " + first.flight();
                Node label = LadderDrawing.text(what + "\n" + who, "ladder-flight-label",
                        g.serverX() + 78, top + h / 2 - 17, LadderLayout.FLIGHT_GUTTER, Pos.CENTER_LEFT);
                p.getChildren().addAll(band, label);
                rowExtras.get(start).addAll(List.of(band, label));
                bands.add(new Band(band, label, start, i));
                start = i;
            }
        }
        packetLanes(p, g, rows);
        p.getChildren().addAll(LadderDrawing.lifeline(g.clientX(), g.lifelineTop(), g.lifelineBottom()),
                LadderDrawing.lifeline(g.serverX(), g.lifelineTop(), g.lifelineBottom()));
        p.getChildren().addAll(
                LadderDrawing.endpoint("Client", m.clientEndpoint(), g.clientX(), LadderLayout.BOX_WIDTH, LadderLayout.BOX_HEIGHT, true),
                LadderDrawing.endpoint("Server", m.serverEndpoint(), g.serverX(), LadderLayout.BOX_WIDTH, LadderLayout.BOX_HEIGHT, false));

        String lastTime = null;
        for (int i = 0; i < rows.size(); i++) {
            LadderRow r = rows.get(i);
            java.util.function.IntFunction<String> notes = getSkinnable().rowNotesProperty().get();
            Group row = LadderDrawing.row(r, i, g.clientX(), g.serverX(), g.rowTop(i), LadderLayout.ROW, g.arrowY(i),
                    g.clientX() - 70, g.serverX() - g.clientX() + 140, notes == null ? null : notes.apply(i));
            int index = i;
            if (!r.ghost()) {
                row.setOnMouseClicked(e -> {
                    if (getSkinnable().onRowClickedProperty().get() != null) getSkinnable().onRowClickedProperty().get().accept(index);
                });
            }
            rowNodes.add(row);
            p.getChildren().add(row);
            String t = r.timeText();
            if (!t.isEmpty() && !t.equals(lastTime)) {
                Node time = LadderDrawing.text(t, "ladder-time", 0, g.arrowY(i) - 10, LadderLayout.TIME_GUTTER,
                        Pos.CENTER_RIGHT);
                p.getChildren().add(time);
                rowExtras.get(i).add(time);
                lastTime = t;
            }
        }
        return p;
    }

    /**
     * QUIC: a tag left of the client's lifeline for each run of rows carried by one packet type (Initial,
     * Handshake, 0-RTT, 1-RTT), shaded by type: the packet number spaces the handshake moves through.
     */
    private void packetLanes(Pane p, LadderLayout g, List<LadderRow> rows) {
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i < rows.size() && rows.get(i).quicPacketType() == rows.get(start).quicPacketType()) continue;
            LadderRow first = rows.get(start);
            if (first.quic()) {
                List<Node> lane = LadderDrawing.packetLane(first, g.laneX(), g.rowTop(start) + 3,
                        g.rowTop(i) - g.rowTop(start) - 6);
                p.getChildren().addAll(lane);
                rowExtras.get(start).addAll(lane);
            }
            start = i;
        }
    }

    private void highlight(boolean scrollTo) {
        var frames = getSkinnable().getHighlightedFrames();
        LadderModel m = getSkinnable().getModel();
        if (m == null) return;
        Group first = null;
        int revealed = getSkinnable().getRevealedRows();
        boolean stepping = revealed < rowNodes.size();
        for (int i = 0; i < rowNodes.size(); i++) {
            // Stepping through, the row just revealed stands out, not every message of its frame.
            boolean on = stepping ? i == revealed - 1 : frames.contains(m.rows().get(i).frame());
            rowNodes.get(i).pseudoClassStateChanged(LadderDrawing.HIGHLIGHTED, on);
            if (on && first == null) first = rowNodes.get(i);
        }
        if (scrollTo && first != null) reveal(first);
    }

    /** Scrolls just enough to show the row. */
    void reveal(Node row) {
        content.applyCss();
        content.layout();
        double contentH = content.getBoundsInLocal().getHeight();
        double viewH = scroll.getViewportBounds().getHeight();
        if (contentH <= viewH || viewH <= 0) return;
        var b = content.sceneToLocal(row.localToScene(row.getBoundsInLocal()));
        double top = -scroll.getViewportBounds().getMinY();
        if (b.getMinY() >= top && b.getMaxY() <= top + viewH) return;
        double y = Math.max(0, b.getMinY() - viewH / 3);
        scroll.setVvalue(y / (contentH - viewH));
    }

    Node rowNode(int i) { return i >= 0 && i < rowNodes.size() ? rowNodes.get(i) : null; }

    WritableImage snapshotContent() {
        SnapshotParameters p = new SnapshotParameters();
        return content.snapshot(p, null);
    }
}
