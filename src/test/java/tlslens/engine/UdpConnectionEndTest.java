package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.FrameTimes;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * Issue 16, item 3, for UDP: a QUIC connection lets go of its packet keys and CRYPTO reassembly, a DTLS
 * association of its handshake fragments and keys, {@link Engine#CLOSE_LINGER_NS} of capture time after
 * the first close seen, and not before. Which connections closed, and when, comes from tshark: the first
 * frame with a CONNECTION_CLOSE (quic.frame_type 0x1c or 0x1d) per quic.connection.number, or with a
 * close_notify or fatal DTLS alert per udp.stream, read with the same key log (or none). The alerts
 * tshark 4.0 cannot open (DTLS 1.2 ChaCha20-Poly1305, DTLS 1.3: golden/known-divergences.txt lists their
 * dtls.alert_message.desc, the peers' close_notify) count as closes at their frames' times.
 */
class UdpConnectionEndTest {
    private static final Path OURS = Path.of("src/test/resources/captures");

    @Test
    void ourQuicAndDtlsCapturesLetGoOfClosedConnectionsAfterTheirLinger() throws Exception {
        int[] total = new int[2];
        List<Path> caps;
        try (Stream<Path> s = Files.list(OURS)) {
            caps = s.filter(p -> p.getFileName().toString().matches("(quic_|dtls).*\\.pcap")).sorted().toList();
        }
        assertTrue(caps.size() >= 10, "QUIC and DTLS captures: " + caps);
        for (Path cap : caps) {
            Path keylog = cap.resolveSibling(cap.getFileName().toString().replace(".pcap", ".keylog"));
            add(total, check(cap, Files.exists(keylog) ? keylog : null));
            add(total, check(cap, null)); // without keys a QUIC close after the handshake is not seen: nothing ends
        }
        // Both kinds are there: the assertion could fail either way.
        assertTrue(total[0] >= 15, "connections that closed: " + total[0]);
        assertTrue(total[1] >= 10, "connections never seen closing: " + total[1]);
    }

    @Test
    @UsesPublicCaptures
    void publicCapturesLetGoOfClosedConnectionsAfterTheirLinger() throws Exception {
        int[] total = new int[2];
        add(total, check(PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.pcapng"),
                PublicCaptures.of("ja4_chrome-cloudflare-quic-with-secrets.keylog")));
        for (String name : List.of("zeek_dtls1_0.pcap", "zeek_dtls1_2.pcap", "zeek_quic_interop_quic-go_zerortt.pcap")) {
            add(total, check(PublicCaptures.of(name), null));
        }
        assertTrue(total[0] >= 1, "connections that closed: " + total[0]);
        assertTrue(total[1] >= 3, "connections never seen closing: " + total[1]);
    }

    @Test
    void keysArrivingLateEndTheSameAssociationsAtTheSameFrames() throws Exception {
        // DTLS associations that close more than the linger before the capture's end: they end inside it.
        for (String name : List.of("dtls12_aead", "dtls12_cbc")) {
            Path cap = OURS.resolve(name + ".pcap");
            KeyLog log = KeyLog.read(OURS.resolve(name + ".keylog"));
            List<RawFrame> frames = new ArrayList<>();
            int link;
            try (CaptureFileReader r = CaptureFileReader.open(cap)) {
                link = r.linkType();
                for (RawFrame f; (f = r.next()) != null; ) frames.add(f);
            }
            List<List<String>> expected = new ArrayList<>();
            try (CaptureIndex idx = new CaptureIndex(link, new TlsSecrets(log))) {
                for (RawFrame f : frames) {
                    idx.add(f, false);
                    expected.add(holding(idx));
                }
            }
            java.util.Set<String> ended = new java.util.TreeSet<>();
            for (List<String> l : expected) ended.addAll(l);
            expected.get(expected.size() - 1).forEach(ended::remove);
            assertTrue(!ended.isEmpty(), name + ": some association ends inside the capture " + expected);
            for (int arrival = 0; arrival < frames.size(); arrival += 3) {
                TlsSecrets secrets = new TlsSecrets();
                try (CaptureIndex idx = new CaptureIndex(link, secrets)) {
                    for (int i = 0; i < frames.size(); i++) {
                        if (i == arrival) {
                            secrets.add(log);
                            if (idx.udpRekeyable(false)) idx.redissectUdp(false, fd -> { });
                        }
                        idx.add(frames.get(i), false);
                        // Before the keys, an encrypted close_notify is not seen: the association holds on.
                        if (i >= arrival) assertEquals(expected.get(i), holding(idx), name + ", keys before frame " + (arrival + 1)
                                + ": after frame " + (i + 1));
                    }
                }
            }
        }
    }

    /** The QUIC connections and DTLS associations that hold state, by key. */
    private static List<String> holding(CaptureIndex idx) {
        return idx.withConnections(all -> {
            List<String> out = new ArrayList<>();
            for (ConnectionState c : all) if (c instanceof UdpState s && s.holdsState()) out.add(key(s));
            return out;
        });
    }

    private static void add(int[] total, int[] n) {
        total[0] += n[0];
        total[1] += n[1];
    }

    /**
     * Dissects the capture, then a frame {@link Engine#CLOSE_LINGER_NS} and a second after its last: each
     * QUIC connection and DTLS association holds state before and after exactly as tshark's closes say.
     * Returns {closed, never closed}.
     */
    private static int[] check(Path cap, Path keylog) throws Exception {
        Map<String, Long> closedAt = tsharkCloses(cap, keylog);
        // With a key log as --key-schedule runs (DTLS 1.3 traffic secrets kept); without, as other runs.
        Engine e = new Engine(keylog == null ? null : new TlsSecrets(KeyLog.read(keylog))).keepKeySchedules(keylog != null);
        RawFrame last = null;
        try (CaptureFileReader r = CaptureFileReader.open(cap)) {
            e.interfaces(r.interfaces());
            for (RawFrame f; (f = r.next()) != null; last = f) e.dissect(f);
        }
        long lastNs = FrameTimes.epochNanos(last.time());
        String what = cap.getFileName() + (keylog == null ? " without keys" : " with its key log");
        List<UdpState> udp = new ArrayList<>();
        for (ConnectionState c : e.allConnections()) if (c instanceof UdpState s) udp.add(s);
        assertTrue(!udp.isEmpty(), what + ": no QUIC or DTLS");
        int closed = 0, open = 0;
        for (UdpState s : udp) {
            Long at = closedAt.get(key(s));
            boolean lingered = at != null && lastNs - at > Engine.CLOSE_LINGER_NS;
            assertEquals(!lingered, s.holdsState(), what + " " + key(s) + " at the capture's end");
            if (at != null) closed++;
            else open++;
        }
        assertEquals(udp.stream().filter(UdpState::holdsState).count(), e.udpConnectionsHoldingState(), what);
        // What the window and the connection model read of a connection survives its end.
        List<String> kept = new ArrayList<>();
        for (UdpState s : udp) kept.add(readAfterTheEnd(s));
        // A frame of another capture (TCP), a second more than the linger after the last.
        RawFrame other;
        try (CaptureFileReader r = CaptureFileReader.open(OURS.resolve("tls12_aead.pcapng"))) {
            other = r.next();
        }
        e.dissect(new RawFrame(last.number() + 1, last.time().plusNanos(Engine.CLOSE_LINGER_NS + 1_000_000_000L),
                other.originalLength(), other.data(), other.linkType(), other.interfaceId(), other.interfaceName()));
        for (UdpState s : udp) {
            boolean wasClosed = closedAt.containsKey(key(s));
            assertEquals(!wasClosed, s.holdsState(), what + " " + key(s) + " after the linger");
            assertEquals(kept.get(udp.indexOf(s)), readAfterTheEnd(s), what + " " + key(s) + ": read after its end");
        }
        return new int[] {closed, open};
    }

    /**
     * The key schedule (QUIC: the window's lesson reads it from the capture's engine; DTLS: --key-schedule,
     * which keeps it), decryption status, messages and packets, as text.
     */
    private static String readAfterTheEnd(UdpState s) {
        StringBuilder sb = new StringBuilder();
        tlslens.dissect.tls.decrypt.KeySchedule k = s.quic() != null
                ? tlslens.dissect.quic.QuicKeySchedule.of(s.quic()) : s.dtls().keySchedule();
        if (k != null) {
            sb.append(k.version()).append(' ').append(k.cipherSuite()).append(' ').append(k.problem()).append('\n');
            for (var st : k.steps()) sb.append(st.stage()).append(' ').append(st.name()).append(' ').append(st.hex()).append('\n');
        }
        if (s.quic() != null) {
            sb.append(s.quic().decryption()).append(s.quic().packets().size()).append(s.quic().cryptoMessages().size());
            sb.append(s.quic().tls().log().messages().size());
        } else {
            sb.append(s.dtls().steps().size()).append(s.dtls().hellos().size()).append(s.dtls().negotiatedVersion());
        }
        return sb.toString();
    }

    private static String key(UdpState s) {
        return s.quic() != null ? "quic.connection.number " + s.quic().number : "udp.stream " + s.udpStream();
    }

    /** The first close tshark shows per QUIC connection and DTLS udp.stream: capture time in epoch ns. */
    private static Map<String, Long> tsharkCloses(Path cap, Path keylog) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", cap.toString(), "-o",
                "tls.keylog_file:" + (keylog == null ? "" : keylog.toString()), "-Y",
                "quic.frame_type == 0x1c || quic.frame_type == 0x1d || dtls.alert_message.level == 2"
                        + " || dtls.alert_message.desc == 0",
                "-T", "fields", "-E", "occurrence=f", "-e", "quic.connection.number", "-e", "udp.stream",
                "-e", "frame.time_epoch"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), "tshark " + cmd);
        Map<String, Long> out = new HashMap<>();
        List<String> unopened = keylog == null ? List.of() : unopenedAlerts(cap);
        if (!unopened.isEmpty()) {
            List<String> frames = new ArrayList<>(List.of("tshark", "-r", cap.toString(), "-Y",
                    "frame.number == " + String.join(" || frame.number == ", unopened), "-T", "fields", "-e", "frame.number",
                    "-e", "udp.stream", "-e", "frame.time_epoch"));
            Process q = new ProcessBuilder(frames).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> more = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals(0, q.waitFor(), "tshark " + frames);
            assertEquals(unopened.size(), more.size(), "frames " + unopened);
            lines = new ArrayList<>(lines);
            for (String m : more) lines.add("\t" + m.substring(m.indexOf('\t') + 1));
            lines.sort(java.util.Comparator.comparing(l -> new java.math.BigDecimal(l.split("\t", -1)[2])));
        }
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String key = !f[0].isEmpty() ? "quic.connection.number " + f[0] : "udp.stream " + f[1];
            out.putIfAbsent(key, new java.math.BigDecimal(f[2]).movePointRight(9).longValue());
        }
        return out;
    }

    /** Frames whose DTLS alert tshark 4.0 leaves encrypted and the known divergences name (see the class comment). */
    private static List<String> unopenedAlerts(Path cap) throws java.io.IOException {
        String name = cap.getFileName().toString().replaceAll("\\.pcap(ng)?$", "");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/golden/known-divergences.txt"))) {
            String[] f = line.split("\t", -1);
            if (f.length > 2 && f[0].equals(name) && f[1].equals("dtls.alert_message.desc")) out.addAll(List.of(f[2].split(",")));
        }
        return out;
    }
}
