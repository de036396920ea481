package tlslens.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback between a real client and a real server: the client connects to
 * {@link #port()}, the relay connects to the server and copies bytes both ways, recording each
 * read with the time it happened. This is how the lab sees the traffic without the privilege to
 * capture: what the peers said, in the order and at the times they said it.
 */
final class Relay implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final List<RelayedConnection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread acceptor;

    Relay(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "lab-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() { return listener.getLocalPort(); }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                long synNanos = System.nanoTime();
                Socket server = new Socket();
                server.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 10_000);
                RelayedConnection c = new RelayedConnection(client.getPort(), client.getLocalPort(), synNanos);
                synchronized (this) {
                    connections.add(c);
                    threads.add(pump(c, client, server, true));
                    threads.add(pump(c, server, client, false));
                    notifyAll();
                }
            } catch (IOException e) {
                if (!listener.isClosed()) continue; // a client that gave up; the next may not
            }
        }
    }

    private static Thread pump(RelayedConnection c, Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            // Not try-with-resources: closing a socket's stream closes the socket, and the other
            // direction may still have bytes for it (the server's close_notify after the client's FIN).
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    // Recorded before it is passed on, so a reply can never precede what caused it.
                    c.record(fromClient, buf, n);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a reset ends this direction like a close
            }
            c.close(fromClient);
            try {
                if (!to.isClosed()) to.shutdownOutput();
            } catch (IOException e) {
                // the other side is gone already
            }
            if (c.bothClosed()) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "lab-relay-" + (fromClient ? "c2s" : "s2c"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to keep
        }
    }

    /** How many connections the relay has accepted. */
    synchronized int count() { return connections.size(); }

    /**
     * The connection accepted as number {@code n} (from 0), once it has ended in both directions;
     * null if it did not come within {@code timeoutMs}. One still open then is kept as it is.
     */
    RelayedConnection awaitEnded(int n, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        RelayedConnection c;
        List<Thread> ts;
        synchronized (this) {
            while (connections.size() <= n) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) return null;
                wait(left);
            }
            c = connections.get(n);
            ts = new ArrayList<>(threads.subList(2 * n, 2 * n + 2));
        }
        for (Thread t : ts) t.join(Math.max(1, end - System.currentTimeMillis()));
        return c;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing a listener does not fail in a way worth reporting
        }
    }
}
