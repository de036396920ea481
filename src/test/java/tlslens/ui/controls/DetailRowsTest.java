package tlslens.ui.controls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import tlslens.cli.Cli;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;

/** The rows of the detail tree (no scene needed): order, wording, expert rows, paths. */
@UsesPublicCaptures
class DetailRowsTest {

    /** Fully opened, the tree reads exactly like `tlslens -V` (itself checked against tshark -V). */
    @ParameterizedTest
    @CsvSource({"zeek_tls12-decryption.pcap, 4", "zeek_hrr.pcap, 9", "zeek_hrr.pcap, 18", "zeek_client-certificate.pcap, 11"})
    void fullyOpenedTreeReadsLikeTsharkV(String capture, int frame) {
        FrameDissection fd = CaptureFrames.frame(capture, frame);
        fd.displayedAfter(null); // shown alone, as -Y frame.number==N shows it (and the window for a first row)
        DetailRows rows = new DetailRows(fd);
        StringBuilder tree = new StringBuilder();
        for (ProtoNode n : rows.children(fd.root)) render(rows, n, 0, tree);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Cli.run(new String[] {"-r", CaptureFrames.capture(capture).toString(), "-V", "-Y", "frame.number==" + frame},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        String cli = out.toString(StandardCharsets.UTF_8).replaceAll("\n+$", "\n");
        assertEquals(cli, tree.toString());
    }

    private static void render(DetailRows rows, ProtoNode n, int depth, StringBuilder sb) {
        sb.append("    ".repeat(depth)).append(n.text()).append('\n');
        assertEquals(!rows.children(n).isEmpty(), rows.hasChildren(n), n.text());
        for (ProtoNode c : rows.children(n)) {
            assertSame(n, rows.parent(c));
            render(rows, c, depth + 1, sb);
        }
    }

    @Test
    void expertNotesBecomeRowsUnderTheirItem() {
        // tshark: frame 11 is "[TCP Out-Of-Order]", a note on its "[TCP Analysis Flags]" item.
        FrameDissection fd = CaptureFrames.frame("zeek_hrr.pcap", 11);
        DetailRows rows = new DetailRows(fd);
        ProtoNode ooo = CaptureFrames.node(fd, "tcp.analysis.flags");
        assertEquals(Severity.WARN, rows.severity(ooo));
        List<ProtoNode> kids = rows.children(ooo);
        assertEquals(1, kids.size());
        ProtoNode item = kids.get(0);
        assertSame(item, rows.children(ooo).get(0), "the same row object every time");
        assertEquals("[Expert Info (Warning/Sequence): This frame is a (suspected) out-of-order segment]", item.text());
        assertEquals(ExpertRow.Part.ITEM, rows.expertRow(item).part());
        assertEquals(List.of("[This frame is a (suspected) out-of-order segment]", "[Severity level: Warning]", "[Group: Sequence]"),
                rows.children(item).stream().map(ProtoNode::text).toList());
        assertSame(ooo, rows.parent(item));
        ProtoNode group = rows.children(item).get(2);
        assertEquals(ExpertRow.Part.GROUP, rows.expertRow(group).part());
        List<ProtoNode> path = rows.pathTo(group);
        assertEquals(List.of("tcp", "tcp.analysis", "tcp.analysis.flags"),
                path.subList(0, 3).stream().map(n -> n.field.abbrev).toList());
        assertEquals(5, path.size());
        assertEquals(0, item.length(), "expert items have no bytes of their own, as in Wireshark");
        assertNull(rows.expertRow(ooo));
    }

    @Test
    void aRetransmissionsNoteComesBeforeItsRtoAsInWireshark() {
        FrameDissection fd = CaptureFrames.frame("zeek_tls1_1.pcap", 19);
        DetailRows rows = new DetailRows(fd);
        ProtoNode flags = CaptureFrames.node(fd, "tcp.analysis.flags");
        List<ProtoNode> kids = rows.children(flags);
        assertEquals(3, kids.size());
        assertEquals("[Expert Info (Note/Sequence): This frame is a (suspected) retransmission]", kids.get(0).text());
        assertEquals(List.of("tcp.analysis.rto", "tcp.analysis.rto_frame"),
                kids.subList(1, 3).stream().map(n -> n.field.abbrev).toList());
    }

    @Test
    void hiddenItemsAreNotShown() {
        FrameDissection fd = CaptureFrames.frame("zeek_tls12-decryption.pcap", 4);
        DetailRows rows = new DetailRows(fd);
        ProtoNode ip = CaptureFrames.node(fd, "ip");
        assertTrue(ip.children().stream().anyMatch(ProtoNode::hidden), "ip.addr is hidden");
        assertTrue(rows.children(ip).stream().noneMatch(ProtoNode::hidden));
        ProtoNode ipAddr = CaptureFrames.node(fd, "ip.addr");
        assertNull(rows.pathTo(ipAddr));
        assertFalse(rows.firstVisible("ip.src").hidden());
        assertNull(rows.firstVisible("ip.addr"), "only hidden ones");
        assertNull(rows.pathTo(CaptureFrames.node(CaptureFrames.frame("zeek_hrr.pcap", 9), "tcp")), "another frame's node");
    }

    @Test
    void pathsNameSubtreesAcrossFrames() {
        FrameDissection hello = CaptureFrames.frame("zeek_tls12-decryption.pcap", 4);
        DetailRows rows = new DetailRows(hello);
        ProtoNode extension = CaptureFrames.labelled(hello, "Extension: server_name");
        assertNull(extension.field, "a text-only item");
        assertEquals("Extension: server_name (len=#)", ExpansionMemory.key(extension, null));
        assertEquals("tls.handshake", ExpansionMemory.key(CaptureFrames.node(hello, "tls.handshake"), null));
        String path = "";
        for (ProtoNode n : rows.pathTo(extension)) path = ExpansionMemory.child(path, ExpansionMemory.key(n, rows.expertRow(n)));
        assertEquals("tls/tls.record/tls.handshake/Extension: server_name (len=#)", path);

        ExpansionMemory memory = new ExpansionMemory();
        memory.set("tls", true);
        memory.set("tls/tls.record", true);
        memory.set("tls/tls.record/tls.handshake", true);
        memory.set("tcp", true);
        memory.closeBelow("tls/tls.record");
        assertTrue(memory.isOpen("tls"));
        assertTrue(memory.isOpen("tcp"));
        assertFalse(memory.isOpen("tls/tls.record"));
        assertFalse(memory.isOpen("tls/tls.record/tls.handshake"));
        memory.set("tcp", false);
        assertEquals(1, memory.size());
    }

    @Test
    void malformedItemsAreRecognised() {
        ProtoNode root = ProtoNode.root();
        ProtoNode tls = root.child(new ProtoNode(null, null, "Transport Layer Security", 0, 0, 4));
        ProtoNode bad = tls.malformed(new tlslens.dissect.Tvb(new byte[4], 0), 0, 4, "record too short");
        assertTrue(DetailRows.isMalformed(bad));
        assertFalse(DetailRows.isMalformed(tls));
        FrameDissection fd = new FrameDissection(1, java.time.Instant.EPOCH, new byte[4]);
        fd.root.child(tls);
        DetailRows rows = new DetailRows(fd);
        assertEquals(Severity.ERROR, rows.severity(bad));
        ProtoNode item = rows.children(bad).get(0);
        assertEquals("[Expert Info (Error/Malformed): record too short]", item.text());
        assertNotNull(rows.pathTo(item));
    }
}
