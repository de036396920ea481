package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;

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
            case ExtensionTypes.SERVER_NAME: return BasicExtensions.serverName(c, ext, tvb, off, end);
            case ExtensionTypes.MAX_FRAGMENT_LENGTH:
                if (h != null && tvb.has(off, 1)) h.maxFragmentLength = tvb.u8(off);
                ext.add(MAX_FRAGMENT_LENGTH, tvb, off, 1);
                return off + 1;
            case ExtensionTypes.STATUS_REQUEST:
                if (h != null) h.statusRequest = true;
                if (hs == HandshakeTypes.CLIENT_HELLO) {
                    if (h != null && tvb.has(off, 1)) h.statusRequestType = tvb.u8(off);
                    return StatusRequest.request(ext, tvb, off, end, false);
                }
                if (c.isTls13() && hs == HandshakeTypes.CERTIFICATE) return StatusRequest.certificateStatus(ext, tvb, off, end);
                return off;
            case ExtensionTypes.CERT_TYPE: case ExtensionTypes.CLIENT_CERTIFICATE_TYPE: case ExtensionTypes.SERVER_CERTIFICATE_TYPE:
                return BasicExtensions.certType(c, ext, tvb, off, end);
            case ExtensionTypes.SUPPORTED_GROUPS: return BasicExtensions.supportedGroups(c, ext, tvb, off, end);
            case ExtensionTypes.EC_POINT_FORMATS: return BasicExtensions.ecPointFormats(c, ext, tvb, off, end);
            case ExtensionTypes.SRP: return BasicExtensions.srp(c, ext, tvb, off, end);
            case ExtensionTypes.SIGNATURE_ALGORITHMS: case ExtensionTypes.SIGNATURE_ALGORITHMS_CERT:
                return SignatureAlgorithmList.dissectList(ext, tvb, off, end,
                        h == null ? null : type == ExtensionTypes.SIGNATURE_ALGORITHMS ? h.signatureAlgorithms : h.signatureAlgorithmsCert);
            case ExtensionTypes.DELEGATED_CREDENTIALS:
                return SignatureAlgorithmList.delegatedCredentials(c, ext, tvb, off, end);
            case ExtensionTypes.USE_SRTP: return BasicExtensions.useSrtp(c, ext, tvb, off, end);
            case ExtensionTypes.HEARTBEAT:
                if (h != null && tvb.has(off, 1)) h.heartbeatMode = tvb.u8(off);
                ext.add(HEARTBEAT_MODE, tvb, off, 1);
                return off + 1;
            case ExtensionTypes.APPLICATION_LAYER_PROTOCOL_NEGOTIATION:
                return BasicExtensions.alpn(c, ext, tvb, off, end);
            case ExtensionTypes.STATUS_REQUEST_V2:
                if (h != null) h.statusRequestV2 = true;
                return hs == HandshakeTypes.CLIENT_HELLO ? StatusRequest.requestV2(ext, tvb, off, end) : off;
            case ExtensionTypes.SIGNED_CERTIFICATE_TIMESTAMP:
                if (h != null) h.signedCertificateTimestamp = true;
                if (hs == HandshakeTypes.SERVER_HELLO || hs == HandshakeTypes.ENCRYPTED_EXTENSIONS || hs == HandshakeTypes.CERTIFICATE) {
                    return SignedCertificateTimestamps.dissectList(ext, tvb, off, end, c.version());
                }
                return off;
            case ExtensionTypes.PADDING:
                if (h != null) h.paddingLength = end - off;
                ext.add(PADDING_DATA, tvb, off, end - off);
                return end;
            case ExtensionTypes.ENCRYPT_THEN_MAC:
                if (h != null) h.encryptThenMac = true;
                return off;
            case ExtensionTypes.EXTENDED_MASTER_SECRET:
                if (h != null) h.extendedMasterSecret = true;
                return off;
            case ExtensionTypes.COMPRESS_CERTIFICATE: return BasicExtensions.compressCertificate(c, ext, tvb, off, end);
            case ExtensionTypes.RECORD_SIZE_LIMIT:
                if (h != null && tvb.has(off, 2)) h.recordSizeLimit = tvb.u16(off);
                ext.add(RECORD_SIZE_LIMIT, tvb, off, 2);
                return off + 2;
            case ExtensionTypes.QUIC_TRANSPORT_PARAMETERS: case ExtensionTypes.QUIC_TRANSPORT_PARAMETERS_DRAFT:
                if (h != null) h.quicTransportParameters = tvb.bytes(off, end - off);
                return QuicTransportParameters.dissect(c, ext, tvb, off, end);
            case ExtensionTypes.SESSION_TICKET: return BasicExtensions.sessionTicket(c, ext, tvb, off, end);
            case ExtensionTypes.KEY_SHARE_OLD: case ExtensionTypes.KEY_SHARE:
                return KeyShareAndPsk.keyShare(c, ext, tvb, off, end);
            case ExtensionTypes.PRE_SHARED_KEY: return KeyShareAndPsk.preSharedKey(c, ext, tvb, off, end);
            case ExtensionTypes.EARLY_DATA: case ExtensionTypes.TICKET_EARLY_DATA_INFO:
                if (h != null) h.earlyData = true;
                if (hs == HandshakeTypes.NEW_SESSION_TICKET) {
                    if (h != null && tvb.has(off, 4)) h.maxEarlyDataSize = tvb.u32(off);
                    ext.add(MAX_EARLY_DATA_SIZE, tvb, off, 4);
                    return off + 4;
                }
                return off;
            case ExtensionTypes.SUPPORTED_VERSIONS: return BasicExtensions.supportedVersions(c, ext, tvb, off, end);
            case ExtensionTypes.COOKIE: return BasicExtensions.cookie(c, ext, tvb, off, end);
            case ExtensionTypes.PSK_KEY_EXCHANGE_MODES: return BasicExtensions.pskKeyExchangeModes(c, ext, tvb, off, end);
            case ExtensionTypes.CERTIFICATE_AUTHORITIES: return CertificateAuthorities.dissect(ext, tvb, off, end);
            case ExtensionTypes.OID_FILTERS: return CertificateAuthorities.oidFilters(ext, tvb, off, end);
            case ExtensionTypes.POST_HANDSHAKE_AUTH:
                if (h != null) h.postHandshakeAuth = true;
                return off;
            case ExtensionTypes.NEXT_PROTOCOL_NEGOTIATION: return BasicExtensions.npn(c, ext, tvb, off, end);
            case ExtensionTypes.APPLICATION_SETTINGS: return BasicExtensions.alps(c, ext, tvb, off, end);
            case ExtensionTypes.RENEGOTIATION_INFO: return BasicExtensions.renegotiationInfo(c, ext, tvb, off, end);
            case ExtensionTypes.ENCRYPTED_SERVER_NAME: return BasicExtensions.esni(c, ext, tvb, off, end);
            case ExtensionTypes.CONNECTION_ID_DEPRECATED: case ExtensionTypes.CONNECTION_ID:
                return BasicExtensions.connectionId(c, ext, tvb, off, end);
            default: {
                ProtoNode data = ext.add(DATA, tvb, off, end - off);
                if (OpaqueExtensions.knows(type)) OpaqueExtensions.decode(c, data, type, tvb, off, end);
                return end;
            }
        }
    }
}
