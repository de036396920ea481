package tlslens.dissect.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.fuzz.FuzzContract;
import tlslens.ui.follow.FollowStreamModel;

/**
 * Follow TLS Stream's views on decrypted application data: chunks {@code [direction][length, 2 bytes][bytes]}
 * as decrypted records; the client's first bytes decide HTTP/2 (frame list) or HTTP/1 text / hex.
 */
class FollowStreamFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void followStream(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        FuzzContract.twice(data.length, FuzzContract.Bounds.DISSECTOR, () -> {
            TlsConnection tls = new TlsConnection(0, null, true);
            int i = 0, frame = 1;
            while (i + 3 <= data.length) {
                int len = Math.min(((data[i + 1] & 0xff) << 8) | (data[i + 2] & 0xff), data.length - i - 3);
                tls.plaintext().add(data[i] & 1, frame++, java.util.Arrays.copyOfRange(data, i + 3, i + 3 + len));
                i += 3 + len;
            }
            FollowStreamModel m = FollowStreamModel.of(0, tls);
            StringBuilder sb = new StringBuilder(m.status()).append(m.isHttp2()).append('\n').append(m.summary());
            for (FollowStreamModel.Block b : m.blocks()) sb.append(b.side()).append(b.frame()).append(' ').append(b.text());
            return sb.toString();
        });
    }
}
