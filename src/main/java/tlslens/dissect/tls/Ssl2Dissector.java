package tlslens.dissect.tls;

import static tlslens.dissect.tls.base.TlsFields.*;
import static tlslens.dissect.tls.names.Ssl2MessageTypes.CLIENT_HELLO;
import static tlslens.dissect.tls.names.Ssl2MessageTypes.CLIENT_MASTER_KEY;
import static tlslens.dissect.tls.names.Ssl2MessageTypes.SERVER_HELLO;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.messages.CertificateMessages;
import tlslens.dissect.tls.names.Ssl2MessageTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * SSL 2.0 records (draft-hickman-netscape-ssl-00): the 2- or 3-byte record header and the
 * cleartext CLIENT-HELLO, SERVER-HELLO and CLIENT-MASTER-KEY; everything else is "Encrypted Data".
 * Follows Wireshark's dissect_ssl2_record, including the SSLv2-compatible ClientHello of SSLv3/TLS
 * clients (RFC 5246 E.2).
 */
final class Ssl2Dissector {
    /** SSLV2_MAX_SESSION_ID_LENGTH_IN_BYTES */
    private static final int MAX_SESSION_ID = 16;

    private Ssl2Dissector() {}

    /** The message type of the record (for the caller's bookkeeping), or -1. */
    static int dissect(HandshakeContext c, ProtoNode tls, Tvb tvb, int[] sessionVersion) {
        FrameDissection fd = c.frame();
        int start = tvb.start;
        int avail = tvb.length();
        if (avail < 2) return -1;
        int b0 = tvb.u8(start);
        int headerLen = (b0 & 0x80) != 0 ? 2 : 3;
        if (avail < headerLen) return -1;
        int recordLen;
        int isEscape = -1;
        int padding = -1;
        if (headerLen == 2) {
            recordLen = ((b0 & 0x7f) << 8) | tvb.u8(start + 1);
        } else {
            isEscape = (b0 & 0x40) != 0 ? 1 : 0;
            recordLen = ((b0 & 0x3f) << 8) | tvb.u8(start + 1);
            padding = tvb.u8(start + 2);
        }
        ProtoNode rec = tls.addValue(SSL2_RECORD, tvb, start, headerLen + recordLen, null, null);
        if (avail < headerLen + recordLen) {
            rec.malformed(tvb, start, avail, "TLS");
        }
        int msgOff = start + headerLen;
        int msgType = tvb.has(msgOff, 1) ? tvb.u8(msgOff) : -1;

        // A SERVER-HELLO or later message makes this an SSLv2 session.
        if (sessionVersion[0] == 0 && msgType >= 2 && msgType <= 8) sessionVersion[0] = TlsVersions.SSL2;
        fd.setProtocol("SSLv2");

        String typeStr = msgType < 0 ? null : Ssl2MessageTypes.wiresharkName(msgType);
        if (typeStr == null || !looksLikeValidHandshake(tvb, msgOff, recordLen)) {
            rec.setText("SSLv2 Record Layer: Encrypted Data");
            rec.addGenerated(RECORD_VERSION, (long) TlsVersions.SSL2);
            fd.appendInfo("Encrypted Data");
            return -1;
        }
        fd.appendInfo(typeStr);
        rec.setText("SSLv2 Record Layer: " + typeStr);
        rec.addGenerated(RECORD_VERSION, (long) TlsVersions.SSL2);
        rec.addValue(RECORD_LENGTH, tvb, start, headerLen, (long) recordLen);
        if (isEscape != -1) rec.addValue(SSL2_IS_ESCAPE, tvb, start, 1, isEscape == 1);
        if (padding != -1) rec.addValue(SSL2_PADDING_LENGTH, tvb, start + 2, 1, (long) padding);
        rec.add(SSL2_MSG_TYPE, tvb, msgOff, 1);
        int end = Math.min(tvb.end, msgOff + recordLen);
        int off = msgOff + 1;
        switch (msgType) {
            case CLIENT_HELLO -> {
                HelloInfo h = clientHello(rec, tvb, off, end);
                if (h != null) c.onClientHello(h);
                // RFC 5246 E.2: the Finished hashes include the SSLv2 CLIENT-HELLO without its record header.
                if (end > msgOff) c.handshakeBytes(tvb.bytes(msgOff, end - msgOff));
            }
            case CLIENT_MASTER_KEY -> clientMasterKey(rec, tvb, off, end);
            case SERVER_HELLO -> serverHello(rec, tvb, off, end);
            default -> { }
        }
        return msgType;
    }

    /** Wireshark's ssl_looks_like_valid_v2_handshake. */
    static boolean looksLikeValidHandshake(Tvb tvb, int off, int recordLen) {
        int type = tvb.u8(off);
        switch (type) {
            case CLIENT_HELLO:
                return TlsVersions.wiresharkName(tvb.u16(off + 1)) != null;
            case SERVER_HELLO:
                return TlsVersions.wiresharkName(tvb.u16(off + 3)) != null;
            case CLIENT_MASTER_KEY: {
                long sum = (long) tvb.u16(off + 4) + tvb.u16(off + 6) + tvb.u16(off + 8);
                return sum <= recordLen;
            }
            default:
                return false;
        }
    }

    static HelloInfo clientHello(ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 2)) return null;
        int version = tvb.u16(off);
        if (TlsVersions.wiresharkName(version) == null) return null; // probably encrypted data
        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        h.legacyVersion = version;
        t.add(HS_VERSION, tvb, off, 2);
        off += 2;
        if (!Vectors.need(t, tvb, off, end, 6)) return h;
        int cipherSpecLen = tvb.u16(off);
        t.add(SSL2_CIPHER_SPEC_LENGTH, tvb, off, 2);
        off += 2;
        int sessionIdLen = tvb.u16(off);
        ProtoNode sid = t.add(SSL2_SESSION_ID_LENGTH, tvb, off, 2);
        if (sessionIdLen > MAX_SESSION_ID) {
            sid.expert(TlsExperts.SESSION_ID_LENGTH_ERROR.note("Session ID length (" + sessionIdLen + ") must be less than "
                    + MAX_SESSION_ID + "."));
            return h;
        }
        off += 2;
        int challengeLen = tvb.u16(off);
        t.add(SSL2_CHALLENGE_LENGTH, tvb, off, 2);
        off += 2;
        ProtoNode specs = t.addValue(HS_CIPHER_SUITES, tvb, off, cipherSpecLen, null,
                "Cipher Specs (" + (cipherSpecLen / 3) + " specs)");
        int specEnd = off + cipherSpecLen;
        while (off + 3 <= specEnd) {
            if (!Vectors.need(specs, tvb, off, end, 3)) return h;
            int spec = tvb.u24(off);
            specs.add(SSL2_CIPHER_SPEC, tvb, off, 3);
            // An SSLv2-compatible hello lists the TLS suites as 0x00XXXX.
            if ((spec >> 16) == 0) h.cipherSuites.add(spec);
            off += 3;
        }
        off = specEnd;
        if (sessionIdLen > 0) {
            if (!Vectors.need(t, tvb, off, end, sessionIdLen)) return h;
            t.addValue(HS_SESSION_ID, tvb, off, sessionIdLen, tvb.bytes(off, sessionIdLen),
                    "Session ID (" + sessionIdLen + " byte" + (sessionIdLen == 1 ? "" : "s") + ")");
            h.sessionId = tvb.bytes(off, sessionIdLen);
            off += sessionIdLen;
        } else {
            h.sessionId = new byte[0];
        }
        if (challengeLen > 0) {
            if (!Vectors.need(t, tvb, off, end, challengeLen)) return h;
            t.add(SSL2_CHALLENGE, tvb, off, challengeLen);
            // The client random is the challenge, right-aligned in 32 bytes and zero-padded.
            int n = Math.min(32, challengeLen);
            byte[] random = new byte[32];
            System.arraycopy(tvb.data, off, random, 32 - n, n);
            h.random = random;
        }
        return h;
    }

    static void clientMasterKey(ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 9)) return;
        t.add(SSL2_CIPHER_SPEC, tvb, off, 3);
        off += 3;
        int clearLen = tvb.u16(off);
        t.add(SSL2_CLEAR_KEY_LENGTH, tvb, off, 2);
        off += 2;
        int encLen = tvb.u16(off);
        t.add(SSL2_ENCRYPTED_KEY_LENGTH, tvb, off, 2);
        off += 2;
        int argLen = tvb.u16(off);
        t.add(SSL2_KEY_ARG_LENGTH, tvb, off, 2);
        off += 2;
        if (clearLen > 0) {
            if (!Vectors.need(t, tvb, off, end, clearLen)) return;
            t.add(SSL2_CLEAR_KEY, tvb, off, clearLen);
            off += clearLen;
        }
        if (encLen > 0) {
            if (!Vectors.need(t, tvb, off, end, encLen)) return;
            t.add(SSL2_ENCRYPTED_KEY, tvb, off, encLen);
            off += encLen;
        }
        if (argLen > 0) {
            if (!Vectors.need(t, tvb, off, end, argLen)) return;
            t.add(SSL2_KEY_ARG, tvb, off, argLen);
        }
    }

    static void serverHello(ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 10)) return;
        if (TlsVersions.wiresharkName(tvb.u16(off + 2)) == null) return; // probably encrypted data
        t.addValue(SSL2_SESSION_ID_HIT, tvb, off, 1, tvb.u8(off) != 0);
        off++;
        t.add(SSL2_CERT_TYPE, tvb, off, 1);
        off++;
        t.add(HS_VERSION, tvb, off, 2);
        off += 2;
        int certLen = tvb.u16(off);
        t.addValue(HS_CERTIFICATE_LENGTH, tvb, off, 2, (long) certLen);
        off += 2;
        int specLen = tvb.u16(off);
        t.addValue(SSL2_CIPHER_SPEC_LENGTH, tvb, off, 2, (long) specLen);
        off += 2;
        int connIdLen = tvb.u16(off);
        t.addValue(SSL2_CONNECTION_ID_LENGTH, tvb, off, 2, (long) connIdLen);
        off += 2;
        if (certLen > 0) {
            if (!Vectors.need(t, tvb, off, end, certLen)) return;
            CertificateMessages.certificateItem(t, tvb, off, certLen);
            off += certLen;
        }
        if (specLen > 0) {
            int n = specLen / 3;
            ProtoNode specs = t.addValue(HS_CIPHER_SUITES, tvb, off, specLen, null,
                    "Cipher Specs (" + n + " spec" + (n == 1 ? "" : "s") + ")");
            int specEnd = off + specLen;
            while (off + 3 <= specEnd) {
                if (!Vectors.need(specs, tvb, off, end, 3)) return;
                specs.add(SSL2_CIPHER_SPEC, tvb, off, 3);
                off += 3;
            }
            off = specEnd;
        }
        if (connIdLen > 0) {
            if (!Vectors.need(t, tvb, off, end, connIdLen)) return;
            t.add(SSL2_CONNECTION_ID, tvb, off, connIdLen);
        }
    }
}
