package tlslens.ui.timeline;

/**
 * Where things go in a ladder diagram, in pixels: shared by the skin and the SVG writer so an
 * exported SVG looks like the screen. The diagram starts below the endpoint boxes; row {@code i}'s
 * arrow runs at {@link #arrowY(int)} between the lifelines.
 */
public final class LadderLayout {
    public static final double TIME_GUTTER = 96;
    public static final double MARGIN = 24;
    public static final double FLIGHT_GUTTER = 112;
    public static final double BOX_WIDTH = 200;
    public static final double BOX_HEIGHT = 46;
    public static final double HEADER = BOX_HEIGHT + 22;
    public static final double ROW = 44;
    public static final double MIN_SPAN = 380;
    public static final double MAX_SPAN = 720;
    public static final double ARROW_HEAD = 9;

    private final double span;
    private final int rows;

    /** A layout for {@code rows} rows filling {@code width} pixels where possible. */
    public LadderLayout(int rows, double width) {
        this.rows = rows;
        double free = width - TIME_GUTTER - FLIGHT_GUTTER - 2 * MARGIN - BOX_WIDTH;
        this.span = Math.max(MIN_SPAN, Math.min(MAX_SPAN, free));
    }

    public double clientX() { return TIME_GUTTER + MARGIN + BOX_WIDTH / 2; }

    public double serverX() { return clientX() + span; }

    public double width() { return serverX() + BOX_WIDTH / 2 + MARGIN + FLIGHT_GUTTER; }

    public double height() { return HEADER + rows * ROW + 18; }

    public double rowTop(int i) { return HEADER + i * ROW; }

    /** The arrow's line, a little below the middle so the name above it has room. */
    public double arrowY(int i) { return rowTop(i) + ROW * 0.56; }

    public double lifelineTop() { return BOX_HEIGHT; }

    public double lifelineBottom() { return height() - 6; }

    public double flightLabelX() { return serverX() + BOX_WIDTH / 2 - 40; }

    public double middleX() { return (clientX() + serverX()) / 2; }

    /** The left edge of a QUIC packet-type tag, between the times and the flight bands. */
    public double laneX() { return TIME_GUTTER + 2; }

    /** A packet-type tag's width. */
    public static final double LANE_WIDTH = 52;
}
