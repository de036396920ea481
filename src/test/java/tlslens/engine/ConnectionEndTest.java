package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tlslens.PublicCaptures;
import tlslens.UsesPublicCaptures;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.RobustnessTest;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * Issue 16, item 3: a TCP connection's reassembly and decryption state (partial records, handshake
 * fragments, keys) is let go when the connection ends, and kept while it has not. Which connections
 * ended comes from tshark: a FIN's tcp.nxtseq acknowledged (tcp.ack) by the peer in both directions,
 * or a RST more than {@link Engine#RESET_LINGER_NS} of capture time before a later TCP frame.
 */
class ConnectionEndTest {
    @Test
    void ourCapturesLetGoOfEndedConnectionsAndKeepTheOthers() throws Exception {
        int ended = 0, open = 0;
        for (Path cap : RobustnessTest.captures()) {
            int[] n = check(cap, keylog(cap));
            ended += n[0];
            open += n[1];
        }
        // Both kinds are there: the assertion could fail either way.
        assertTrue(ended >= 20, "TLS connections that ended: " + ended);
        assertTrue(open >= 3, "TLS connections still open at the capture's end: " + open);
    }

    @Test
    @UsesPublicCaptures
    void publicCapturesLetGoOfEndedConnectionsAndKeepTheOthers() throws Exception {
        int ended = 0;
        for (String name : List.of("zeek_tls-1.2-stream-keylog.pcap", "ja4_latest.pcapng", "ja4_tls-handshake.pcapng",
                "lek_all_dump.pcapng", "scapy_tls_tcp_frag.pcap")) {
            ended += check(PublicCaptures.of(name), null)[0];
        }
        assertTrue(ended > 0, "TLS connections that ended: " + ended);
    }

    @Test
    @UsesPublicCaptures
    void aResetConnectionLetsGoWhenItsLingerIsOverInCaptureTime() throws Exception {
        // 73 connections, each closed by a RST, all within a second: shorter than the linger.
        Path cap = PublicCaptures.of("lek_all_dump.pcapng");
        List<RawFrame> frames = new ArrayList<>();
        Engine e = new Engine();
        try (CaptureFileReader r = CaptureFileReader.open(cap)) {
            e.interfaces(r.interfaces());
            for (RawFrame f; (f = r.next()) != null; frames.add(f)) e.dissect(f);
        }
        List<TcpStream> reset = new ArrayList<>();
        for (ConnectionState c : e.connections()) {
            TcpStream s = (TcpStream) c;
            if (s.tls() != null && s.resetNs != Long.MIN_VALUE && !s.ended()) reset.add(s);
        }
        assertTrue(reset.size() >= 10, "reset TLS connections: " + reset.size());
        for (TcpStream s : reset) assertTrue(s.holdsState(), "tcp.stream " + s.index() + " keeps its state during the linger");
        // A frame of another capture, a second more than the linger after the last: every reset connection ends.
        RawFrame last = frames.get(frames.size() - 1);
        RawFrame other;
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/test/resources/captures/tls12_aead.pcapng"))) {
            other = r.next();
        }
        e.dissect(new RawFrame(last.number() + 1, last.time().plusNanos(Engine.RESET_LINGER_NS + 1_000_000_000L),
                other.originalLength(), other.data(), other.linkType(), other.interfaceId(), other.interfaceName()));
        for (TcpStream s : reset) assertTrue(!s.holdsState(), "tcp.stream " + s.index() + " let go after the linger");
    }

    @Test
    void theKeyScheduleOutlivesTheConnectionWhenAsked() throws Exception {
        Path dir = Path.of("src/test/resources/captures");
        TlsSecrets keys = new TlsSecrets(KeyLog.read(dir.resolve("tls13_two_tickets.keylog")));
        Engine kept = run(dir.resolve("tls13_two_tickets.pcap"), new Engine(keys).keepKeySchedules(true));
        Engine dropped = run(dir.resolve("tls13_two_tickets.pcap"), new Engine(keys));
        int compared = 0;
        for (int i = 0; i < kept.connections().size(); i++) {
            TcpStream a = (TcpStream) kept.connections().get(i), b = (TcpStream) dropped.connections().get(i);
            if (a.tls() == null || !a.ended()) continue;
            compared++;
            assertTrue(!a.holdsState() && !b.holdsState(), "keys let go either way");
            // The status survives the release; the transcript only when asked.
            assertEquals(a.tls().decryption().state(), b.tls().decryption().state());
            // The Finished checks need the transcript: kept when asked, gone otherwise.
            assertTrue(!a.tls().keySchedule().finishedChecks().isEmpty(), "Finished recomputed from the kept transcript");
            assertTrue(b.tls().keySchedule().finishedChecks().size() < a.tls().keySchedule().finishedChecks().size());
        }
        assertTrue(compared > 0, "ended TLS connections compared");
    }

    /** {TLS connections ended, TLS connections open}; asserts the engine holds state for exactly the open ones. */
    private static int[] check(Path cap, Path keylog) throws Exception {
        TlsSecrets secrets = keylog == null ? null : new TlsSecrets(KeyLog.read(keylog));
        Engine e = run(cap, new Engine(secrets));
        Set<Integer> endedByTshark = ended(cap);
        int ended = 0, open = 0, holding = 0;
        for (ConnectionState c : e.connections()) {
            TcpStream s = (TcpStream) c;
            if (s.holdsState()) holding++;
            if (s.tls() == null) continue;
            boolean over = endedByTshark.contains(s.index());
            assertEquals(!over, s.holdsState(), cap.getFileName() + " tcp.stream " + s.index() + (over ? " ended" : " open"));
            if (over) ended++;
            else open++;
        }
        assertEquals(holding, e.connectionsHoldingState(), cap.getFileName().toString());
        return new int[] {ended, open};
    }

    private static Engine run(Path cap, Engine e) throws Exception {
        try (CaptureFileReader r = CaptureFileReader.open(cap)) {
            e.interfaces(r.interfaces());
            for (RawFrame f; (f = r.next()) != null; ) e.dissect(f);
        }
        return e;
    }

    private static Path keylog(Path cap) {
        Path k = cap.resolveSibling(cap.getFileName().toString().replaceAll("\\.pcap(ng)?$", ".keylog"));
        return Files.exists(k) ? k : null;
    }

    /** The tcp.stream numbers tshark's sequence numbers show ended (see the class comment). */
    private static Set<Integer> ended(Path cap) throws IOException, InterruptedException {
        List<String> cmd = List.of("tshark", "-r", cap.toString(), "-Y", "tcp && !icmp && !icmpv6", "-T", "fields",
                "-E", "occurrence=l", "-e", "tcp.stream", "-e", "tcp.srcport", "-e", "ip.src", "-e", "ipv6.src",
                "-e", "tcp.flags.fin", "-e", "tcp.flags.reset", "-e", "tcp.flags.ack", "-e", "tcp.nxtseq", "-e", "tcp.ack",
                "-e", "frame.time_epoch");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        int exit = p.waitFor();
        assertTrue(exit == 0 || exit == 2 && !lines.isEmpty(), "tshark " + cmd); // 2: a file cut short, read to the cut
        Map<Integer, String> firstSender = new HashMap<>();
        Map<String, Long> finEnd = new HashMap<>(); // stream + direction -> the ack that acknowledges its FIN
        Map<Integer, Integer> finsAcked = new HashMap<>();
        Set<String> acked = new HashSet<>();
        List<long[]> resets = new ArrayList<>(); // {stream, time ns}
        Set<Integer> out = new HashSet<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f[0].isEmpty()) continue;
            int stream = Integer.parseInt(f[0]);
            String sender = f[2] + f[3] + ":" + f[1];
            int dir = firstSender.computeIfAbsent(stream, k -> sender).equals(sender) ? 0 : 1;
            long ns = new java.math.BigDecimal(f[9]).movePointRight(9).longValue();
            for (long[] r : resets) if (ns - r[1] > Engine.RESET_LINGER_NS) out.add((int) r[0]);
            if (f[6].equals("1") || f[6].equalsIgnoreCase("true")) {
                Long want = finEnd.get(stream + "/" + (1 - dir));
                if (want != null && !f[8].isEmpty() && Long.parseLong(f[8]) == want && acked.add(stream + "/" + (1 - dir))) {
                    if (finsAcked.merge(stream, 1, Integer::sum) == 2) out.add(stream);
                }
            }
            if ((f[4].equals("1") || f[4].equalsIgnoreCase("true")) && !f[7].isEmpty()) {
                finEnd.put(stream + "/" + dir, Long.parseLong(f[7]));
            }
            if (f[5].equals("1") || f[5].equalsIgnoreCase("true")) resets.add(new long[] {stream, ns});
        }
        return out;
    }
}
