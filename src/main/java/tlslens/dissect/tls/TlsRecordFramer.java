package tlslens.dissect.tls;

import tlslens.dissect.tls.names.ContentTypes;

/**
 * Finds TLS record boundaries in a byte stream without dissecting anything: the pipeline uses it
 * to cut a reassembled TCP stream into records, to classify a connection as TLS, and to
 * resynchronise after missing bytes. Every read is bounds-checked; nothing here allocates.
 */
public final class TlsRecordFramer {
    /** RFC 5246 6.2.3: a TLSCiphertext fragment is at most 2^14 + 2048 bytes. */
    public static final int MAX_RECORD_PAYLOAD = (1 << 14) + 2048;
    /** Bytes of a TLS (SSLv3+) record header. */
    public static final int HEADER_LENGTH = 5;

    private TlsRecordFramer() {}

    /**
     * Total length (header included) of the record at buf[off..off+avail): &gt;0 when known; 0 when
     * more bytes are needed to decide; -1 when these bytes are not a plausible TLS record header
     * (content type 20..25, major version 3; any length up to 2^16-1) nor, if allowSsl2, an SSLv2
     * record header (2- or 3-byte form).
     */
    public static int recordLength(byte[] buf, int off, int avail, boolean allowSsl2) {
        if (buf == null || off < 0 || avail <= 0 || off >= buf.length) return avail <= 0 ? 0 : -1;
        avail = Math.min(avail, buf.length - off);
        int first = buf[off] & 0xff;
        if (first >= ContentTypes.CHANGE_CIPHER_SPEC && first <= ContentTypes.TLS12_CID) {
            if (avail < 2) return 0;
            if ((buf[off + 1] & 0xff) != 3) return allowSsl2 ? ssl2Length(buf, off, avail) : -1;
            if (avail < HEADER_LENGTH) return 0;
            // Any length frames the record, as in tshark, which dissects a longer one and flags it
            // (TlsConnection's "TLSCiphertext length MUST NOT exceed"); only finding TLS (a hello,
            // resync) holds to the limit.
            return HEADER_LENGTH + u16(buf, off + 3);
        }
        return allowSsl2 ? ssl2Length(buf, off, avail) : -1;
    }

    /**
     * The length of an SSLv2 record that carries a plausible cleartext SSLv2 handshake message
     * (CLIENT-HELLO, SERVER-HELLO, CLIENT-MASTER-KEY, ERROR), or of any SSLv2 record when the
     * header alone is all we can judge; 0 when more bytes are needed, -1 when implausible.
     */
    private static int ssl2Length(byte[] buf, int off, int avail) {
        int b0 = buf[off] & 0xff;
        if (avail < 2) return 0;
        int headerLen;
        int len;
        if ((b0 & 0x80) != 0) {
            headerLen = 2;
            len = ((b0 & 0x7f) << 8) | (buf[off + 1] & 0xff);
        } else {
            // The 3-byte form only carries encrypted (padded) data; cleartext messages never use it.
            // Text is not SSLv2 (Wireshark's rule: four printable characters are not TLS).
            if (avail >= 4 && printable(buf, off, 4)) return -1;
            if (avail < 3) return 0;
            headerLen = 3;
            len = ((b0 & 0x3f) << 8) | (buf[off + 1] & 0xff);
            int padding = buf[off + 2] & 0xff;
            if (padding > len) return -1;
        }
        if (len == 0) return -1;
        return headerLen + len;
    }

    /**
     * True when the bytes start a TLS conversation: a handshake record holding a ClientHello (or
     * ServerHello), or an SSLv2-format ClientHello / SSLv2 SERVER-HELLO. Cheap; every read guarded.
     */
    public static boolean looksLikeHello(byte[] buf, int off, int avail) {
        if (buf == null || off < 0 || avail <= 0 || off >= buf.length) return false;
        avail = Math.min(avail, buf.length - off);
        if (avail >= 6 && (buf[off] & 0xff) == ContentTypes.HANDSHAKE && (buf[off + 1] & 0xff) == 3 && (buf[off + 2] & 0xff) <= 4) {
            int len = u16(buf, off + 3);
            if (len < 4 || len > MAX_RECORD_PAYLOAD) return false;
            int type = buf[off + 5] & 0xff;
            if (type != 1 && type != 2) return false;
            if (avail < 11) return true;
            int msgLen = u24(buf, off + 6);
            int ver = u16(buf, off + 9);
            // A hello's body starts with a version 0x03xx (or a DTLS/draft variant, which we reject here).
            return msgLen >= 38 && (ver >> 8) == 3;
        }
        return looksLikeSsl2Hello(buf, off, avail);
    }

    /** SSLv2 CLIENT-HELLO (2-byte header, msg type 1, SSL 2.0..TLS 1.2 version) or SERVER-HELLO (type 4). */
    static boolean looksLikeSsl2Hello(byte[] buf, int off, int avail) {
        if (avail < 5 || (buf[off] & 0x80) == 0) return false;
        int len = ((buf[off] & 0x7f) << 8) | (buf[off + 1] & 0xff);
        int type = buf[off + 2] & 0xff;
        if (type == 1) {
            // Wireshark's is_sslv2_clienthello: version, cipher spec length a non-zero multiple of 3,
            // session id 0 or 16 bytes, challenge 16..32 bytes (RFC 6101 E: 16..32).
            if (len < 9 || avail < 11) return false;
            int ver = u16(buf, off + 3);
            if (ver != 0x0002 && (ver >> 8) != 3) return false;
            int cs = u16(buf, off + 5), sid = u16(buf, off + 7), ch = u16(buf, off + 9);
            return cs > 0 && cs % 3 == 0 && (sid == 0 || sid == 16) && ch >= 16 && ch <= 32
                    && 9 + cs + sid + ch <= len;
        }
        if (type == 4) {
            if (len < 11 || avail < 7) return false;
            int ver = u16(buf, off + 5);
            return ver == 0x0002 || (ver >> 8) == 3;
        }
        return false;
    }

    /** Offset of the next plausible record header at or after from (before end), or -1. */
    public static int resync(byte[] buf, int from, int end) {
        if (buf == null) return -1;
        int stop = Math.min(end, buf.length);
        for (int i = Math.max(0, from); i < stop; i++) {
            int t = buf[i] & 0xff;
            if (t < ContentTypes.CHANGE_CIPHER_SPEC || t > ContentTypes.HEARTBEAT) continue;
            if (i + HEADER_LENGTH > stop) {
                // A header cut by the end of the data: plausible only if what is there fits.
                if (i + 1 < stop && (buf[i + 1] & 0xff) != 3) continue;
                if (i + 2 < stop && (buf[i + 2] & 0xff) > 4) continue;
                return i;
            }
            if ((buf[i + 1] & 0xff) != 3 || (buf[i + 2] & 0xff) > 4) continue;
            int len = u16(buf, i + 3);
            if (len == 0 || len > MAX_RECORD_PAYLOAD) continue;
            // Prefer a header whose record is followed by another header (or by the end of data).
            int next = i + HEADER_LENGTH + len;
            if (next < stop) {
                if (next + 3 <= stop) {
                    int nt = buf[next] & 0xff;
                    if (nt < ContentTypes.CHANGE_CIPHER_SPEC || nt > ContentTypes.HEARTBEAT
                            || (buf[next + 1] & 0xff) != 3 || (buf[next + 2] & 0xff) > 4) continue;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean printable(byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            int c = b[off + i] & 0xff;
            if (c < 0x20 || c > 0x7e) return false;
        }
        return true;
    }

    static int u16(byte[] b, int off) { return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff); }

    static int u24(byte[] b, int off) {
        return ((b[off] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off + 2] & 0xff);
    }
}
