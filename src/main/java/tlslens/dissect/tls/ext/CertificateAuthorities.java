package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.Vectors;

/**
 * DistinguishedName lists (certificate_authorities extension, TLS 1.2 CertificateRequest) and
 * oid_filters (RFC 8446 section 4.2.5).
 */
public final class CertificateAuthorities {
    private CertificateAuthorities() {}

    /** tshark stops adding names to the tree after this many (Wireshark issue 16202). */
    static final int MAX_NAMES = 100;

    /** DistinguishedName authorities&lt;0..2^16-1&gt;; returns the offset after the list. */
    public static int dissect(ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, DNAMES_LEN, 0, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        if (v.length() == 0) return off;
        ProtoNode sub = tree.addValue(DNAMES, tvb, off, v.length(), null,
                "Distinguished Names (" + v.length() + " byte" + Vectors.plural(v.length()) + ")");
        int count = MAX_NAMES;
        while (off < next) {
            if (count-- == 0) {
                sub.addValue(DNAMES_TRUNCATED, tvb, off, next - off, null, "Tree view truncated").setGenerated(true);
                return next;
            }
            Vectors.Length n = Vectors.add(sub, tvb, off, next, DNAME_LEN, 1, 0xffff);
            if (!n.ok()) return next;
            off += 2;
            addDistinguishedName(sub, tvb, off, n.length());
            off += n.length();
        }
        return off;
    }

    /** One DER DistinguishedName: "Distinguished Name: (id-at-commonName=...)" with the RDN sequence below, as tshark. */
    public static ProtoNode addDistinguishedName(ProtoNode tree, Tvb tvb, int off, int len) {
        ProtoNode n = tree.addValue(DNAME, tvb, off, len, tvb.bytes(off, len), DNAME.name);
        // The X.509 dissector completes the label with ": (dn)".
        tlslens.dissect.x509.CertificateDissector.distinguishedName(n, tvb, off, len);
        return n;
    }

    /** OIDFilter filters&lt;0..2^16-1&gt; (tshark labels the list length with the psk_ke_modes field). */
    static int oidFilters(ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, PSK_KE_MODES_LEN, 0, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        end = off + v.length();
        while (off < end) {
            ProtoNode sub = tree.addText("OID Filter", tvb, off, end - off);
            Vectors.Length o = Vectors.add(sub, tvb, off, end, OID_FILTER_OID_LEN, 1, 0xff);
            if (!o.ok()) return end;
            off++;
            String oid = Oids.toDotted(tvb.bytes(off, o.length()));
            String name = Oids.name(oid);
            sub.addValue(OID_FILTER_OID, tvb, off, o.length(), oid,
                    "Certificate Extension OID: " + oid + (name == null ? "" : " (" + name + ")"));
            off += o.length();
            sub.appendText(" (" + (name != null ? name : oid) + ")");
            Vectors.Length vals = Vectors.add(sub, tvb, off, end, OID_FILTER_VALUES_LEN, 0, 0xffff);
            if (!vals.ok()) return end;
            off += 2;
            sub.setLength(1 + o.length() + 2 + vals.length());
            off += vals.length();
        }
        return off;
    }
}
