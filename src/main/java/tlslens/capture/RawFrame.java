package tlslens.capture;

import java.time.Instant;

/**
 * One captured frame as read from a file or an interface: bytes and timestamp, nothing decoded.
 * {@code number} is 1-based like Wireshark's frame.number; {@code interfaceId} is the frame's
 * interface within its pcapng {@code section} (1-based; 1 for pcap files and live captures).
 */
public record RawFrame(int number, Instant time, int originalLength, byte[] data, int linkType, int interfaceId,
                       String interfaceName, int section) {
    /** A frame of the first (or only) section. */
    public RawFrame(int number, Instant time, int originalLength, byte[] data, int linkType, int interfaceId,
                    String interfaceName) {
        this(number, time, originalLength, data, linkType, interfaceId, interfaceName, 1);
    }
}
