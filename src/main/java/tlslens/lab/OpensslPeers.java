package tlslens.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system's {@code openssl s_server} and {@code s_client} as the lab's peers: a server listens
 * on a loopback port, a {@link Relay} in front of it records what each client run says to it, and
 * each client writes its secrets with {@code -keylogfile}. What happened is read from what
 * s_client prints ("New, TLSv1.3" or "Reused, TLSv1.2", "Server Temp Key", "Early data was
 * accepted"), never assumed from the options given.
 */
final class OpensslPeers implements AutoCloseable {
    private static final Pattern SESSION = Pattern.compile("(?m)^(New|Reused), (TLSv1(?:\\.[0-9])?|SSLv3), Cipher is (\\S+)");
    private static final Pattern TEMP_KEY = Pattern.compile("(?m)^Server Temp Key: ([^,\\n]+)(?:, ([^,\\n]+))?");
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:([0-9]+)");

    /** What one s_client run reported. */
    record ClientRun(String output, String keyLog, boolean offered, RelayedConnection wire) {
        String version() {
            Matcher m = SESSION.matcher(output);
            if (!m.find() || m.group(3).equals("(NONE)")) return null;
            return m.group(2).replace("TLSv", "TLS ");
        }

        boolean resumed() {
            Matcher m = SESSION.matcher(output);
            return m.find() && m.group(1).equals("Reused");
        }

        String cipher() {
            Matcher m = SESSION.matcher(output);
            return m.find() && !m.group(3).equals("(NONE)") ? m.group(3) : null;
        }

        /** The key exchange group: "X25519", "prime256v1"... as s_client names it; null without (EC)DHE. */
        String group() {
            Matcher m = TEMP_KEY.matcher(output);
            if (!m.find()) return null;
            return m.group(1).equals("ECDH") && m.group(2) != null ? m.group(2).trim() : m.group(1).trim();
        }

        /** A session ticket came with the handshake or after it. */
        boolean gotTicket() { return output.contains("TLS session ticket:"); }

        boolean ems() { return output.contains("Extended master secret: yes"); }

        boolean earlyAccepted() { return output.contains("Early data was accepted"); }

        boolean earlyOffered() { return earlyAccepted() || output.contains("Early data was rejected"); }
    }

    private final Path work;
    private final String version;
    private final Path cert;
    private final Path key;
    private OpensslProcess server;
    private Relay relay;
    private int clients;
    private java.util.Map<String, String> clientEnvironment = java.util.Map.of();

    /** {@code work} holds the certificate, key, sessions and key logs. */
    OpensslPeers(Path work, String version) throws IOException, InterruptedException {
        this.work = work;
        this.version = version;
        this.cert = work.resolve("server.crt");
        this.key = work.resolve("server.key");
        if (!Files.exists(key)) {
            run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                    "-out", cert.toString(), "-subj", "/CN=localhost", "-days", "30",
                    "-addext", "subjectAltName=DNS:localhost"));
        }
    }

    String implementation() { return "OpenSSL " + version + " s_client / s_server"; }

    Path serverKey() { return key; }

    private void run(List<String> command) throws IOException, InterruptedException {
        try (OpensslProcess p = new OpensslProcess(command, work)) {
            if (!p.endInput(30_000)) throw new IOException(String.join(" ", command) + " did not finish: " + p.output());
        }
    }

    /** Starts s_server with these options on a free loopback port and a relay in front of it. */
    void startServer(String... options) throws IOException, InterruptedException {
        clientEnvironment = java.util.Map.of();
        stopServer();
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", cert.toString(), "-key", key.toString()));
        cmd.addAll(List.of(options));
        server = new OpensslProcess(cmd, work);
        if (!server.await(o -> ACCEPT.matcher(o).find(), 10_000)) {
            String out = server.output();
            server.close();
            server = null;
            throw new IOException("openssl s_server did not start: " + out.strip());
        }
        Matcher m = ACCEPT.matcher(server.output());
        m.find();
        relay = new Relay(Integer.parseInt(m.group(1)));
    }

    /**
     * One s_client connection through the relay: sends a line, waits for the handshake (and, when
     * it saves the session, for the session to be saved: TLS 1.3 tickets come after the handshake),
     * then closes.
     */
    ClientRun client(Path sessIn, Path sessOut, Path earlyData, String... options) throws IOException, InterruptedException {
        Path keyLog = work.resolve("client-" + (++clients) + ".keylog");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + relay.port(),
                "-servername", "localhost", "-keylogfile", keyLog.toString()));
        if (sessIn != null) cmd.addAll(List.of("-sess_in", sessIn.toString()));
        if (sessOut != null) {
            Files.deleteIfExists(sessOut);
            cmd.addAll(List.of("-sess_out", sessOut.toString()));
        }
        if (earlyData != null) cmd.addAll(List.of("-early_data", earlyData.toString()));
        cmd.addAll(List.of(options));
        int accepted = relay.count();
        try (OpensslProcess c = new OpensslProcess(cmd, work, clientEnvironment)) {
            c.await(o -> o.contains("Verify return code"), 15_000);
            // Not an HTTP request: tshark would wait for the rest of one ("TLS segment of a reassembled PDU").
            c.send("hello from openssl s_client in the lesson lab\n");
            if (sessOut != null) awaitFile(sessOut, c);
            c.await(o -> o.contains("Post-Handshake New Session Ticket") || !o.contains("TLSv1.3"), 300);
            c.endInput(10_000);
            RelayedConnection wire = relay.awaitEnded(accepted, 10_000);
            if (wire == null) throw new IOException("openssl s_client did not connect: " + c.output().strip());
            String kl = Files.exists(keyLog) ? Files.readString(keyLog, StandardCharsets.ISO_8859_1) : "";
            return new ClientRun(c.output(), withoutComments(kl), sessIn != null, wire);
        }
    }

    private static void awaitFile(Path f, OpensslProcess c) throws InterruptedException, IOException {
        long end = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(f) && Files.size(f) > 0) return;
            c.await(o -> false, 20); // wakes on output or after 20 ms
        }
    }

    private static String withoutComments(String keyLog) {
        StringBuilder sb = new StringBuilder();
        for (String line : keyLog.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) sb.append(line.strip()).append('\n');
        }
        return sb.toString();
    }

    /** Environment variables for the next clients (OPENSSL_CONF to set what has no option). */
    void clientEnvironment(java.util.Map<String, String> env) { this.clientEnvironment = env; }

    void stopServer() {
        if (server == null) return;
        relay.close();
        server.close();
        server = null;
        relay = null;
    }

    @Override
    public void close() {
        if (relay != null) relay.close();
        if (server != null) server.close();
    }
}
