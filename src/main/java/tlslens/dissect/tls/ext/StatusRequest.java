package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.x509.OcspDissector;

/**
 * status_request (5) and status_request_v2 (17) requests, and the CertificateStatus body that a
 * TLS 1.3 Certificate entry's status_request carries (also the TLS 1.2 CertificateStatus message).
 */
public final class StatusRequest {
    private StatusRequest() {}

    static final String UNDECODED_TAIL = " not implemented, contact Wireshark developers if you want this to be supported";

    /** CertificateStatusRequest (v2 items carry a 2-byte request_length after the type). */
    static int request(ProtoNode tree, Tvb tvb, int off, int end, boolean hasLength) {
        int type = tvb.u8(off);
        tree.add(STATUS_TYPE, tvb, off, 1);
        off++;
        if (hasLength) {
            tree.add(STATUS_REQUEST_LEN, tvb, off, 2);
            off += 2;
        }
        if (type == 1 || type == 2) {
            Vectors.Length ids = Vectors.add(tree, tvb, off, end, STATUS_RESPONDER_IDS_LEN, 0, 0xffff);
            if (!ids.ok()) return end;
            off += 2;
            if (ids.length() != 0) {
                tree.addExpert(TlsExperts.STATUS_REQUEST_UNDECODED, tvb, off, ids.length(),
                        "Responder ID list is" + UNDECODED_TAIL);
            }
            off += ids.length();
            Vectors.Length exts = Vectors.add(tree, tvb, off, end, STATUS_EXTS_LEN, 0, 0xffff);
            if (!exts.ok()) return end;
            off += 2;
            if (exts.length() != 0) {
                tree.addExpert(TlsExperts.STATUS_REQUEST_UNDECODED, tvb, off, exts.length(),
                        "Request Extensions are" + UNDECODED_TAIL);
            }
            off += exts.length();
        }
        return off;
    }

    /** CertificateStatusRequestItemV2 certificate_status_req_list&lt;1..2^16-1&gt;. */
    static int requestV2(ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, STATUS_LIST_LEN, 1, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        while (off < next) {
            int before = off;
            off = request(tree, tvb, off, next, true);
            if (off <= before) break;
        }
        return off;
    }

    /**
     * CertificateStatus: the status type, then one OCSPResponse (ocsp) or an OCSPResponseList
     * (ocsp_multi). The OCSP response is shown as one "OCSP Response" item.
     */
    public static int certificateStatus(ProtoNode tree, Tvb tvb, int off, int end) {
        int type = tvb.u8(off);
        tree.add(STATUS_TYPE, tvb, off, 1);
        off++;
        if (type == 1) return ocspResponse(tree, tvb, off, end);
        if (type == 2) {
            Vectors.Length v = Vectors.add(tree, tvb, off, end, OCSP_RESPONSE_LIST_LEN, 1, 0xffffff);
            if (!v.ok()) return end;
            off += 3;
            int next = off + v.length();
            while (off < next) {
                int before = off;
                off = ocspResponse(tree, tvb, off, next);
                if (off <= before) break;
            }
        }
        return off;
    }

    static int ocspResponse(ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, OCSP_RESPONSE_LEN, 1, 0xffffff);
        if (!v.ok()) return end;
        off += 3;
        ProtoNode n = tree.addValue(OCSP_RESPONSE, tvb, off, v.length(), tvb.bytes(off, v.length()), "OCSP Response");
        // A TLS 1.3 CertificateEntry staples its OCSP response here; tshark shows its tree too.
        OcspDissector.dissect(n, tvb, off, v.length());
        return off + v.length();
    }
}
