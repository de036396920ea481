package tlslens.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.capture.RawFrame;

/**
 * Relays in front of different servers can be handed the same ephemeral client port by the kernel
 * (their listening ports differ, so loopback's four-tuples do too). Framed onto the one address pair
 * 10.0.0.1 → 10.0.0.2:443 they would become one connection that "retransmits" itself: CI once saw
 * 14 connections of 15 for this reason. The framer gives every connection a port of its own.
 */
class FramedPortsTest {
    private static MadeConnection made(int clientPort, int relayPort, long open) {
        RelayedConnection c = new RelayedConnection(clientPort, relayPort, open);
        c.record(true, new byte[300], 300);
        c.record(false, new byte[900], 900);
        c.close(true);
        c.close(false);
        return new MadeConnection(c, null, "", false);
    }

    @Test
    void twoConnectionsOnOneLoopbackClientPortKeepTwoPortsInTheCapture() {
        List<MadeConnection> all = List.of(made(50000, 41000, 1_000), made(50000, 42000, 2_000_000),
                made(50001, 43000, 3_000_000));
        List<Integer> synPorts = new ArrayList<>();
        for (RawFrame f : Lab.framed(all, 0)) {
            LoopbackSegment s = LoopbackSegment.parse(f.data(), 1);
            if (s.has(LoopbackSegment.SYN) && !s.has(LoopbackSegment.ACK)) synPorts.add(s.srcPort());
        }
        assertEquals(3, synPorts.size(), "one SYN per connection: " + synPorts);
        assertEquals(3, synPorts.stream().distinct().count(), "each connection on a port of its own: " + synPorts);
        assertEquals(50000, synPorts.get(0), "the first keeps the port the kernel gave it");
    }
}
