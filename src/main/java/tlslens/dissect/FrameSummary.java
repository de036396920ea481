package tlslens.dissect;

import java.time.Instant;

/**
 * The columns of one frame, what a packet table shows, and what the frame carries
 * ({@code flags}: {@link FrameContext#HANDSHAKE}, {@link FrameContext#ALERT}, ...). Made by
 * {@link FrameDissection#summary} only; the tree is rebuilt when asked for.
 */
public record FrameSummary(int number, Instant time, int length, String source, String destination, String protocol,
                           String info, int tcpStream, int flags) {

    /** A summary without flags (tests and synthetic rows). */
    public FrameSummary(int number, Instant time, int length, String source, String destination, String protocol,
                        String info, int tcpStream) {
        this(number, time, length, source, destination, protocol, info, tcpStream, 0);
    }

    public boolean has(int flag) { return (flags & flag) != 0; }
}
