package tlslens.dissect.tls.messages;

import static tlslens.dissect.tls.base.TlsFields.*;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.ext.ExtensionDissector;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * The small handshake messages: NewSessionTicket (TLS 1.2 and 1.3 layouts), EncryptedExtensions,
 * Finished, KeyUpdate, CertificateURL and NPN's EncryptedExtensions (67).
 */
public final class SimpleMessages {

    private SimpleMessages() {}

    /** NewSessionTicket: RFC 5077 (lifetime hint, ticket) or RFC 8446 4.6.1 (plus age add, nonce, extensions). */
    public static void newSessionTicket(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        boolean tls13 = c.sessionVersion() == TlsVersions.TLS13;
        int draft = c.tls13Draft();
        ProtoNode st = t.addText("TLS Session Ticket", tvb, off, end - off);
        if (!Vectors.need(st, tvb, off, end, 4)) return;
        long lifetime = tvb.u32(off);
        String text = "Session Ticket Lifetime Hint: " + lifetime + (lifetime == 1 ? " second" : " seconds");
        if (lifetime >= 60) text += " (" + timeSecsToString(lifetime) + ")";
        st.addValue(HS_SESSION_TICKET_LIFETIME_HINT, tvb, off, 4, lifetime, text);
        off += 4;
        if (tls13) {
            if (!Vectors.need(st, tvb, off, end, 4)) return;
            st.add(HS_SESSION_TICKET_AGE_ADD, tvb, off, 4);
            off += 4;
            if (draft == 0 || draft >= 21) {
                Vectors.Length v = Vectors.add(st, tvb, off, end, HS_SESSION_TICKET_NONCE_LENGTH, 0, 255);
                if (!v.ok()) return;
                off += 1;
                st.add(HS_SESSION_TICKET_NONCE, tvb, off, v.length());
                off += v.length();
            }
        }
        Vectors.Length v = Vectors.add(st, tvb, off, end, HS_SESSION_TICKET_LENGTH, tls13 ? 1 : 0, 0xffff);
        if (!v.ok()) return;
        off += 2;
        st.add(HS_SESSION_TICKET, tvb, off, v.length());
        c.onSessionTicket(tvb.bytes(off, v.length()), lifetime, tls13);
        off += v.length();
        if (tls13) ExtensionDissector.dissect(st, tvb, off, end, HandshakeTypes.NEW_SESSION_TICKET, new HelloInfo(
                HelloInfo.Kind.SERVER_HELLO));
    }

    /** TLS 1.3 EncryptedExtensions: just an extension list. */
    public static void encryptedExtensions(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        HelloInfo ee = new HelloInfo(HelloInfo.Kind.SERVER_HELLO);
        ExtensionDissector.dissect(t, tvb, off, end, HandshakeTypes.ENCRYPTED_EXTENSIONS, ee);
        c.onEncryptedExtensions(ee);
    }

    /** Finished: SSLv3's MD5 and SHA-1 hashes, or verify_data. */
    public static void finished(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        ProtoNode vd;
        if (c.sessionVersion() == TlsVersions.SSL3) {
            t.add(HS_MD5_HASH, tvb, off, Math.min(16, Math.max(0, end - off)));
            vd = t.add(HS_SHA_HASH, tvb, off + 16, Math.min(20, Math.max(0, end - off - 16)));
        } else {
            vd = t.add(HS_VERIFY_DATA, tvb, off, end - off);
        }
        // With a key log, the value the keys give: a check that the capture and the keys belong together.
        var check = end > off ? c.checkFinished(tvb.bytes(off, end - off)) : null;
        if (check == null) return;
        String text = check.correct()
                ? "[Verify Data: \u2713 correct (key from " + check.keyOrigin() + ")]"
                : "[Verify Data: \u2717 incorrect, expected " + java.util.HexFormat.of().formatHex(check.expected()) + "]";
        ProtoNode n = vd.child(new ProtoNode(null, null, text, tvb.source, off, end - off));
        n.setGenerated(true);
        if (!check.correct()) {
            n.expert(TlsExperts.VERIFY_DATA_MISMATCH.note());
        }
    }

    /** KeyUpdate (RFC 8446 4.6.3): one request_update byte. */
    public static void keyUpdate(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 1)) return;
        t.add(HS_KEY_UPDATE_REQUEST, tvb, off, 1);
    }

    /** NPN's EncryptedExtensions (type 67, draft-agl-tls-nextprotoneg-04): selected protocol and padding. */
    public static void npnEncryptedExtensions(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 1)) return;
        int len = tvb.u8(off);
        t.add(NPN_SELECTED_PROTOCOL_LENGTH, tvb, off, 1);
        off++;
        if (!Vectors.need(t, tvb, off, end, len)) return;
        t.add(NPN_SELECTED_PROTOCOL, tvb, off, len);
        off += len;
        if (!Vectors.need(t, tvb, off, end, 1)) return;
        int pad = tvb.u8(off);
        t.add(NPN_PADDING_LENGTH, tvb, off, 1);
        off++;
        if (!Vectors.need(t, tvb, off, end, pad)) return;
        t.add(NPN_PADDING, tvb, off, pad);
    }

    /** CertificateURL (RFC 6066 5): chain type and a list of URL, padding and SHA-1 hash. */
    public static void certificateUrl(HandshakeContext c, ProtoNode t, Tvb tvb, int off, int end) {
        if (!Vectors.need(t, tvb, off, end, 3)) return;
        t.add(CERT_URL_TYPE, tvb, off, 1);
        off++;
        // Wireshark reads this length as a count of entries; so do we, bounded by the message.
        int count = tvb.u16(off);
        t.add(CERT_URL_HASH_LIST_LENGTH, tvb, off, 2);
        off += 2;
        while (count-- > 0 && off < end) {
            int start = off;
            ProtoNode item = t.addValue(CERT_URL_ITEM, tvb, off, end - off, null);
            if (!Vectors.need(item, tvb, off, end, 2)) return;
            int urlLen = tvb.u16(off);
            item.add(CERT_URL_URL_LENGTH, tvb, off, 2);
            off += 2;
            if (!Vectors.need(item, tvb, off, end, urlLen + 21)) return;
            item.add(CERT_URL_URL, tvb, off, urlLen);
            off += urlLen;
            item.add(CERT_URL_PADDING, tvb, off, 1);
            off++;
            item.add(CERT_URL_SHA1, tvb, off, 20);
            off += 20;
            item.setLength(off - start);
        }
    }

    /** Wireshark's unsigned_time_secs_to_str: "1 day, 4 hours", "5 minutes", "23 hours, 5 minutes". */
    public static String timeSecsToString(long secs) {
        if (secs == 0) return "0 seconds";
        long days = secs / 86400, hours = (secs / 3600) % 24, mins = (secs / 60) % 60, s = secs % 60;
        StringBuilder sb = new StringBuilder();
        part(sb, days, "day");
        part(sb, hours, "hour");
        part(sb, mins, "minute");
        part(sb, s, "second");
        return sb.toString();
    }

    private static void part(StringBuilder sb, long n, String unit) {
        if (n == 0) return;
        if (sb.length() > 0) sb.append(", ");
        sb.append(n).append(' ').append(unit);
        if (n != 1) sb.append('s');
    }
}
