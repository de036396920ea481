package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.Expert;
import tlslens.dissect.FieldIndex;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.RobustnessTest;
import tlslens.dissect.ip.IpFields;
import tlslens.dissect.link.LinkFields;
import tlslens.dissect.tcp.TcpFields;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * A sparse tree that keeps no field of frame, eth, ip or tcp skips their items wholesale
 * (ProtoNode.keepsAnyOf) instead of leaving each out: the frames come out as when each item is
 * left out on its own (one field of each protocol kept stops the skipping): the same columns,
 * flags, kept items and expert notes, on every capture of ours.
 */
class SkippedProtocolsTest {
    private static final List<String> SKIPPING = List.of("tls.handshake.type", "tls.record.content_type");
    /** One field of each protocol more: nothing is skipped, each item is looked up. */
    private static final List<String> ITEM_BY_ITEM = List.of("tls.handshake.type", "tls.record.content_type",
            "frame.marked", "eth.lg", "ip.flags.rb", "tcp.urgent_pointer");

    @Test
    void skippingProtocolsKeepsWhatLeavingOutItemByItemKeeps() throws Exception {
        int frames = 0;
        for (Path cap : RobustnessTest.captures()) {
            TlsSecrets secrets = RobustnessTest.secretsBeside(cap);
            frames += compare(cap, secrets);
        }
        assertTrue(frames > 1000, "frames checked: " + frames);
    }

    @Test
    void aProtocolIsSkippedOnlyWhenNoneOfItsFieldsIsKept() {
        FieldIndex kept = new FieldIndex(Map.of("tcp.srcport", 0, "ipv6.src", 0, "tls.handshake.type", 0));
        assertTrue(kept.anyOf(TcpFields.TCP));
        assertFalse(kept.anyOf(IpFields.IP), "ipv6.src is no field of ip");
        assertFalse(kept.anyOf(LinkFields.ETH));
        assertTrue(new FieldIndex(Map.of(), f -> { }).anyOf(LinkFields.ETH), "each item asked about must be told");
        assertTrue(ProtoNode.root().keepsAnyOf(TcpFields.TCP), "a whole tree keeps everything");
    }

    private static int compare(Path cap, TlsSecrets secrets) throws Exception {
        List<String> skipping = dissect(cap, secrets, SKIPPING), itemByItem = dissect(cap, secrets, ITEM_BY_ITEM);
        assertEquals(itemByItem.size(), skipping.size(), cap.toString());
        for (int i = 0; i < skipping.size(); i++) assertEquals(itemByItem.get(i), skipping.get(i), cap + " frame " + (i + 1));
        return skipping.size();
    }

    /** Each frame as text: its summary and the kept TLS items and every note, in tree order. */
    private static List<String> dissect(Path cap, TlsSecrets secrets, List<String> keep) throws Exception {
        List<String> out = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(cap)) {
            Engine engine = new Engine(secrets).interfaces(r.interfaces()).detail(false).lean(true).keepOnly(keep);
            RawFrame raw;
            while ((raw = r.next()) != null) {
                FrameDissection fd = engine.dissect(raw);
                StringBuilder sb = new StringBuilder(fd.summary(raw.originalLength()).toString());
                sb.append(" protocols=").append(fd.context().protocols());
                walk(fd.root, sb);
                out.add(sb.toString());
            }
        } catch (tlslens.capture.CaptureException e) {
            return out; // no capture (a test file of bad input)
        }
        return out;
    }

    private static void walk(ProtoNode n, StringBuilder sb) {
        if (n.field != null && n.field.abbrev.startsWith("tls.")) sb.append(' ').append(n.field.abbrev).append('=').append(n.value());
        for (Expert e : n.experts()) sb.append(" [").append(e.message()).append(' ').append(e.severity()).append(']');
        for (ProtoNode c = n.firstChild(); c != null; c = c.nextSibling()) walk(c, sb);
    }
}
