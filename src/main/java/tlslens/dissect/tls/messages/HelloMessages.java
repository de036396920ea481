package tlslens.dissect.tls.messages;

import static tlslens.dissect.tls.base.TlsFields.*;

import java.time.Instant;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.ext.ExtensionDissector;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * ClientHello, ServerHello and HelloRetryRequest bodies, laid out as Wireshark's
 * ssl_dissect_hnd_cli_hello / ssl_dissect_hnd_srv_hello do, with JA3/JA4 appended.
 */
public final class HelloMessages {
    /** SHA-256("HelloRetryRequest"): the ServerHello random of a TLS 1.3 HelloRetryRequest. */
    public static final byte[] HRR_RANDOM = {
            (byte) 0xcf, 0x21, (byte) 0xad, 0x74, (byte) 0xe5, (byte) 0x9a, 0x61, 0x11, (byte) 0xbe, 0x1d,
            (byte) 0x8c, 0x02, 0x1e, 0x65, (byte) 0xb8, (byte) 0x91, (byte) 0xc2, (byte) 0xa2, 0x11, 0x16,
            0x7a, (byte) 0xbb, (byte) 0x8c, 0x5e, 0x07, (byte) 0x9e, 0x09, (byte) 0xe2, (byte) 0xc8, (byte) 0xa8,
            0x33, (byte) 0x9c };

    private HelloMessages() {}

    /** The body of a ClientHello in [off, end). */
    public static HelloInfo clientHello(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        return clientHello(c, t, tvb, off, end, null, null);
    }

    /**
     * The body of a ClientHello in [off, end); with {@code cookieLength} and {@code cookie} (DTLS's
     * fields), a DTLS ClientHello: the HelloVerifyRequest's cookie<0..2^8-1> follows the session id.
     */
    public static HelloInfo clientHello(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end,
                                        tlslens.dissect.FieldDef cookieLength, tlslens.dissect.FieldDef cookie) {
        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        if (!Vectors.need(t, tvb, off, end, 2)) return h;
        t.add(HS_VERSION, tvb, off, 2);
        h.legacyVersion = tvb.u16(off);
        off += 2;
        off = helloCommon(c, t, tvb, off, end, h, false, false);
        if (off < 0) return h;
        if (cookieLength != null) {
            if (!Vectors.need(t, tvb, off, end, 1)) return h;
            int len = tvb.u8(off);
            t.add(cookieLength, tvb, off, 1);
            off++;
            if (len > 0) {
                if (!Vectors.need(t, tvb, off, end, len)) return h;
                t.add(cookie, tvb, off, len);
                off += len;
            }
        }

        // CipherSuite cipher_suites<2..2^16-1>
        Vectors.Length v = Vectors.add(t, tvb, off, end, HS_CIPHER_SUITES_LENGTH, 2, 0xffff);
        if (!v.ok()) return h;
        off += 2;
        int next = off + v.length();
        int n = v.length() / 2;
        ProtoNode cs = t.addValue(HS_CIPHER_SUITES, tvb, off, v.length(), null,
                "Cipher Suites (" + n + " suite" + (n == 1 ? "" : "s") + ")");
        while (off + 2 <= next) {
            cs.add(HS_CIPHER_SUITE, tvb, off, 2);
            h.cipherSuites.add(tvb.u16(off));
            off += 2;
        }
        if (!Vectors.end(cs, tvb, off, next)) off = next;

        // CompressionMethod compression_methods<1..2^8-1>
        v = Vectors.add(t, tvb, off, end, HS_COMP_METHODS_LENGTH, 1, 0xff);
        if (!v.ok()) return h;
        off += 1;
        next = off + v.length();
        ProtoNode cm = t.addValue(HS_COMP_METHODS, tvb, off, v.length(), null,
                "Compression Methods (" + v.length() + " method" + (v.length() == 1 ? "" : "s") + ")");
        while (off < next) {
            int m = tvb.u8(off);
            h.compressionMethods.add(m);
            if (m < 64) {
                cm.add(HS_COMP_METHOD, tvb, off, 1);
            } else if (m < 193) {
                cm.addValue(HS_COMP_METHOD, tvb, off, 1, (long) m,
                        "Compression Method: Reserved - to be assigned by IANA (" + m + ")");
            } else {
                cm.addValue(HS_COMP_METHOD, tvb, off, 1, (long) m,
                        "Compression Method: Private use range (" + m + ")");
            }
            off++;
        }

        // SSL 3.0 has no extensions, so the length field can be missing.
        if (off < end) ExtensionDissector.dissect(t, tvb, off, end, HandshakeTypes.CLIENT_HELLO, h);
        addClientFingerprints(t, h);
        return h;
    }

    /** The body of a ServerHello in [off, end); {@code hrr} when its random is the HelloRetryRequest magic. */
    public static HelloInfo serverHello(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end, boolean hrr) {
        HelloInfo h = new HelloInfo(hrr ? HelloInfo.Kind.HELLO_RETRY_REQUEST : HelloInfo.Kind.SERVER_HELLO);
        if (!Vectors.need(t, tvb, off, end, 2)) return h;
        t.add(HS_VERSION, tvb, off, 2);
        h.legacyVersion = tvb.u16(off);
        off += 2;
        off = helloCommon(c, t, tvb, off, end, h, true, hrr);
        if (off < 0) return h;
        if (!Vectors.need(t, tvb, off, end, 2)) return h;
        t.add(HS_CIPHER_SUITE, tvb, off, 2);
        h.cipherSuites.add(tvb.u16(off));
        off += 2;
        int draft = c.tls13Draft();
        // No compression method in TLS 1.3 ServerHellos before draft -22.
        if (!(c.sessionVersion() == TlsVersions.TLS13 && draft > 0 && draft < 22)) {
            if (!Vectors.need(t, tvb, off, end, 1)) return h;
            t.add(HS_COMP_METHOD, tvb, off, 1);
            h.compressionMethods.add(tvb.u8(off));
            off += 1;
        }
        if (off < end) {
            ExtensionDissector.dissect(t, tvb, off, end, hrr ? HandshakeTypes.HELLO_RETRY_REQUEST : HandshakeTypes.SERVER_HELLO, h);
        }
        if (t.lean()) return h; // nobody reads the fingerprint (see ProtoNode.lean)
        String full = Ja3.serverString(h);
        t.addGenerated(JA3S_FULL, full);
        t.addGenerated(JA3S, Ja3.md5(full));
        return h;
    }

    /** A TLS 1.3 draft (-21 and before) HelloRetryRequest, handshake type 6. */
    public static HelloInfo draftHelloRetryRequest(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        HelloInfo h = new HelloInfo(HelloInfo.Kind.HELLO_RETRY_REQUEST);
        if (!Vectors.need(t, tvb, off, end, 2)) return h;
        t.add(HS_VERSION, tvb, off, 2);
        h.legacyVersion = tvb.u16(off);
        int draft = draftVersion(h.legacyVersion);
        off += 2;
        if (draft == 0 || draft >= 19) {
            if (!Vectors.need(t, tvb, off, end, 2)) return h;
            t.add(HS_CIPHER_SUITE, tvb, off, 2);
            h.cipherSuites.add(tvb.u16(off));
            off += 2;
        }
        ExtensionDissector.dissect(t, tvb, off, end, HandshakeTypes.HELLO_RETRY_REQUEST, h);
        return h;
    }

    /** The TLS 1.3 draft number of a version code (0x7fXX, Facebook's 0xfbXX), 0 for others. */
    public static int draftVersion(int version) {
        if ((version & 0xff00) == 0x7f00) return version & 0xff;
        if (version == 0xfb17) return 23;
        if (version == 0xfb1a) return 26;
        return 0;
    }

    /**
     * Random and session id, shared by both hellos (ssl_dissect_hnd_hello_common). Returns the
     * offset after them, or -1 when the message ends first.
     */
    static int helloCommon(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end, HelloInfo h,
                           boolean fromServer, boolean hrr) {
        if (!Vectors.need(t, tvb, off, end, 32)) return -1;
        ProtoNode rnd = t.add(HS_RANDOM, tvb, off, 32);
        h.random = tvb.bytes(off, 32);
        if (c.sessionVersion() != TlsVersions.TLS13) {
            // No time in the first bytes of a TLS 1.3 random.
            rnd.addValue(HS_RANDOM_TIME, tvb, off, 4, Instant.ofEpochSecond(tvb.u32(off)));
            rnd.add(HS_RANDOM_BYTES, tvb, off + 4, 28);
        } else if (hrr) {
            rnd.appendText(" (HelloRetryRequest magic)");
        }
        off += 32;
        int draft = c.tls13Draft();
        // No session id in TLS 1.3 ServerHellos before draft -22.
        if (!fromServer || !(c.sessionVersion() == TlsVersions.TLS13 && draft > 0 && draft < 22)) {
            if (!Vectors.need(t, tvb, off, end, 1)) return -1;
            int len = tvb.u8(off);
            t.add(HS_SESSION_ID_LENGTH, tvb, off, 1);
            off++;
            if (len > 0) {
                if (!Vectors.need(t, tvb, off, end, len)) {
                    h.sessionId = tvb.bytes(off, Math.max(0, end - off));
                    return -1;
                }
                t.add(HS_SESSION_ID, tvb, off, len);
                h.sessionId = tvb.bytes(off, len);
                off += len;
            } else {
                h.sessionId = new byte[0];
            }
        }
        return off;
    }

    /** JA4 (as Wireshark 4.2 shows it) then JA3 (as tshark 4.0 does), as generated items. */
    static void addClientFingerprints(ProtoNode t, HelloInfo h) {
        if (t.lean()) return; // nobody reads them (see ProtoNode.lean)
        t.addGenerated(JA4, Ja4.fingerprint(h));
        t.addGenerated(JA4_R, Ja4.raw(h));
        String full = Ja3.clientString(h);
        t.addGenerated(JA3_FULL, full);
        t.addGenerated(JA3, Ja3.md5(full));
    }

    /** True when 32 bytes at off are the HelloRetryRequest random. */
    public static boolean isHrrRandom(Tvb tvb, int off) {
        if (!tvb.has(off, 32)) return false;
        for (int i = 0; i < 32; i++) {
            if (tvb.data[off + i] != HRR_RANDOM[i]) return false;
        }
        return true;
    }
}
