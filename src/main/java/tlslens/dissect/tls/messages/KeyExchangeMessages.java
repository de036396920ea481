package tlslens.dissect.tls.messages;

import static tlslens.dissect.tls.base.TlsFields.*;

import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.HashAlgorithms;
import tlslens.dissect.tls.names.SignatureAlgorithms;
import tlslens.dissect.tls.names.SignatureSchemes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * ServerKeyExchange, ClientKeyExchange and CertificateVerify. The layout of the key exchange
 * messages depends on the negotiated suite's key exchange, as in Wireshark's
 * ssl_dissect_hnd_srv_keyex / ssl_dissect_hnd_cli_keyex; an unknown suite leaves the body undecoded.
 */
public final class KeyExchangeMessages {
    /** Wireshark's KEX_* classes that decide the message layouts. */
    enum Kex { DH_ANON, DH_STATIC, DHE, DHE_PSK, ECDH_ANON, ECDHE_PSK, ECDH, KRB5, PSK, RSA_PSK, RSA, OTHER }

    private KeyExchangeMessages() {}

    static Kex kex(int suite) {
        CipherSuiteInfo info = suite < 0 ? null : CipherSuiteInfo.of(suite);
        if (info == null) return Kex.OTHER;
        boolean anon = info.authentication() == CipherSuiteInfo.Authentication.NULL;
        return switch (info.keyExchange()) {
            case DH -> Kex.DH_STATIC;
            case DHE -> anon ? Kex.DH_ANON : Kex.DHE;
            case DHE_PSK -> Kex.DHE_PSK;
            case ECDH -> anon ? Kex.ECDH_ANON : Kex.ECDH;
            case ECDHE -> anon ? Kex.ECDH_ANON : Kex.ECDH;
            case ECDHE_PSK -> Kex.ECDHE_PSK;
            case KRB5 -> Kex.KRB5;
            case PSK -> Kex.PSK;
            case RSA_PSK -> Kex.RSA_PSK;
            case RSA -> Kex.RSA;
            default -> Kex.OTHER;
        };
    }

    /** ServerKeyExchange, by the negotiated suite's key exchange. */
    public static void serverKeyExchange(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        int version = c.sessionVersion();
        switch (kex(c.cipherSuite())) {
            case DH_ANON -> serverDh(t, tvb, off, end, version, true);
            case DHE -> serverDh(t, tvb, off, end, version, false);
            case ECDH_ANON, ECDH -> {
                serverEcdh(t, tvb, off, end, version, kex(c.cipherSuite()) == Kex.ECDH_ANON);
                if (end - off >= 3 && tvb.u8(off) == 3) c.onServerKeyExchangeGroup(tvb.u16(off + 1));
            }
            case PSK, RSA_PSK -> serverPsk(t, tvb, off, end);
            case RSA -> serverRsaExport(t, tvb, off, end, version);
            default -> { }
        }
    }

    /** ClientKeyExchange, by the negotiated suite's key exchange. */
    public static void clientKeyExchange(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        int version = c.sessionVersion();
        switch (kex(c.cipherSuite())) {
            case DH_ANON, DH_STATIC, DHE -> clientDh(t, tvb, off, end);
            case ECDH_ANON, ECDH -> clientEcdh(t, tvb, off, end);
            case PSK -> clientPsk(t, tvb, off, end);
            case RSA -> clientRsa(t, tvb, off, end, version);
            case RSA_PSK -> clientRsaPsk(t, tvb, off, end);
            default -> { }
        }
    }

    /** CertificateVerify: a digitally-signed signature. */
    public static void certificateVerify(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        digitallySigned(t, tvb, off, end, c.sessionVersion(), HS_CERT_VERIFY_SIG_LENGTH, HS_CERT_VERIFY_SIG);
    }

    // ---- ServerKeyExchange variants ---------------------------------------------------------

    static void serverEcdh(ProtoNode t, Tvb tvb, int off, int end, int version, boolean anon) {
        ProtoNode p = t.addText("EC Diffie-Hellman Server Params", tvb, off, end - off);
        if (!Vectors.need(p, tvb, off, end, 1)) return;
        int curveType = tvb.u8(off);
        p.add(HS_SERVER_CURVE_TYPE, tvb, off, 1);
        off++;
        if (curveType != 3) return; // only named curves are decoded
        if (!Vectors.need(p, tvb, off, end, 3)) return;
        p.add(HS_SERVER_NAMED_CURVE, tvb, off, 2);
        off += 2;
        int pointLen = tvb.u8(off);
        p.add(HS_SERVER_POINT_LENGTH, tvb, off, 1);
        off++;
        if (!Vectors.need(p, tvb, off, end, pointLen)) return;
        p.add(HS_SERVER_POINT, tvb, off, pointLen);
        off += pointLen;
        if (!anon) digitallySigned(p, tvb, off, end, version, HS_SIG_LENGTH, HS_SIG);
    }

    static void serverDh(ProtoNode t, Tvb tvb, int off, int end, int version, boolean anon) {
        ProtoNode p = t.addText("Diffie-Hellman Server Params", tvb, off, end - off);
        off = lengthAndValue(p, tvb, off, end, HS_P_LENGTH, HS_P);
        if (off < 0) return;
        off = lengthAndValue(p, tvb, off, end, HS_G_LENGTH, HS_G);
        if (off < 0) return;
        off = lengthAndValue(p, tvb, off, end, HS_YS_LENGTH, HS_YS);
        if (off < 0) return;
        if (!anon) digitallySigned(p, tvb, off, end, version, HS_SIG_LENGTH, HS_SIG);
    }

    static void serverRsaExport(ProtoNode t, Tvb tvb, int off, int end, int version) {
        ProtoNode p = t.addText("RSA-EXPORT Server Params", tvb, off, end - off);
        off = lengthAndValue(p, tvb, off, end, HS_MODULUS_LENGTH, HS_MODULUS);
        if (off < 0) return;
        off = lengthAndValue(p, tvb, off, end, HS_EXPONENT_LENGTH, HS_EXPONENT);
        if (off < 0) return;
        digitallySigned(p, tvb, off, end, version, HS_SIG_LENGTH, HS_SIG);
    }

    static void serverPsk(ProtoNode t, Tvb tvb, int off, int end) {
        if (end - off < 2) return;
        int hintLen = tvb.u16(off);
        if (2 + hintLen != end - off) return; // lengths do not line up: not what we expected
        ProtoNode p = t.addText("PSK Server Params", tvb, off, end - off);
        p.add(HS_HINT_LENGTH, tvb, off, 2);
        p.add(HS_HINT, tvb, off + 2, hintLen);
    }

    // ---- ClientKeyExchange variants ---------------------------------------------------------

    static void clientEcdh(ProtoNode t, Tvb tvb, int off, int end) {
        ProtoNode p = t.addText("EC Diffie-Hellman Client Params", tvb, off, end - off);
        if (!Vectors.need(p, tvb, off, end, 1)) return;
        int len = tvb.u8(off);
        p.add(HS_CLIENT_POINT_LENGTH, tvb, off, 1);
        if (!Vectors.need(p, tvb, off + 1, end, len)) return;
        p.add(HS_CLIENT_POINT, tvb, off + 1, len);
    }

    static void clientDh(ProtoNode t, Tvb tvb, int off, int end) {
        ProtoNode p = t.addText("Diffie-Hellman Client Params", tvb, off, end - off);
        lengthAndValue(p, tvb, off, end, HS_YC_LENGTH, HS_YC);
    }

    static void clientRsa(ProtoNode t, Tvb tvb, int off, int end, int version) {
        ProtoNode p = t.addText("RSA Encrypted PreMaster Secret", tvb, off, end - off);
        if (version == TlsVersions.SSL2 || version == TlsVersions.SSL3 || version == TlsVersions.DTLS10_OPENSSL) {
            // SSLv3 (and OpenSSL's pre-standard DTLS) send the EPMS without a length prefix.
            p.add(HS_EPMS, tvb, off, end - off);
        } else {
            lengthAndValue(p, tvb, off, end, HS_EPMS_LENGTH, HS_EPMS);
        }
    }

    static void clientPsk(ProtoNode t, Tvb tvb, int off, int end) {
        ProtoNode p = t.addText("PSK Client Params", tvb, off, end - off);
        lengthAndValue(p, tvb, off, end, HS_IDENTITY_LENGTH, HS_IDENTITY);
    }

    static void clientRsaPsk(ProtoNode t, Tvb tvb, int off, int end) {
        ProtoNode p = t.addText("RSA PSK Client Params", tvb, off, end - off);
        off = lengthAndValue(p, tvb, off, end, HS_IDENTITY_LENGTH, HS_IDENTITY);
        if (off < 0) return;
        lengthAndValue(p, tvb, off, end, HS_EPMS_LENGTH, HS_EPMS);
    }

    // ---- shared pieces ----------------------------------------------------------------------

    /** A 2-byte length and that many bytes; returns the offset after them or -1. */
    static int lengthAndValue(ProtoNode p, Tvb tvb, int off, int end, FieldDef lenField, FieldDef valueField) {
        if (!Vectors.need(p, tvb, off, end, 2)) return -1;
        int len = tvb.u16(off);
        p.add(lenField, tvb, off, 2);
        off += 2;
        if (!Vectors.need(p, tvb, off, end, len)) return -1;
        p.add(valueField, tvb, off, len);
        return off + len;
    }

    /** DigitallySigned (RFC 5246 4.7): the algorithm in TLS 1.2/1.3, then a length-prefixed signature. */
    static int digitallySigned(ProtoNode t, Tvb tvb, int off, int end, int version, FieldDef lenField,
                               FieldDef sigField) {
        if (version == TlsVersions.TLS12 || version == TlsVersions.DTLS12 || version == TlsVersions.TLS13) {
            if (!Vectors.need(t, tvb, off, end, 2)) return end;
            signatureAlgorithm(t, tvb, off);
            off += 2;
        }
        Vectors.Length v = Vectors.add(t, tvb, off, end, lenField, 0, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        t.add(sigField, tvb, off, v.length());
        return off + v.length();
    }

    /** A SignatureScheme (TLS 1.3) or SignatureAndHashAlgorithm (TLS 1.2) with its hash and signature bytes. */
    public static ProtoNode signatureAlgorithm(ProtoNode t, Tvb tvb, int off) {
        ProtoNode n = t.add(HS_SIG_HASH_ALG, tvb, off, 2);
        n.add(HS_SIG_HASH_HASH, tvb, off, 1);
        n.add(HS_SIG_HASH_SIG, tvb, off + 1, 1);
        int scheme = tvb.u16(off);
        if (SignatureSchemes.wiresharkName(scheme) == null) {
            String hash = HashAlgorithms.wiresharkName(scheme >> 8);
            String sig = SignatureAlgorithms.wiresharkName(scheme & 0xff);
            n.setText(String.format("Signature Algorithm: %s %s (0x%04x)", hash == null ? "Unknown" : hash,
                    sig == null ? "Unknown" : sig, scheme));
        }
        return n;
    }
}
