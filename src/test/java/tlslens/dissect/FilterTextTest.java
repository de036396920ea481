package tlslens.dissect;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FilterException;
import tlslens.dissect.tcp.TcpExperts;
import tlslens.engine.Engine;

/** "Apply as Filter" / "Copy" text, checked against what Wireshark builds for the same items. */
@UsesPublicCaptures
class FilterTextTest {
    /** The ClientHello to heise.de (frame 4 of zeek_tls12-decryption.pcap). */
    private static FrameDissection hello;
    /** A Certificate message reassembled from four segments (frame 11 of zeek_client-certificate.pcap). */
    private static FrameDissection certificate;

    @BeforeAll
    static void load() {
        hello = frame("zeek_tls12-decryption.pcap", 4);
        certificate = frame("zeek_client-certificate.pcap", 11);
    }

    /** Frame {@code number} of a public capture, after dissecting every frame before it (as the window does). */
    private static FrameDissection frame(String name, int number) {
        try (CaptureFileReader r = CaptureFileReader.open(PublicCaptures.of(name))) {
            Engine engine = new Engine().interfaces(r.interfaces());
            RawFrame f;
            while ((f = r.next()) != null) {
                FrameDissection fd = engine.dissect(f);
                if (fd.number == number) return fd;
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read " + name, e);
        }
        return fail(name + " has no frame " + number);
    }

    /** The first node of the field anywhere in the tree (hidden ones too). */
    private static ProtoNode node(FrameDissection fd, String abbrev) {
        ProtoNode n = fd.root.first(abbrev);
        assertNotNull(n, "frame " + fd.number + " has no " + abbrev);
        return n;
    }

    /** The first node whose label starts with {@code prefix}. */
    private static ProtoNode labelled(FrameDissection fd, String prefix) {
        ProtoNode[] found = new ProtoNode[1];
        fd.root.walk(n -> {
            if (found[0] == null && n != fd.root && n.text().startsWith(prefix)) found[0] = n;
        });
        assertNotNull(found[0], "frame " + fd.number + " has no item \"" + prefix + "...\"");
        return found[0];
    }

    private static String filter(FrameDissection fd, String abbrev) {
        return FilterText.of(node(fd, abbrev), fd.sources());
    }

    @Test
    void integersWithValueNamesUseTheRawValue() {
        assertEquals("tls.handshake.type == 1", filter(hello, "tls.handshake.type"));
        assertEquals("tls.record.content_type == 22", filter(hello, "tls.record.content_type"));
        assertEquals("ip.proto == 6", filter(hello, "ip.proto"));
        assertEquals("tls.handshake.extension.type == 0", filter(hello, "tls.handshake.extension.type"));
    }

    @Test
    void hexFieldsKeepTheirBaseAndWidth() {
        assertEquals("tls.record.version == 0x0301", filter(hello, "tls.record.version"));
        assertEquals("tls.handshake.version == 0x0303", filter(hello, "tls.handshake.version"));
        // A 3-bit field is one hex digit wide, as in its label "010. .... = Flags: 0x2".
        assertEquals("ip.flags == 0x2", filter(hello, "ip.flags"));
        assertEquals("ip.version == 4", filter(hello, "ip.version"));
    }

    @Test
    void stringsAreQuoted() {
        assertEquals("tls.handshake.extensions_server_name == \"heise.de\"",
                filter(hello, "tls.handshake.extensions_server_name"));
        assertEquals("\"a\\\"b\\\\c\\n\\x01\"", FilterText.quote("a\"b\\c\n\u0001"));
    }

    @Test
    void bytesAndAddresses() {
        assertEquals("tls.handshake.random == 4d:98:94:0f:b4:0a:24:4b:48:e4:2e:ac:28:71:44:b1:"
                + "b7:39:30:57:ca:a1:31:f9:61:a7:8e:38:b0:e7:7c:1e", filter(hello, "tls.handshake.random"));
        assertEquals("ip.src == 192.168.100.70", filter(hello, "ip.src"));
        assertEquals("ip.dst == 193.99.144.80", filter(hello, "ip.dst"));
        assertEquals("eth.src == 00:16:3e:fd:db:e1", filter(hello, "eth.src"));
    }

    @Test
    void booleansAreOneOrZero() {
        assertEquals("tcp.flags.syn == 0", filter(hello, "tcp.flags.syn"));
        assertEquals("tcp.flags.ack == 1", filter(hello, "tcp.flags.ack"));
    }

    @Test
    void generatedTimesAndFrameNumbers() {
        assertEquals("frame.time_relative == 0.028020000", filter(hello, "frame.time_relative"));
        assertEquals("tcp.segment == 6", filter(certificate, "tcp.segment"));
    }

    @Test
    void protocolsAndLabelsWithoutBytesByName() {
        assertEquals("tls", filter(hello, "tls"));
        assertEquals("tcp", filter(hello, "tcp"));
        ProtoNode label = new ProtoNode(node(hello, "tls.record").field, null, "x", 0, 10, 0);
        assertEquals("tls.record", FilterText.of(label, hello.sources()));
    }

    @Test
    void labelsWithBytesInTheFrameMatchTheirBytes() {
        String record = filter(hello, "tls.record");
        assertTrue(record.startsWith("frame[66:517] == 16:03:01:02:00:01:00:01:fc:03:03:4d:98"), record);
        assertEquals("frame[66:517] == ".length() + 517 * 3 - 1, record.length());
        ProtoNode sniExtension = labelled(hello, "Extension: server_name");
        assertEquals("frame[150:17] == 00:00:00:0d:00:0b:00:00:08:68:65:69:73:65:2e:64:65",
                FilterText.of(sniExtension, hello.sources()));
    }

    @Test
    void labelsInAReassembledBufferHaveNoFilter() {
        ProtoNode record = node(certificate, "tls.record");
        assertEquals(1, record.source);
        assertNull(FilterText.of(record, certificate.sources()));
        assertEquals("tls.handshake.type == 11", filter(certificate, "tls.handshake.type"));
    }

    @Test
    void expertItemsFilterOnTheNoteAndFindIt() throws FilterException {
        Expert e = TcpExperts.OUT_OF_ORDER.note();
        assertEquals("_ws.expert", FilterText.ofExpert(e, "_ws.expert"));
        assertEquals("tcp.analysis.out_of_order", FilterText.ofExpert(e, "tcp.analysis.out_of_order"));
        assertEquals("_ws.expert.message == \"This frame is a (suspected) out-of-order segment\"",
                FilterText.ofExpert(e, "_ws.expert.message"));
        assertEquals("_ws.expert.severity == \"Warning\"", FilterText.ofExpert(e, "_ws.expert.severity"));
        assertEquals("_ws.expert.group == \"Sequence\"", FilterText.ofExpert(e, "_ws.expert.group"));

        // Each filter finds a tree that carries the note, and not one that carries another note.
        ProtoNode carrier = ProtoNode.root();
        carrier.addText("a segment", new Tvb(new byte[4], 0), 0, 4).expert(e);
        ProtoNode other = ProtoNode.root();
        other.addText("a segment", new Tvb(new byte[4], 0), 0, 4).expert(TcpExperts.RETRANSMISSION.note());
        for (String field : List.of("tcp.analysis.out_of_order", "_ws.expert.message", "_ws.expert.severity")) {
            DisplayFilter f = DisplayFilter.compile(FilterText.ofExpert(e, field));
            assertTrue(f.matches(carrier), field);
            assertTrue(!f.matches(other), field);
        }
        assertTrue(DisplayFilter.compile(FilterText.ofExpert(e, "_ws.expert")).matches(other));
    }

    @Test
    void copyValueIsTheFieldsValue() {
        assertEquals("heise.de", FilterText.copyValue(node(hello, "tls.handshake.extensions_server_name")));
        assertEquals("1", FilterText.copyValue(node(hello, "tls.handshake.type")));
        assertEquals("0x0301", FilterText.copyValue(node(hello, "tls.record.version")));
        assertEquals("1", FilterText.copyValue(node(hello, "tls.record")), "a label field is present: 1");
        assertEquals("Transport Layer Security", FilterText.copyValue(node(hello, "tls")));
        ProtoNode random = node(hello, "tls.handshake.random");
        assertEquals(FieldFormat.hex((byte[]) random.value()), FilterText.copyValue(random));
    }

    /** Every filter the tree offers must compile and match the frame it came from. */
    @Test
    void everyFilterMatchesItsOwnFrame() throws FilterException {
        for (FrameDissection fd : List.of(hello, certificate)) {
            List<String> bad = new ArrayList<>();
            int[] checked = {0};
            fd.root.walk(n -> {
                if (n == fd.root || n.hidden()) return;
                String f = FilterText.of(n, fd.sources());
                if (f == null) return;
                checked[0]++;
                try {
                    if (!DisplayFilter.compile(f).matches(fd)) bad.add("no match: " + f);
                } catch (FilterException e) {
                    bad.add(e.getMessage() + ": " + f);
                }
            });
            assertTrue(checked[0] > 150, "only " + checked[0] + " filters in frame " + fd.number);
            assertEquals(List.of(), bad, "frame " + fd.number);
        }
    }
}
