package tlslens.engine;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.Expert;
import tlslens.dissect.FieldFormat;
import tlslens.dissect.FrameContext;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameSummary;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.RobustnessTest;
import tlslens.dissect.tls.base.TlsExperts;

/**
 * The frame context the dissectors fill agrees with the tree they build, frame by frame over our
 * captures: addresses, ports and stream with the IP and TCP items, the flags with the records'
 * content types, the TCP analysis items, the resumption note and the malformed notes.
 */
class FrameContextTest {
    private static final int RECORD_FLAGS = FrameContext.HANDSHAKE | FrameContext.CHANGE_CIPHER_SPEC
            | FrameContext.ALERT | FrameContext.APPLICATION_DATA | FrameContext.HEARTBEAT;

    @Test
    void contextAgreesWithTheTree() throws Exception {
        check(RobustnessTest.captures());
    }

    /** With two public captures (an early alert, a fragmented handshake) every flag is exercised. */
    @Test
    @UsesPublicCaptures
    void contextAgreesWithTheTreeForEveryFlag() throws Exception {
        List<Path> captures = new ArrayList<>(RobustnessTest.captures());
        captures.add(PublicCaptures.of("zeek_tls-early-alert.pcap"));
        captures.add(PublicCaptures.of("zeek_tls-fragmented-handshake.pcap"));
        int[] seen = check(captures);
        // The captures exercise every flag but heartbeat and malformed (below), so the comparison means something.
        for (int b = 0; (1 << b) < FrameContext.MALFORMED; b++) {
            if ((1 << b) != FrameContext.HEARTBEAT) assertTrue(seen[b] > 0, "no frame with flag " + (1 << b));
        }
    }

    /** Compares each frame's summary and context with its tree; returns how many frames had each flag. */
    private static int[] check(List<Path> captures) throws Exception {
        int[] seen = new int[10];
        for (Path capture : captures) {
            Engine engine = new Engine(); // no secrets: every record keeps its outer content type
            try (CaptureFileReader r = CaptureFileReader.open(capture)) {
                for (RawFrame raw; (raw = r.next()) != null; ) {
                    FrameDissection fd = engine.dissect(raw);
                    FrameSummary s = fd.summary(raw.originalLength());
                    String where = capture.getFileName() + " frame " + raw.number();
                    Expected e = new Expected();
                    e.walk(fd.root);
                    assertEquals(e.src == null ? "" : e.src, s.source(), where);
                    assertEquals(e.dst == null ? "" : e.dst, s.destination(), where);
                    assertEquals(e.stream, s.tcpStream(), where);
                    assertEquals(e.srcPort, fd.context().srcPort(), where);
                    assertEquals(e.dstPort, fd.context().dstPort(), where);
                    assertEquals(e.recordFlags, s.flags() & RECORD_FLAGS, where + " " + s.info());
                    assertEquals(e.tcpProblem, s.has(FrameContext.TCP_PROBLEM), where + " " + s.info());
                    assertEquals(e.resumed, s.has(FrameContext.RESUMED), where);
                    assertEquals(e.malformed, s.has(FrameContext.MALFORMED), where);
                    assertEquals(e.tls, s.has(FrameContext.TLS), where);
                    for (int b = 0; b < seen.length; b++) if (s.has(1 << b)) seen[b]++;
                }
            }
        }
        assertTrue(seen[Integer.numberOfTrailingZeros(FrameContext.TLS)] > 0, "no TLS frame compared");
        return seen;
    }

    /** A Client Hello whose cipher suite vector claims more bytes than there are: the frame is flagged malformed. */
    @Test
    void aMalformedItemFlagsTheFrame() throws Exception {
        Engine engine = new Engine();
        boolean corrupted = false;
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/test/resources/captures/tls12_full_then_ticket.pcapng"))) {
            for (RawFrame raw; (raw = r.next()) != null && !corrupted; ) {
                ProtoNode length = find(new Engine().dissect(raw).root, "tls.handshake.cipher_suites_length");
                if (length == null || length.source != 0) {
                    assertEquals(false, engine.dissect(raw).summary(raw.originalLength()).has(FrameContext.MALFORMED));
                    continue;
                }
                byte[] bytes = raw.data().clone();
                bytes[length.offset] = (byte) 0xff;
                bytes[length.offset + 1] = (byte) 0xfe;
                RawFrame bad = new RawFrame(raw.number(), raw.time(), raw.originalLength(), bytes, raw.linkType(),
                        raw.interfaceId(), raw.interfaceName());
                FrameDissection fd = engine.dissect(bad);
                assertTrue(fd.root.hasMalformed(), "the tree has a malformed item");
                assertTrue(fd.summary(raw.originalLength()).has(FrameContext.MALFORMED));
                corrupted = true;
            }
        }
        assertTrue(corrupted, "a Client Hello was found");
    }

    private static ProtoNode find(ProtoNode n, String field) {
        if (n.field != null && n.field.abbrev.equals(field)) return n;
        for (ProtoNode c : n.children()) {
            ProtoNode f = find(c, field);
            if (f != null) return f;
        }
        return null;
    }

    /** What the tree says: the first IP and TCP items, every record and note. */
    private static final class Expected {
        String src;
        String dst;
        int stream = -1;
        int srcPort = -1;
        int dstPort = -1;
        int recordFlags;
        boolean tcpProblem;
        boolean resumed;
        boolean malformed;
        boolean tls;
        private boolean inIcmp;
        private static final Set<String> BENIGN = Set.of("tcp.analysis.window_update",
                "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack");

        void walk(ProtoNode n) {
            String f = n.field == null ? "" : n.field.abbrev;
            boolean icmp = f.equals("icmp") || f.equals("icmpv6");
            if (icmp) inIcmp = true;
            // The columns show the outermost addresses, except a tunnel's inner packet (the last IP layer outside ICMP).
            if (!inIcmp && (f.equals("ip.src") || f.equals("ipv6.src"))) src = FieldFormat.address(n.value());
            if (!inIcmp && (f.equals("ip.dst") || f.equals("ipv6.dst"))) dst = FieldFormat.address(n.value());
            if (f.equals("tcp.stream") && stream < 0) stream = ((Long) n.value()).intValue();
            if (!inIcmp && f.equals("tcp.srcport") || f.equals("udp.srcport")) srcPort = ((Long) n.value()).intValue();
            if (!inIcmp && f.equals("tcp.dstport") || f.equals("udp.dstport")) dstPort = ((Long) n.value()).intValue();
            // DTLS is TLS over datagrams for the row flags, and QUIC carries TLS's handshake: every QUIC packet counts.
            if (f.equals("tls") || f.equals("dtls") || f.equals("quic")) tls = true;
            if (f.equals("tls.record.content_type") || f.equals("tls.record.opaque_type") || f.equals("dtls.record.content_type")) {
                recordFlags |= switch (((Long) n.value()).intValue()) {
                    case 20 -> FrameContext.CHANGE_CIPHER_SPEC;
                    case 21 -> FrameContext.ALERT;
                    case 22 -> FrameContext.HANDSHAKE;
                    case 23 -> FrameContext.APPLICATION_DATA;
                    case 24 -> FrameContext.HEARTBEAT;
                    default -> 0;
                };
            }
            for (Expert e : n.experts()) {
                // Wireshark's "Bad TCP": any SEQ/ACK analysis note but the benign ones (the quoted TCP of an ICMP error aside).
                String name = e.def().abbrev();
                if (!inIcmp && name.startsWith("tcp.analysis.") && !BENIGN.contains(name)) tcpProblem = true;
                if (e.def() == TlsExperts.RESUMED) resumed = true;
                if (e.group().equals("Malformed")) malformed = true;
            }
            for (ProtoNode c : n.children()) walk(c);
            if (icmp) inIcmp = false;
        }
    }
}
