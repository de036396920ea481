package tlslens.dissect.tls.ext;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.HelloInfo;

import static tlslens.dissect.tls.ExtensionFields.*;

/**
 * Dispatches one extension's body by type, as packet-tls-utils.c's switch in
 * ssl_dissect_hnd_extension does, and records the flags a connection model needs.
 */
public final class ExtensionBodies {
    private ExtensionBodies() {}

    /**
     * Dissects the body [off, end) of an extension of {@code type} under {@code ext}; {@code tvb}
     * ends at the body's end. Returns the offset after what was read (the caller reports leftovers).
     */
    public static int dissect(ExtContext c, ProtoNode ext, Tvb tvb, int type, int off, int end) {
        HelloInfo h = c.hello();
        int hs = c.handshakeType();
        switch (type) {
            case 0: return BasicExtensions.serverName(c, ext, tvb, off, end);
            case 1:
                if (h != null && tvb.has(off, 1)) h.maxFragmentLength = tvb.u8(off);
                ext.add(MAX_FRAGMENT_LENGTH, tvb, off, 1);
                return off + 1;
            case 5:
                if (h != null) h.statusRequest = true;
                if (hs == ExtContext.CLIENT_HELLO) {
                    if (h != null && tvb.has(off, 1)) h.statusRequestType = tvb.u8(off);
                    return StatusRequest.request(ext, tvb, off, end, false);
                }
                if (c.isTls13() && hs == ExtContext.CERTIFICATE) return StatusRequest.certificateStatus(ext, tvb, off, end);
                return off;
            case 9: case 19: case 20: return BasicExtensions.certType(c, ext, tvb, off, end);
            case 10: return BasicExtensions.supportedGroups(c, ext, tvb, off, end);
            case 11: return BasicExtensions.ecPointFormats(c, ext, tvb, off, end);
            case 12: return BasicExtensions.srp(c, ext, tvb, off, end);
            case 13: case 50:
                return SignatureAlgorithmList.dissectList(ext, tvb, off, end,
                        h == null ? null : type == 13 ? h.signatureAlgorithms : h.signatureAlgorithmsCert);
            case 34:
                return SignatureAlgorithmList.delegatedCredentials(c, ext, tvb, off, end);
            case 14: return BasicExtensions.useSrtp(c, ext, tvb, off, end);
            case 15:
                if (h != null && tvb.has(off, 1)) h.heartbeatMode = tvb.u8(off);
                ext.add(HEARTBEAT_MODE, tvb, off, 1);
                return off + 1;
            case 16: return BasicExtensions.alpn(c, ext, tvb, off, end);
            case 17:
                if (h != null) h.statusRequestV2 = true;
                return hs == ExtContext.CLIENT_HELLO ? StatusRequest.requestV2(ext, tvb, off, end) : off;
            case 18:
                if (h != null) h.signedCertificateTimestamp = true;
                if (hs == ExtContext.SERVER_HELLO || hs == ExtContext.ENCRYPTED_EXTENSIONS || hs == ExtContext.CERTIFICATE) {
                    return SignedCertificateTimestamps.dissectList(ext, tvb, off, end, c.version());
                }
                return off;
            case 21:
                if (h != null) h.paddingLength = end - off;
                ext.add(PADDING_DATA, tvb, off, end - off);
                return end;
            case 22:
                if (h != null) h.encryptThenMac = true;
                return off;
            case 23:
                if (h != null) h.extendedMasterSecret = true;
                return off;
            case 27: return BasicExtensions.compressCertificate(c, ext, tvb, off, end);
            case 28:
                if (h != null && tvb.has(off, 2)) h.recordSizeLimit = tvb.u16(off);
                ext.add(RECORD_SIZE_LIMIT, tvb, off, 2);
                return off + 2;
            case 57: case 0xffa5:
                if (h != null) h.quicTransportParameters = tvb.bytes(off, end - off);
                return QuicTransportParameters.dissect(c, ext, tvb, off, end);
            case 35: return BasicExtensions.sessionTicket(c, ext, tvb, off, end);
            case 40: case 51: return KeyShareAndPsk.keyShare(c, ext, tvb, off, end);
            case 41: return KeyShareAndPsk.preSharedKey(c, ext, tvb, off, end);
            case 42: case 46:
                if (h != null) h.earlyData = true;
                if (hs == ExtContext.NEW_SESSION_TICKET) {
                    if (h != null && tvb.has(off, 4)) h.maxEarlyDataSize = tvb.u32(off);
                    ext.add(MAX_EARLY_DATA_SIZE, tvb, off, 4);
                    return off + 4;
                }
                return off;
            case 43: return BasicExtensions.supportedVersions(c, ext, tvb, off, end);
            case 44: return BasicExtensions.cookie(c, ext, tvb, off, end);
            case 45: return BasicExtensions.pskKeyExchangeModes(c, ext, tvb, off, end);
            case 47: return CertificateAuthorities.dissect(ext, tvb, off, end);
            case 48: return CertificateAuthorities.oidFilters(ext, tvb, off, end);
            case 49:
                if (h != null) h.postHandshakeAuth = true;
                return off;
            case 13172: return BasicExtensions.npn(c, ext, tvb, off, end);
            case 17513: return BasicExtensions.alps(c, ext, tvb, off, end);
            case 65281: return BasicExtensions.renegotiationInfo(c, ext, tvb, off, end);
            case 0xffce: return BasicExtensions.esni(c, ext, tvb, off, end);
            case 53: case 54: return BasicExtensions.connectionId(c, ext, tvb, off, end);
            default: {
                ProtoNode data = ext.add(DATA, tvb, off, end - off);
                if (OpaqueExtensions.knows(type)) OpaqueExtensions.decode(c, data, type, tvb, off, end);
                return end;
            }
        }
    }
}
