package tlslens.ui.model;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FilterException;
import tlslens.engine.CaptureIndex;
import tlslens.ui.decrypt.CaptureKeys;

/**
 * The default colouring rules against the row colours they replace (the Info-text search of the
 * former RowKind, kept as {@link InfoTextRowKind}), frame by frame over the bundled sample, our
 * captures and the public ones, each with its key log, on the light trees of a file's first pass
 * as the window colours them. Every frame gets the same colour, except where the rules see what
 * the Info text could not say; each such difference must be one of these improvements:
 * <ul>
 * <li>a TLS 1.3 ServerHello that accepts a PSK is a resumption (the Info text of TLS 1.3 cannot tell);
 * <li>a TLS 1.3 ServerHello followed by a middlebox ChangeCipherSpec is a full handshake, not
 *     an abbreviated TLS 1.2 one;
 * <li>a lost or retransmitted segment is a TCP problem also when TLS owns the Info column, or when
 *     only the tree says so ("Previous segment(s) not captured" never reaches Info);
 * <li>an SSLv2 handshake message and a record holding only a handshake fragment (empty Info) are handshake;
 * <li>SSLv2 records that no rule names are TCP (light grey) rather than unmatched (white);
 * <li>QUIC packets whose CRYPTO frames carry TLS handshake messages, and DTLS handshake records, are handshake
 *     (the Info text of QUIC and DTLS names packets and records, not TLS messages); a QUIC ServerHello that
 *     accepts a PSK is a resumed handshake.
 * </ul>
 */
class DefaultColouringRulesTest {
    private static final Path SAMPLE = tlslens.SampleCapture.PATH;
    private static final Path OURS = Path.of("src/test/resources/captures");
    private static final String OTHER = InfoTextRowKind.OTHER.label();

    @Test
    void everyDefaultRuleCompilesAndMatchesOnLightTrees() {
        ColouringRules rules = ColouringRules.defaults();
        for (int i = 0; i < rules.size(); i++) assertNull(rules.problemOf(i), rules.rules().get(i).name());
        assertTrue(!rules.needsDetail(), "the defaults must not cost a full dissection of every frame");
        List<String> kinds = new ArrayList<>();
        for (InfoTextRowKind k : InfoTextRowKind.values()) if (k != InfoTextRowKind.OTHER) kinds.add(k.label());
        assertEquals(kinds, rules.rules().stream().map(ColouringRule::name).toList(), "one rule a former kind, in order");
    }

    @Test
    @UsesPublicCaptures
    void defaultRulesColourAsTheInfoTextDidSaveForImprovements() throws Exception {
        ColouringRules rules = ColouringRules.defaults();
        Map<String, Integer> byRule = new TreeMap<>();
        Map<String, Integer> improvements = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        int frames = 0;
        List<String> unread = new ArrayList<>();
        for (Path capture : captures()) {
            int framesBefore = frames;
            String base = capture.getFileName().toString().replaceAll("\\.pcap(ng)?$", "");
            Path keylog = capture.resolveSibling(base + ".keylog");
            CaptureKeys keys = CaptureKeys.load(Files.exists(keylog) ? keylog : null, capture);
            try (CaptureFileReader r = CaptureFileReader.open(capture)) {
                CaptureIndex idx = new CaptureIndex(r.linkType(), keys.secrets()).interfaces(r.interfaces());
                RawFrame f;
                while ((f = r.next()) != null) {
                    FrameDissection fd = idx.add(f, false); // as RowFeed without a display filter
                    short c = rules.colourOf(fd);
                    String now = c == ColouringRules.NONE ? OTHER : rules.rule(c).name();
                    String before = InfoTextRowKind.classify(fd.protocol(), fd.info()).label();
                    frames++;
                    byRule.merge(now, 1, Integer::sum);
                    if (now.equals(before)) continue;
                    String why = improvement(before, now, fd);
                    if (why != null) improvements.merge(why, 1, Integer::sum);
                    else unexplained.add(base + " #" + fd.number + " " + before + " -> " + now + ": " + fd.info());
                }
            }
            if (frames == framesBefore) unread.add(base);
        }
        System.out.println("default colouring rules over " + frames + " frames: " + byRule + "; improvements " + improvements);
        assertTrue(unexplained.isEmpty(), unexplained.size() + " frames change colour without a reason:\n"
                + String.join("\n", unexplained.subList(0, Math.min(20, unexplained.size()))));
        assertEquals(List.of(), unread, "every capture was read");
        for (String name : rules.rules().stream().map(ColouringRule::name).toList()) {
            assertTrue(byRule.getOrDefault(name, 0) > 0, "no frame is coloured " + name);
        }
        assertTrue(improvements.containsKey("TLS 1.3 PSK resumption"), "a TLS 1.3 resumption was found");
    }

    /** Which of the class comment's improvements a changed colour is, or null. */
    private static String improvement(String before, String now, FrameDissection fd) throws FilterException {
        if (before.equals("Handshake") && now.equals("Resumed handshake")
                && has(fd, "tls.handshake.extensions.psk.identity.selected")) {
            return "TLS 1.3 PSK resumption";
        }
        if (before.equals("Resumed handshake") && now.equals("Handshake")
                && has(fd, "tls.handshake.extensions.supported_version && !tls.handshake.extensions.psk.identity.selected")) {
            return "TLS 1.3 full handshake with a middlebox ChangeCipherSpec";
        }
        if (now.equals("TCP problem") && !fd.info().contains("[TCP ")
                && has(fd, "tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive"
                        + " && !tcp.analysis.keep_alive_ack")) {
            return "TCP problem the Info column does not show";
        }
        if (before.equals(OTHER) && now.equals("Handshake")
                && (fd.protocol().equals("SSLv2") || fd.info().isEmpty() && has(fd, "tls.record.content_type == 22"))) {
            return "SSLv2 handshake or handshake fragment";
        }
        if (before.equals(OTHER) && now.equals("TCP") && fd.protocol().equals("SSLv2") && !has(fd, "tls.app_data")) {
            return "SSLv2 record";
        }
        if (before.equals(OTHER) && (now.equals("Handshake") || now.equals("Resumed handshake") && has(fd, "quic"))
                && has(fd, "(quic && tls.handshake) || dtls.record.content_type == 22")) {
            return "QUIC or DTLS handshake";
        }
        return null;
    }

    private static boolean has(FrameDissection fd, String filter) throws FilterException {
        return DisplayFilter.compile(filter).matches(fd);
    }

    private static List<Path> captures() throws Exception {
        List<Path> out = new ArrayList<>(List.of(SAMPLE));
        for (Path dir : List.of(OURS, PublicCaptures.dir())) {
            assertTrue(Files.isDirectory(dir), "missing " + dir.toAbsolutePath());
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?$")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
