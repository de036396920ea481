package tlslens.capture;

import java.time.Instant;

/**
 * A live capture's counters. {@code captured}: packets written to the capture file;
 * {@code droppedByKernel}: packets the kernel could not hand over (libpcap's ps_drop + ps_ifdrop);
 * {@code droppedByQueue}: packets written to the file but not offered to the reader because its
 * queue was full; {@code error}: why the capture ended on its own, or null.
 */
public record CaptureStats(long captured, long droppedByKernel, long droppedByQueue, Instant started, String error) {
}
