package tlslens.dissect.x509;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * Hostile input: every prefix and thousands of random mutations of real certificates and OCSP
 * responses decode quickly, never throw, and never hit the last-resort exception handler (whose
 * messages would show a bug). Items stay inside the buffer.
 */
class DerRobustnessTest {
    private static final List<String> BUG_MARKERS = List.of("could not be decoded", "extension value: ",
            "SCT list: ");

    private static List<byte[]> certificates() throws Exception {
        List<byte[]> out = new ArrayList<>();
        out.add(TestCerts.server(TestCerts.ec("secp256r1"), TestCerts.NOT_AFTER).getEncoded());
        out.add(TestCerts.ca(TestCerts.rsa(1024)).getEncoded());
        // A real certificate with SCTs, policies, CRL points and more.
        CaptureStreams.Found f = CaptureStreams.scan(X509GoldenTest.CAPTURES.resolve("zeek_tls12-decryption.pcap"));
        assertTrue(!f.certificates().isEmpty(), "no certificate found in zeek_tls12-decryption.pcap");
        for (String hex : f.certificates()) out.add(HexFormat.of().parseHex(hex));
        return out;
    }

    private static List<byte[]> ocspResponses() throws Exception {
        OcspDissectorTest.make();
        List<byte[]> out = new ArrayList<>(List.of(OcspDissectorTest.der, OcspDissectorTest.byKeyDer));
        CaptureStreams.Found f = CaptureStreams.scan(X509GoldenTest.CAPTURES.resolve("zeek_ocsp-stapling.pcap"));
        for (String hex : f.ocspResponses()) out.add(HexFormat.of().parseHex(hex));
        assertTrue(out.size() >= 3, "no OCSP response found in zeek_ocsp-stapling.pcap");
        return out;
    }

    @Test
    @UsesPublicCaptures
    void everyPrefixDecodes() throws Exception {
        List<byte[]> certs = certificates();
        List<byte[]> ocsp = ocspResponses();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (byte[] der : certs) {
                for (int n = 0; n <= der.length; n++) check(der, n, true);
            }
            for (byte[] der : ocsp) {
                for (int n = 0; n <= der.length; n++) check(der, n, false);
            }
        });
    }

    @Test
    @UsesPublicCaptures
    void randomMutationsDecode() throws Exception {
        List<byte[]> inputs = new ArrayList<>(certificates());
        int certCount = inputs.size();
        inputs.addAll(ocspResponses());
        Random rnd = new Random(0x509);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 2000; i++) {
                int which = rnd.nextInt(inputs.size());
                byte[] m = mutate(inputs.get(which), rnd);
                check(m, m.length, which < certCount);
                check(m, m.length, which >= certCount); // the other decoder must cope as well
            }
        });
    }

    /** Flips, overwrites, inserts or removes a few bytes; lengths are favourite targets. */
    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int p = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0 -> b[p] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[p] = (byte) rnd.nextInt(256);
                case 2 -> b[p] = (byte) (rnd.nextBoolean() ? 0xff : 0x80 | rnd.nextInt(8)); // long/indefinite lengths
                case 3 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, p);
                    c[p] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, p, c, p + 1, b.length - p);
                    b = c;
                }
                default -> {
                    if (b.length > 1) {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, p);
                        System.arraycopy(b, p + 1, c, p, b.length - p - 1);
                        b = c;
                    }
                }
            }
        }
        return b;
    }

    private static void check(byte[] der, int len, boolean cert) {
        // Offset the data inside a larger buffer so absolute offsets are exercised too.
        byte[] buf = new byte[len + 7];
        System.arraycopy(der, 0, buf, 3, len);
        Tvb tvb = new Tvb(buf, 0, 3, 3 + len);
        ProtoNode root = ProtoNode.root();
        if (cert) {
            CertificateDissector.dissect(root, tvb, 3, len);
            CertificateDissector.summary(tvb, 3, len);
        } else {
            OcspDissector.dissect(root, tvb, 3, len);
        }
        root.walk(n -> {
            if (n == root) return;
            String t = n.text();
            for (String bug : BUG_MARKERS) {
                if (t.contains(bug)) throw new AssertionError("internal error on a " + len + "-byte input: " + t);
            }
            if (!n.generated()) {
                assertTrue(n.offset >= 3 && n.offset + n.length() <= 3 + len,
                        t + " at " + n.offset + "+" + n.length() + " outside [3," + (3 + len) + ")");
            }
        });
    }

    @Test
    void deepNestingAndHugeLengthsAreBounded() {
        // A SEQUENCE claiming 2 GB, nested SEQUENCEs, a 5-byte length: all rejected or clamped quickly.
        byte[] huge = {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x30, 0x00};
        byte[] deep = new byte[2000];
        for (int i = 0; i < deep.length; i += 2) {
            deep[i] = 0x30;
            deep[i + 1] = (byte) 0x80; // indefinite length is not DER
        }
        byte[] fiveByteLength = {0x30, (byte) 0x85, 0, 0, 0, 0, 1, 0};
        for (byte[] b : List.of(huge, deep, fiveByteLength)) {
            check(b, b.length, true);
            check(b, b.length, false);
        }
        ProtoNode root = ProtoNode.root();
        CertificateDissector.dissect(root, new Tvb(huge, 0), 0, huge.length);
        assertTrue(!root.find("_ws.malformed").isEmpty(), "a 2 GB length is reported");
        assertEquals(0, Der.count(new Tvb(deep, 0), 0, 0));
    }

    @Test
    @UsesPublicCaptures
    void capturesAreWhereTheTestsExpect() {
        assertTrue(PublicCaptures.DIR.resolve("zeek_ocsp-stapling.pcap").toFile().exists(),
                "public captures missing: run from the repository root");
    }
}
