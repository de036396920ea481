package tlslens.dissect.udp;

import tlslens.dissect.Checksums;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * The UDP header (RFC 768) and what Wireshark adds under it once the datagram's conversation is
 * known: its stream index, the times since the stream's first and previous frames, the payload.
 */
public final class UdpDissector {
    /** Checksum status "Not present": a zero checksum over IPv4 means the sender computed none. */
    private static final long NOT_PRESENT = 3;

    private UdpDissector() {}

    /** The 8-byte header at off (the caller checked it is there): "User Datagram Protocol" with its fields. */
    public static ProtoNode header(ProtoNode root, Tvb tvb, int off) {
        int sport = tvb.u16(off), dport = tvb.u16(off + 2);
        ProtoNode udp = root.addValue(UdpFields.UDP, tvb, off, 8, null,
                "User Datagram Protocol, Src Port: " + sport + ", Dst Port: " + dport);
        udp.add(UdpFields.SRCPORT, tvb, off, 2);
        udp.add(UdpFields.DSTPORT, tvb, off + 2, 2);
        udp.add(UdpFields.PORT, tvb, off, 2).setHidden(true);
        udp.add(UdpFields.PORT, tvb, off + 2, 2).setHidden(true);
        udp.add(UdpFields.LENGTH, tvb, off + 4, 2);
        ProtoNode sum = udp.add(UdpFields.CHECKSUM, tvb, off + 6, 2);
        boolean none = tvb.u16(off + 6) == 0;
        sum.setText(() -> sum.fieldLabel() + (none ? " [zero-value ignored]" : " [unverified]"));
        if (!udp.summaryOnly()) {
            udp.addValue(UdpFields.CHECKSUM_STATUS, tvb, off + 6, 0, none ? NOT_PRESENT : Checksums.UNVERIFIED,
                    none ? "Checksum Status: Not present" : "Checksum Status: Unverified").setGenerated(true);
        }
        return udp;
    }

    /**
     * What follows the header once the engine numbered the datagram's conversation: the stream index,
     * the timestamps (nanoseconds since the stream's first and previous frames), the payload [off, end).
     */
    public static void conversation(ProtoNode udp, Tvb tvb, int stream, long sinceFirstNs, long sincePreviousNs,
                                    int off, int end) {
        udp.addValue(UdpFields.STREAM, tvb, off, 0, (long) stream, "Stream index: " + stream).setGenerated(true);
        if (udp.summaryOnly()) return;
        ProtoNode ts = udp.addNote(UdpFields.TIMESTAMPS, "Timestamps");
        ts.addGenerated(UdpFields.TIME_RELATIVE, sinceFirstNs);
        ts.addGenerated(UdpFields.TIME_DELTA, sincePreviousNs);
        int len = end - off;
        if (len > 0 && tvb.has(off, len)) {
            udp.addValue(UdpFields.PAYLOAD, tvb, off, len, tvb.bytes(off, len),
                    "UDP payload (" + len + " byte" + (len == 1 ? "" : "s") + ")");
        }
    }
}
