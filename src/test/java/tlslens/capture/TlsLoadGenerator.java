package tlslens.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Loopback load for live-capture tests and the live benchmark: many short TLS 1.3 connections to a
 * server of its own on 127.0.0.1, each a handshake (resumed after the first, as browsers do), then
 * {@code messages} writes of {@code size} bytes with TCP_NODELAY (one TLS record each, all of one
 * length), a 2-byte reply, and an orderly
 * close (close_notify and FIN from the client, then from the server).
 * Bounded by the number of connections and by time; optionally paced to a number of writes per
 * second. Never leaves 127.0.0.1.
 *
 * <p>Beside them, {@code streams} long-lived connections (one thread each) write records of the
 * same size for the whole run, paced to {@code streamWritesPerSecond} over all of them, then close
 * the same way. They make the packet rate: a short connection's congestion window is a few
 * segments, and once the server's ACKs lag behind (a busy machine) the kernel merges the writes
 * still queued into large segments — 21,700 writes/s on short connections gave ~3,600 packets/s
 * under load — while a long connection's window has grown past what a lagging reader holds up,
 * so each write stays one packet.
 *
 * <p>{@code java ... tlslens.capture.TlsLoadGenerator [--port P] [--connections N] [--messages M]
 * [--size B] [--threads T] [--seconds S] [--writes-per-second W] [--streams L]
 * [--stream-writes-per-second R] [--warmup W]} prints one line of JSON: what it did.
 */
public final class TlsLoadGenerator implements AutoCloseable {
    /** What to generate; the defaults make a short burst. */
    public static final class Options {
        public int port;
        public int connections = 100;
        public int messages = 50;
        public int size = 100;
        public int threads = 4;
        public double seconds = 60;
        /** Writes per second over all threads; 0: as fast as possible. */
        public long writesPerSecond;
        /** Long-lived connections writing for the whole run beside the short ones (0: none). */
        public int streams;
        /** Writes per second over all long-lived connections; 0: as fast as possible. */
        public long streamWritesPerSecond;
        /**
         * Seconds of the same load first, to a server on another port (outside a capture filter on
         * {@code port}): the generator's own JIT warm-up then does not compete with the capture's.
         */
        public double warmupSeconds;
    }

    /** What happened: connections completed, application records written, payload bytes, elapsed seconds. */
    public record Result(int port, long connections, long messages, long bytes, double seconds, long failures,
                         long streamMessages) {
        public String json() {
            return String.format(Locale.ROOT, "{\"port\": %d, \"connections\": %d, \"messages\": %d, \"bytes\": %d, "
                    + "\"seconds\": %.3f, \"failures\": %d, \"stream_messages\": %d}", port, connections, messages,
                    bytes, seconds, failures, streamMessages);
        }
    }

    /** A reply that never comes is a failure, not a hang. */
    private static final int CLIENT_TIMEOUT_MS = 60_000;

    private final Options o;
    private final SSLContext context;
    private final ServerSocket server;
    private final AtomicLong connectionsLeft;
    private final AtomicLong connectionsDone = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong streamMessages = new AtomicLong();

    private TlsLoadGenerator(Options o) throws Exception {
        this.o = o;
        this.context = LocalTls.selfSignedContext();
        this.server = new ServerSocket(); // TLS is layered over each accepted socket: see serve()
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), o.port), 512);
        this.connectionsLeft = new AtomicLong(o.connections);
    }

    /** Opens the server (its port is then known, e.g. for a capture filter); {@link #run()} makes the load. */
    public static TlsLoadGenerator bind(Options o) throws Exception {
        if (o.connections < 1 || o.messages < 1 || o.size < 1 || o.size > 16_000 || o.threads < 1 || o.streams < 0
                || o.streams > 64) {
            throw new IllegalArgumentException("connections, messages, threads >= 1; 1 <= size <= 16000; 0 <= streams <= 64");
        }
        return new TlsLoadGenerator(o);
    }

    public int port() { return server.getLocalPort(); }

    @Override
    public void close() throws IOException { server.close(); }

    /** Runs the load to its end (every connection made, or the time is up) and says what it did. */
    public Result run() throws InterruptedException {
        Thread acceptor = new Thread(this::accept, "load-server");
        acceptor.setDaemon(true);
        acceptor.start();
        long start = System.nanoTime();
        long end = start + (long) (o.seconds * 1e9);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < o.threads; i++) {
            Thread t = new Thread(() -> clientLoop(start, end), "load-client-" + i);
            t.start();
            clients.add(t);
        }
        for (int i = 0; i < o.streams; i++) {
            Thread t = new Thread(() -> stream(start, end), "load-stream-" + i);
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(server.getLocalPort(), connectionsDone.get(), messages.get(), messages.get() * o.size,
                seconds, failures.get(), streamMessages.get());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "load-server-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Reads the client's messages, answers "ok", waits for the client's close_notify and FIN, closes.
     * A long-lived connection gets its "ok" after as many messages and goes on writing until then.
     * After the handshake the records are read from the TCP socket under the TLS one and counted,
     * not decrypted: the server then costs one read per 64 KiB, not two per record, and keeps up
     * with the writers on a busy machine (a lagging reader shrinks the window, and the writes queued
     * meanwhile leave as one large segment).
     */
    private void serve(Socket s) {
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(s, null, true)) {
            tls.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls.setUseClientMode(false);
            tls.startHandshake(); // reads exactly the client's records up to its Finished
            InputStream raw = s.getInputStream();
            byte[] buffer = new byte[64 << 10];
            long want = (long) o.messages * recordLength(o.size);
            long got = 0;
            while (got < want) {
                int n = raw.read(buffer);
                if (n < 0) return;
                got += n;
            }
            OutputStream out = tls.getOutputStream();
            out.write(new byte[] {'o', 'k'});
            out.flush();
            while (raw.read(buffer) >= 0) { } // to the client's close_notify and FIN: then the server closes
        } catch (IOException e) {
            // Counted on the client's side.
        }
    }

    /** One TLS 1.3 record carrying {@code size} bytes: header, data, content type, AEAD tag (no padding). */
    private static int recordLength(int size) { return 5 + size + 1 + 16; }

    private void clientLoop(long start, long end) {
        byte[] message = new byte[o.size];
        for (int i = 0; i < message.length; i++) message[i] = (byte) ('a' + i % 26);
        long perThread = o.writesPerSecond <= 0 ? 0 : Math.max(1, o.writesPerSecond / o.threads);
        long written = 0;
        while (System.nanoTime() < end && connectionsLeft.getAndDecrement() > 0) {
            try (SSLSocket c = connect()) {
                OutputStream out = c.getOutputStream();
                for (int m = 0; m < o.messages; m++) {
                    if (perThread > 0) pace(start, ++written, perThread);
                    out.write(message);
                    messages.incrementAndGet();
                }
                out.flush();
                InputStream in = c.getInputStream();
                if (in.read() != 'o' || in.read() != 'k') throw new IOException("no reply");
                // close_notify and FIN first, then the server's: no side writes to a closed socket (an RST)
                c.shutdownOutput();
                while (in.read() >= 0) { }
                connectionsDone.incrementAndGet();
            } catch (IOException e) {
                failures.incrementAndGet();
            }
        }
    }

    /** A TLS 1.3 client connection to the server on 127.0.0.1, handshake done, writes not coalesced. */
    private SSLSocket connect() throws IOException {
        SSLSocket c = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            c.setTcpNoDelay(true);
            c.setSoTimeout(CLIENT_TIMEOUT_MS);
            c.setEnabledProtocols(new String[] {"TLSv1.3"});
            c.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getLocalPort()));
            c.startHandshake();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** One long-lived connection: writes until the end, paced, then closes as a short one does. */
    private void stream(long start, long end) {
        byte[] message = new byte[o.size];
        for (int i = 0; i < message.length; i++) message[i] = (byte) ('A' + i % 26);
        long perThread = o.streamWritesPerSecond <= 0 ? 0 : Math.max(1, o.streamWritesPerSecond / o.streams);
        long written = 0;
        try (SSLSocket c = connect()) {
            OutputStream out = c.getOutputStream();
            // At least as many messages as the server waits for before its "ok".
            while (System.nanoTime() < end || written < o.messages) {
                if (perThread > 0 && System.nanoTime() < end) pace(start, written + 1, perThread);
                out.write(message);
                written++;
                streamMessages.incrementAndGet();
            }
            out.flush();
            InputStream in = c.getInputStream();
            c.shutdownOutput();
            while (in.read() >= 0) { } // "ok", then the server's close_notify and FIN
            connectionsDone.incrementAndGet();
        } catch (IOException e) {
            failures.incrementAndGet();
        }
    }

    /**
     * Waits until the {@code n}th write of this thread is due: the writes due are made back to back,
     * then the thread sleeps a millisecond or more (a wake-up per write cost more CPU than the writes).
     */
    private static void pace(long start, long n, long perSecond) {
        long due = start + n * 1_000_000_000L / perSecond;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(Math.max(wait, 1_000_000L));
    }

    /** The same load for {@code o.warmupSeconds} to a server of its own on an ephemeral port. */
    private static void warmUp(Options o) throws Exception {
        Options w = new Options();
        w.connections = o.connections;
        w.messages = o.messages;
        w.size = o.size;
        w.threads = o.threads;
        w.writesPerSecond = o.writesPerSecond;
        w.streams = o.streams;
        w.streamWritesPerSecond = o.streamWritesPerSecond;
        w.seconds = o.warmupSeconds;
        try (TlsLoadGenerator g = bind(w)) {
            g.run();
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> o.port = Integer.parseInt(v);
                case "--connections" -> o.connections = Integer.parseInt(v);
                case "--messages" -> o.messages = Integer.parseInt(v);
                case "--size" -> o.size = Integer.parseInt(v);
                case "--threads" -> o.threads = Integer.parseInt(v);
                case "--seconds" -> o.seconds = Double.parseDouble(v);
                case "--writes-per-second" -> o.writesPerSecond = Long.parseLong(v);
                case "--streams" -> o.streams = Integer.parseInt(v);
                case "--stream-writes-per-second" -> o.streamWritesPerSecond = Long.parseLong(v);
                case "--warmup" -> o.warmupSeconds = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        Result r;
        try (TlsLoadGenerator g = bind(o)) {
            if (o.warmupSeconds > 0) warmUp(o);
            r = g.run();
        }
        System.out.println(r.json());
        System.exit(r.failures() == 0 ? 0 : 1);
    }
}
