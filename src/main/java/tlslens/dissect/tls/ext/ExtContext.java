package tlslens.dissect.tls.ext;

import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * What an extension body needs to know besides its bytes: the message that carries it, the
 * protocol version the session speaks (SCT signatures and status_request depend on it), and where
 * to record what it learns.
 *
 * @param handshakeType  the {@link HandshakeTypes} code of the carrying message: ClientHello, ServerHello,
 *                       HelloRetryRequest (also the TLS 1.3 ServerHello form), EncryptedExtensions,
 *                       Certificate, CertificateRequest or NewSessionTicket
 * @param version        the session's version as tshark knows it while dissecting this message
 * @param hello          where facts are recorded; may be null
 */
public record ExtContext(int handshakeType, int version, boolean dtls, HelloInfo hello) {
    public boolean isTls13() { return version == TlsVersions.TLS13 || version == TlsVersions.DTLS13; }

    public boolean clientHello() { return handshakeType == HandshakeTypes.CLIENT_HELLO; }
}
