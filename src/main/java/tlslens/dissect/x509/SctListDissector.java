package tlslens.dissect.x509;

import java.time.Instant;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.names.CtLogs;
import tlslens.dissect.tls.names.SignatureAndHashFields;

/**
 * A SignedCertificateTimestampList (RFC 6962 3.3), the TLS-encoded list found both in the X.509
 * extension 1.3.6.1.4.1.11129.2.4.2 and in the TLS signed_certificate_timestamp extension; tshark
 * shows both with the same tls.sct.* items.
 */
public final class SctListDissector {
    private SctListDissector() {}

    /** Adds the list in tvb[off, off+len) under parent. Never throws. */
    public static void dissect(ProtoNode parent, Tvb tvb, int off, int len) {
        try {
            list(parent, tvb, off, Math.max(0, Math.min(len, tvb.available(off, len))));
        } catch (RuntimeException e) {
            parent.malformed(tvb, off, len, "SCT list: " + e);
        }
    }

    private static void list(ProtoNode parent, Tvb tvb, int off, int len) {
        int end = off + len;
        if (len < 2) {
            parent.malformed(tvb, off, len, "SCT list shorter than its length field");
            return;
        }
        int listLen = tvb.u16(off);
        parent.add(X509Fields.SCT_LIST_LENGTH, tvb, off, 2);
        int p = off + 2;
        int listEnd = p + listLen;
        if (listEnd > end) {
            parent.malformed(tvb, p, end - p, "SCT list length " + listLen + " exceeds the " + (end - p)
                    + " bytes present");
            listEnd = end;
        }
        while (p < listEnd) {
            if (listEnd - p < 2) {
                parent.malformed(tvb, p, listEnd - p, "truncated SCT length");
                return;
            }
            int sctLen = tvb.u16(p);
            int sctEnd = p + 2 + sctLen;
            boolean cut = sctEnd > listEnd;
            if (cut) sctEnd = listEnd;
            ProtoNode sct = parent.addText("Signed Certificate Timestamp", tvb, p, sctEnd - p);
            sct.add(X509Fields.SCT_LENGTH, tvb, p, 2);
            if (cut) sct.malformed(tvb, p + 2, sctEnd - p - 2, "SCT length " + sctLen + " exceeds the list");
            String log = sct(sct, tvb, p + 2, sctEnd);
            sct.setText("Signed Certificate Timestamp (" + log + ")");
            p = sctEnd;
        }
    }

    /** One SCT body in [p, end); returns the log's name for the item text. */
    private static String sct(ProtoNode n, Tvb tvb, int p, int end) {
        if (!fits(n, tvb, p, 1, end, "SCT version")) return "Unknown Log";
        int version = tvb.u8(p);
        n.add(X509Fields.SCT_VERSION, tvb, p, 1);
        p++;
        if (version != 0) return "Unknown Log";
        if (!fits(n, tvb, p, 32, end, "Log ID")) return "Unknown Log";
        String log = CtLogs.nameOrUnknown(tvb.bytes(p, 32));
        n.add(X509Fields.SCT_LOG_ID, tvb, p, 32);
        p += 32;
        if (!fits(n, tvb, p, 8, end, "timestamp")) return log;
        long ms = tvb.uint(p, 8);
        Instant ts = ms >= 0 && ms < 253402300800000L ? Instant.ofEpochMilli(ms) : Instant.EPOCH;
        n.addValue(X509Fields.SCT_TIMESTAMP, tvb, p, 8, ts);
        p += 8;
        if (!fits(n, tvb, p, 2, end, "extensions length")) return log;
        int extLen = tvb.u16(p);
        n.add(X509Fields.SCT_EXTENSIONS_LENGTH, tvb, p, 2);
        p += 2;
        if (extLen > 0) {
            if (!fits(n, tvb, p, extLen, end, "extensions")) return log;
            n.addValue(X509Fields.SCT_EXTENSIONS, tvb, p, extLen, null);
            p += extLen;
        }
        if (!fits(n, tvb, p, 2, end, "signature algorithm")) return log;
        ProtoNode alg = n.add(SignatureAndHashFields.ALGORITHM, tvb, p, 2);
        alg.add(SignatureAndHashFields.HASH, tvb, p, 1);
        alg.add(SignatureAndHashFields.SIGNATURE, tvb, p + 1, 1);
        p += 2;
        if (!fits(n, tvb, p, 2, end, "signature length")) return log;
        int sigLen = tvb.u16(p);
        n.add(X509Fields.SCT_SIGNATURE_LENGTH, tvb, p, 2);
        p += 2;
        if (!fits(n, tvb, p, sigLen, end, "signature")) return log;
        n.add(X509Fields.SCT_SIGNATURE, tvb, p, sigLen);
        p += sigLen;
        if (p < end) n.malformed(tvb, p, end - p, "unexpected data after the SCT signature");
        return log;
    }

    private static boolean fits(ProtoNode n, Tvb tvb, int p, int len, int end, String what) {
        if (p + len <= end && tvb.has(p, len)) return true;
        n.malformed(tvb, p, Math.max(0, end - p), "SCT " + what + " runs past the end of the SCT");
        return false;
    }
}
