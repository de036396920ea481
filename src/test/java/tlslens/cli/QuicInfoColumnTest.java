package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;

/**
 * The Protocol and Info columns of QUIC packets are tshark 4.0's, with and without the key log:
 * "Initial, DCID=…, SCID=…, PKN: 0, CRYPTO, PADDING", "Protected Payload (KP0), DCID=…, PKN: 3,
 * STREAM(0), ACK, MS", … (packet-quic.c's frame abbreviations). The window's packet table shows
 * these, so a Wireshark user reads the same rows. Only QUIC frames are compared (the public capture
 * has TCP TLS and ICMPv6 too, which other tests cover); rows golden/known-divergences.txt lists
 * under _ws.col.Info, with their reason, are left out.
 */
class QuicInfoColumnTest {
    private static final List<String> COLUMNS = List.of("-T", "fields", "-E", "separator=|", "-e", "frame.number",
            "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");

    private static List<String> quicRows(String out) {
        List<String> rows = new ArrayList<>();
        for (String l : out.split("\n")) if (l.contains("|QUIC|")) rows.add(l.strip());
        return rows;
    }

    /** Rows of frames where golden/known-divergences.txt lists _ws.col.Info for the capture (with its reason) left out. */
    private static List<String> known(List<String> rows, String capture) throws Exception {
        KnownDivergences known = KnownDivergences.load();
        return rows.stream().filter(r -> !known.covers(capture, "_ws.col.Info", r.substring(0, r.indexOf('|')))).toList();
    }

    private static int compare(Path capture, Path keyLog) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString()));
        if (keyLog != null) args.addAll(List.of("-o", "tls.keylog_file:" + keyLog));
        args.addAll(COLUMNS);
        String name = GoldenSupport.baseName(capture);
        List<String> theirs = known(quicRows(GoldenSupport.tshark(args).out()), name);
        List<String> ours = known(quicRows(CliRunner.run(args.toArray(String[]::new)).out()), name);
        assertTrue(!theirs.isEmpty(), capture + ": QUIC rows");
        assertEquals(theirs, ours, capture.getFileName() + (keyLog == null ? "" : " with its key log"));
        return theirs.size();
    }

    @Test
    void ourQuicCapturesReadAsTsharkReadsThem() throws Exception {
        GoldenSupport.requireTshark();
        int rows = 0;
        try (var files = Files.list(CliRunner.CAPTURES)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("quic_.*\\.pcap(ng)?")).sorted().toList()) {
                Path keys = Path.of(p.toString().replaceAll("\\.pcap(ng)?$", ".keylog"));
                rows += compare(p, null);
                if (Files.exists(keys)) rows += compare(p, keys);
            }
        }
        assertTrue(rows > 100, "rows compared: " + rows);
    }

    @Test
    @UsesPublicCaptures
    void publicQuicCapturesReadAsTsharkReadsThem() throws Exception {
        GoldenSupport.requireTshark();
        compare(PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng"), null);
        compare(PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng"),
                PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.keylog"));
        compare(PublicCaptures.of("zeek_quic_interop_quic-go_zerortt.pcap"), null);
    }
}
