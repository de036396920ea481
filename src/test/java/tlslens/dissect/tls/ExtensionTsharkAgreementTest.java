package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.ext.ExtensionDissector;

/**
 * Line-for-line agreement with tshark 4.0: for every plaintext ClientHello, ServerHello and
 * HelloRetryRequest of the public captures, the extension block we build must print exactly the
 * lines that {@code tshark -O tls} prints for it (from "Extensions Length" to the JA3 items).
 */
@UsesPublicCaptures
class ExtensionTsharkAgreementTest {
    static final Path CAPTURES = PublicCaptures.DIR;

    static final String[] REQUIRED = {
            "ja4_tls-handshake.pcapng", "zeek_hrr.pcap", "zeek_tls13_psk_succesfull.pcap",
            "zeek_signed_certificate_timestamp-2.pcap", "ja4_latest.pcapng",
    };

    /** More captures with plaintext hellos, checked the same way. */
    static final String[] MORE = {
            "zeek_tls12-decryption.pcap", "zeek_ocsp-stapling.pcap", "zeek_client-certificate.pcap",
            "zeek_tls-1.2-stream-keylog.pcap", "zeek_http_connect-with-header.pcap", "zeek_smtp-starttls.pcap",
            "zeek_tls1_1.pcap", "zeek_tls-early-alert.pcap", "zeek_certificate-request-failed.pcap",
            "zeek_tls-1.2-handshake-failure.pcap", "lek_all_dump.pcapng", "lek_tls_http2-16-ssl.pcapng",
            "lek_tls_imap-ssl.pcapng", "lek_tls_amqps.pcapng", "lek_tls_mysql-ssl.pcapng", "lek_tls_smtp-ssl.pcapng",
            "lek_tls_tls-null.pcapng", "scapy_tls_nss_example.pcap", "scapy_tls_tcp_frag_withnss.pcap",
            "lek_ssl3_dump.pcapng", "zeek_tls-fragmented-handshake.pcap", "scapy_tls_tcp_frag.pcap",
            "zeek_ssl.v3.pcap",
    };

    record Result(int hellos, int identical, int lines, int equalLines, List<String> diffs) {}

    static Result compare(String name) throws Exception {
        Path cap = CAPTURES.resolve(name);
        assertTrue(Files.isRegularFile(cap), "missing capture " + cap.toAbsolutePath());
        Map<String, List<String>> expected = ExtensionTreeText.tsharkHellos(cap);
        Map<String, ExtensionCaptureHellos.Hello> ours = new java.util.HashMap<>();
        for (ExtensionCaptureHellos.Hello h : ExtensionCaptureHellos.read(cap)) ours.put(h.key(), h);
        int identical = 0, lines = 0, equal = 0;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            List<String> want = e.getValue();
            ExtensionCaptureHellos.Hello h = ours.get(e.getKey());
            List<String> got = h == null ? List.of() : dissect(h);
            lines += want.size();
            int same = 0;
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) if (want.get(i).equals(got.get(i))) same++;
            equal += same;
            if (want.equals(got)) {
                identical++;
            } else if (diffs.size() < 5) {
                diffs.add(name + " " + e.getKey() + (h == null ? " (not found)" : "") + "\n" + firstDifference(want, got));
            }
        }
        return new Result(expected.size(), identical, lines, equal, diffs);
    }

    static List<String> dissect(ExtensionCaptureHellos.Hello h) {
        if (h.extOffset() < 0) return List.of();
        ProtoNode root = ProtoNode.root();
        HelloInfo info = new HelloInfo(h.type() == 1 ? HelloInfo.Kind.CLIENT_HELLO
                : h.type() == 6 ? HelloInfo.Kind.HELLO_RETRY_REQUEST : HelloInfo.Kind.SERVER_HELLO);
        info.legacyVersion = ((h.body()[0] & 0xff) << 8) | (h.body()[1] & 0xff);
        ExtensionDissector.dissect(root, new Tvb(h.body(), 0), h.extOffset(), h.body().length, h.type(), info);
        return ExtensionTreeText.render(root);
    }

    static String firstDifference(List<String> want, List<String> got) {
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<none>";
            String g = i < got.size() ? got.get(i) : "<none>";
            if (!w.equals(g)) return "  line " + (i + 1) + "\n  tshark: " + w + "\n  ours:   " + g;
        }
        return "";
    }

    @Test
    void requiredCapturesAgreeLineForLine() throws Exception {
        StringBuilder report = new StringBuilder();
        List<String> diffs = new ArrayList<>();
        int hellos = 0, identical = 0;
        for (String c : REQUIRED) {
            Result r = compare(c);
            report.append(String.format("%s: %d/%d hellos identical, %d/%d lines%n", c, r.identical, r.hellos, r.equalLines, r.lines));
            hellos += r.hellos;
            identical += r.identical;
            diffs.addAll(r.diffs);
            assertTrue(r.hellos > 0, "no hellos found in " + c);
        }
        System.out.print(report);
        assertTrue(hellos >= 140, "too few hellos: " + hellos);
        assertEquals(List.of(), diffs, report.toString());
        assertEquals(hellos, identical);
    }

    @Test
    void moreCapturesAgreeLineForLine() throws Exception {
        StringBuilder report = new StringBuilder();
        List<String> diffs = new ArrayList<>();
        for (String c : MORE) {
            Result r = compare(c);
            report.append(String.format("%s: %d/%d hellos identical, %d/%d lines%n", c, r.identical, r.hellos, r.equalLines, r.lines));
            diffs.addAll(r.diffs);
        }
        System.out.print(report);
        assertEquals(List.of(), diffs, report.toString());
    }
}
