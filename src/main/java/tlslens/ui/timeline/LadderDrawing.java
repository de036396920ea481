package tlslens.ui.timeline;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import tlslens.ui.controls.LockGlyph;
import tlslens.ui.model.LadderRow;

/**
 * The nodes of one ladder: endpoint boxes, lifelines, flight bands and arrows. Shapes only carry
 * style classes; timeline.css gives them colour and weight. Used by the ladder and by the
 * side-by-side view, each with its own lifeline positions.
 */
final class LadderDrawing {
    static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");

    private LadderDrawing() {}

    /** A box at the head of a lifeline: "Client" over "127.0.0.1:58268". */
    static StackPane endpoint(String role, String address, double centerX, double width, double height, boolean client) {
        Label r = new Label(role);
        r.getStyleClass().add("ladder-endpoint-role");
        Label a = new Label(address == null ? "?" : address);
        a.getStyleClass().add("ladder-endpoint-address");
        VBox v = new VBox(r, a);
        v.setAlignment(Pos.CENTER);
        StackPane box = new StackPane(v);
        box.getStyleClass().addAll("ladder-endpoint", client ? "client" : "server");
        box.setLayoutX(centerX - width / 2);
        box.setLayoutY(0);
        box.setPrefSize(width, height);
        box.setMinSize(width, height);
        box.setMaxSize(width, height);
        return box;
    }

    static Line lifeline(double x, double top, double bottom) {
        Line l = new Line(x, top, x, bottom);
        l.getStyleClass().add("ladder-lifeline");
        return l;
    }

    /** The shaded band behind one flight's rows. */
    static Rectangle flightBand(double x, double y, double w, double h, boolean client) {
        Rectangle r = new Rectangle(x, y, w, h);
        r.getStyleClass().addAll("ladder-flight", client ? "client" : "server");
        r.setArcWidth(12);
        r.setArcHeight(12);
        r.setMouseTransparent(true);
        return r;
    }

    /**
     * A QUIC packet type's tag over a run of rows ({@code height} pixels from {@code top}): a shaded
     * strip named "Initial", "Handshake", "0-RTT", "1-RTT" (CSS class by type: ladder-lane initial, ...).
     */
    static java.util.List<javafx.scene.Node> packetLane(LadderRow first, double x, double top, double height) {
        String type = laneClass(first.quicPacketType());
        Rectangle r = new Rectangle(x, top, LadderLayout.LANE_WIDTH, height);
        r.getStyleClass().addAll("ladder-lane", type);
        r.setArcWidth(8);
        r.setArcHeight(8);
        r.setMouseTransparent(true);
        Label l = text(first.packetTypeText(), "ladder-lane-label", x, top + height / 2 - 8, LadderLayout.LANE_WIDTH,
                Pos.CENTER);
        l.getStyleClass().add(type);
        return java.util.List.of(r, l);
    }

    /** The CSS class of a {@link tlslens.dissect.quic.QuicPacketTypes} code: initial, handshake, zero-rtt, one-rtt, retry. */
    static String laneClass(int quicPacketType) {
        return switch (quicPacketType) {
            case tlslens.dissect.quic.QuicPacketTypes.INITIAL -> "initial";
            case tlslens.dissect.quic.QuicPacketTypes.HANDSHAKE -> "handshake";
            case tlslens.dissect.quic.QuicPacketTypes.ZERO_RTT -> "zero-rtt";
            case tlslens.dissect.quic.QuicPacketTypes.ONE_RTT -> "one-rtt";
            default -> "retry";
        };
    }

    static Label text(String s, String styleClass, double x, double y, double width, Pos align) {
        Label l = new Label(s);
        l.getStyleClass().add(styleClass);
        l.setLayoutX(x);
        l.setLayoutY(y);
        l.setPrefWidth(width);
        l.setMinWidth(width);
        l.setMaxWidth(width);
        l.setAlignment(align);
        l.setMouseTransparent(true);
        return l;
    }

    /**
     * One row: a hit area over the whole row (hover, click), the arrow from the sender's lifeline
     * to the receiver's, the name above it and the size (and frame) below it.
     */
    static Group row(LadderRow r, int index, double clientX, double serverX, double top, double height, double arrowY,
                     double hitX, double hitWidth) {
        return row(r, index, clientX, serverX, top, height, arrowY, hitX, hitWidth, null);
    }

    /** As above, the tooltip ending with {@code note} (what the message is for), when there is one. */
    static Group row(LadderRow r, int index, double clientX, double serverX, double top, double height, double arrowY,
                     double hitX, double hitWidth, String note) {
        Group g = new Group();
        g.getStyleClass().addAll("ladder-row", r.kind().styleClass());
        if (r.decrypted()) g.getStyleClass().add("decrypted");
        if (r.retransmission()) g.getStyleClass().add("retransmission");
        g.setUserData(index);
        Rectangle hit = new Rectangle(hitX, top + 2, hitWidth, height - 4);
        hit.getStyleClass().add("ladder-hit");
        hit.setArcWidth(8);
        hit.setArcHeight(8);
        g.getChildren().add(hit);

        double head = LadderLayout.ARROW_HEAD;
        double from = r.fromClient() ? clientX : serverX;
        double to = r.fromClient() ? serverX : clientX;
        double dir = Math.signum(to - from);
        Line line = new Line(from + dir * 2, arrowY, to - dir * (head + 1), arrowY);
        line.getStyleClass().add("ladder-line");
        Polygon tip = new Polygon(to - dir, arrowY, to - dir * (head + 4), arrowY - head * 0.6, to - dir * (head + 4),
                arrowY + head * 0.6);
        tip.getStyleClass().add("ladder-head");
        g.getChildren().addAll(line, tip);
        if (r.kind() == LadderRow.Kind.CHANGE_CIPHER_SPEC) {
            // A key turning: a small diamond halfway.
            double m = (from + to) / 2;
            Polygon d = new Polygon(m, arrowY - 6, m + 6, arrowY, m, arrowY + 6, m - 6, arrowY);
            d.getStyleClass().add("ladder-marker");
            g.getChildren().add(d);
        } else if (r.kind() == LadderRow.Kind.ALERT) {
            double m = (from + to) / 2;
            Circle c = new Circle(m, arrowY, 6);
            c.getStyleClass().add("ladder-marker");
            g.getChildren().add(c);
        }

        double span = Math.abs(serverX - clientX);
        double left = Math.min(clientX, serverX);
        Label name = text(r.label(), "ladder-label", left, arrowY - 22, span, Pos.CENTER);
        // The lock stays once decrypted: TLS 1.3 sent these encrypted, which is the point of the lesson.
        if (r.locked() && (r.kind() != LadderRow.Kind.ALERT || r.decrypted())) {
            name.setGraphic(LockGlyph.create("ladder-lock"));
        }
        Label detail = text(r.detail(), "ladder-detail", left, arrowY + 2, span, Pos.CENTER);
        g.getChildren().addAll(name, detail);

        Tooltip hint = new Tooltip(note == null || note.isEmpty() ? tooltip(r) : tooltip(r) + "\n\n" + note);
        if (note != null) {
            hint.setWrapText(true);
            hint.setMaxWidth(520);
            hint.getStyleClass().add("ladder-note-tooltip");
        }
        Tooltip.install(hit, hint);
        return g;
    }

    static String tooltip(LadderRow r) {
        StringBuilder sb = new StringBuilder(r.label()).append("\n").append(r.direction());
        if (r.ghost()) {
            sb.append("\nSkipped by this resumed handshake; the full handshake sent it");
            if (r.wireEncrypted()) sb.append(" encrypted");
            if (r.bytes() != null) sb.append(" (").append(r.bytesText()).append(")");
            return sb.toString();
        }
        sb.append("\n").append(r.bytesText());
        if (r.timeMs() != null) sb.append(" · ").append(r.timeText()).append(" since the Client Hello");
        sb.append("\nframe ").append(r.frame()).append(" · flight ").append(r.flight());
        if (r.quic()) {
            sb.append("\nQUIC ").append(r.packetTypeText()).append(" packet");
            if (!r.cryptoFrames().isEmpty()) {
                sb.append(" · CRYPTO frames in frame").append(r.cryptoFrames().size() == 1 ? " " : "s ");
                for (int i = 0; i < r.cryptoFrames().size(); i++) sb.append(i == 0 ? "" : ", ").append(r.cryptoFrames().get(i));
            }
        }
        if (r.retransmission()) sb.append("\nretransmitted: the same message was sent before (a flight sent again)");
        if (r.encrypted()) sb.append("\nencrypted: its content needs the session keys");
        else if (r.decrypted()) {
            sb.append("\ntravelled encrypted").append(r.contentType() == tlslens.dissect.tls.names.ContentTypes.APPLICATION_DATA
                    ? " in an Application Data record" : "").append("; decrypted with the key log");
        }
        sb.append("\nClick to select the packet and its message");
        return sb.toString();
    }
}
