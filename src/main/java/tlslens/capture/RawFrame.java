package tlslens.capture;

import java.time.Instant;

/**
 * One captured frame as read from a file or an interface: bytes and timestamp, nothing decoded.
 * {@code number} is 1-based like Wireshark's frame.number.
 */
public record RawFrame(int number, Instant time, int originalLength, byte[] data, int linkType, int interfaceId,
                       String interfaceName) {
}
