package tlslens.lab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The UDP leg of the lab's relay: a client sends its datagrams to {@link #port()}; for each client
 * address the relay opens a socket of its own towards the server (so the server sees one peer per
 * client, as it would on a network) and passes datagrams both ways, recording each before it is
 * passed on, with its time. A QUIC client uses one socket per connection, so one client address is
 * one connection.
 *
 * <p>With a simulated round-trip time the relay is that network: it holds every datagram half of it
 * before passing it on and records it as a capture half-way would see it (a quarter of it after it
 * left). The TCP lessons' framer adds the delays afterwards, from the order of the flights; QUIC's
 * peers send without waiting for each other (0-RTT data right behind the Client Hello,
 * acknowledgements, probes on their own timers), so only a real delay keeps what answers what, and
 * the peers' timers see the round trip they would on a network.
 */
final class UdpRelay implements AutoCloseable {
    /** Larger than any datagram on loopback: a read never truncates one. */
    private static final int MAX_DATAGRAM = 65_535;

    private final long holdNanos;
    private final ScheduledExecutorService later;
    private final DatagramSocket front;
    private final InetSocketAddress server;
    private final Map<SocketAddress, Leg> legs = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private long lastNanos = System.nanoTime();

    private record Leg(RelayedDatagrams record, DatagramSocket back) {}

    /** Listens on {@code address} (where the client will resolve its server's name) and relays to {@code server}. */
    UdpRelay(InetAddress address, InetSocketAddress server, int rttMs) throws IOException {
        this.holdNanos = rttMs * 1_000_000L / 2;
        this.later = holdNanos == 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-udp-relay-delay");
            t.setDaemon(true);
            return t;
        });
        this.front = new DatagramSocket(new InetSocketAddress(address, 0));
        this.server = server;
        start(this::frontLoop, "lab-udp-relay-c2s");
    }

    int port() { return front.getLocalPort(); }

    private void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        synchronized (this) {
            threads.add(t);
        }
        t.start();
    }

    private void frontLoop() {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!front.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                Leg leg = leg(p.getSocketAddress(), p.getPort());
                // Recorded before it is passed on, so a reply can never precede what caused it.
                byte[] data = leg.record().record(true, p.getData(), p.getLength(), holdNanos / 2);
                touched();
                pass(leg.back(), new DatagramPacket(data, data.length, server));
            } catch (IOException e) {
                if (front.isClosed()) return;
                // a datagram that could not be passed on is lost, as on a network
            }
        }
    }

    private Leg leg(SocketAddress client, int clientPort) throws IOException {
        synchronized (this) {
            Leg leg = legs.get(client);
            if (leg != null) return leg;
            DatagramSocket back = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
            leg = new Leg(new RelayedDatagrams(clientPort, System.nanoTime()), back);
            legs.put(client, leg);
            Leg l = leg;
            start(() -> backLoop(l, client), "lab-udp-relay-s2c");
            notifyAll();
            return leg;
        }
    }

    private void backLoop(Leg leg, SocketAddress client) {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!leg.back().isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                leg.back().receive(p);
                byte[] data = leg.record().record(false, p.getData(), p.getLength(), holdNanos / 2);
                touched();
                pass(front, new DatagramPacket(data, data.length, client));
            } catch (IOException e) {
                if (leg.back().isClosed() || front.isClosed()) return;
            }
        }
    }

    /** Sends {@code p} now, or half the simulated round trip from now. */
    private void pass(DatagramSocket via, DatagramPacket p) throws IOException {
        if (later == null) {
            via.send(p);
            return;
        }
        later.schedule(() -> {
            try {
                via.send(p);
            } catch (IOException e) {
                // the relay closed meanwhile, or the datagram is lost, as on a network
            }
        }, holdNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void touched() {
        lastNanos = System.nanoTime();
        notifyAll();
    }

    /**
     * Waits until no datagram has passed for {@code quietMs} (the peers' last packets, after the
     * client's CONNECTION_CLOSE, are in), at most {@code timeoutMs}. UDP has no FIN to await.
     */
    synchronized void awaitQuiet(long quietMs, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long now = System.nanoTime();
            long quietLeft = lastNanos + quietMs * 1_000_000L - now;
            if (quietLeft <= 0 || now >= end) return;
            wait(Math.max(1, Math.min(quietLeft, end - now) / 1_000_000L));
        }
    }

    /** The flows relayed so far, in the order their first datagram came. */
    synchronized List<RelayedDatagrams> flows() {
        List<RelayedDatagrams> out = new ArrayList<>();
        for (Leg l : legs.values()) out.add(l.record());
        return out;
    }

    @Override
    public void close() {
        if (later != null) later.shutdownNow();
        front.close();
        List<Leg> all;
        synchronized (this) {
            all = new ArrayList<>(legs.values());
        }
        for (Leg l : all) l.back().close();
    }
}
