package tlslens.capture;

import java.time.Instant;

/**
 * A live capture's counters. {@code captured}: packets written to the capture file;
 * {@code droppedByKernel}: packets the kernel could not hand over (libpcap's ps_drop + ps_ifdrop);
 * {@code receivedByKernel}: packets that passed the capture filter (libpcap's ps_recv, read a few
 * times a second and at the end); {@code waiting}: packets captured but not yet taken by the reader
 * (they wait in memory or in the file, never dropped); {@code error}: why the capture ended on its
 * own, or null.
 */
public record CaptureStats(long captured, long droppedByKernel, long receivedByKernel, long waiting, Instant started,
                           String error) {
}
