package tlslens.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The loopback capture knows a connection is complete from the segments' ports, flags and payload
 * lengths: read from the frames the lab's own framer makes of a relayed connection, they add up to
 * what the relay recorded, with one FIN each way.
 */
class LoopbackSegmentTest {
    @Test
    void theFramersSegmentsAddUpToWhatTheRelayRecorded() {
        RelayedConnection c = new RelayedConnection(40000, 41000, 1_000);
        byte[] hello = new byte[517];
        byte[] flight = new byte[4000]; // more than one MSS: split into three segments
        c.record(true, hello, hello.length);
        c.record(false, flight, flight.length);
        c.record(true, new byte[80], 80);
        c.close(true);
        c.close(false);
        Map<Integer, Long> bytes = new HashMap<>();
        Map<Integer, Integer> fins = new HashMap<>();
        int frames = 0;
        for (TcpFramer.Frame f : new TcpFramer(0).frame(c, c.clientPort(), 0).frames()) {
            LoopbackSegment s = LoopbackSegment.parse(f.data(), 1);
            bytes.merge(s.srcPort(), (long) s.payload(), Long::sum);
            if (s.has(LoopbackSegment.FIN)) fins.merge(s.srcPort(), 1, Integer::sum);
            assertEquals(s.srcPort() == 40000 ? TcpFramer.SERVER_PORT : 40000, s.dstPort());
            frames++;
        }
        assertEquals(c.bytes(true), bytes.get(40000));
        assertEquals(c.bytes(false), bytes.get(TcpFramer.SERVER_PORT));
        assertEquals(Map.of(40000, 1, TcpFramer.SERVER_PORT, 1), fins);
        assertEquals(true, frames > 8);
    }

    @Test
    void aFrameWithoutTcpOrTooShortIsNotASegment() {
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertNull(LoopbackSegment.parse(arp, 1));
        assertNull(LoopbackSegment.parse(new byte[10], 1));
        assertNull(LoopbackSegment.parse(new byte[60], 147), "an unknown link type");
    }
}
