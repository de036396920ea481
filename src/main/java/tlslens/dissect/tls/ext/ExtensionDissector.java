package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.names.HandshakeTypes.CLIENT_HELLO;
import static tlslens.dissect.tls.names.HandshakeTypes.HELLO_RETRY_REQUEST;
import static tlslens.dissect.tls.names.HandshakeTypes.SERVER_HELLO;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.ExtensionFields;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.ExtensionTypes;

/**
 * The extensions block of ClientHello, ServerHello, HelloRetryRequest, EncryptedExtensions,
 * TLS 1.3 Certificate entries, CertificateRequest and NewSessionTicket, laid out exactly as tshark
 * 4.0 lays it out (packet-tls-utils.c ssl_dissect_hnd_extension): "Extensions Length", then per
 * extension a "Extension: name (len=N)" subtree with Type, Length and the decoded body.
 *
 * <p>Every length is checked as Wireshark's ssl_add_vector checks it; an extension's body is read
 * through a view that ends at its own Length, so it can never consume its neighbour.
 */
public final class ExtensionDissector {
    /**
     * Whether the items we decode below an extension that tshark 4.0 shows only as "Data"
     * (encrypted_client_hello, token_binding, cached_info, trusted_ca_keys, ...) appear in the tree.
     * Off by default, for line-for-line tshark output; they are dissected and filterable either way.
     * A GUI may turn it on.
     */
    public static volatile boolean showBeyondTshark;

    private ExtensionDissector() {}

    /**
     * Dissects an extensions block: the 2-byte "Extensions Length" at off, then each extension, clamped to end.
     * Adds nodes under parent exactly in tshark's layout and records what it learns in hello (may be null).
     * Returns the offset after the block. Never throws.
     */
    public static int dissect(ProtoNode parent, Tvb tvb, int off, int end, int handshakeType, HelloInfo hello) {
        return dissect(parent, tvb, off, end, handshakeType, hello, false);
    }

    /** As {@link #dissect(ProtoNode, Tvb, int, int, int, HelloInfo)}; {@code dtls} enables DTLS-only bodies (use_srtp). */
    public static int dissect(ProtoNode parent, Tvb tvb, int off, int end, int handshakeType, HelloInfo hello,
                              boolean dtls) {
        end = Math.min(end, tvb.end);
        if (off < tvb.start) off = tvb.start;
        try {
            return dissectBlock(parent, tvb.slice(off, end), off, end, handshakeType, hello, dtls);
        } catch (RuntimeException e) {
            // A bug must not cost the caller its frame: say so where it happened and move on.
            parent.malformed(tvb, off, 0, "TLS extension dissector failed: " + e);
            return Math.max(off, end);
        }
    }

    private static int dissectBlock(ProtoNode parent, Tvb tvb, int off, int end, int handshakeType, HelloInfo hello,
                                    boolean dtls) {
        Vectors.Length v = Vectors.add(parent, tvb, off, end, ExtensionFields.EXTS_LEN, 0, 0xffff);
        if (!v.ok() && v.length() == 0) return end;
        // A block clamped to the data present is still walked: a partial tree beats none.
        off += 2;
        int blockEnd = off + v.length();
        ExtContext ctx = new ExtContext(handshakeType, sessionVersion(tvb, off, blockEnd, handshakeType, hello, dtls), dtls,
                hello);
        while (blockEnd - off >= 4) {
            int type = tvb.u16(off);
            int len = tvb.u16(off + 2);
            ProtoNode ext = parent.addText(() -> {
                String name = ExtensionTypes.wiresharkName(type);
                return "Extension: " + (name != null ? name : "Unknown type " + type) + " (len=" + len + ")";
            }, tvb, off, 4 + len);
            ext.addValue(ExtensionFields.TYPE, tvb, off, 2, (long) type);
            if (hello != null) {
                hello.extensions.add(type);
                hello.extensionLengths.add(len);
            }
            off += 2;
            Vectors.Length lv = Vectors.add(ext, tvb, off, blockEnd, ExtensionFields.LEN, 0, 0xffff);
            off += 2;
            int next = off + lv.length();
            // The body sees only its own bytes.
            off = ExtensionBodies.dissect(ctx, ext, tvb.slice(off, next), type, off, next);
            if (!Vectors.end(ext, tvb, off, next)) off = next;
            if (!lv.ok()) {
                // The declared length ran past the block: nothing after it can be an extension.
                return blockEnd;
            }
        }
        if (!Vectors.end(parent, tvb, off, blockEnd)) off = blockEnd;
        return off;
    }

    /**
     * The version tshark's session holds while dissecting these extensions: a ServerHello's
     * supported_versions (which tshark scans before dissecting), else the hello's own version;
     * TLS 1.3 for messages that only TLS 1.3 carries extensions in.
     */
    private static int sessionVersion(Tvb tvb, int off, int end, int handshakeType, HelloInfo hello, boolean dtls) {
        switch (handshakeType) {
            case SERVER_HELLO:
            case HELLO_RETRY_REQUEST: {
                int at = off;
                while (end - at >= 4) {
                    int type = tvb.u16(at), len = tvb.u16(at + 2);
                    if (end - at < 4 + len) break;
                    if (type == ExtensionTypes.SUPPORTED_VERSIONS && len == 2) return tvb.u16(at + 4);
                    at += 4 + len;
                }
                if (hello != null && hello.legacyVersion >= 0) return hello.legacyVersion;
                return dtls ? 0xfefd : 0x0303;
            }
            case CLIENT_HELLO:
                if (hello != null && hello.legacyVersion >= 0) return hello.legacyVersion;
                return dtls ? 0xfefd : 0x0303;
            default:
                return dtls ? 0xfefc : 0x0304;
        }
    }
}
