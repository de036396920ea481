package tlslens.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one relayed TCP connection carried: each read, in order, with its direction and time. */
final class RelayedConnection implements Relayed {
    /** One read from one side: what a capture would see as one or more segments. */
    record Chunk(boolean fromClient, long nanos, byte[] data) {}

    private final int clientPort;
    private final int relayPort;
    private final long openNanos;
    private final List<Chunk> chunks = new ArrayList<>();
    private long clientFinNanos = -1;
    private long serverFinNanos = -1;

    RelayedConnection(int clientPort, int relayPort, long openNanos) {
        this.clientPort = clientPort;
        this.relayPort = relayPort;
        this.openNanos = openNanos;
    }

    synchronized void record(boolean fromClient, byte[] buf, int n) {
        chunks.add(new Chunk(fromClient, System.nanoTime(), Arrays.copyOf(buf, n)));
    }

    synchronized void close(boolean fromClient) {
        if (fromClient) clientFinNanos = System.nanoTime();
        else serverFinNanos = System.nanoTime();
    }

    synchronized boolean bothClosed() { return clientFinNanos >= 0 && serverFinNanos >= 0; }

    @Override
    public int clientPort() { return clientPort; }

    /** The relay's listening port: with the client's, what names this connection's client leg on loopback. */
    int relayPort() { return relayPort; }

    @Override
    public long openNanos() { return openNanos; }

    synchronized List<Chunk> chunks() { return List.copyOf(chunks); }

    /** When the client closed its side (its FIN), or -1 if it never did. */
    synchronized long clientFinNanos() { return clientFinNanos; }

    synchronized long serverFinNanos() { return serverFinNanos; }

    synchronized long bytes(boolean fromClient) {
        long n = 0;
        for (Chunk c : chunks) if (c.fromClient() == fromClient) n += c.data().length;
        return n;
    }
}
