package tlslens.dissect;

import java.time.Instant;

/** The columns of one frame, what a packet table shows; the tree is rebuilt when asked for. */
public record FrameSummary(int number, Instant time, int length, String source, String destination, String protocol,
                           String info, int tcpStream) {}
