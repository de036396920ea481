package tlslens.dissect.tcp;

import java.util.function.LongUnaryOperator;

/**
 * What the TCP tree of one frame needs from its conversation: the window scale factor (-1
 * unknown: no SYN seen; -2 no window scaling used; else the multiplier), the frame's times since
 * the stream's first and previous frame (-1 when unknown), the peer's relative numbering, and
 * which side of the closing a FIN is, the conversation's completeness before this frame (-1: not
 * shown) and the frame's sequence analysis (null: none).
 */
public record TcpFrameContext(int scaleFactor, long sinceFirstNs, long sincePreviousNs, LongUnaryOperator peerRelative,
                              Closing closing, int completeness, TcpAnalyzer.Result analysis) {
    /** A FIN's place in the closing: the first side to close initiates it, the other undergoes it. */
    public enum Closing { NONE, INITIATES, UNDERGOES }

}
