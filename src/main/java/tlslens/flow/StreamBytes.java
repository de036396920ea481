package tlslens.flow;

/**
 * In-order bytes of one direction of a TCP connection: {@code length} bytes of {@code data} from
 * {@code offset}, which sit at {@code streamOffset} of the direction's byte stream and came from
 * {@code frameOffset} of frame {@code frame}.
 */
public record StreamBytes(int frame, byte[] data, int offset, int length, int frameOffset, long streamOffset) {}
