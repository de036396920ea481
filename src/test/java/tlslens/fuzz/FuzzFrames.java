package tlslens.fuzz;

/** The fuzz targets' synthetic frames for other tests: raw-IP TCP between 10.0.0.1:40000 and 10.0.0.2:443. */
public final class FuzzFrames {
    private FuzzFrames() {}

    /** The bytes of a segment without payload. */
    public static byte[] tcp(int dir, long seq, long ack, int flags) {
        return Frames.tcp(1, dir, seq, ack, flags, new byte[0]).data();
    }

    /** The bytes of a segment with a payload. */
    public static byte[] tcp(int dir, long seq, long ack, int flags, byte[] payload) {
        return Frames.tcp(1, dir, seq, ack, flags, payload).data();
    }
}
