package tlslens.lab;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import tech.kwik.agent15.engine.TlsClientEngine;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicSessionTicket;
import tech.kwik.core.QuicStream;
import tech.kwik.core.impl.QuicClientConnectionImpl;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ApplicationProtocolConnectionFactory;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

/**
 * kwik's QUIC client and server inside the program as the lab's QUIC peers (pure Java, QUIC v1 with
 * TLS 1.3 by its agent15 engine): a server on a loopback UDP port, a {@link UdpRelay} in front of it,
 * and a client per connection that sends one request line on a stream ("hq-interop", HTTP/0.9 style)
 * and reads the server's one-line answer. Secrets come from the client's key log file (QUIC labels)
 * and, for 0-RTT, from its TLS engine (kwik writes no CLIENT_EARLY_TRAFFIC_SECRET line). What happened
 * (0-RTT accepted, a certificate or not) is what the client says.
 */
final class KwikPeers implements AutoCloseable {
    /** kwik's version; its jar says it nowhere (KwikVersionTest checks it against the jar on the class path). */
    static final String VERSION = "0.10.3";
    static final String IMPLEMENTATION = "kwik " + VERSION + " client / server";
    static final String ALPN = "hq-interop";
    /** The group kwik's client always offers its key share for (0.10.3: QuicClientConnectionImpl.startHandshake). */
    static final String GROUP = "secp256r1";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What one client connection reported. */
    record Run(RelayedDatagrams wire, String keyLog, String quicVersion, String cipher, boolean resumed,
               boolean earlyOffered, boolean earlyAccepted, QuicSessionTicket ticket) {}

    private final ServerConnector server;
    private final InetSocketAddress serverAddress;
    private final InetAddress clientSide;
    private final Path work;
    private final int rttMs;
    private KeyStore trusted;

    KwikPeers(Path work, int rttMs) throws IOException, InterruptedException {
        this.work = work;
        this.rttMs = rttMs;
        // The client resolves "localhost" (its server name, sent as SNI): the relay listens where it points.
        this.clientSide = InetAddress.getByName("localhost");
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(clientSide, 0));
        this.serverAddress = new InetSocketAddress(clientSide, socket.getLocalPort());
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair keys = g.generateKeyPair();
            byte[] der = BcPeers.selfSigned(keys);
            byte[] cert = pem("CERTIFICATE", der);
            // The client checks the server's certificate as a browser would, against this one trust anchor.
            trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("lab", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
            byte[] key = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
            ServerConnectionConfig config = ServerConnectionConfig.builder()
                    .maxOpenPeerInitiatedBidirectionalStreams(10)
                    .maxOpenPeerInitiatedUnidirectionalStreams(0)
                    .maxIdleTimeoutInSeconds(30)
                    .build();
            server = ServerConnector.builder()
                    .withSocket(socket)
                    .withPort(socket.getLocalPort())
                    .withCertificate(new ByteArrayInputStream(cert), new ByteArrayInputStream(key))
                    .withConfiguration(config)
                    .withSupportedVersion(QuicConnection.QuicVersion.V1)
                    .withLogger(new NullLogger())
                    .build();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            socket.close();
            throw new IOException("cannot start kwik's QUIC server: " + e, e);
        }
        server.registerApplicationProtocol(ALPN, new Answering());
        server.start();
        // A first connection not kept: run cold, the lesson's first would take many times longer than
        // the second (class loading, the JIT), which no network explains.
        try {
            connect(null, "warm-up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One connection through a relay: {@code ticket} null for a full handshake, else the session
     * ticket to resume with the request sent as 0-RTT data.
     */
    Run connect(QuicSessionTicket ticket, String path) throws IOException, InterruptedException {
        try {
            return connectOnce(ticket, path);
        } catch (RuntimeException e) {
            // kwik reports some failures unchecked: the lesson is skipped with the reason, the lab goes on.
            throw new IOException("kwik: " + e, e);
        }
    }

    private Run connectOnce(QuicSessionTicket ticket, String path) throws IOException, InterruptedException {
        Path secrets = Files.createTempFile(work, "kwik-secrets", ".log");
        try (UdpRelay relay = new UdpRelay(clientSide, serverAddress, rttMs)) {
            QuicClientConnection.Builder b = QuicClientConnection.newBuilder()
                    .host("localhost")
                    .port(relay.port())
                    .applicationProtocol(ALPN)
                    .customTrustStore(trusted)
                    .secrets(secrets)
                    .connectTimeout(TIMEOUT)
                    .logger(new NullLogger());
            if (ticket != null) b.sessionTicket(ticket);
            QuicClientConnection c = b.build();
            String request = "GET /lesson-lab/" + path + "\r\n";
            try {
                if (ticket != null) {
                    // The request goes in 0-RTT packets, the stream closed with it.
                    List<QuicStream> streams = c.connect(List.of(new QuicClientConnection.StreamEarlyData(
                            request.getBytes(StandardCharsets.US_ASCII), true)));
                    streams.get(0).getInputStream().readAllBytes();
                } else {
                    c.connect();
                    QuicStream s = c.createStream(true);
                    try (OutputStream out = s.getOutputStream()) {
                        out.write(request.getBytes(StandardCharsets.US_ASCII));
                    }
                    s.getInputStream().readAllBytes();
                }
                awaitTicket(c);
            } catch (IOException e) {
                c.close();
                throw new IOException("the kwik client: " + e.getMessage(), e);
            }
            QuicClientConnectionImpl impl = (QuicClientConnectionImpl) c;
            TlsClientEngine tls = tlsEngine(impl);
            boolean accepted = ticket != null && impl.getEarlyDataStatus() == QuicClientConnectionImpl.EarlyDataStatus.Accepted;
            // A server that took the PSK authenticates with it: no Certificate message reaches the client.
            List<?> chain = tls.getServerCertificateChain();
            boolean resumed = ticket != null && (chain == null || chain.isEmpty());
            String cipher = tls.getSelectedCipher() == null ? null : tls.getSelectedCipher().name();
            String version = c.getQuicVersion() == QuicConnection.QuicVersion.V2 ? "QUIC v2" : "QUIC v1";
            List<QuicSessionTicket> tickets = c.getNewSessionTickets();
            // Not closeAndWait: it waits out the closing period (three PTOs, seconds on a cold JVM) for nothing
            // the capture needs. The relay waits for the server's answer to the CONNECTION_CLOSE instead.
            c.close();
            relay.awaitQuiet(rttMs + 200L, rttMs + 5_000L);
            String keyLog = Files.readString(secrets, StandardCharsets.ISO_8859_1);
            if (ticket != null) keyLog += earlySecretLine(tls, keyLog);
            List<RelayedDatagrams> flows = relay.flows();
            if (flows.size() != 1) throw new IOException("the kwik client used " + flows.size() + " sockets, not one");
            return new Run(flows.get(0), keyLog, version, cipher, resumed, ticket != null, accepted,
                    tickets.isEmpty() ? null : tickets.get(0));
        } finally {
            Files.deleteIfExists(secrets);
        }
    }

    /** The server sends its NewSessionTicket right after the handshake: the client has it soon after. */
    private static void awaitTicket(QuicClientConnection c) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (c.getNewSessionTickets().isEmpty() && System.nanoTime() < end) Thread.sleep(5);
    }

    /** kwik keeps its TLS engine to itself (0.10.3): the lab reads the secrets and the outcome from it. */
    private static TlsClientEngine tlsEngine(QuicClientConnectionImpl c) throws IOException {
        try {
            Method m = QuicClientConnectionImpl.class.getDeclaredMethod("getTlsEngine");
            m.setAccessible(true);
            return (TlsClientEngine) m.invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot read kwik's TLS engine (kwik " + VERSION + "): " + e, e);
        }
    }

    /** The 0-RTT secret, with the client random of the connection's other lines. */
    private static String earlySecretLine(TlsClientEngine tls, String keyLog) {
        byte[] secret = tls.getClientEarlyTrafficSecret();
        String random = keyLog.lines().map(l -> l.split(" ")).filter(w -> w.length == 3).map(w -> w[1])
                .findFirst().orElse(null);
        if (secret == null || random == null) return "";
        return "CLIENT_EARLY_TRAFFIC_SECRET " + random + " " + HexFormat.of().formatHex(secret) + "\n";
    }

    @Override
    public void close() {
        server.close();
    }

    /** The server side: answers each request line with one line naming it. */
    private static final class Answering implements ApplicationProtocolConnectionFactory {
        @Override
        public ApplicationProtocolConnection createConnection(String protocol, QuicConnection connection) {
            return new ApplicationProtocolConnection() {
                @Override
                public void acceptPeerInitiatedStream(QuicStream stream) {
                    Thread t = new Thread(() -> answer(stream), "lab-kwik-answer");
                    t.setDaemon(true);
                    t.start();
                }
            };
        }

        @Override
        public int maxConcurrentPeerInitiatedBidirectionalStreams() {
            return 10;
        }

        private static void answer(QuicStream stream) {
            try {
                String request = new String(stream.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                try (OutputStream out = stream.getOutputStream()) {
                    out.write(("hello from kwik in the lesson lab: " + request + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // the client reports what went wrong
            }
        }
    }
}
