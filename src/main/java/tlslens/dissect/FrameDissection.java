package tlslens.dissect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dissection of one frame: its protocol tree, the byte sources the tree points into
 * (source 0 is the frame itself), and the summary columns (Protocol, Info, addresses).
 * Built when asked for; the per-frame state kept for a whole file is {@code FrameSummary}.
 */
public final class FrameDissection {
    public final int number;
    public final Instant time;
    public final byte[] frameBytes;
    public final ProtoNode root = ProtoNode.root();
    private final List<DataSource> sources = new ArrayList<>(2);
    private String protocol = "";
    private final StringBuilder info = new StringBuilder();
    public String src = "";
    public String dst = "";
    /** Wireshark's tcp.stream of this frame, or -1. */
    public int tcpStream = -1;
    /** True once a TLS record was dissected in this frame. */
    public boolean hasTls;

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

    public String protocol() { return protocol; }

    public void setProtocol(String p) { this.protocol = p; }

    public String info() { return info.toString(); }

    public void setInfo(String s) { info.setLength(0); info.append(s); }

    /** Appends to the Info column with ", " between parts, as the TLS dissector does. */
    public void appendInfo(String s) {
        if (info.length() > 0) info.append(", ");
        info.append(s);
    }

    public void appendInfoRaw(String s) { info.append(s); }

    /**
     * frame.time_delta_displayed, once the caller knows which frames are displayed: the time since
     * the previous displayed frame (null: this is the first one shown).
     */
    public void displayedAfter(Instant previousDisplayed) {
        long delta = previousDisplayed == null ? 0 : java.time.Duration.between(previousDisplayed, time).toNanos();
        for (ProtoNode top : root.children()) {
            if (top.field != FrameFields.FRAME) continue;
            for (ProtoNode n : top.children()) {
                if (n.field == FrameFields.TIME_DELTA_DISPLAYED) n.setValue(delta); // its label is made from the value
            }
        }
    }
}
