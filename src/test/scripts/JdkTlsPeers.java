// JDK TLS peers for make-captures.sh: run with
//   java JdkTlsPeers.java PORT KEYSTORE.p12 STOREPASS PROTOCOLS CONNS
// e.g. java JdkTlsPeers.java 10443 server.p12 changeit TLSv1.3,TLSv1.2 2
//
// Starts an SSLServerSocket on 127.0.0.1:PORT (key + certificate from the
// PKCS12 keystore; it trusts everything, it is a test peer), then for each
// protocol in PROTOCOLS makes a fresh client SSLContext (so each protocol has
// its own client session cache) and opens CONNS SSLSocket connections one
// after the other.  Each connection sends one line and reads the echoed line.
// Connections after the first can resume the session of the first (JDK session
// cache; stateless session tickets are switched on explicitly for both sides).
// Prints one JSON line per connection to stdout:
//   {"protocol":"TLSv1.3","cipher":"TLS_AES_256_GCM_SHA384","resumed":false}
// "resumed" is true when the server did not pick a certificate for the
// connection (its key manager was not asked: abbreviated / PSK handshake);
// "client_same_session" when the client's SSLSession is the one of an earlier
// connection (same id and creation time; the JDK makes a new SSLSession object
// for a TLS 1.3 PSK resumption, so this is false there).
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.*;
import javax.net.ssl.*;

public class JdkTlsPeers {
    /** How often the server picked a certificate: a resumed handshake (no Certificate message) picks none. */
    static final java.util.concurrent.atomic.AtomicInteger CERT_CHOICES = new java.util.concurrent.atomic.AtomicInteger();

    static final class CountingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager d;
        CountingKeyManager(X509ExtendedKeyManager d) { this.d = d; }
        public String chooseServerAlias(String t, java.security.Principal[] i, Socket s) {
            CERT_CHOICES.incrementAndGet();
            return d.chooseServerAlias(t, i, s);
        }
        public String chooseEngineServerAlias(String t, java.security.Principal[] i, SSLEngine e) {
            CERT_CHOICES.incrementAndGet();
            return d.chooseEngineServerAlias(t, i, e);
        }
        public String[] getClientAliases(String t, java.security.Principal[] i) { return d.getClientAliases(t, i); }
        public String chooseClientAlias(String[] t, java.security.Principal[] i, Socket s) { return d.chooseClientAlias(t, i, s); }
        public String[] getServerAliases(String t, java.security.Principal[] i) { return d.getServerAliases(t, i); }
        public X509Certificate[] getCertificateChain(String a) { return d.getCertificateChain(a); }
        public java.security.PrivateKey getPrivateKey(String a) { return d.getPrivateKey(a); }
    }

    static final TrustManager[] TRUST_ALL = {new X509TrustManager() {
        public void checkClientTrusted(X509Certificate[] c, String a) {}
        public void checkServerTrusted(X509Certificate[] c, String a) {}
        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }};

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "true");
        System.setProperty("jdk.tls.client.enableSessionTicketExtension", "true");
        int port = Integer.parseInt(args[0]);
        char[] pass = args[2].toCharArray();
        String[] protocols = args[3].split(",");
        int conns = Integer.parseInt(args[4]);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[1])) { ks.load(in, pass); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        X509ExtendedKeyManager km = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(new KeyManager[] {new CountingKeyManager(km)}, null, null);
        SSLServerSocket server = (SSLServerSocket) serverCtx.getServerSocketFactory()
                .createServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        server.setEnabledProtocols(protocols);
        Thread st = new Thread(() -> {
            while (true) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String line = r.readLine();
                    OutputStream out = s.getOutputStream();
                    out.write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    if (server.isClosed()) return;
                    System.err.println("server: " + e);
                }
            }
        });
        st.setDaemon(true);
        st.start();

        for (String proto : protocols) {
            SSLContext clientCtx = SSLContext.getInstance("TLS");
            clientCtx.init(null, TRUST_ALL, null);
            List<SSLSession> seen = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                try (SSLSocket c = (SSLSocket) clientCtx.getSocketFactory().createSocket("127.0.0.1", port)) {
                    SSLParameters p = c.getSSLParameters();
                    p.setProtocols(new String[] {proto});
                    p.setServerNames(List.of(new SNIHostName("localhost")));
                    c.setSSLParameters(p);
                    int certChoicesBefore = CERT_CHOICES.get();
                    c.startHandshake();
                    SSLSession sess = c.getSession();
                    boolean sameSession = false;
                    for (SSLSession old : seen) {
                        if (old == sess || (Arrays.equals(old.getId(), sess.getId()) && sess.getId().length > 0
                                && old.getCreationTime() == sess.getCreationTime())) {
                            sameSession = true;
                        }
                    }
                    seen.add(sess);
                    OutputStream out = c.getOutputStream();
                    out.write(("hello from the JDK client, " + proto + " connection " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    BufferedReader r = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                    r.readLine(); // the server has finished its handshake once it echoed
                    boolean resumed = CERT_CHOICES.get() == certChoicesBefore;
                    System.out.println("{\"protocol\":\"" + sess.getProtocol() + "\",\"cipher\":\"" + sess.getCipherSuite()
                            + "\",\"resumed\":" + resumed + ",\"client_same_session\":" + sameSession + "}");
                }
                Thread.sleep(100);
            }
        }
        server.close();
    }
}
