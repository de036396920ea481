package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.ExtensionTypes;

/**
 * Extensions that tshark 4.0 shows only as "Data: ..." but whose structure the RFCs define. Their
 * items are added as children of that Data item. Unless {@link ExtensionDissector#showBeyondTshark}
 * is set they are hidden: filters, -T fields and {@link tlslens.dissect.tls.base.HelloInfo} see them, while
 * the tree prints exactly tshark 4.0's lines.
 */
final class OpaqueExtensions {
    private OpaqueExtensions() {}

    /** Types decoded here (below the Data item). */
    static boolean knows(int type) {
        switch (type) {
            case ExtensionTypes.TRUSTED_CA_KEYS: case ExtensionTypes.USER_MAPPING: case ExtensionTypes.CLIENT_AUTHZ:
            case ExtensionTypes.SERVER_AUTHZ: case ExtensionTypes.TOKEN_BINDING: case ExtensionTypes.CACHED_INFO:
            case ExtensionTypes.PWD_PROTECT: case ExtensionTypes.PWD_CLEAR: case ExtensionTypes.PASSWORD_SALT:
            case ExtensionTypes.TICKET_PINNING: case ExtensionTypes.SUPPORTED_EKT_CIPHERS:
            case ExtensionTypes.EXTERNAL_ID_HASH: case ExtensionTypes.EXTERNAL_SESSION_ID:
            case ExtensionTypes.TICKET_REQUEST: case ExtensionTypes.DNSSEC_CHAIN: case ExtensionTypes.ENCRYPTED_CLIENT_HELLO:
            case ExtensionTypes.CHANNEL_ID_OLD: case ExtensionTypes.CHANNEL_ID: case ExtensionTypes.APPLICATION_SETTINGS_NEW:
                return true;
            default:
                return false;
        }
    }

    /** Decodes [off, end) below {@code data}; reports trailing or missing bytes there. */
    static void decode(ExtContext c, ProtoNode data, int type, Tvb tvb, int off, int end) {
        int at;
        switch (type) {
            case ExtensionTypes.TRUSTED_CA_KEYS: at = trustedCaKeys(c, data, tvb, off, end); break;
            case ExtensionTypes.USER_MAPPING:
                at = list8(data, tvb, off, end, USER_MAPPING_TYPES_LEN, USER_MAPPING_TYPE);
                break;
            case ExtensionTypes.CLIENT_AUTHZ: case ExtensionTypes.SERVER_AUTHZ:
                at = list8(data, tvb, off, end, AUTHZ_FORMATS_LEN, AUTHZ_FORMAT);
                break;
            case ExtensionTypes.TOKEN_BINDING: at = tokenBinding(c, data, tvb, off, end); break;
            case ExtensionTypes.CACHED_INFO: at = cachedInfo(c, data, tvb, off, end); break;
            case ExtensionTypes.PWD_PROTECT: case ExtensionTypes.PWD_CLEAR: at = pwdUsername(type, data, tvb, off, end); break;
            case ExtensionTypes.PASSWORD_SALT: at = vector(data, tvb, off, end, PWD_SALT_LEN, PWD_SALT, 2); break;
            case ExtensionTypes.TICKET_PINNING: at = ticketPinning(c, data, tvb, off, end); break;
            case ExtensionTypes.SUPPORTED_EKT_CIPHERS:
                if (c.clientHello()) at = list8(data, tvb, off, end, EKT_CIPHERS_LEN, EKT_CIPHER);
                else { data.add(EKT_CIPHER, tvb, off, 1); at = off + 1; }
                break;
            case ExtensionTypes.EXTERNAL_ID_HASH:
                at = off == end ? off : vector(data, tvb, off, end, EXTERNAL_ID_HASH_LEN, EXTERNAL_ID_HASH, 1);
                break;
            case ExtensionTypes.EXTERNAL_SESSION_ID:
                at = vector(data, tvb, off, end, EXTERNAL_SESSION_ID_LEN, EXTERNAL_SESSION_ID, 1);
                break;
            case ExtensionTypes.TICKET_REQUEST: at = ticketRequest(c, data, tvb, off, end); break;
            case ExtensionTypes.DNSSEC_CHAIN: at = dnssecChain(c, data, tvb, off, end); break;
            case ExtensionTypes.ENCRYPTED_CLIENT_HELLO: at = EncryptedClientHello.dissect(c, data, tvb, off, end); break;
            case ExtensionTypes.CHANNEL_ID_OLD: case ExtensionTypes.CHANNEL_ID: at = channelId(data, tvb, off, end); break;
            case ExtensionTypes.APPLICATION_SETTINGS_NEW: at = BasicExtensions.alps(c, data, tvb, off, end); break;
            default: return;
        }
        Vectors.end(data, tvb, at, end);
        if (!ExtensionDissector.showBeyondTshark) hide(data);
    }

    /** Hides everything below the Data item: filterable and in -T fields, absent from tshark's tree. */
    private static void hide(ProtoNode n) {
        for (ProtoNode c : n.children()) {
            c.setHidden(true);
            hide(c);
        }
    }

    /** A list of one-byte codes behind a one-byte length. */
    private static int list8(ProtoNode tree, Tvb tvb, int off, int end, tlslens.dissect.FieldDef lenField,
                             tlslens.dissect.FieldDef item) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, lenField, 1, 0xff);
        if (!v.ok()) return end;
        off++;
        int next = off + v.length();
        while (off < next) {
            tree.add(item, tvb, off, 1);
            off++;
        }
        return off;
    }

    /** An opaque vector: its length item (1 or 2 bytes wide) and its bytes. */
    private static int vector(ProtoNode tree, Tvb tvb, int off, int end, tlslens.dissect.FieldDef lenField,
                              tlslens.dissect.FieldDef item, int width) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, lenField, 0, width == 1 ? 0xff : 0xffff);
        if (!v.ok()) return end;
        off += width;
        if (v.length() > 0) tree.add(item, tvb, off, v.length());
        return off + v.length();
    }

    /** RFC 6066 section 6: TrustedAuthority trusted_authorities_list&lt;0..2^16-1&gt;. */
    private static int trustedCaKeys(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (off == end) return off; // the server's empty acknowledgement
        Vectors.Length v = Vectors.add(tree, tvb, off, end, TRUSTED_AUTHORITIES_LEN, 0, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        while (off < next) {
            int type = tvb.u8(off);
            ProtoNode a = tree.addValue(TRUSTED_AUTHORITY, tvb, off, 1, null, "Trusted Authority: "
                    + nameOr(trustedAuthorityTypeName(type), type));
            a.add(TRUSTED_AUTHORITY_TYPE, tvb, off, 1);
            int start = off;
            off++;
            switch (type) {
                case 0: break;
                case 1: case 3:
                    a.add(TRUSTED_AUTHORITY_SHA1, tvb, off, 20);
                    off += 20;
                    break;
                case 2: {
                    Vectors.Length dn = Vectors.add(a, tvb, off, next, TRUSTED_AUTHORITY_DN_LEN, 1, 0xffff);
                    if (!dn.ok()) return next;
                    off += 2;
                    a.add(TRUSTED_AUTHORITY_DN, tvb, off, dn.length());
                    off += dn.length();
                    break;
                }
                default:
                    a.malformed(tvb, off, next - off, "Unknown IdentifierType " + type);
                    return next;
            }
            a.setLength(Math.min(off, next) - start);
        }
        return off;
    }

    private static String trustedAuthorityTypeName(int type) {
        switch (type) {
            case 0: return "pre_agreed";
            case 1: return "key_sha1_hash";
            case 2: return "x509_name";
            case 3: return "cert_sha1_hash";
            default: return null;
        }
    }

    private static String nameOr(String name, int code) { return name != null ? name : "Unknown (" + code + ")"; }

    /** RFC 8472: TokenBindingParameters: version and key_parameters_list&lt;1..2^8-1&gt;. */
    private static int tokenBinding(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        tree.add(TOKEN_BINDING_MAJOR, tvb, off, 1);
        tree.add(TOKEN_BINDING_MINOR, tvb, off + 1, 1);
        if (c.hello() != null && tvb.has(off, 2)) c.hello().tokenBindingVersion = tvb.u16(off);
        off += 2;
        Vectors.Length v = Vectors.add(tree, tvb, off, end, TOKEN_BINDING_PARAMS_LEN, 1, 0xff);
        if (!v.ok()) return end;
        off++;
        int next = off + v.length();
        while (off < next) {
            tree.add(TOKEN_BINDING_PARAM, tvb, off, 1);
            off++;
        }
        return off;
    }

    /** RFC 7924: CachedObject cached_info&lt;1..2^16-1&gt;, with hash values in a ClientHello only. */
    private static int cachedInfo(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, CACHED_INFO_LEN, 1, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        while (off < next) {
            int type = tvb.u8(off);
            ProtoNode o = tree.addValue(CACHED_OBJECT, tvb, off, 1, null,
                    "Cached Object: " + nameOr(cachedInfoType(type), type));
            o.add(CACHED_INFO_TYPE, tvb, off, 1);
            off++;
            if (c.clientHello()) {
                Vectors.Length h = Vectors.add(o, tvb, off, next, CACHED_INFO_HASH_LEN, 1, 0xff);
                if (!h.ok()) return next;
                off++;
                o.add(CACHED_INFO_HASH, tvb, off, h.length());
                off += h.length();
                o.setLength(2 + h.length());
            }
        }
        return off;
    }

    /** RFC 8492: pwd_protect carries the encrypted username, pwd_clear the username in clear. */
    private static int pwdUsername(int type, ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, PWD_USERNAME_LEN, 1, 0xff);
        if (!v.ok()) return end;
        off++;
        tree.add(type == ExtensionTypes.PWD_CLEAR ? PWD_USERNAME_STR : PWD_USERNAME, tvb, off, v.length());
        return off + v.length();
    }

    /** RFC 8672: the client's ticket and proof, or the server's ticket and its lifetime. */
    private static int ticketPinning(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (off == end) return off;
        Vectors.Length t = Vectors.add(tree, tvb, off, end, PINNING_TICKET_LEN, 0, 0xffff);
        if (!t.ok()) return end;
        off += 2;
        if (t.length() > 0) tree.add(PINNING_TICKET, tvb, off, t.length());
        off += t.length();
        if (c.clientHello()) {
            Vectors.Length p = Vectors.add(tree, tvb, off, end, PINNING_PROOF_LEN, 0, 0xff);
            if (!p.ok()) return end;
            off++;
            if (p.length() > 0) tree.add(PINNING_PROOF, tvb, off, p.length());
            return off + p.length();
        }
        tree.add(PINNING_LIFETIME, tvb, off, 4);
        return off + 4;
    }

    /** RFC 9149: new_session_count and resumption_count, or the server's expected_count. */
    private static int ticketRequest(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (c.clientHello()) {
            tree.add(TICKET_REQUEST_NEW, tvb, off, 1);
            if (end - off < 2) return off + 1; // draft -05 and older had one count
            tree.add(TICKET_REQUEST_RESUMPTION, tvb, off + 1, 1);
            return off + 2;
        }
        tree.add(TICKET_REQUEST_EXPECTED, tvb, off, 1);
        return off + 1;
    }

    /** RFC 9102: the client's port; the server's lifetime and AuthenticationChain in a Certificate entry. */
    private static int dnssecChain(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (c.clientHello()) {
            tree.add(DNSSEC_PORT, tvb, off, 2);
            return off + 2;
        }
        tree.add(DNSSEC_LIFETIME, tvb, off, 2);
        off += 2;
        Vectors.Length v = Vectors.add(tree, tvb, off, end, DNSSEC_CHAIN_LEN, 1, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        tree.add(DNSSEC_CHAIN, tvb, off, v.length());
        return off + v.length();
    }

    /** Channel ID (draft-balfanz-tls-channelid): empty in the ClientHello, x, y, r, s in EncryptedExtensions. */
    private static int channelId(ProtoNode tree, Tvb tvb, int off, int end) {
        if (end - off < 128) return end - off == 0 ? off : end;
        tree.add(CHANNEL_ID_X, tvb, off, 32);
        tree.add(CHANNEL_ID_Y, tvb, off + 32, 32);
        tree.add(CHANNEL_ID_R, tvb, off + 64, 32);
        tree.add(CHANNEL_ID_S, tvb, off + 96, 32);
        return off + 128;
    }
}
