package tlslens.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    /** Issue 15: a QUIC flow is framed over UDP; on the loopback port of a TCP connection or of another flow it moves too. */
    @Test
    void quicFlowsOnOnePortKeepPortsOfTheirOwnBesideTcp() {
        List<MadeConnection> all = List.of(made(50000, 41000, 1_000), flow(50000, 2_000_000), flow(50000, 3_000_000));
        List<Integer> tcp = new ArrayList<>();
        List<Integer> udp = new ArrayList<>();
        for (RawFrame f : Lab.framed(all, 0)) {
            byte[] d = f.data();
            int proto = d[14 + 9] & 0xff;
            int src = ((d[34] & 0xff) << 8) | (d[35] & 0xff);
            if (proto == 6) {
                LoopbackSegment s = LoopbackSegment.parse(d, 1);
                if (s.has(LoopbackSegment.SYN) && !s.has(LoopbackSegment.ACK)) tcp.add(s.srcPort());
            } else {
                assertEquals(17, proto, "UDP");
                if (src != 443 && !udp.contains(src)) udp.add(src);
            }
        }
        assertEquals(List.of(50000), tcp);
        assertEquals(2, udp.size(), "one client port per flow: " + udp);
        assertFalse(udp.contains(50000), "no flow on the TCP connection's port: " + udp);
    }

    private static MadeConnection flow(int clientPort, long open) {
        RelayedDatagrams d = new RelayedDatagrams(clientPort, open);
        d.record(true, new byte[1200], 1200, 0);
        d.record(false, new byte[1200], 1200, 0);
        return new MadeConnection(d, null, "", false);
    }
}
