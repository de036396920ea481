package tlslens.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one relayed UDP flow carried (one QUIC connection: its client's socket): each datagram, its direction and time. */
final class RelayedDatagrams implements Relayed {
    /** One datagram as a capture would see it. */
    record Datagram(boolean fromClient, long nanos, byte[] data) {}

    private final int clientPort;
    private final long openNanos;
    private final List<Datagram> datagrams = new ArrayList<>();

    RelayedDatagrams(int clientPort, long openNanos) {
        this.clientPort = clientPort;
        this.openNanos = openNanos;
    }

    /** Records {@code n} bytes of {@code buf} as seen {@code laterNanos} from now; returns them (a copy). */
    synchronized byte[] record(boolean fromClient, byte[] buf, int n, long laterNanos) {
        byte[] data = Arrays.copyOf(buf, n);
        datagrams.add(new Datagram(fromClient, System.nanoTime() + laterNanos, data));
        return data;
    }

    @Override
    public int clientPort() { return clientPort; }

    @Override
    public long openNanos() { return openNanos; }

    /** In the order of their times (a datagram held for the simulated RTT can be overtaken by none, but be safe). */
    synchronized List<Datagram> datagrams() {
        List<Datagram> out = new ArrayList<>(datagrams);
        out.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        return out;
    }

    synchronized int count() { return datagrams.size(); }
}
