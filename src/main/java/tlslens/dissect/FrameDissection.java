package tlslens.dissect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The dissection of one frame: its protocol tree, the byte sources the tree points into
 * (source 0 is the frame itself), and the {@link FrameContext} the dissectors filled (addresses,
 * ports, stream, columns, flags). Built when asked for; the per-frame state kept for a whole file
 * is its {@link FrameSummary}, made by {@link #summary}.
 */
public final class FrameDissection {
    public final int number;
    public final Instant time;
    public final byte[] frameBytes;
    public final ProtoNode root = ProtoNode.root();
    private final List<DataSource> sources = new ArrayList<>(2);
    private final FrameContext context = new FrameContext();

    public FrameDissection(int number, Instant time, byte[] frameBytes) {
        this.number = number;
        this.time = time;
        this.frameBytes = frameBytes;
        sources.add(new DataSource("Frame (" + frameBytes.length + " bytes)", frameBytes, List.of()));
    }

    public Tvb frameTvb() { return new Tvb(frameBytes, 0); }

    /** Registers a reassembled or decrypted buffer and returns a view of it for the dissector. */
    public Tvb addSource(String name, byte[] bytes, List<DataSource.Chunk> chunks) {
        sources.add(new DataSource(name, bytes, List.copyOf(chunks)));
        return new Tvb(bytes, sources.size() - 1);
    }

    public List<DataSource> sources() { return sources; }

    /** What the dissectors learnt about this frame (Wireshark's pinfo). */
    public FrameContext context() { return context; }

    // The columns' shorthands, as the dissectors write them (col_set_str, col_append_sep_str).

    public String protocol() { return context.protocol(); }

    public void setProtocol(String p) { context.protocol(p); }

    public String info() { return context.info(); }

    public void setInfo(String s) { context.setInfo(s); }

    /** Appends to the Info column with ", " between parts, as the TLS dissector does. */
    public void appendInfo(String s) { context.appendInfo(s); }

    public void appendInfoRaw(String s) { context.appendInfoRaw(s); }

    /** Wireshark's tcp.stream of this frame, or -1. */
    public int tcpStream() { return context.tcpStream(); }

    /**
     * The row of this frame in a packet list: built here only, from the context, with
     * {@code intern} sharing repeated texts (addresses, protocol names) between rows.
     */
    public FrameSummary summary(int originalLength, UnaryOperator<String> intern) {
        int flags = context.flags() | (root.hasMalformed() ? FrameContext.MALFORMED : 0);
        return new FrameSummary(number, time, originalLength, intern.apply(context.source()),
                intern.apply(context.destination()), intern.apply(context.protocol()), context.info(),
                context.tcpStream(), flags);
    }

    /** {@link #summary(int, UnaryOperator)} without sharing. */
    public FrameSummary summary(int originalLength) { return summary(originalLength, s -> s); }

    /**
     * frame.time_delta_displayed, once the caller knows which frames are displayed: the time since
     * the previous displayed frame (null: this is the first one shown).
     */
    public void displayedAfter(Instant previousDisplayed) {
        if (root.summaryOnly()) return; // trees without detail have no frame.time_delta_displayed (Engine.frameNode)
        Object delta = previousDisplayed == null ? (Object) 0L : tlslens.capture.FrameTimes.between(previousDisplayed, time);
        for (ProtoNode top : root.children()) {
            if (top.field != FrameFields.FRAME) continue;
            for (ProtoNode n : top.children()) {
                if (n.field == FrameFields.TIME_DELTA_DISPLAYED) n.setValue(delta); // its label is made from the value
            }
        }
    }
}
