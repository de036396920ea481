package tlslens.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.ext.ExtensionDissector;

/**
 * Each extension body: {@code [handshake type][extension type, 2 bytes][body]} becomes an extension
 * block of that one extension, dissected as in that handshake message, between bytes it must not read.
 */
class ExtensionFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void extensionBody(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length < 3) return;
        int hsType = data[0] & 0xff;
        int body = Math.min(data.length - 3, 0xffff - 4);
        byte[] buf = new byte[4 + 2 + 4 + body + 4];
        java.util.Arrays.fill(buf, (byte) 0x5a);
        int at = 4;
        buf[at] = (byte) ((body + 4) >> 8);
        buf[at + 1] = (byte) (body + 4);
        buf[at + 2] = data[1];
        buf[at + 3] = data[2];
        buf[at + 4] = (byte) (body >> 8);
        buf[at + 5] = (byte) body;
        System.arraycopy(data, 3, buf, at + 6, body);
        int end = at + 6 + body;
        FuzzContract.twice(data.length, FuzzContract.Bounds.DISSECTOR, () -> {
            ProtoNode root = ProtoNode.root();
            HelloInfo h = new HelloInfo(hsType == 2 ? HelloInfo.Kind.SERVER_HELLO : HelloInfo.Kind.CLIENT_HELLO);
            int stop = ExtensionDissector.dissect(root, new Tvb(buf, 0), at, end, hsType, h);
            if (stop < at || stop > end) throw new AssertionError("returned " + stop + " for a block [" + at + ", " + end + ")");
            String t = FuzzContract.tree(root);
            root.walk(n -> {
                if (n.length() > 0 && (n.offset < at || n.offset + n.length() > end)) {
                    throw new AssertionError("item outside the block: " + n.text() + " @" + n.offset + "+" + n.length());
                }
            });
            root.walk(n -> { // an exception the dissector caught: judged on its note, which input text cannot make
                for (var e : n.experts()) {
                    if (e.def() == tlslens.dissect.Malformed.EXCEPTION && e.message().startsWith("TLS extension dissector failed: ")) {
                        throw new AssertionError(t);
                    }
                }
            });
            return t;
        });
    }
}
