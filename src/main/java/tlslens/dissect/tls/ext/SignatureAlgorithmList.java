package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import java.util.List;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.HashAlgorithms;
import tlslens.dissect.tls.names.SignatureAlgorithms;
import tlslens.dissect.tls.names.SignatureSchemes;

/**
 * SignatureScheme / SignatureAndHashAlgorithm items and lists (Wireshark's
 * tls_dissect_signature_algorithm and ssl_dissect_hash_alg_list). Public so that the
 * CertificateRequest, CertificateVerify, ServerKeyExchange and SCT dissectors share one layout.
 */
public final class SignatureAlgorithmList {
    private SignatureAlgorithmList() {}

    /** One 2-byte signature algorithm with its hash / signature halves as children. */
    public static ProtoNode dissectOne(ProtoNode tree, Tvb tvb, int off) {
        if (!tvb.has(off, 2)) {
            return tree.add(SIG_HASH_ALG, tvb, off, 2);
        }
        long code = tvb.u16(off);
        ProtoNode n;
        if (SignatureSchemes.wiresharkName(code) != null) {
            n = tree.add(SIG_HASH_ALG, tvb, off, 2);
        } else {
            // tshark falls back to the TLS 1.2 reading of the two bytes.
            String hash = HashAlgorithms.wiresharkName(code >> 8);
            String sig = SignatureAlgorithms.wiresharkName(code & 0xff);
            n = tree.addValue(SIG_HASH_ALG, tvb, off, 2, code, String.format("Signature Algorithm: %s %s (0x%04x)",
                    hash == null ? "Unknown" : hash, sig == null ? "Unknown" : sig, code));
        }
        n.add(SIG_HASH_HASH, tvb, off, 1);
        n.add(SIG_HASH_SIG, tvb, off + 1, 1);
        return n;
    }

    /**
     * SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;: the length, then
     * "Signature Hash Algorithms (N algorithms)". Codes go to {@code out} when it is not null.
     * Returns the offset after the list.
     */
    public static int dissectList(ProtoNode tree, Tvb tvb, int off, int end, List<Integer> out) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, SIG_HASH_ALG_LEN, 2, 0xffff - 1);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        int n = v.length() / 2;
        ProtoNode sub = tree.addValue(SIG_HASH_ALGS, tvb, off, v.length(), null,
                "Signature Hash Algorithms (" + n + " algorithm" + Vectors.plural(n) + ")");
        while (off + 2 <= next) {
            dissectOne(sub, tvb, off);
            if (out != null) out.add(tvb.u16(off));
            off += 2;
        }
        if (!Vectors.end(sub, tvb, off, next)) off = next;
        return off;
    }

    /** delegated_credentials (34): the list in a ClientHello, a DelegatedCredential elsewhere. */
    static int delegatedCredentials(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (c.clientHello()) return dissectList(tree, tvb, off, end, null);
        tree.add(CRED_VALID_TIME, tvb, off, 4);
        off += 4;
        dissectOne(tree, tvb, off);
        off += 2;
        Vectors.Length pk = Vectors.add(tree, tvb, off, end, CRED_PUBKEY_LEN, 1, 0xffffff);
        if (!pk.ok()) return end;
        off += 3;
        tree.add(CRED_PUBKEY, tvb, off, pk.length());
        off += pk.length();
        dissectOne(tree, tvb, off);
        off += 2;
        Vectors.Length sig = Vectors.add(tree, tvb, off, end, CRED_SIGNATURE_LEN, 1, 0xffff);
        if (!sig.ok()) return end;
        off += 2;
        tree.add(CRED_SIGNATURE, tvb, off, sig.length());
        return off + sig.length();
    }
}
