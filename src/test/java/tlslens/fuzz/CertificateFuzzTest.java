package tlslens.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.x509.CertificateDissector;
import tlslens.dissect.x509.OcspDissector;

/** X.509 certificates (first byte even) and OCSP responses (odd), as DER after the first byte. */
class CertificateFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void certificateOrOcsp(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length < 1) return;
        boolean ocsp = (data[0] & 1) != 0;
        FuzzContract.twice(data.length, FuzzContract.Bounds.DISSECTOR, () -> {
            ProtoNode root = ProtoNode.root();
            Tvb tvb = new Tvb(data, 0);
            if (ocsp) {
                OcspDissector.dissect(root, tvb, 1, data.length - 1);
                return FuzzContract.tree(root);
            }
            CertificateDissector.dissect(root, tvb, 1, data.length - 1);
            return FuzzContract.tree(root) + CertificateDissector.summary(tvb, 1, data.length - 1);
        });
    }
}
