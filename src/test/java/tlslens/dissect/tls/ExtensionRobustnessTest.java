package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.ext.ExtensionDissector;

/**
 * Bad input never escapes: every prefix and thousands of random mutations of the largest real
 * ClientHello extension block (and of the synthetic messages with sixty-odd types) dissect without
 * an exception inside the dissector, quickly, and never report reading past the data.
 */
class ExtensionRobustnessTest {

    /** The largest extension block among the ClientHellos of ja4_latest.pcapng, from its length on. */
    static byte[] bigClientHelloBlock() throws Exception {
        byte[] best = null;
        for (ExtensionCaptureHellos.Hello h : ExtensionCaptureHellos.read(
                ExtensionTsharkAgreementTest.CAPTURES.resolve("ja4_latest.pcapng"))) {
            if (h.type() != 1 || h.extOffset() < 0) continue;
            byte[] b = Arrays.copyOfRange(h.body(), h.extOffset(), h.body().length);
            if (best == null || b.length > best.length) best = b;
        }
        assertTrue(best != null && best.length > 300, "no big ClientHello found");
        return best;
    }

    static List<String> failures = new ArrayList<>();

    /** Dissects data[0..len) as a block in a buffer with neighbours, checking what came out. */
    static void check(byte[] data, int len, int type, String what) {
        // Surround the block with bytes the dissector must not touch.
        byte[] buf = new byte[len + 8];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(data, 0, buf, 4, len);
        Tvb tvb = new Tvb(buf, 0);
        ProtoNode root = ProtoNode.root();
        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        int end = ExtensionDissector.dissect(root, tvb, 4, 4 + len, type, h);
        if (end < 4 || end > 4 + len) failures.add(what + ": returned " + end);
        root.walk(n -> {
            String t = n.text();
            if (t.contains("dissector failed")) failures.add(what + ": " + t);
            if (n.offset < 0 || n.offset + n.length() > 4 + len && n.length() > 0) {
                failures.add(what + ": node past the block: " + t + " @" + n.offset + "+" + n.length());
            }
        });
        ExtensionTreeText.render(root);
    }

    @Test
    @UsesPublicCaptures
    void everyPrefixAndRandomMutationDissectsQuietly() throws Exception {
        failures = new ArrayList<>();
        byte[] block = bigClientHelloBlock();
        long start = System.nanoTime();
        for (int len = 0; len <= block.length; len++) {
            for (int type : new int[] {1, 2, 6, 8, 11, 13, 4}) check(block, len, type, "prefix " + len + " type " + type);
        }
        Random rnd = new Random(20240611L);
        for (int i = 0; i < 2000; i++) {
            byte[] m = block.clone();
            int edits = 1 + rnd.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(m.length);
                switch (rnd.nextInt(4)) {
                    case 0 -> m[at] = (byte) rnd.nextInt(256);
                    case 1 -> m[at] = 0;
                    case 2 -> m[at] = (byte) 0xff;
                    default -> m[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(m.length + 1) : m.length;
            check(m, len, new int[] {1, 2, 6, 8, 11, 13, 4}[rnd.nextInt(7)], "mutation " + i);
        }
        for (ExtensionBytes.Message msg : ExtensionSyntheticTsharkTest.messages()) {
            byte[] b = msg.body();
            int off = msg.type() == 1 ? ExtensionBytes.clientHelloExtOffset()
                    : msg.type() == 2 ? ExtensionBytes.serverHelloExtOffset() : 0;
            byte[] blk = Arrays.copyOfRange(b, off, b.length);
            for (int i = 0; i < 400; i++) {
                byte[] m = blk.clone();
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                check(m, m.length, msg.type(), "synthetic mutation " + i);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
        assertTrue(ms < 30_000, "too slow: " + ms + " ms");
    }
}
