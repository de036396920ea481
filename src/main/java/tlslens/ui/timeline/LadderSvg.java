package tlslens.ui.timeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import tlslens.ui.model.LadderModel;
import tlslens.ui.model.LadderRow;

/**
 * A ladder as an SVG drawing, laid out by the same {@link LadderLayout} as the screen. The
 * colours come from ladder-svg.css (a resource), embedded in the file's style element; this class
 * only names classes. No JavaFX: it runs anywhere and is tested without a screen.
 */
public final class LadderSvg {
    static final String CSS = "/tlslens/ui/ladder-svg.css";
    static final double WIDTH = 1100;
    private static final double TOP = 96;

    private LadderSvg() {}

    public static String write(LadderModel m) {
        List<LadderRow> rows = m.rows();
        LadderLayout g = new LadderLayout(rows.size(), WIDTH);
        double w = g.width();
        double h = TOP + g.height();
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", w, h, w, h));
        s.append("<style>\n").append(css()).append("</style>\n");
        s.append(String.format(Locale.ROOT, "<rect class=\"paper\" x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\"/>%n", w, h));
        text(s, "title", 16, 26, "start", m.title());
        text(s, "summary", 16, 46, "start", m.summary());
        if (m.banner() != null) {
            String cls = m.banner().link() != null ? "banner linked" : "banner unlinked";
            s.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"16\" y=\"58\" width=\"%.0f\" height=\"28\" rx=\"6\"/>%n",
                    cls, w - 32));
            text(s, "banner-text", 28, 77, "start", m.banner().text());
        }
        s.append(String.format(Locale.ROOT, "<g transform=\"translate(0 %.0f)\">%n", TOP));
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || rows.get(i).flight() != rows.get(start).flight()) {
                LadderRow first = rows.get(start);
                double top = g.rowTop(start) + 2;
                double hh = g.rowTop(i) - g.rowTop(start) - 4;
                s.append(String.format(Locale.ROOT, "<rect class=\"flight %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\"/>%n",
                        first.fromClient() ? "client" : "server", g.clientX() - 70, top, g.serverX() - g.clientX() + 140, hh));
                String what = first.kind() == LadderRow.Kind.ALERT ? "alert" : "flight " + first.flight();
                text(s, "flight-label", g.serverX() + 78, top + hh / 2 + 4, "start",
                        what + " · " + (first.fromClient() ? "client" : "server"));
                start = i;
            }
        }
        // QUIC: the packet type of each run of rows, as on screen.
        start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i < rows.size() && rows.get(i).quicPacketType() == rows.get(start).quicPacketType()) continue;
            LadderRow first = rows.get(start);
            if (first.quic()) {
                double top = g.rowTop(start) + 3;
                double hh = g.rowTop(i) - g.rowTop(start) - 6;
                s.append(String.format(Locale.ROOT, "<rect class=\"lane %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\"/>%n",
                        LadderDrawing.laneClass(first.quicPacketType()), g.laneX(), top, LadderLayout.LANE_WIDTH, hh));
                text(s, "lane-label", g.laneX() + LadderLayout.LANE_WIDTH / 2, top + hh / 2 + 3, "middle", first.packetTypeText());
            }
            start = i;
        }
        for (double x : new double[] {g.clientX(), g.serverX()}) {
            s.append(String.format(Locale.ROOT, "<line class=\"lifeline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                    x, g.lifelineTop(), x, g.lifelineBottom()));
        }
        endpoint(s, "client", "Client", m.clientEndpoint(), g.clientX());
        endpoint(s, "server", "Server", m.serverEndpoint(), g.serverX());
        String lastTime = null;
        for (int i = 0; i < rows.size(); i++) {
            LadderRow r = rows.get(i);
            double y = g.arrowY(i);
            double from = r.fromClient() ? g.clientX() : g.serverX();
            double to = r.fromClient() ? g.serverX() : g.clientX();
            double dir = Math.signum(to - from);
            double head = LadderLayout.ARROW_HEAD;
            s.append("<g class=\"row ").append(r.kind().styleClass()).append(r.retransmission() ? " retransmission" : "")
                    .append("\">\n");
            if (r.ghost()) {
                s.append(String.format(Locale.ROOT, "<rect class=\"ghost-box\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\"/>%n",
                        g.clientX() - 70, g.rowTop(i) + 2, g.serverX() - g.clientX() + 140, LadderLayout.ROW - 4));
            }
            s.append(String.format(Locale.ROOT, "<line class=\"line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                    from + dir * 2, y, to - dir * (head + 1), y));
            s.append(String.format(Locale.ROOT, "<polygon class=\"head\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>%n",
                    to - dir, y, to - dir * (head + 4), y - head * 0.6, to - dir * (head + 4), y + head * 0.6));
            String name = (r.locked() && (r.kind() != LadderRow.Kind.ALERT || r.decrypted()) ? "\uD83D\uDD12 " : "") + r.label();
            text(s, "label", g.middleX(), y - 8, "middle", name);
            text(s, "detail", g.middleX(), y + 16, "middle", r.detail());
            s.append("</g>\n");
            String t = r.timeText();
            if (!t.isEmpty() && !t.equals(lastTime)) {
                text(s, "time", LadderLayout.TIME_GUTTER - 6, y + 4, "end", t);
                lastTime = t;
            }
        }
        s.append("</g>\n</svg>\n");
        return s.toString();
    }

    private static void endpoint(StringBuilder s, String cls, String role, String address, double x) {
        double bw = LadderLayout.BOX_WIDTH;
        s.append(String.format(Locale.ROOT, "<rect class=\"endpoint %s\" x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%.1f\" rx=\"8\"/>%n",
                cls, x - bw / 2, bw, LadderLayout.BOX_HEIGHT));
        text(s, "role", x, 19, "middle", role);
        text(s, "address", x, 37, "middle", address == null ? "?" : address);
    }

    private static void text(StringBuilder s, String cls, double x, double y, String anchor, String t) {
        s.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", cls, x, y, anchor))
                .append(escape(t)).append("</text>\n");
    }

    static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String css() {
        try (InputStream in = LadderSvg.class.getResourceAsStream(CSS)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
