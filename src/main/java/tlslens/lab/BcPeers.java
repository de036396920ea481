package tlslens.lab;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JceDefaultTlsCredentialedDecryptor;

/**
 * Bouncy Castle's TLS client and server inside the program as the lab's peers (TLS 1.2): a server
 * with a session cache of its own on a loopback port, a {@link Relay} in front of it, and a client
 * whose secrets (client random and master secret) are read from its security parameters once the
 * handshake is done. What happened (resumed, extended master secret) is what the client's
 * security parameters say.
 */
final class BcPeers {
    /** "Bouncy Castle TLS 1.80" (the jar's version), for the manifest and the dialog. */
    static final String IMPLEMENTATION = "Bouncy Castle TLS " + version() + " client / server";

    private static String version() {
        // "BouncyCastle Security Provider v1.80"
        String info = new org.bouncycastle.jce.provider.BouncyCastleProvider().getInfo();
        int v = info.lastIndexOf(" v");
        return v < 0 ? "" : info.substring(v + 2);
    }

    /** What one client connection reported. */
    record Run(RelayedConnection wire, String keyLog, boolean resumed, boolean ems, String cipher, boolean offered,
               TlsSession session) {}

    private final JcaTlsCrypto crypto = (JcaTlsCrypto) new JcaTlsCryptoProvider().create(new SecureRandom());
    private final KeyPair keys;
    private final Certificate chain;
    private final Map<String, TlsSession> serverCache = new HashMap<>();

    BcPeers() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
            TlsCertificate cert = crypto.createCertificate(selfSigned(keys));
            chain = new Certificate(new TlsCertificate[] {cert});
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the server's key and certificate: " + e.getMessage(), e);
        }
        // A first handshake of each kind, not kept: run cold, the lesson's first would take ten
        // times longer than the others (class loading, the JIT), which no network explains.
        try {
            connect(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true, null);
            connect(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server forgets every session it issued (as after a restart): offers of them are refused. */
    void forgetSessions() {
        synchronized (serverCache) {
            serverCache.clear();
        }
    }

    /** The server's private key as PEM (PKCS #8), as Wireshark's RSA keys list reads it. */
    String privateKeyPem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** A self-signed certificate for CN=localhost, signed with SHA-256 and RSA. */
    static byte[] selfSigned(KeyPair kp) throws GeneralSecurityException, IOException {
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        AlgorithmIdentifier sha256Rsa = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        X500Name name = new X500Name("CN=localhost");
        long now = System.currentTimeMillis();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now)));
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(new java.util.Date(now - 60_000)));
        tbs.setEndDate(new Time(new java.util.Date(now + 30L * 24 * 3600 * 1000)));
        tbs.setSignature(sha256Rsa);
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        TBSCertificate t = tbs.generateTBSCertificate();
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(kp.getPrivate());
        s.update(t.getEncoded());
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(t);
        v.add(sha256Rsa);
        v.add(new DERBitString(s.sign()));
        return new DERSequence(v).getEncoded();
    }

    /**
     * One TLS 1.2 connection through a relay to a Bouncy Castle server: {@code suite} the only
     * cipher suite offered, {@code ems} whether the client offers the extended master secret,
     * {@code resume} a session to offer (by its id), or null.
     */
    Run connect(int suite, boolean ems, TlsSession resume) throws IOException, InterruptedException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relay relay = new Relay(listener.getLocalPort())) {
            Thread server = new Thread(() -> serve(listener), "lab-bc-server");
            server.setDaemon(true);
            server.start();
            Client client = new Client(suite, ems, resume);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
                s.setTcpNoDelay(true);
                TlsClientProtocol p = new TlsClientProtocol(s.getInputStream(), s.getOutputStream());
                p.connect(client);
                p.getOutputStream().write("hello from Bouncy Castle in the lesson lab\n".getBytes(StandardCharsets.US_ASCII));
                p.close();
            }
            server.join(10_000);
            RelayedConnection wire = relay.awaitEnded(0, 10_000);
            if (wire == null) throw new IOException("the Bouncy Castle client did not connect");
            return new Run(wire, client.keyLog, client.resumed, client.emsUsed, client.cipher, resume != null,
                    client.session);
        }
    }

    private void serve(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            TlsServerProtocol p = new TlsServerProtocol(s.getInputStream(), s.getOutputStream());
            Server server = new Server();
            p.accept(server);
            InputStream in = p.getInputStream();
            byte[] buf = new byte[4096];
            while (in.read(buf) > 0) {
                // the client's line; it closes after it
            }
            p.close();
        } catch (IOException e) {
            // the client reports what went wrong
        }
    }

    private final class Server extends DefaultTlsServer {
        Server() { super(crypto); }

        @Override
        protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }

        /** The defaults leave RSA key exchange out (no forward secrecy): the RSA lesson needs it. */
        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        public TlsSession getSessionToResume(byte[] sessionID) {
            synchronized (serverCache) {
                return serverCache.get(HexFormat.of().formatHex(sessionID));
            }
        }

        @Override
        public byte[] getNewSessionID() {
            byte[] id = new byte[32];
            new SecureRandom().nextBytes(id);
            return id;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            TlsSession s = context.getSession();
            if (s != null && s.isResumable()) {
                synchronized (serverCache) {
                    serverCache.put(HexFormat.of().formatHex(s.getSessionID()), s);
                }
            }
        }

        @Override
        protected TlsCredentialedSigner getRSASignerCredentials() {
            return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, keys.getPrivate(), chain,
                    SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        }

        @Override
        protected TlsCredentialedDecryptor getRSAEncryptionCredentials() {
            return new JceDefaultTlsCredentialedDecryptor(crypto, chain, keys.getPrivate());
        }
    }

    private final class Client extends DefaultTlsClient {
        private final int suite;
        private final boolean ems;
        private final TlsSession resume;
        String keyLog = "";
        boolean resumed;
        boolean emsUsed;
        String cipher;
        TlsSession session;

        Client(int suite, boolean ems, TlsSession resume) {
            super(crypto);
            this.suite = suite;
            this.ems = ems;
            this.resume = resume;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }

        @Override
        protected int[] getSupportedCipherSuites() { return new int[] {suite}; }

        @Override
        public boolean shouldUseExtendedMasterSecret() { return ems; }

        @Override
        public boolean requiresExtendedMasterSecret() { return false; }

        @Override
        public TlsSession getSessionToResume() { return resume; }

        @Override
        protected java.util.Vector<ServerName> getSNIServerNames() {
            java.util.Vector<ServerName> names = new java.util.Vector<>();
            names.add(new ServerName(NameType.host_name, "localhost".getBytes(StandardCharsets.US_ASCII)));
            return names;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                    // the lab's own server: nothing to verify
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            SecurityParameters sp = context.getSecurityParametersConnection();
            byte[] master = SecretBytes.of(sp.getMasterSecret());
            HexFormat hex = HexFormat.of();
            if (master != null) keyLog = "CLIENT_RANDOM " + hex.formatHex(sp.getClientRandom()) + " " + hex.formatHex(master) + "\n";
            resumed = sp.isResumedSession();
            emsUsed = sp.isExtendedMasterSecret();
            cipher = suiteName(sp.getCipherSuite());
            session = context.getResumableSession();
        }
    }

    static String suiteName(int suite) {
        return switch (suite) {
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 -> "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256 -> "TLS_RSA_WITH_AES_128_GCM_SHA256";
            default -> String.format("0x%04X", suite);
        };
    }
}
