package tlslens.dissect.quic;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;

/**
 * HTTP/3 (RFC 9114) frames named by type in the STREAM frames of connections whose ALPN is h3: a
 * unidirectional stream's type first (control, push, QPACK), then on control, push and request
 * streams each frame's type and length, its payload left as bytes (no QPACK decoding). Each stream is
 * read in order: a retransmitted range is skipped, and after a gap (a lost or undecrypted STREAM frame)
 * the stream is no longer read, since frame boundaries are unknown from there. A frame header cut by
 * the end of a STREAM frame is completed with the next one's bytes.
 */
final class Http3Dissector {
    /** Per QUIC connection, per stream ID and sender (a bidirectional stream carries both sides): what has been read. */
    private final Map<QuicConnection, Map<Long, StreamState>> streams = new IdentityHashMap<>();

    private static final class StreamState {
        long next;
        boolean typeRead;
        /** QPACK encoder/decoder or unknown stream types carry no HTTP/3 frames. */
        boolean opaque;
        boolean broken;
        /** Payload bytes of the current frame still to come in later STREAM frames. */
        long payloadLeft;
        /** Bytes of a frame header (or stream type) the previous STREAM frame ended in the middle of. */
        byte[] carry = new byte[0];
    }

    /** The connection ended: its streams' state goes (no STREAM frame of it is decrypted any more). */
    void forget(QuicConnection conn) { streams.remove(conn); }

    /** Whether the connection speaks HTTP/3: ALPN h3 (or a draft h3-NN) in EncryptedExtensions, else offered alone. */
    static boolean isHttp3(QuicConnection conn) {
        HelloInfo ee = conn.tls.log().encryptedExtensions();
        if (ee != null && !ee.alpn.isEmpty()) return h3(ee.alpn.get(0));
        HelloInfo ch = conn.tls.clientHello();
        return ch != null && !ch.alpn.isEmpty() && ch.alpn.stream().allMatch(Http3Dissector::h3);
    }

    private static boolean h3(String alpn) {
        return alpn.equals("h3") || alpn.startsWith("h3-");
    }

    /** The STREAM frame's data [off, off + len) at stream offset streamOffset of stream streamId, sent by the client or not. */
    void stream(FrameDissection fd, Tvb t, int off, int len, long streamId, long streamOffset, boolean fromClient,
                QuicConnection conn) {
        StreamState s = streams.computeIfAbsent(conn, c -> new HashMap<>()).computeIfAbsent(streamId * 2 + (fromClient ? 1 : 0), k -> {
            StreamState n = new StreamState();
            n.typeRead = (streamId & 2) == 0; // bidirectional: frames from the first byte
            return n;
        });
        if (s.broken || s.opaque || len == 0) return;
        long end = streamOffset + len;
        if (end <= s.next) return; // retransmitted
        if (streamOffset > s.next) {
            s.broken = true;
            return;
        }
        int skip = (int) (s.next - streamOffset);
        s.next = end;
        Tvb tvb = t;
        int p = off + skip;
        int stop = off + len;
        if (s.carry.length > 0) {
            byte[] joined = new byte[s.carry.length + stop - p];
            System.arraycopy(s.carry, 0, joined, 0, s.carry.length);
            System.arraycopy(t.bytes(p, stop - p), 0, joined, s.carry.length, stop - p);
            tvb = fd.addSource("Reassembled HTTP/3 (" + joined.length + " bytes)", joined, List.of());
            p = tvb.start;
            stop = tvb.end;
            s.carry = new byte[0];
        }
        ProtoNode h3 = null;
        while (p < stop) {
            if (s.payloadLeft > 0) {
                int n = (int) Math.min(s.payloadLeft, stop - p);
                if (h3 == null) h3 = fd.root.addValue(QuicFields.HTTP3, tvb, p, stop - p, null);
                h3.add(QuicFields.HTTP3_FRAME_PAYLOAD, tvb, p, n);
                s.payloadLeft -= n;
                p += n;
                continue;
            }
            if (!s.typeRead) {
                int n = Varint.length(tvb, p, stop);
                if (n == 0) break;
                long type = Varint.value(tvb, p);
                int pushLen = type == 1 ? Varint.length(tvb, p + n, stop) : 0;
                if (type == 1 && pushLen == 0) break;
                if (h3 == null) h3 = fd.root.addValue(QuicFields.HTTP3, tvb, p, stop - p, null);
                h3.addValue(QuicFields.HTTP3_STREAM_TYPE, tvb, p, n, type);
                if (type == 1) h3.addValue(QuicFields.HTTP3_PUSH_ID, tvb, p + n, pushLen, Varint.value(tvb, p + n));
                s.typeRead = true;
                s.opaque = type != 0 && type != 1;
                p += n + pushLen;
                if (s.opaque) return;
                continue;
            }
            int tn = Varint.length(tvb, p, stop);
            int ln = tn == 0 ? 0 : Varint.length(tvb, p + tn, stop);
            if (ln == 0) break;
            long type = Varint.value(tvb, p);
            long length = Varint.value(tvb, p + tn);
            if (h3 == null) h3 = fd.root.addValue(QuicFields.HTTP3, tvb, p, stop - p, null);
            h3.addValue(QuicFields.HTTP3_FRAME_TYPE, tvb, p, tn, type);
            h3.addValue(QuicFields.HTTP3_FRAME_LENGTH, tvb, p + tn, ln, length);
            p += tn + ln;
            int n = (int) Math.min(length, stop - p);
            if (n > 0) h3.add(QuicFields.HTTP3_FRAME_PAYLOAD, tvb, p, n);
            s.payloadLeft = length - n;
            p += n;
        }
        if (p < stop) s.carry = tvb.bytes(p, stop - p); // a header cut short: completed by the next STREAM frame
    }
}
