package tlslens.flow;

/** {@code length} bytes at {@code pduOffset} of a PDU came from {@code frameOffset} of frame {@code frame}. */
public record Piece(int frame, int frameOffset, int pduOffset, int length) {}
