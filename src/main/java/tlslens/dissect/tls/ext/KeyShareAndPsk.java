package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.NamedGroups;

/** key_share (51, and 40 of drafts before -23) and pre_shared_key (41), RFC 8446 4.2.8 / 4.2.11. */
final class KeyShareAndPsk {
    private KeyShareAndPsk() {}

    static int keyShare(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (end <= off) return off;
        ProtoNode ks = tree.addText("Key Share extension", tvb, off, end - off);
        HelloInfo h = c.hello();
        switch (c.handshakeType()) {
            case HandshakeTypes.CLIENT_HELLO: {
                Vectors.Length v = Vectors.add(ks, tvb, off, end, KEY_SHARE_CLIENT_LEN, 0, 0xffff);
                if (!v.ok()) return end;
                off += 2;
                int next = off + v.length();
                while (off + 4 <= next) {
                    if (h != null) h.keyShareGroups.add(tvb.u16(off));
                    off = entry(ks, tvb, off, next);
                }
                if (!Vectors.end(ks, tvb, off, next)) return next;
                return off;
            }
            case HandshakeTypes.SERVER_HELLO:
                if (h != null && tvb.has(off, 2)) h.keyShareGroups.add(tvb.u16(off));
                return entry(ks, tvb, off, end);
            case HandshakeTypes.HELLO_RETRY_REQUEST:
                if (h != null && tvb.has(off, 2)) h.keyShareGroups.add(tvb.u16(off));
                ks.add(KEY_SHARE_SELECTED_GROUP, tvb, off, 2);
                return off + 2;
            default:
                return off;
        }
    }

    /** KeyShareEntry: "Key Share Entry: Group: x25519, Key Exchange length: 32". */
    static int entry(ProtoNode tree, Tvb tvb, int off, int end) {
        ProtoNode e = tree.addText("Key Share Entry", tvb, off, 4);
        int group = tvb.u16(off);
        e.add(KEY_SHARE_GROUP, tvb, off, 2);
        off += 2;
        String name = NamedGroups.wiresharkName(group);
        e.appendText(": Group: " + (name != null ? name : "Unknown (" + group + ")"));
        Vectors.Length v = Vectors.add(e, tvb, off, end, KEY_SHARE_KEX_LEN, 1, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        e.setLength(4 + v.length());
        e.appendText(", Key Exchange length: " + v.length());
        e.add(KEY_SHARE_KEX, tvb, off, v.length());
        return off + v.length();
    }

    static int preSharedKey(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        ProtoNode psk = tree.addText("Pre-Shared Key extension", tvb, off, end - off);
        HelloInfo h = c.hello();
        switch (c.handshakeType()) {
            case HandshakeTypes.CLIENT_HELLO: {
                Vectors.Length ids = Vectors.add(psk, tvb, off, end, PSK_IDENTITIES_LEN, 7, 0xffff);
                if (!ids.ok()) return end;
                off += 2;
                int idsEnd = off + ids.length();
                while (off < idsEnd) {
                    ProtoNode id = psk.addText("PSK Identity (", tvb, off, 4);
                    Vectors.Length il = Vectors.add(id, tvb, off, idsEnd, PSK_IDENTITY_LEN, 1, 0xffff);
                    if (!il.ok()) return idsEnd;
                    off += 2;
                    id.appendText("length: " + il.length() + ")");
                    id.add(PSK_IDENTITY, tvb, off, il.length());
                    byte[] identity = tvb.bytes(off, il.length());
                    off += il.length();
                    if (idsEnd - off < 4) { // the age would be read past the identities (a fuzz finding)
                        id.addExpert(TlsExperts.MALFORMED_BUFFER_TOO_SMALL, tvb, off, idsEnd - off,
                                "No more room for the obfuscated ticket age");
                        id.setLength(idsEnd - id.offset);
                        return idsEnd;
                    }
                    id.add(PSK_TICKET_AGE, tvb, off, 4);
                    if (h != null) {
                        h.pskIdentities.add(identity);
                        h.pskObfuscatedAges.add(tvb.u32(off));
                    }
                    off += 4;
                    id.setLength(2 + il.length() + 4);
                }
                if (!Vectors.end(psk, tvb, off, idsEnd)) off = idsEnd;
                Vectors.Length b = Vectors.add(psk, tvb, off, end, PSK_BINDERS_LEN, 33, 0xffff);
                if (!b.ok()) return end;
                off += 2;
                psk.addValue(PSK_BINDERS, tvb, off, b.length(), null);
                return off + b.length();
            }
            case HandshakeTypes.SERVER_HELLO:
                if (h != null && tvb.has(off, 2)) h.pskSelected = tvb.u16(off);
                psk.add(PSK_SELECTED, tvb, off, 2);
                return off + 2;
            default:
                return off;
        }
    }
}
