package tlslens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * Each handshake step keeps the content type its record had on the wire: a TLS 1.3 Certificate read
 * with a key log travelled as application_data, a TLS 1.2 one as handshake. The bundled sample holds
 * both; which is which comes from tshark (tls.record.opaque_type appears on TLS 1.3's encrypted records).
 */
class OuterContentTypeTest {
    private static final Path SAMPLE = tlslens.SampleCapture.PATH;
    /** The keys embedded in the sample, as a key log file. */
    private static Path KEYLOG;
    @org.junit.jupiter.api.io.TempDir
    static Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void keyLog() throws IOException { KEYLOG = tlslens.SampleCapture.keyLog(dir); }

    /** tshark's Certificate frames: frame, tcp.stream, whether the frame's records are TLS 1.3-encrypted. */
    private record TsharkCertificate(long frame, int stream, boolean opaque) {}

    private static List<TsharkCertificate> tsharkCertificates() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-r", SAMPLE.toString(), "-o", "tls.keylog_file:" + KEYLOG,
                "-Y", "tls.handshake.type == " + HandshakeTypes.CERTIFICATE, "-T", "fields", "-e", "frame.number",
                "-e", "tcp.stream", "-e", "tls.record.opaque_type")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "tshark");
        List<TsharkCertificate> certs = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            certs.add(new TsharkCertificate(Long.parseLong(f[0]), Integer.parseInt(f[1]), !f[2].isEmpty()));
        }
        return certs;
    }

    @Test
    void aDecryptedTls13CertificateTravelledAsApplicationData() throws Exception {
        List<Connection> model = Captures.model(SAMPLE, KEYLOG);
        List<TsharkCertificate> certs = tsharkCertificates();
        assertTrue(certs.stream().anyMatch(TsharkCertificate::opaque), "tshark decrypts a TLS 1.3 Certificate: " + certs);
        assertTrue(certs.stream().anyMatch(c -> !c.opaque()), "and shows a TLS 1.2 one: " + certs);
        for (TsharkCertificate t : certs) {
            Connection c = model.stream().filter(x -> x.index() == t.stream()).findFirst().orElseThrow();
            HandshakeStep cert = c.handshake().stream().filter(s -> s.is(HandshakeTypes.CERTIFICATE)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Certificate step on #" + t.stream()));
            assertEquals(t.frame(), cert.frame(), "#" + t.stream());
            assertEquals(t.opaque() ? ContentTypes.APPLICATION_DATA : ContentTypes.HANDSHAKE, cert.contentType(),
                    "#" + t.stream() + " " + c.version());
            assertEquals(t.opaque(), c.versionCode() == TlsVersions.TLS13, "#" + t.stream());
            // The hellos travel in the clear in either version.
            assertEquals(ContentTypes.HANDSHAKE, c.handshake().get(0).contentType(), c.handshake().get(0).toString());
        }
        // Alerts too: TLS 1.3's close_notify is read from an application_data record, TLS 1.2's is an alert record.
        int decryptedAlerts = 0;
        for (Connection c : model) {
            boolean tls13 = c.versionCode() == TlsVersions.TLS13;
            for (AlertEvent a : c.alerts()) {
                assertEquals(tls13 ? ContentTypes.APPLICATION_DATA : ContentTypes.ALERT, a.contentType(), a.toString());
                if (tls13 && !a.encrypted()) decryptedAlerts++;
            }
        }
        assertTrue(decryptedAlerts > 0, "the key log decrypts the TLS 1.3 alerts");
    }

    @Test
    void withoutKeysTls13HandshakeRecordsAreApplicationDataToo() {
        List<Connection> model = Captures.model(SAMPLE);
        int tls13 = 0;
        for (Connection c : model) {
            if (c.versionCode() != TlsVersions.TLS13) continue;
            tls13++;
            assertFalse(c.handshake().stream().anyMatch(s -> s.is(HandshakeTypes.CERTIFICATE)), "#" + c.index());
            List<HandshakeStep> records = c.handshake().stream()
                    .filter(s -> s.kind() == HandshakeStep.Kind.ENCRYPTED_HANDSHAKE_RECORD).toList();
            assertFalse(records.isEmpty(), "#" + c.index());
            for (HandshakeStep s : records) {
                assertEquals(ContentTypes.APPLICATION_DATA, s.contentType(), s.toString());
                assertEquals(HandshakeStep.NONE, s.handshakeType(), s.toString());
            }
        }
        assertEquals(2, tls13, "the sample's TLS 1.3 full handshake and its resumption");
    }
}
