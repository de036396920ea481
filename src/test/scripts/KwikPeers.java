import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tech.kwik.agent15.TlsConstants;
import tech.kwik.agent15.engine.TrafficSecrets;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicSessionTicket;
import tech.kwik.core.QuicStream;
import tech.kwik.core.impl.QuicClientConnectionImpl;
import tech.kwik.core.log.Logger;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ApplicationProtocolConnectionFactory;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

/**
 * KwikPeers.java - a kwik QUIC server and client on loopback, for make-captures.sh's QUIC scenarios.
 *
 *   java -cp KWIK_CLASSPATH KwikPeers.java SCENARIO PORT CERT.pem KEY.pem KEYLOG
 *
 * SCENARIO: full (one connection), zero_rtt (a full connection, then one resuming its session
 * ticket with the request sent as 0-RTT), retry (the server demands address validation: Retry),
 * two_initials (a Client Hello too big for one Initial packet: kwik's quantum-readiness test
 * extension pads it), chacha (the client offers TLS_CHACHA20_POLY1305_SHA256 only), v2 (QUIC version 2,
 * RFC 9369, from the first packet), key_update (after a first request the client updates its 1-RTT keys
 * and sends a second one), version_negotiation (the server speaks QUIC v1 only; the client starts in
 * QUIC v2, the server answers with a Version Negotiation packet listing v1, kwik's client abandons that
 * attempt (RFC 9000 6.2: kwik 0.10.3 does not switch version inside a connection) and the harness
 * connects again with the version the packet listed), zero_rtt_chacha (as zero_rtt, the first connection
 * with ChaCha20-Poly1305 only, the resumption offering it and AES-128-GCM: 0-RTT sealed with the resumed
 * session's suite).
 * The client writes its secrets to KEYLOG (SSLKEYLOGFILE format, QUIC labels). Each connection
 * sends one request line on a bidirectional stream ("hq-interop", HTTP/0.9 style) and reads the
 * server's one-line answer. Prints one JSON line per connection: what the client saw.
 */
public class KwikPeers {
    static final String ALPN = "hq-interop";

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        int port = Integer.parseInt(args[1]);
        byte[] cert = Files.readAllBytes(Path.of(args[2]));
        byte[] key = Files.readAllBytes(Path.of(args[3]));
        Path keylog = Path.of(args[4]);

        ServerConnectionConfig config = ServerConnectionConfig.builder()
                .maxOpenPeerInitiatedBidirectionalStreams(10)
                .maxOpenPeerInitiatedUnidirectionalStreams(0)
                .maxIdleTimeoutInSeconds(30)
                .retryRequired(scenario.equals("retry"))
                .build();
        ServerConnector server = ServerConnector.builder()
                .withPort(port)
                .withCertificate(new ByteArrayInputStream(cert), new ByteArrayInputStream(key))
                .withConfiguration(config)
                .withSupportedVersions(scenario.equals("version_negotiation") ? List.of(QuicConnection.QuicVersion.V1)
                        : List.of(QuicConnection.QuicVersion.V1, QuicConnection.QuicVersion.V2))
                .withLogger(quiet())
                .build();
        server.registerApplicationProtocol(ALPN, new Answering());
        server.start();
        try {
            switch (scenario) {
                case "full", "retry", "two_initials", "chacha", "v2", "key_update" -> connect(scenario, port, keylog, null, 0);
                case "zero_rtt", "zero_rtt_chacha" -> {
                    QuicSessionTicket ticket = connect(scenario, port, keylog, null, 0);
                    if (ticket == null) throw new IllegalStateException("the first connection got no session ticket");
                    connect(scenario, port, keylog, ticket, 1);
                }
                case "version_negotiation" -> {
                    List<String> offered = attempt(scenario, port, QuicConnection.QuicVersion.V2);
                    if (offered.isEmpty()) throw new IllegalStateException("no Version Negotiation packet reached the client");
                    versionOverride = QuicConnection.QuicVersion.valueOf(offered.get(0).toUpperCase(java.util.Locale.ROOT));
                    connect(scenario, port, keylog, null, 1);
                }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } finally {
            server.close();
        }
        System.exit(0); // kwik's sender and receiver threads are not daemons
    }

    /** The version the connections of the version_negotiation scenario use after the Version Negotiation packet. */
    static QuicConnection.QuicVersion versionOverride;
    /** How many connections wrote secrets so far: their lines' place in KEYLOG. */
    static int withSecrets;

    /**
     * A connection attempt in {@code version}, which the server does not speak: kwik's client gets the server's
     * Version Negotiation packet and gives up (it logs the versions the packet lists). Prints the attempt's JSON
     * line; returns the versions listed ("V1"...).
     */
    static List<String> attempt(String scenario, int port, QuicConnection.QuicVersion version) throws Exception {
        List<String> listed = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logger heard = new NullLogger() {
            @Override
            public void info(String message) {
                // "Server doesn't support V2, but only: V1" (QuicClientConnectionImpl, 0.10.3)
                int at = message.indexOf("but only: ");
                if (message.startsWith("Server doesn't support") && at > 0) {
                    for (String v : message.substring(at + 10).split(",")) {
                        if (!v.isBlank() && !listed.contains(v.trim())) listed.add(v.trim()); // logged per VN packet
                    }
                }
            }
        };
        QuicClientConnection c = QuicClientConnection.newBuilder()
                .uri(URI.create("https://localhost:" + port))
                .applicationProtocol(ALPN)
                .noServerCertificateCheck()
                .version(version)
                .connectTimeout(Duration.ofSeconds(10))
                .logger(heard)
                .build();
        String failure;
        try {
            c.connect();
            failure = null;
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            c.close();
        }
        if (failure == null) throw new IllegalStateException("the server took QUIC " + version + ": no Version Negotiation");
        System.out.println("{\"index\":0,\"version\":\"" + version + "\",\"completed\":false,\"version_negotiation\":"
                + json(String.join(",", listed)) + ",\"failure\":" + json(failure) + ",\"cipher\":null,"
                + "\"early_data_offered\":false,\"early_data_accepted\":false,\"tickets\":0,\"keylog_index\":null,"
                + "\"client_sent\":\"\",\"server_sent\":\"\"}");
        return listed;
    }

    /** One client connection: request, answer, close. Returns the session ticket the server sent (waits for it). */
    static QuicSessionTicket connect(String scenario, int port, Path keylog, QuicSessionTicket ticket, int index)
            throws Exception {
        // kwik rewrites its secrets file per connection: each gets its own, appended to KEYLOG at the end.
        Path own = Files.createTempFile("kwik-secrets", ".log");
        QuicClientConnection.Builder b = QuicClientConnection.newBuilder()
                .uri(URI.create("https://localhost:" + port))
                .applicationProtocol(ALPN)
                .noServerCertificateCheck()
                .secrets(own)
                .connectTimeout(Duration.ofSeconds(10))
                .logger(quiet());
        if (scenario.equals("two_initials")) b.quantumReadinessTest(1500);
        if (scenario.equals("chacha")) b.cipherSuite(TlsConstants.CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
        if (scenario.equals("zero_rtt_chacha")) {
            // The first connection can only get ChaCha20; the resumption offers ChaCha20 and AES-128-GCM: its
            // 0-RTT packets are sealed with the resumed session's ChaCha20 (RFC 8446 4.2.10), not AES-128-GCM.
            b.cipherSuite(TlsConstants.CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
            if (ticket != null) b.cipherSuite(TlsConstants.CipherSuite.TLS_AES_128_GCM_SHA256);
        }
        if (scenario.equals("v2")) b.version(QuicConnection.QuicVersion.V2);
        if (versionOverride != null) b.version(versionOverride);
        if (ticket != null) b.sessionTicket(ticket);
        QuicClientConnection c = b.build();
        String request = "GET /kwik/" + scenario + "/" + index + "\r\n";
        String answer;
        boolean early = ticket != null;
        if (early) {
            // The request goes in 0-RTT packets; the stream's output is closed with it.
            List<QuicStream> streams = c.connect(List.of(new QuicClientConnection.StreamEarlyData(
                    request.getBytes(StandardCharsets.US_ASCII), true)));
            answer = readAll(streams.get(0).getInputStream());
        } else {
            c.connect();
            answer = exchange(c, request);
            if (scenario.equals("key_update")) {
                // The handshake is confirmed (the answer came after HANDSHAKE_DONE): the client moves to the
                // next 1-RTT keys (RFC 9001 6) and sends a second request on a new stream with them.
                ((QuicClientConnectionImpl) c).updateKeys();
                String second = "GET /kwik/" + scenario + "/" + index + "/after-key-update\r\n";
                answer += exchange(c, second);
                request += second;
            }
        }
        // The server sends its NewSessionTicket right after the handshake: wait until the client has it.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (c.getNewSessionTickets().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        List<QuicSessionTicket> tickets = c.getNewSessionTickets();
        boolean accepted = early && ((QuicClientConnectionImpl) c).getEarlyDataStatus().name().equals("Accepted");
        String cipher = tickets.isEmpty() ? null : tickets.get(0).getCipher().name();
        System.out.println("{\"index\":" + index + ",\"version\":\"" + c.getQuicVersion() + "\",\"cipher\":"
                + (cipher == null ? "null" : "\"" + cipher + "\"") + ",\"early_data_offered\":" + early
                + ",\"early_data_accepted\":" + accepted + ",\"tickets\":" + tickets.size()
                + ",\"completed\":true,\"keylog_index\":" + withSecrets++
                + ",\"client_sent\":" + json(request) + ",\"server_sent\":" + json(answer) + "}");
        c.closeAndWait(Duration.ofSeconds(5));
        String secrets = Files.readString(own);
        if (early) secrets += earlySecretLine(c, secrets);
        Files.writeString(keylog, secrets, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Files.delete(own);
        return tickets.isEmpty() ? null : tickets.get(0);
    }

    /**
     * kwik writes no CLIENT_EARLY_TRAFFIC_SECRET to its secrets file (0.10.3): the line comes from its TLS
     * engine (agent15), which keeps the secret, with the client random of the connection's other lines.
     */
    static String earlySecretLine(QuicClientConnection c, String secrets) throws Exception {
        java.lang.reflect.Method m = QuicClientConnectionImpl.class.getDeclaredMethod("getTlsEngine");
        m.setAccessible(true);
        byte[] secret = ((TrafficSecrets) m.invoke(c)).getClientEarlyTrafficSecret();
        String random = secrets.lines().map(l -> l.split(" ")).filter(w -> w.length == 3).map(w -> w[1])
                .findFirst().orElse(null);
        if (secret == null || random == null) return "";
        return "CLIENT_EARLY_TRAFFIC_SECRET " + random + " " + java.util.HexFormat.of().formatHex(secret) + "\n";
    }

    /** One request on a new bidirectional stream; returns the answer. */
    static String exchange(QuicClientConnection c, String request) throws IOException {
        QuicStream s = c.createStream(true);
        try (OutputStream out = s.getOutputStream()) {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
        }
        return readAll(s.getInputStream());
    }

    /** The server side: answers each request line with one line naming it. */
    static final class Answering implements ApplicationProtocolConnectionFactory {
        @Override
        public ApplicationProtocolConnection createConnection(String protocol, QuicConnection connection) {
            return new ApplicationProtocolConnection() {
                @Override
                public void acceptPeerInitiatedStream(QuicStream stream) {
                    Thread t = new Thread(() -> answer(stream), "kwik-answer");
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
                String request = readAll(stream.getInputStream()).trim();
                try (OutputStream out = stream.getOutputStream()) {
                    out.write(("hello from kwik server: " + request + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                System.err.println("kwik server: " + e);
            }
        }
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    static Logger quiet() {
        return new NullLogger();
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
