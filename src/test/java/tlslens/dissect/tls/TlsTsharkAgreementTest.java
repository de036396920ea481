package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our record trees, -T fields cells and Protocol/Info columns against tshark 4.0's, for the
 * public captures (run tshark here). The X.509/OCSP trees below certificates belong to another
 * dissector and are left out; so are JA4 lines (tshark 4.0 has none).
 */
@UsesPublicCaptures
class TlsTsharkAgreementTest {
    static final Path CAPTURES = PublicCaptures.DIR;

    @BeforeAll
    static void needTshark() {
        assertTrue(Files.isDirectory(CAPTURES), "missing " + CAPTURES.toAbsolutePath());
        Assertions.assertTrue(TlsTreeText.tsharkAvailable(), "tshark is not installed: run src/test/scripts/test.sh, which installs it");
    }

    static TlsAgreementReport run(String name) throws Exception {
        Path cap = CAPTURES.resolve(name);
        assertTrue(Files.isRegularFile(cap), "missing capture " + cap.toAbsolutePath());
        TlsAgreementReport r = TlsAgreementReport.compare(cap, 5);
        System.out.println(name + ": " + r);
        return r;
    }

    static String details(TlsAgreementReport r) {
        List<String> all = new ArrayList<>(r.diffs);
        all.addAll(r.fieldDiffs);
        all.addAll(r.columnDiffs);
        return String.join("\n", all);
    }

    /** Captures whose TLS trees, fields and columns must all be identical to tshark's. */
    @ParameterizedTest
    @ValueSource(strings = {
            "ja4_latest.pcapng", "lek_all_dump.pcapng", "lek_ssl3_dump.pcapng", "lek_tls_amqps.pcapng",
            "lek_tls_http2-16-ssl.pcapng", "lek_tls_imap-ssl.pcapng", "lek_tls_mysql-ssl.pcapng",
            "lek_tls_smtp-ssl.pcapng", "scapy_tls_new-session-ticket.pcap", "scapy_tls_nss_example.pcap",
            "scapy_tls_tcp_frag.pcap", "scapy_tls_tcp_frag_withnss.pcap", "zeek_certificate-request-failed.pcap",
            "zeek_client-certificate.pcap", "zeek_hrr.pcap", "zeek_http_connect-with-header.pcap",
            "zeek_ocsp-stapling.pcap", "zeek_signed_certificate_timestamp-2.pcap", "zeek_smtp-starttls.pcap",
            "zeek_ssl-v2.pcap", "zeek_tls-1.2-handshake-failure.pcap", "zeek_tls-1.2-stream-keylog.pcap",
            "zeek_tls-early-alert.pcap", "zeek_tls12-decryption.pcap", "zeek_tls13_psk_succesfull.pcap",
            "zeek_tls1_1.pcap"})
    void identicalToTshark(String name) throws Exception {
        TlsAgreementReport r = run(name);
        assertTrue(r.frames > 0, "no TLS frames in " + name);
        assertEquals(r.frames, r.identicalFrames, details(r));
        assertEquals(r.fieldCells, r.equalFieldCells, details(r));
        assertEquals(r.columnFrames, r.equalColumns, details(r));
    }

    /**
     * Captures where the TLS trees and fields agree but a column differs for reasons outside the
     * record layer: tshark's TCP analysis ("[TCP ACKed unseen segment]"), the GTP tunnel's
     * "GTP &lt;TLSv1&gt;" protocol, the HTTP dissector of NULL-cipher application data, and one
     * retransmission tshark does not dissect.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ja4_tls-handshake.pcapng", "zeek_tunnels_gtp_gtp6_gtp_0x32.pcap",
            "lek_tls_tls-null.pcapng", "zeek_ssl.v3.pcap"})
    void recordTreesIdenticalToTshark(String name) throws Exception {
        TlsAgreementReport r = run(name);
        assertTrue(r.frames > 0);
        assertEquals(r.lines, r.equalLines, details(r));
        assertEquals(r.fieldCells, r.equalFieldCells, details(r));
        assertTrue(r.frames - r.identicalFrames <= 1, details(r));
    }

    /**
     * tshark 4.0 does not reassemble the 339,629-byte Certificate (it takes the 64 KB+ length for
     * ciphertext); we do. Everything before and after the certificate agrees.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zeek_tls-fragmented-handshake.pcap"})
    void fragmentedHandshakeDiffersOnlyWhereWeReassemble(String name) throws Exception {
        TlsAgreementReport r = run(name);
        // The ClientHello, ServerHello and the final SKE/SHD frames are identical; the 21
        // certificate records are where we differ by design.
        assertEquals(3, r.identicalFrames, details(r));
        assertEquals(24, r.frames);
    }
}
