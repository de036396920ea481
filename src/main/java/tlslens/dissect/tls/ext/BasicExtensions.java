package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import java.nio.charset.StandardCharsets;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.HandshakeTypes;

/**
 * The extension bodies of one or a few items each, laid out as packet-tls-utils.c lays them out:
 * server_name, ALPN, NPN, ALPS, supported_groups, ec_point_formats, supported_versions, cookie,
 * psk_key_exchange_modes, renegotiation_info, session_ticket, compress_certificate, cert types,
 * srp, connection_id, use_srtp, encrypted_server_name and the fixed-size ones.
 */
final class BasicExtensions {
    private BasicExtensions() {}

    static int serverName(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (off == end) return off; // a server's empty acknowledgement
        ProtoNode sni = tree.addText("Server Name Indication extension", tvb, off, end - off);
        Vectors.Length v = Vectors.add(sni, tvb, off, end, SNI_LIST_LEN, 1, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        while (off < next) {
            int type = tvb.u8(off);
            sni.add(SNI_TYPE, tvb, off, 1);
            off++;
            Vectors.Length n = Vectors.add(sni, tvb, off, next, SNI_LEN, 1, 0xffff);
            if (!n.ok()) return next;
            off += 2;
            sni.add(SNI, tvb, off, n.length());
            if (c.hello() != null && type == 0 && c.hello().sni == null) {
                c.hello().sni = new String(tvb.bytes(off, n.length()), StandardCharsets.US_ASCII);
            }
            off += n.length();
        }
        return off;
    }

    static int alpn(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, ALPN_LEN, 2, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        ProtoNode list = tree.addValue(ALPN_LIST, tvb, off, v.length(), null);
        while (off < next) {
            Vectors.Length n = Vectors.add(list, tvb, off, next, ALPN_STR_LEN, 1, 0xff);
            if (!n.ok()) return next;
            off++;
            list.add(ALPN_STR, tvb, off, n.length());
            if (c.hello() != null) c.hello().alpn.add(new String(tvb.bytes(off, n.length()), StandardCharsets.ISO_8859_1));
            off += n.length();
        }
        return off;
    }

    static int npn(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (off == end) return off;
        ProtoNode npn = tree.addText("Next Protocol Negotiation", tvb, off, end - off);
        while (off < end) {
            Vectors.Length n = Vectors.add(npn, tvb, off, end, NPN_STR_LEN, 1, 0xff);
            if (!n.ok()) return end;
            off++;
            npn.add(NPN_STR, tvb, off, n.length());
            if (c.hello() != null) c.hello().npnProtocols.add(new String(tvb.bytes(off, n.length()), StandardCharsets.ISO_8859_1));
            off += n.length();
        }
        return off;
    }

    /** application_settings (17513 and the later 17613): the ALPN list in a ClientHello. */
    static int alps(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (!c.clientHello()) {
            // tshark 4.0 only decodes its "EncryptedExtensions" of NPN days (type 67) and shows nothing here.
            return end;
        }
        Vectors.Length v = Vectors.add(tree, tvb, off, end, ALPS_LEN, 2, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        ProtoNode list = tree.addValue(ALPS_ALPN_LIST, tvb, off, v.length(), null);
        while (off < next) {
            Vectors.Length n = Vectors.add(list, tvb, off, next, ALPS_ALPN_STR_LEN, 1, 0xff);
            if (!n.ok()) return next;
            off++;
            list.add(ALPS_ALPN_STR, tvb, off, n.length());
            if (c.hello() != null) c.hello().alps.add(new String(tvb.bytes(off, n.length()), StandardCharsets.ISO_8859_1));
            off += n.length();
        }
        return off;
    }

    static int supportedGroups(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, GROUPS_LEN, 2, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        int n = v.length() / 2;
        ProtoNode list = tree.addValue(GROUPS, tvb, off, v.length(), null,
                "Supported Groups (" + n + " group" + Vectors.plural(n) + ")");
        // tshark reads groups up to the end of the extension, then checks the list's own end.
        while (off + 2 <= end) {
            list.add(GROUP, tvb, off, 2);
            if (c.hello() != null) c.hello().supportedGroups.add(tvb.u16(off));
            off += 2;
        }
        if (!Vectors.end(list, tvb, off, next)) off = next;
        return off;
    }

    static int ecPointFormats(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        int n = tvb.u8(off);
        tree.add(EC_POINT_FORMATS_LEN, tvb, off, 1);
        off++;
        ProtoNode list = tree.addValue(EC_POINT_FORMATS, tvb, off, n, null, "Elliptic curves point formats (" + n + ")");
        for (int i = 0; i < n; i++) {
            if (!tvb.has(off, 1)) {
                list.malformed(tvb, off, 0, "EC point format list runs past the extension");
                return end;
            }
            list.add(EC_POINT_FORMAT, tvb, off, 1);
            if (c.hello() != null) c.hello().ecPointFormats.add(tvb.u8(off));
            off++;
        }
        return off;
    }

    static int supportedVersions(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        HelloInfo h = c.hello();
        switch (c.handshakeType()) {
            case HandshakeTypes.CLIENT_HELLO: {
                Vectors.Length v = Vectors.add(tree, tvb, off, end, SUPPORTED_VERSIONS_LEN, 2, 254);
                if (!v.ok()) return end;
                off++;
                int next = off + v.length();
                while (off + 2 <= next) {
                    tree.add(SUPPORTED_VERSION, tvb, off, 2);
                    if (h != null) h.supportedVersions.add(tvb.u16(off));
                    off += 2;
                }
                if (!Vectors.end(tree, tvb, off, next)) off = next;
                return off;
            }
            case HandshakeTypes.SERVER_HELLO:
            case HandshakeTypes.HELLO_RETRY_REQUEST:
                tree.add(SUPPORTED_VERSION, tvb, off, 2);
                if (h != null && tvb.has(off, 2)) h.supportedVersions.add(tvb.u16(off));
                return off + 2;
            default:
                return off;
        }
    }

    static int cookie(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, COOKIE_LEN, 1, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        tree.add(COOKIE, tvb, off, v.length());
        if (c.hello() != null) c.hello().cookie = tvb.bytes(off, v.length());
        return off + v.length();
    }

    static int pskKeyExchangeModes(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, PSK_KE_MODES_LEN, 1, 255);
        if (!v.ok()) return end;
        off++;
        int next = off + v.length();
        while (off < next) {
            tree.add(PSK_KE_MODE, tvb, off, 1);
            if (c.hello() != null) c.hello().pskKeyExchangeModes.add(tvb.u8(off));
            off++;
        }
        return off;
    }

    static int renegotiationInfo(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        ProtoNode ri = tree.addText("Renegotiation Info extension", tvb, off, end - off);
        Vectors.Length v = Vectors.add(ri, tvb, off, end, RENEG_INFO_LEN, 0, 255);
        if (!v.ok()) return end;
        off++;
        if (c.hello() != null) c.hello().renegotiationInfo = tvb.bytes(off, v.length());
        if (v.length() > 0) {
            ri.add(RENEG_INFO, tvb, off, v.length());
            off += v.length();
        }
        return off;
    }

    static int sessionTicket(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        int len = end - off;
        byte[] ticket = tvb.bytes(off, len);
        tree.addValue(DATA, tvb, off, len, ticket, "Data (" + len + " byte" + Vectors.plural(len) + ")");
        if (c.hello() != null) c.hello().sessionTicket = ticket;
        return off + len;
    }

    static int compressCertificate(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (c.handshakeType() != HandshakeTypes.CLIENT_HELLO && c.handshakeType() != HandshakeTypes.CERTIFICATE_REQUEST) return off;
        Vectors.Length v = Vectors.add(tree, tvb, off, end, COMPRESS_CERT_ALGS_LEN, 1, 0xff - 1);
        if (!v.ok()) return end;
        off++;
        int next = off + v.length();
        while (off < next) {
            tree.add(COMPRESS_CERT_ALG, tvb, off, 2);
            if (c.hello() != null && tvb.has(off, 2)) c.hello().compressCertificateAlgorithms.add(tvb.u16(off));
            off += 2;
        }
        return off;
    }

    /** cert_type (9), client_certificate_type (19), server_certificate_type (20). */
    static int certType(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        switch (c.handshakeType()) {
            case HandshakeTypes.CLIENT_HELLO: {
                int n = tvb.u8(off);
                tree.add(CERT_TYPES_LEN, tvb, off, 1);
                off++;
                if (end - off != n) return off;
                ProtoNode list = tree.addValue(CERT_TYPES, tvb, off, n, null, "Certificate Type List (" + n + ")");
                for (int i = 0; i < n; i++) {
                    list.add(CERT_TYPE, tvb, off, 1);
                    off++;
                }
                return off;
            }
            case HandshakeTypes.SERVER_HELLO:
            case HandshakeTypes.ENCRYPTED_EXTENSIONS:
            case HandshakeTypes.CERTIFICATE:
                tree.add(CERT_TYPE, tvb, off, 1);
                return off + 1;
            default:
                return off;
        }
    }

    static int srp(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, SRP_LEN, 1, 0xff);
        if (!v.ok()) return end;
        off++;
        tree.add(SRP_USERNAME, tvb, off, v.length());
        return off + v.length();
    }

    /** connection_id (54) and its pre-RFC codepoint (53): a ClientHello's or ServerHello's CID. */
    static int connectionId(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (c.handshakeType() != HandshakeTypes.CLIENT_HELLO && c.handshakeType() != HandshakeTypes.SERVER_HELLO) return off;
        int cidl = tvb.u8(off);
        tree.add(CONNECTION_ID_LEN, tvb, off, 1);
        off++;
        if (cidl > 0) {
            tree.add(CONNECTION_ID, tvb, off, cidl);
            if (c.hello() != null) c.hello().connectionId = tvb.bytes(off, cidl);
            off += cidl;
        } else if (c.hello() != null) {
            c.hello().connectionId = new byte[0];
        }
        return off;
    }

    /** use_srtp (14, RFC 5764), which Wireshark decodes in DTLS only. */
    static int useSrtp(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        if (!c.dtls() || (c.handshakeType() != HandshakeTypes.CLIENT_HELLO && c.handshakeType() != HandshakeTypes.SERVER_HELLO)) {
            return off;
        }
        Vectors.Length v = Vectors.add(tree, tvb, off, end, SRTP_PROFILES_LEN, 2, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        while (off < next) {
            tree.add(SRTP_PROFILE, tvb, off, 2);
            off += 2;
        }
        Vectors.Length m = Vectors.add(tree, tvb, off, end, SRTP_MKI_LEN, 0, 255);
        if (!m.ok()) return end;
        off++;
        if (m.length() > 0) {
            tree.add(SRTP_MKI, tvb, off, m.length());
            off += m.length();
        }
        return off;
    }

    /** encrypted_server_name (0xffce, draft-ietf-tls-esni-01..04). */
    static int esni(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        switch (c.handshakeType()) {
            case HandshakeTypes.CLIENT_HELLO: {
                tree.add(ESNI_SUITE, tvb, off, 2);
                off += 2;
                off = KeyShareAndPsk.entry(tree, tvb, off, end);
                Vectors.Length d = Vectors.add(tree, tvb, off, end, ESNI_RECORD_DIGEST_LEN, 0, 0xffff);
                if (!d.ok()) return end;
                off += 2;
                if (d.length() > 0) {
                    tree.add(ESNI_RECORD_DIGEST, tvb, off, d.length());
                    off += d.length();
                }
                Vectors.Length e = Vectors.add(tree, tvb, off, end, ESNI_ENCRYPTED_SNI_LEN, 0, 0xffff);
                if (!e.ok()) return end;
                off += 2;
                if (e.length() > 0) {
                    tree.add(ESNI_ENCRYPTED_SNI, tvb, off, e.length());
                    off += e.length();
                }
                return off;
            }
            case HandshakeTypes.ENCRYPTED_EXTENSIONS:
                tree.add(ESNI_NONCE, tvb, off, 16);
                return off + 16;
            default:
                return off;
        }
    }
}
