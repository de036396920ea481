package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * The handshake messages we never see in clear on the wire (TLS 1.3 EncryptedExtensions,
 * Certificate, CertificateVerify, Finished and NewSessionTicket; TLS 1.2 renegotiations and
 * Finished): tshark decrypts them with the captures' key logs, we dissect the plaintext it shows
 * ("Decrypted TLS" hex) with our message dissector, and our message subtree must appear, line for
 * line, in tshark's tree of that frame.
 */
class DecryptedMessagesAgreementTest {
    @BeforeAll
    static void needTshark() {
        Assertions.assertTrue(TlsTreeText.tsharkAvailable(), "tshark is not installed: run src/test/scripts/test.sh, which installs it");
    }

    record Frame(List<String> lines, List<byte[]> decrypted) {}

    @ParameterizedTest
    @CsvSource({
            "scapy_tls_nss_example.pcap, scapy_tls_nss_example.keylog, 9",
            "ja4_chrome-cloudflare-quic-with-secrets.pcapng, , 6",
            "lek_tls_imap-ssl.pcapng, lek_tls_imap-ssl.keylog, 10",
            "lek_tls_smtp-ssl.pcapng, lek_tls_smtp-ssl.keylog, 3",
            "lek_tls_mysql-ssl.pcapng, lek_tls_mysql-ssl.keylog, 2",
            "zeek_tls12-decryption.pcap, zeek_tls12-decryption.keylog, 2",
    })
    @UsesPublicCaptures
    void decryptedMessagesAgree(String capture, String keylog, int minMessages) throws Exception {
        Path cap = TlsTsharkAgreementTest.CAPTURES.resolve(capture);
        assertTrue(Files.isRegularFile(cap), "missing capture " + cap.toAbsolutePath());
        Map<Integer, Frame> frames = tshark(cap, keylog == null ? null : TlsTsharkAgreementTest.CAPTURES.resolve(keylog));
        TlsReplay.Result ours = TlsReplay.replay(cap);
        int messages = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Integer, Frame> e : frames.entrySet()) {
            TlsReplay.Frame f = ours.frame(e.getKey());
            if (f == null) continue;
            TlsConnection conn = ours.connections().get(f.stream());
            List<String> want = normalize(TlsAgreementReport.skipForeignSubtrees(e.getValue().lines()));
            for (byte[] plain : e.getValue().decrypted()) {
                if (!isHandshake(plain)) continue;
                Rfc8448Test.TestContext c = new Rfc8448Test.TestContext(conn.version(), true);
                c.cipherSuite = conn.cipherSuite();
                ProtoNode record = ProtoNode.root();
                Tvb tvb = new Tvb(plain, 0);
                int off = 0;
                boolean first = true;
                while (off + 4 <= plain.length) {
                    int len = 4 + tvb.u24(off + 1);
                    HandshakeDissector.dissectMessage(c, c, record, tvb, off, conn.version(), first);
                    first = false;
                    off += len;
                }
                for (ProtoNode msg : record.children()) {
                    List<String> got = new ArrayList<>();
                    TlsTreeText.render(msg, 2, got);
                    got = normalize(TlsAgreementReport.skipForeignSubtrees(got));
                    messages++;
                    if (Collections.indexOfSubList(want, got) < 0) {
                        failures.add("frame " + e.getKey() + ": " + got.get(0).trim() + "\n"
                                + firstMismatch(want, got));
                    }
                }
            }
        }
        System.out.println(capture + ": " + messages + " decrypted handshake messages, " + failures.size() + " differ");
        assertTrue(messages >= minMessages, "only " + messages + " decrypted handshake messages");
        assertEquals(List.of(), failures);
    }

    /** Plaintext that is a whole number of known handshake messages. */
    static boolean isHandshake(byte[] b) {
        int off = 0;
        while (off + 4 <= b.length) {
            if (tlslens.dissect.tls.names.HandshakeTypes.wiresharkName(b[off] & 0xff) == null) return false;
            off += 4 + (((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff));
        }
        return off == b.length && b.length > 0;
    }

    static List<String> normalize(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.trim().startsWith("[JA4")) continue;
            out.add(TlsTreeText.norm(l));
        }
        return out;
    }

    static String firstMismatch(List<String> want, List<String> got) {
        int at = -1;
        for (int i = 0; i < want.size(); i++) if (want.get(i).equals(got.get(0))) at = i;
        if (at < 0) return "  first line not in tshark's tree";
        for (int j = 0; j < got.size(); j++) {
            String w = at + j < want.size() ? want.get(at + j) : "<none>";
            if (!w.equals(got.get(j))) return "  want: " + w + "\n  got:  " + got.get(j);
        }
        return "";
    }

    /** Per frame: the TLS tree lines and the "Decrypted TLS" buffers, from tshark -O tls -x. */
    static Map<Integer, Frame> tshark(Path cap, Path keylog) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", cap.toString(), "-O", "tls", "-x"));
        if (keylog != null) cmd.addAll(List.of("-o", "tls.keylog_file:" + keylog));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Integer, Frame> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int frame = -1;
            boolean inTls = false;
            ByteArrayOutputStream hex = null;
            Frame cur = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("Frame ") && line.contains(" bytes on wire")) {
                    frame = Integer.parseInt(line.substring(6, line.indexOf(':')));
                    cur = new Frame(new ArrayList<>(), new ArrayList<>());
                    out.put(frame, cur);
                    inTls = false;
                    continue;
                }
                if (cur == null) continue;
                if (hex != null) {
                    if (line.length() > 6 && line.matches("^[0-9a-f]{4}  .*")) {
                        String bytes = line.substring(6, Math.min(line.length(), 6 + 16 * 3)).trim();
                        for (String b : bytes.split(" ")) if (b.length() == 2) hex.write(Integer.parseInt(b, 16));
                        continue;
                    }
                    cur.decrypted().add(hex.toByteArray());
                    hex = null;
                }
                if (line.startsWith("Decrypted TLS (")) {
                    hex = new ByteArrayOutputStream();
                    continue;
                }
                if (!line.startsWith(" ")) {
                    inTls = line.equals("Transport Layer Security");
                    continue;
                }
                if (inTls) cur.lines().add(line);
            }
            if (hex != null && cur != null) cur.decrypted().add(hex.toByteArray());
        }
        p.waitFor(120, TimeUnit.SECONDS);
        return out;
    }

    static String hexOf(byte[] b) { return HexFormat.of().formatHex(b); }
}
