package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.QuicTransportParameterNames;

/**
 * quic_transport_parameters (57, and 0xffa5 of the drafts): each parameter as a "Parameter: name
 * (len=N) value" subtree with its Type / Length / Value and the decoded value, as tshark 4.0 shows
 * it. Parameters of drafts up to -26 (16-bit ids and lengths behind a total length) are recognised
 * the way Wireshark recognises them.
 */
public final class QuicTransportParameters {
    private QuicTransportParameters() {}

    /** A QUIC variable-length integer: value and encoded length, or length 0 when it does not fit. */
    record Varint(long value, int length) {}

    static Varint varint(Tvb tvb, int off, int end) {
        if (off >= end || !tvb.has(off, 1)) return new Varint(0, 0);
        int first = tvb.u8(off);
        int len = 1 << (first >> 6);
        if (end - off < len || !tvb.has(off, len)) return new Varint(0, 0);
        long v = first & 0x3f;
        for (int i = 1; i < len; i++) v = (v << 8) | tvb.u8(off + i);
        return new Varint(v, len);
    }

    /** Adds a varint item; returns its length (0 when it could not be read). */
    static Varint addVarint(ProtoNode tree, FieldDef f, Tvb tvb, int off, int end) {
        Varint v = varint(tvb, off, end);
        if (v.length == 0) {
            tree.add(f, tvb, off, 1);
            return v;
        }
        tree.addValue(f, tvb, off, v.length, v.value);
        return v;
    }

    public static int dissect(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        boolean varintEncoding = true;
        if (end - off >= 6 && 2 + tvb.u16(off) == end - off && 6 + tvb.u16(off + 4) <= end - off) {
            varintEncoding = false; // draft -26 or older
        }
        int next;
        if (varintEncoding) {
            next = end;
        } else {
            Vectors.Length v = Vectors.add(tree, tvb, off, end, QUIC_LEN, 0, 0xffff);
            if (!v.ok()) return end;
            off += 2;
            next = off + v.length();
        }
        while (off < next) {
            ProtoNode p = tree.addValue(QUIC_PARAMETER, tvb, off, 2, null, "Parameter");
            long type;
            long declared;
            int start = off;
            if (varintEncoding) {
                Varint t = varint(tvb, off, next);
                if (t.length == 0) {
                    p.malformed(tvb, off, next - off, "Truncated transport parameter");
                    return next;
                }
                type = t.value;
                p.addValue(QUIC_TYPE, tvb, off, t.length, type, "Type: " + QuicTransportParameterNames.typeLabel(type));
                off += t.length;
                Varint l = varint(tvb, off, next);
                if (l.length == 0) {
                    p.add(QUIC_PARAM_LEN, tvb, off, 1);
                    p.malformed(tvb, off, next - off, "Truncated transport parameter length");
                    return next;
                }
                p.addValue(QUIC_PARAM_LEN, tvb, off, l.length, l.value);
                off += l.length;
                declared = l.value;
                p.setLength((int) Math.min(off - start + l.value, Math.max(0, next - start)));
            } else {
                type = tvb.u16(off);
                p.addValue(QUIC_TYPE, tvb, off, 2, type, "Type: " + QuicTransportParameterNames.typeLabel(type));
                off += 2;
                Vectors.Length v = Vectors.add(p, tvb, off, next, QUIC_PARAM_LEN_OLD, 0, 0xffff);
                if (!v.ok()) return next;
                off += 2;
                declared = v.length();
                p.setLength(4 + v.length());
            }
            // tshark prints the length as a 32-bit unsigned value
            StringBuilder label = new StringBuilder("Parameter: ").append(QuicTransportParameterNames.treeName(type))
                    .append(" (len=").append(Integer.toUnsignedString((int) declared)).append(')');
            boolean over = Long.compareUnsigned(declared, next - off) > 0;
            if (over) {
                p.malformed(tvb, off, next - off, "Parameter length " + Long.toUnsignedString(declared)
                        + " runs past the extension");
            }
            int paramLen = over ? next - off : (int) declared;
            int paramEnd = off + paramLen;
            Tvb pv = tvb.slice(off, paramEnd);
            p.add(QUIC_VALUE, pv, off, paramLen);
            off = value(c, p, label, pv, type, off, paramLen, paramEnd);
            p.setText(label.toString());
            if (!Vectors.end(p, tvb, off, paramEnd)) off = paramEnd;
            if (over) return next;
        }
        return off;
    }

    /** Decodes one parameter's value; returns the offset after what it read. */
    private static int value(ExtContext c, ProtoNode p, StringBuilder label, Tvb tvb, long type, int off, int len, int end) {
        Varint v;
        if (QuicTransportParameterNames.isGrease(type) || Long.compareUnsigned(type, 0xffffffffL) > 0) return off + len;
        switch ((int) type) {
            case 0x00:
                p.add(QUIC_OCID, tvb, off, len);
                return off + len;
            case 0x01:
                v = addVarint(p, QUIC_MAX_IDLE_TIMEOUT, tvb, off, end);
                label.append(' ').append(v.value).append(" ms");
                return off + v.length;
            case 0x02:
                p.add(QUIC_STATELESS_RESET_TOKEN, tvb, off, 16);
                return off + 16;
            case 0x03: return suffixed(p, label, QUIC_MAX_UDP_PAYLOAD_SIZE, tvb, off, end);
            case 0x04: return suffixed(p, label, QUIC_INITIAL_MAX_DATA, tvb, off, end);
            case 0x05: return suffixed(p, label, QUIC_MAX_STREAM_DATA_BIDI_LOCAL, tvb, off, end);
            case 0x06: return suffixed(p, label, QUIC_MAX_STREAM_DATA_BIDI_REMOTE, tvb, off, end);
            case 0x07: return suffixed(p, label, QUIC_MAX_STREAM_DATA_UNI, tvb, off, end);
            case 0x08: return suffixed(p, label, QUIC_MAX_STREAMS_BIDI, tvb, off, end);
            case 0x09: return suffixed(p, label, QUIC_MAX_STREAMS_UNI, tvb, off, end);
            case 0x0a:
                v = addVarint(p, QUIC_ACK_DELAY_EXPONENT, tvb, off, end);
                return off + v.length;
            case 0x0b: return suffixed(p, label, QUIC_MAX_ACK_DELAY, tvb, off, end);
            case 0x0c: return off;
            case 0x0d: {
                p.add(QUIC_PA_IPV4, tvb, off, 4);
                off += 4;
                p.add(QUIC_PA_IPV4_PORT, tvb, off, 2);
                off += 2;
                p.add(QUIC_PA_IPV6, tvb, off, 16);
                off += 16;
                p.add(QUIC_PA_IPV6_PORT, tvb, off, 2);
                off += 2;
                Vectors.Length cid = Vectors.add(p, tvb, off, end, QUIC_PA_CID_LEN, 0, 20);
                if (!cid.ok()) return end;
                off += 1;
                p.add(QUIC_PA_CID, tvb, off, cid.length());
                off += cid.length();
                p.add(QUIC_PA_RESET_TOKEN, tvb, off, 16);
                return off + 16;
            }
            case 0x0e: return suffixed(p, label, QUIC_ACTIVE_CID_LIMIT, tvb, off, end);
            case 0x0f:
                p.add(QUIC_INITIAL_SCID, tvb, off, len);
                return off + len;
            case 0x10:
                p.add(QUIC_RETRY_SCID, tvb, off, len);
                return off + len;
            case 0x11: {
                p.addValue(QUIC_VI_CHOSEN_VERSION, tvb, off, 4, tvb.u32(off),
                        "Chosen Version: " + QuicTransportParameterNames.versionLabel(tvb.u32(off)));
                off += 4;
                for (int i = 4; i < len; i += 4) {
                    p.addValue(QUIC_VI_OTHER_VERSION, tvb, off, 4, tvb.u32(off),
                            "Other Version: " + QuicTransportParameterNames.versionLabel(tvb.u32(off)));
                    off += 4;
                }
                return off;
            }
            case 0x20: return suffixed(p, label, QUIC_MAX_DATAGRAM_FRAME_SIZE, tvb, off, end);
            case 0x1000: {
                v = addVarint(p, QUIC_CIBIR_LENGTH, tvb, off, end);
                label.append(" Length: ").append(v.value);
                off += v.length;
                v = addVarint(p, QUIC_CIBIR_OFFSET, tvb, off, end);
                label.append(", Offset: ").append(v.value);
                return off + v.length;
            }
            case 0x1057:
                addVarint(p, QUIC_LOSS_BITS, tvb, off, end);
                return off + 1;
            case 0xde1a: return suffixed(p, label, QUIC_MIN_ACK_DELAY, tvb, off, end);
            case 0x3129:
                p.add(QUIC_GOOGLE_USER_AGENT, tvb, off, len);
                return off + len;
            case 0x312b:
                p.add(QUIC_GOOGLE_KEY_UPDATE_NYS, tvb, off, len);
                return off + len;
            case 0x4752: {
                long ver = tvb.u32(off);
                p.addValue(QUIC_GOOGLE_QUIC_VERSION, tvb, off, 4, ver,
                        "Google QUIC version: " + versionNoGrease(ver));
                off += 4;
                if (c.handshakeType() == HandshakeTypes.ENCRYPTED_EXTENSIONS) {
                    int n = tvb.u8(off);
                    p.add(QUIC_GOOGLE_SUPPORTED_VERSIONS_LEN, tvb, off, 1);
                    off += 1;
                    for (int i = 0; i < n / 4; i++) {
                        long sv = tvb.u32(off);
                        p.addValue(QUIC_GOOGLE_SUPPORTED_VERSION, tvb, off, 4, sv,
                                "Google Supported Version: " + QuicTransportParameterNames.versionLabel(sv));
                        off += 4;
                    }
                }
                return off;
            }
            case 0x3127:
                v = addVarint(p, QUIC_GOOGLE_INITIAL_RTT, tvb, off, end);
                label.append(' ').append(v.value).append(" us");
                return off + v.length;
            case 0x312a:
                p.add(QUIC_GOOGLE_SUPPORT_HANDSHAKE_DONE, tvb, off, len);
                return off + len;
            case 0x4751:
                p.add(QUIC_GOOGLE_QUIC_PARAMS, tvb, off, len);
                p.add(QUIC_GOOGLE_QUIC_PARAMS_UNKNOWN, tvb, off, 4);
                return off + len;
            case 0x3128:
                p.add(QUIC_GOOGLE_CONNECTION_OPTIONS, tvb, off, len);
                return off + len;
            case 0x7157: return off;
            case 0x7158:
                addVarint(p, QUIC_ENABLE_TIME_STAMP_V2, tvb, off, end);
                return off + len;
            case 0xff00:
                addVarint(p, QUIC_FACEBOOK_PARTIAL_RELIABILITY, tvb, off, end);
                return off + len;
            default:
                if (type == 0xff03de1aL) return suffixed(p, label, QUIC_MIN_ACK_DELAY, tvb, off, end);
                return off + len;
        }
    }

    private static String versionNoGrease(long v) {
        String n = QuicTransportParameterNames.quicVersion(v);
        return (n == null ? "Unknown" : n) + " (0x" + QuicTransportParameterNames.hex(v & 0xffffffffL, 8) + ")";
    }

    /** A varint item whose value is also appended to the parameter's label. */
    private static int suffixed(ProtoNode p, StringBuilder label, FieldDef f, Tvb tvb, int off, int end) {
        Varint v = addVarint(p, f, tvb, off, end);
        label.append(' ').append(v.value);
        return off + v.length;
    }
}
