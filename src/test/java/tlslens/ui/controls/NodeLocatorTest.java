package tlslens.ui.controls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/** Which tree item a click on a byte selects. */
@UsesPublicCaptures
class NodeLocatorTest {

    @Test
    void aByteOfTheServerNameSelectsTheServerName() {
        FrameDissection fd = CaptureFrames.frame("zeek_tls12-decryption.pcap", 4);
        ProtoNode sni = CaptureFrames.node(fd, "tls.handshake.extensions_server_name");
        for (int i = 0; i < sni.length(); i++) assertSame(sni, NodeLocator.deepestAt(fd.root, 0, sni.offset + i));
        // The byte before it is the name's length, a sibling of the name.
        assertEquals("tls.handshake.extensions_server_name_len",
                NodeLocator.deepestAt(fd.root, 0, sni.offset - 1).field.abbrev);
    }

    @Test
    void agreesWithABruteForceSearchOnEveryByte() {
        for (FrameDissection fd : new FrameDissection[] {
                CaptureFrames.frame("zeek_tls12-decryption.pcap", 4),
                CaptureFrames.frame("zeek_client-certificate.pcap", 11)}) {
            for (int s = 0; s < fd.sources().size(); s++) {
                for (int off = 0; off < fd.sources().get(s).length(); off++) {
                    ProtoNode got = NodeLocator.deepestAt(fd.root, s, off);
                    int want = deepest(fd.root, -1, s, off, false);
                    assertEquals(want, got == null ? -1 : depth(fd, got), "source " + s + " offset " + off);
                    if (got != null) {
                        assertTrue(NodeLocator.covers(got, s, off));
                        for (ProtoNode p = got; p != fd.root; p = p.parent()) assertTrue(!p.hidden(), "shown");
                    }
                }
            }
        }
    }

    /** Depth of the deepest shown, non-generated node covering the byte (-1: none). */
    private static int deepest(ProtoNode n, int depth, int s, int off, boolean hiddenAbove) {
        boolean hidden = hiddenAbove || n.hidden();
        int best = !hidden && depth >= 0 && NodeLocator.covers(n, s, off) ? depth : -1;
        for (ProtoNode c : n.children()) best = Math.max(best, deepest(c, depth + 1, s, off, hidden));
        return best;
    }

    private static int depth(FrameDissection fd, ProtoNode n) {
        int d = -1;
        for (ProtoNode p = n; p != fd.root; p = p.parent()) d++;
        return d;
    }

    @Test
    void aByteOfAReassembledBufferSelectsInThatBuffer() {
        FrameDissection fd = CaptureFrames.frame("zeek_client-certificate.pcap", 11);
        ProtoNode cert = CaptureFrames.node(fd, "tls.handshake.certificate");
        ProtoNode n = NodeLocator.deepestAt(fd.root, 1, cert.offset + 200);
        assertEquals(1, n.source);
        boolean underCert = false;
        for (ProtoNode p = n; p != null; p = p.parent()) underCert |= p == cert;
        assertTrue(underCert, n.text() + " is inside the first certificate");
        assertNull(NodeLocator.deepestAt(fd.root, 1, fd.sources().get(1).length()), "past the end");
        assertNull(NodeLocator.deepestAt(fd.root, 7, 0), "no such source");
    }

    @Test
    void skipsHiddenAndGeneratedItemsAndPrefersTheLastOfEqualDepth() {
        ProtoNode root = ProtoNode.root();
        ProtoNode proto = root.child(new ProtoNode(null, null, "Proto", 0, 0, 10));
        ProtoNode hidden = proto.child(new ProtoNode(null, null, "hidden", 0, 2, 2)).setHidden(true);
        hidden.child(new ProtoNode(null, null, "under hidden", 0, 2, 1));
        proto.child(new ProtoNode(null, null, "[generated]", 0, 4, 2)).setGenerated(true);
        ProtoNode first = proto.child(new ProtoNode(null, null, "first", 0, 6, 2));
        ProtoNode second = proto.child(new ProtoNode(null, null, "second", 0, 7, 2));
        assertSame(proto, NodeLocator.deepestAt(root, 0, 2));
        assertSame(proto, NodeLocator.deepestAt(root, 0, 4));
        assertSame(first, NodeLocator.deepestAt(root, 0, 6));
        assertSame(second, NodeLocator.deepestAt(root, 0, 7), "overlap: the later item, as Wireshark");
        assertNull(NodeLocator.deepestAt(root, 0, 10));
    }
}
