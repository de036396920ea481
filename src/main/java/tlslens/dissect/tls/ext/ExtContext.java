package tlslens.dissect.tls.ext;

import tlslens.dissect.tls.HelloInfo;

/**
 * What an extension body needs to know besides its bytes: the message that carries it, the
 * protocol version the session speaks (SCT signatures and status_request depend on it), and where
 * to record what it learns.
 *
 * @param handshakeType  1 ClientHello, 2 ServerHello, 6 HelloRetryRequest, 8 EncryptedExtensions,
 *                       11 Certificate, 13 CertificateRequest, 4 NewSessionTicket
 * @param version        the session's version as tshark knows it while dissecting this message
 * @param hello          where facts are recorded; may be null
 */
public record ExtContext(int handshakeType, int version, boolean dtls, HelloInfo hello) {
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int HELLO_RETRY_REQUEST = 6;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int CERTIFICATE_REQUEST = 13;

    public boolean isTls13() { return version == 0x0304 || version == 0xfefc; }

    public boolean clientHello() { return handshakeType == CLIENT_HELLO; }
}
