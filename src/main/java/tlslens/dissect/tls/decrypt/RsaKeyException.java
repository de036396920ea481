package tlslens.dissect.tls.decrypt;

/** An RSA key file that gives no usable key: the message says why, in words a user can act on. */
public final class RsaKeyException extends Exception {
    public RsaKeyException(String message) { super(message); }
}
