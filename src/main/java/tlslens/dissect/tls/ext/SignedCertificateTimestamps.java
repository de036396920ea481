package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import java.time.Instant;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.CtLogs;

/**
 * SignedCertificateTimestampList (RFC 6962 section 3.3), as the signed_certificate_timestamp
 * extension of a ServerHello / Certificate entry carries it. Public for the X.509 dissector, whose
 * SCT certificate extension holds the same list.
 */
public final class SignedCertificateTimestamps {
    private SignedCertificateTimestamps() {}

    /**
     * Dissects the list in [off, end). {@code version} is the session's protocol version: like
     * tshark, the SCT signature shows its algorithm only for TLS 1.2, DTLS 1.2 and TLS 1.3.
     */
    public static int dissectList(ProtoNode tree, Tvb tvb, int off, int end, int version) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, SCTS_LEN, 1, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        // tshark walks to the end of the extension, not of the list.
        while (off < end) {
            ProtoNode sub = tree.addText("Signed Certificate Timestamp", tvb, off, 2);
            Vectors.Length sv = Vectors.add(sub, tvb, off, end, SCT_LEN, 1, 0xffff);
            if (!sv.ok()) return end;
            off += 2;
            int next = off + sv.length();
            sub.setLength(2 + sv.length());
            off = dissectSct(sub, tvb.slice(off, next), off, next, version);
            if (!Vectors.end(sub, tvb, off, next)) off = next;
        }
        return off;
    }

    static int dissectSct(ProtoNode tree, Tvb tvb, int off, int end, int version) {
        int sctVersion = tvb.u8(off);
        tree.add(SCT_VERSION, tvb, off, 1);
        off++;
        if (sctVersion != 0) return off;
        tree.add(SCT_LOGID, tvb, off, 32);
        tree.appendText(" (" + CtLogs.nameOrUnknown(tvb.bytes(off, 32)) + ")");
        off += 32;
        if (tvb.has(off, 8)) {
            long ms = tvb.uint(off, 8);
            Instant t = Instant.ofEpochSecond(Long.divideUnsigned(ms, 1000), Long.remainderUnsigned(ms, 1000) * 1_000_000L);
            tree.addValue(SCT_TIMESTAMP, tvb, off, 8, t);
        } else {
            tree.add(SCT_TIMESTAMP, tvb, off, 8);
        }
        off += 8;
        Vectors.Length ext = Vectors.add(tree, tvb, off, end, SCT_EXTS_LEN, 0, 0xffff);
        if (!ext.ok()) return end;
        off += 2;
        if (ext.length() > 0) {
            tree.addValue(SCT_EXTS, tvb, off, ext.length(), null);
            off += ext.length();
        }
        return digitallySigned(tree, tvb, off, end, version);
    }

    /** DigitallySigned: the algorithm (TLS 1.2 and later) and the signature vector. */
    static int digitallySigned(ProtoNode tree, Tvb tvb, int off, int end, int version) {
        if (version == 0x0303 || version == 0xfefd || version == 0x0304) {
            SignatureAlgorithmList.dissectOne(tree, tvb, off);
            off += 2;
        }
        Vectors.Length sig = Vectors.add(tree, tvb, off, end, SCT_SIG_LEN, 0, 0xffff);
        if (!sig.ok()) return end;
        off += 2;
        tree.add(SCT_SIG, tvb, off, sig.length());
        return off + sig.length();
    }
}
